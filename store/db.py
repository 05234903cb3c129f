"""Opening the database, creating its schema, and the one-transaction-per-file rule."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

SCHEMA_VERSION = 1
#: The connection type, for annotations outside the store (pages and ui never import duckdb).
Connection = duckdb.DuckDBPyConnection
# Every write bumps the same meta row (the data version), and DuckDB refuses the second of two
# concurrent transactions that update one row ("Conflict on update"): the dashboard's sessions,
# which share one connection, take turns to write. Reads never wait.
_WRITER = threading.RLock()


class DatabaseBusy(RuntimeError):
    """Another process (usually the running dashboard) holds the database file."""


class SchemaOutdated(RuntimeError):
    """The file was written by another schema version: rebuild it from the raw store."""


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and if needed create) the database at `path`.

    DuckDB lets one process write a file at a time; a second process gets a lock error, which we
    turn into one sentence a runner can act on instead of a traceback.
    """
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusy(
                f"{path} is in use by another program (is the dashboard running?). "
                "Import through the dashboard's Upload page, or stop the dashboard and try again."
            ) from exc
        raise
    if not read_only:
        ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables; refuse a file of another schema version."""
    con.execute(resources.files("store").joinpath("schema.sql").read_text())
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    row = rows[0] if rows else None
    if row is None:
        con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?), ('data_version', '0')",
            [str(SCHEMA_VERSION)],
        ).fetchall()
    elif int(row[0]) != SCHEMA_VERSION:
        raise SchemaOutdated(
            f"the database has schema version {row[0]}, this Runstrong needs {SCHEMA_VERSION}: "
            "run `python -m ingest --rebuild` to rebuild it from the raw store"
        )


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    rows = con.cursor().execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else None


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A counter bumped by every write: the pages' caches are keyed on it."""
    rows = con.cursor().execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()
    return int(rows[0][0]) if rows else 0


def bump_data_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'"
    ).fetchall()


def utc_now() -> dt.datetime:
    """The time a write records, in UTC without a zone (as the TIMESTAMP columns hold it)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def next_id(cur: duckdb.DuckDBPyConnection, sequence: str) -> int:
    return cur.execute(f"SELECT nextval('{sequence}')").fetchall()[0][0]


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: a file's rows land together or not at all."""
    with _WRITER:
        cur = con.cursor()
        cur.begin()
        try:
            yield cur
        except BaseException:
            cur.rollback()
            raise
        else:
            bump_data_version(cur)
            cur.commit()
