"""python -m analysis export --out DIR [--athlete NAME] [--db PATH] [--today YYYY-MM-DD]

The coach/spreadsheet export of one athlete (--athlete NAME; without it: the only athlete, and a
database of several refuses, naming them) from the command line: daily.csv, weekly.csv, runs.csv and
injury_signal.json, and with a plan ahead plan_check.csv and forecast.csv, computed with the settings
stored in the database (the same files as the Settings page's export). The shell around the pure
engine: it opens the database, reads the clock and writes the files, which analysis/ never does.
`python -m cli export` and `python -m cli.export` are the same command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cli.options import add_athlete, add_db_and_today, chosen_athlete


def main(argv: list[str] | None = None, prog: str = "python -m cli.export") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Write the coach/spreadsheet export.")
    parser.add_argument("--out", required=True, type=Path, help="folder to write the files into")
    add_athlete(parser, "export")
    add_db_and_today(parser)
    args = parser.parse_args(argv)

    from analysis import csv_bytes, export_frames, json_bytes, plan_frames
    from cli.compute import athlete_results, opened
    from store import read

    with opened(args.db) as con:
        if con is None:
            return 2
        athlete = chosen_athlete(con, args.athlete)
        if athlete is None:
            return 2
        results = athlete_results(con, athlete, args.today or dt.date.today(), warn=True)
        planned = read.planned_sessions(con, athlete)
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
