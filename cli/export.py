"""python -m cli.export --db PATH --out DIR [--athlete NAME] [--today YYYY-MM-DD]

The coach/spreadsheet export of one athlete (--athlete NAME; without it: the only athlete, and a
database of several refuses, naming them) from the command line: daily.csv, weekly.csv, runs.csv and
injury_signal.json, and with a plan ahead plan_check.csv and forecast.csv, computed with the settings stored in the database (the same files as the
Settings page's export). The shell around the pure engine: it opens the database, reads the clock
and writes the files, which analysis/ never does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cli.export", description="Write the coach/spreadsheet export."
    )
    parser.add_argument("--db", required=True, type=Path, help="the Runstrong database file")
    parser.add_argument("--out", required=True, type=Path, help="folder to write the files into")
    parser.add_argument(
        "--athlete",
        metavar="NAME",
        default=None,
        help="whose export (default: the only athlete; a database of several needs it)",
    )
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="as-of date (default: today on this computer)",
    )
    args = parser.parse_args(argv)

    from analysis import Settings, compute_all, csv_bytes, export_frames, json_bytes, plan_frames
    from cli.compute import open_db
    from store import athletes, read

    if not args.db.exists():
        print(f"error: no database at {args.db}; import some files first (python -m ingest)", file=sys.stderr)
        return 2
    con = open_db(args.db)
    try:
        try:
            athlete = athletes.choose(con, args.athlete, create=False)
        except ValueError as exc:  # several athletes and no --athlete, or no such athlete
            print(f"error: {exc}", file=sys.stderr)
            return 2
        settings, problems = Settings.from_dict_problems(read.settings(con, athlete))
        for p in problems:
            print(f"warning: setting {p}; its default is used", file=sys.stderr)
        results = compute_all(
            read.activities(con, athlete),
            hr_seconds=read.hr_seconds(con, athlete),
            laps=read.laps(con, athlete),
            strength_sessions=read.strength_sessions(con, athlete),
            strength_sets=read.strength_sets(con, athlete),
            injuries=read.injuries(con, athlete),
            settings=settings,
            today=args.today or dt.date.today(),
            pace_seconds=read.pace_seconds(con, athlete),
        )
        planned = read.planned_sessions(con, athlete)
    finally:
        con.close()
    args.out.mkdir(parents=True, exist_ok=True)
    files = export_frames(results)
    plan = plan_frames(results, planned)
    if len(plan["forecast.csv"]):  # only with a plan ahead of today
        files.update(plan)
    for name, content in files.items():
        data = json_bytes(content) if name.endswith(".json") else csv_bytes(content)
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
