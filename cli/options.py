"""What every analysis command line shares: the --db, --today and --athlete options, the refusal of a
database file that is not there, and the choice of the athlete. Light on purpose (no store, no
analysis at import): `--help` answers without loading the engine."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import config

AS_OF_HELP = "as-of date (default: today on this computer)"


def add_db_and_today(parser: argparse.ArgumentParser, today_help: str = AS_OF_HELP) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="the Runstrong database file (default: the dashboard's, RUNSTRONG_DB)",
    )
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=today_help)


def add_athlete(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--athlete",
        metavar="NAME",
        default=None,
        help=f"whose {what} (default: the only athlete; a database of several needs it)",
    )


def existing_db(path: Path | None) -> Path | None:
    """The database file to read: ``path``, else the dashboard's. None when there is no such file,
    which is said on stderr (a command line never creates an empty database by reading one)."""
    db = path or config.db_path()
    if not db.exists():
        print(f"error: no database at {db}; import some files first (python -m ingest)", file=sys.stderr)
        return None
    return db


def chosen_athlete(con, name: str | None) -> int | None:
    """The athlete named (or the only one); None when there are several and no name, or no one of
    that name, which is said on stderr with the names there are."""
    from store import athletes

    try:
        return athletes.choose(con, name, create=False)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
