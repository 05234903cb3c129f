"""One athlete's Results from an open database: the store's frames and settings through the pure
engine (the command lines' counterpart of ui.data.results)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from analysis import Results, Settings, compute_all
from store import read


def athlete_results(con, athlete: int, today: dt.date, warn: bool = False) -> Results:
    """compute_all of the athlete's rows as of ``today`` with their stored settings; with ``warn``,
    a setting that cannot be read is said on stderr (its default is used)."""
    settings, problems = Settings.from_dict_problems(read.settings(con, athlete))
    if warn:
        for p in problems:
            print(f"warning: setting {p}; its default is used", file=sys.stderr)
    return compute_all(
        read.activities(con, athlete),
        hr_seconds=read.hr_seconds(con, athlete),
        laps=read.laps(con, athlete),
        strength_sessions=read.strength_sessions(con, athlete),
        strength_sets=read.strength_sets(con, athlete),
        injuries=read.injuries(con, athlete),
        settings=settings,
        today=today,
        pace_seconds=read.pace_seconds(con, athlete),
    )


def open_db(path: Path):
    """The database, read-only; one made by an earlier Runstrong is brought up to date in place
    first, and that is said on stderr (once: store.db records it)."""
    from store import SchemaOutdated, connect, take_migration_message

    try:
        return connect(path, read_only=True)
    except SchemaOutdated:
        con = connect(path)
        if message := take_migration_message(con, "cli"):
            print(message, file=sys.stderr)
        return con


@contextmanager
def opened(path: Path | None) -> Iterator[Any]:
    """The database a command reads (``path``, else the dashboard's), open read-only (open_db) for
    the ``with`` block and closed after it; None when there is no such file, which is said on
    stderr (cli.options.existing_db)."""
    from cli.options import existing_db

    db = existing_db(path)
    if db is None:
        yield None
        return
    con = open_db(db)
    try:
        yield con
    finally:
        con.close()
