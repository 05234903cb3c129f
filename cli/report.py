"""python -m analysis report --week YYYY-MM-DD --out DIR [--athlete NAME] [--db PATH] [--today YYYY-MM-DD]

The weekly report of one athlete (--athlete NAME; without it: the only athlete, and a database of
several refuses, naming them) from the command line: one self-contained HTML file for the week holding the
given day (weeks begin on the runner's week start), drawn by the same code as the dashboard's
download (ui.report_html). The shell around the pure engine: it opens the database, reads the clock
and writes the file, which analysis/ never does. `python -m cli report` is the same command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cli.options import add_athlete, add_db_and_today, chosen_athlete


def main(argv: list[str] | None = None, prog: str = "python -m cli report") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description="Write one athlete's weekly report as an HTML file."
    )
    parser.add_argument(
        "--week", required=True, type=dt.date.fromisoformat, help="any day of the week (YYYY-MM-DD)"
    )
    parser.add_argument("--out", required=True, type=Path, help="folder to write the report into")
    add_athlete(parser, "report")
    add_db_and_today(parser)
    args = parser.parse_args(argv)

    from analysis import week_facts
    from cli.compute import athlete_results, opened
    from store import athletes
    from ui import report_html

    with opened(args.db) as con:
        if con is None:
            return 2
        athlete = chosen_athlete(con, args.athlete)
        if athlete is None:
            return 2
        listing = athletes.listing(con)
        named = listing.loc[listing["athlete_id"] == athlete, "name"]
        name = str(named.iloc[0]) if len(named) else "Me"
        results = athlete_results(con, athlete, args.today or dt.date.today(), warn=True)
    facts = week_facts(results, args.week)
    if facts["state"] == "future":
        print(
            f"error: the week from {facts['week_start']} has not begun (the log is as of {facts['as_of']}); "
            "give a day of a week that has",
            file=sys.stderr,
        )
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / report_html.file_name(name, facts["week_start"])
    path.write_text(report_html.report(results, args.week, name), encoding="utf-8")
    if not facts["has_data"]:
        print(
            f"note: the week from {facts['week_start']} holds no training; the report says where the data is"
        )
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
