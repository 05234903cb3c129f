"""python -m analysis roster [--out roster.csv] [--db PATH] [--today YYYY-MM-DD]

The coach's roster from the command line: one row per athlete (analysis.roster), sorted by how much
attention each needs, as CSV to a file or to stdout. The reference date defaults to the latest data
day across the athletes, never after today, as on the Roster page. `python -m cli roster` is the
same command.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import config
from cli.options import add_db_and_today


def main(argv: list[str] | None = None, prog: str = "python -m cli roster") -> int:
    parser = argparse.ArgumentParser(
        prog=prog, description="One row per athlete, sorted by how much attention each needs."
    )
    parser.add_argument("--out", type=Path, default=None, help="CSV file to write (default: stdout)")
    add_db_and_today(
        parser, "reference date (default: the latest data day across the athletes, at most today)"
    )
    args = parser.parse_args(argv)

    from analysis import csv_bytes, roster
    from cli.compute import athlete_results, opened
    from store import athletes, read

    with opened(args.db) as con:
        if con is None:
            return 2
        listing = athletes.listing(con)
        if listing.empty:
            print(
                f"error: {args.db or config.db_path()} holds no athlete yet; import some files first"
                " (python -m ingest)",
                file=sys.stderr,
            )
            return 2
        ids = [int(i) for i in listing["athlete_id"]]
        today = args.today or roster.reference_date(read.last_data_days(con, ids).values(), dt.date.today())
        rows = [
            {"athlete_id": a, "name": str(name), **roster.roster_row(athlete_results(con, a, today))}
            for a, name in zip(ids, listing["name"], strict=True)
        ]
    import pandas as pd

    ordered = roster.attention_order(rows)
    frame = pd.DataFrame([roster.flat(r) for r in ordered], columns=["athlete_id", "name", *roster.COLUMNS])
    data = csv_bytes(frame)
    if args.out is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(data)
        print(f"wrote {args.out}: {len(rows)} athletes as of {today:%d %b %Y}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
