"""Opening the database, creating its schema, and the one-transaction-per-file rule."""

from __future__ import annotations

import collections
import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

SCHEMA_VERSION = 2
#: The tables whose rows belong to one athlete (an athlete_id column). Version 1 had them without
#: it; the migration recreates them, since DuckDB cannot change a table's UNIQUE or PRIMARY KEY in
#: place (sources was unique on sha256; settings, exercise_regions and csv_mappings keyed without the
#: athlete).
OWNED_TABLES = (
    "sources",
    "activities",
    "strength_sessions",
    "injuries",
    "settings",
    "exercise_regions",
    "merges",
    "deletions",
    "strength_kept_apart",
    "session_notes",
    "planned_sessions",
    "csv_mappings",
    "derived",
)
#: meta's key prefix of each athlete's write counter (athlete_versions).
ATHLETE_VERSION_KEY = "data_version:"
#: A data version is a write counter (meta's data_version, and one per athlete) times this, plus
#: the largest source id (the athlete's own). Every write moves the counter but an import's file:
#: that adds a sources row, whose id is new (a sequence never gives one twice), and the version
#: moves with it. So a file's write needs no UPDATE of meta, which cost 0.8 of its 11 ms (measured).
#: Source ids stay far below it, so two versions are equal only if both parts are.
VERSION_STEP = 1 << 40
#: The athlete a version-1 database's rows become.
FIRST_ATHLETE = "Me"
_VIEWS = ("strength_sessions_merged", "strength_sets_merged")
#: The connection type, for annotations outside the store (pages and ui never import duckdb).
Connection = duckdb.DuckDBPyConnection
# Most writes bump the same meta row (the write counter), and DuckDB refuses the second of two
# concurrent transactions that update one row ("Conflict on update"): the dashboard's sessions,
# which share one connection, take turns to write. Reads never wait.
_WRITER = threading.RLock()
# Write transactions this process committed, per athlete (whatever the database: one more than
# counted only makes a reader read again). Only one process can write a file while it is open,
# so a writer that counted them when it read can tell whether anyone wrote since (counted_read).
_commits: collections.Counter[int | None] = collections.Counter()


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
    try:
        if read_only:
            check_readable(con)
        else:
            ensure_schema(con)
    except BaseException:
        con.close()
        raise
    return con


def _schema_text() -> str:
    return resources.files("store").joinpath("schema.sql").read_text()


def _file_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The schema version the file was written by; None for a new, empty file."""
    cur = con.cursor()
    if not cur.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'meta'").fetchall():
        return None
    rows = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else None


def _outdated(version: int) -> SchemaOutdated:
    return SchemaOutdated(
        f"the database has schema version {version}, this Runstrong needs {SCHEMA_VERSION}: "
        "run `python -m ingest --rebuild` to rebuild it from the raw store"
    )


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables; bring a version-1 file up to date in place (migrate_v1); refuse a
    file of any other version."""
    version = _file_version(con)
    if version == 1:
        migrate_v1(con)
    elif version is not None and version != SCHEMA_VERSION:
        raise _outdated(version)
    con.execute(_schema_text())
    if version is None:
        con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?), ('data_version', '0')",
            [str(SCHEMA_VERSION)],
        ).fetchall()
    with _WRITER:
        _athlete_version_rows(con.cursor())


def check_readable(con: duckdb.DuckDBPyConnection) -> None:
    """A file opened read-only is read as it is: one of an older version (no athletes) cannot be."""
    version = _file_version(con)
    if version is not None and version < SCHEMA_VERSION:
        raise SchemaOutdated(
            f"the database was made by an earlier Runstrong (schema version {version}): open it once "
            "for writing (the dashboard, or `python -m ingest`) to bring it up to date; nothing is re-imported"
        )


def migrate_v1(con: duckdb.DuckDBPyConnection) -> None:
    """Version 1 (one runner) to 2 (athletes), in place and in one transaction, nothing re-parsed:
    each owned table is recreated with its athlete_id (and its keys per athlete), and every row
    becomes the athlete's "Me", athlete 1. The migration is recorded in meta (`migrated_from`), so
    the command line and the dashboard can say it (migration_message)."""
    with _WRITER:
        cur = con.cursor()
        cur.begin()
        try:
            have = {r[0] for r in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
            # The views read strength_sessions by name: they go first and come back with the schema.
            for view in _VIEWS:
                cur.execute(f"DROP VIEW IF EXISTS {view}").fetchall()
            old = [t for t in OWNED_TABLES if t in have]
            for t in old:
                cur.execute(f"ALTER TABLE {t} RENAME TO {t}__v1").fetchall()
            cur.execute(_schema_text()).fetchall()
            now = utc_now()
            athlete = next_id(cur, "athlete_id_seq")
            cur.execute("INSERT INTO athletes VALUES (?, ?, ?)", [athlete, FIRST_ATHLETE, now]).fetchall()
            for t in old:
                new_cols = _columns(cur, t)
                cols = ", ".join(f'"{c}"' for c in _columns(cur, f"{t}__v1") if c in new_cols)
                cur.execute(
                    f"INSERT INTO {t} (athlete_id, {cols}) SELECT ?, {cols} FROM {t}__v1", [athlete]
                ).fetchall()
                cur.execute(f"DROP TABLE {t}__v1").fetchall()
            cur.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)]
            ).fetchall()
            cur.execute(
                "INSERT OR REPLACE INTO meta VALUES ('migrated_from', '1'), ('migrated_at_utc', ?)",
                [now.isoformat(sep=" ", timespec="seconds")],
            ).fetchall()
            bump_data_version(cur)
        except BaseException:
            cur.rollback()
            raise
        cur.commit()


def _columns(cur: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = cur.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]
    ).fetchall()
    return [r[0] for r in rows]


def migration_message(con: duckdb.DuckDBPyConnection) -> str | None:
    """What the migration from version 1 did, in words; None when the file never needed one."""
    rows = con.cursor().execute("SELECT value FROM meta WHERE key = 'migrated_from'").fetchall()
    if not rows:
        return None
    return (
        f"This database was made by an earlier Runstrong, which held one athlete: it was brought up "
        f'to date in place, and all its data now belongs to the athlete "{FIRST_ATHLETE}" (rename '
        "them in Settings). Nothing was re-imported."
    )


def take_migration_message(con: duckdb.DuckDBPyConnection, reader: str) -> str | None:
    """The migration message the first time `reader` ("cli", "dashboard") asks, then None: each
    says it once. Recorded in meta (`migration_said_<reader>`) without bumping the data version."""
    message = migration_message(con)
    if message is None:
        return None
    key = f"migration_said_{reader}"
    with bookkeeping(con) as cur:
        if cur.execute("SELECT 1 FROM meta WHERE key = ?", [key]).fetchall():
            return None
        cur.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", [key]).fetchall()
    return message


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    rows = con.cursor().execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else None


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A number every write moves: the pages' caches are keyed on it. The write counter
    (`write_count`) times VERSION_STEP, plus the largest source id (see VERSION_STEP)."""
    return _data_version(con.cursor())


def _data_version(cur: duckdb.DuckDBPyConnection) -> int:
    # One statement: both parts of one moment.
    count, source = cur.execute(
        "SELECT (SELECT value FROM meta WHERE key = 'data_version'), (SELECT max(source_id) FROM sources)"
    ).fetchall()[0]
    return int(count or 0) * VERSION_STEP + int(source or 0)


def write_count(con: duckdb.DuckDBPyConnection) -> int:
    """The counter every write but an import's file moves (meta's data_version)."""
    rows = con.cursor().execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()
    return int(rows[0][0]) if rows else 0


def bump_data_version(con: duckdb.DuckDBPyConnection, athlete: int | None = None) -> None:
    """Bump the write counter and, for a write of one athlete's rows, the athlete's own
    (athlete_versions), so that what was computed from another athlete's rows stays valid."""
    # `key IN (...)` rather than `key = ... OR key = ...`: a fifth cheaper (measured).
    con.execute(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key IN ('data_version', ?)",
        [None if athlete is None else ATHLETE_VERSION_KEY + str(int(athlete))],
    ).fetchall()


def _athlete_version_rows(con: duckdb.DuckDBPyConnection) -> None:
    """Give each athlete without one their own version row, starting at the write counter (a new
    athlete, or one of a file written before versions were kept per athlete); drop the rows of
    athletes no longer there."""
    con.execute(
        "INSERT INTO meta SELECT ? || athlete_id, (SELECT value FROM meta WHERE key = 'data_version')"
        " FROM athletes WHERE (? || athlete_id) NOT IN (SELECT key FROM meta)",
        [ATHLETE_VERSION_KEY, ATHLETE_VERSION_KEY],
    ).fetchall()
    con.execute(
        "DELETE FROM meta WHERE starts_with(key, ?) AND key NOT IN (SELECT ? || athlete_id FROM athletes)",
        [ATHLETE_VERSION_KEY, ATHLETE_VERSION_KEY],
    ).fetchall()


def athlete_versions(con: duckdb.DuckDBPyConnection, athletes: list[int]) -> dict[int, int]:
    """Each athlete's own version, moved by every write of their rows (and only by those): their
    write counter times VERSION_STEP plus their largest source id. An athlete without a counter
    (a file opened read-only that an earlier Runstrong wrote) gets the data version, which every
    write moves: never a stale match."""
    cur = con.cursor()
    cur.begin()  # the three reads of one moment
    try:
        rows = cur.execute(
            "SELECT key, value FROM meta WHERE starts_with(key, ?)", [ATHLETE_VERSION_KEY]
        ).fetchall()
        tops = cur.execute("SELECT athlete_id, max(source_id) FROM sources GROUP BY athlete_id").fetchall()
        now = _data_version(cur)
    finally:
        cur.rollback()
    own = {int(k[len(ATHLETE_VERSION_KEY) :]): int(v) for k, v in rows}
    top = {int(a): int(s) for a, s in tops}
    return {
        int(a): own[int(a)] * VERSION_STEP + top.get(int(a), 0) if int(a) in own else now for a in athletes
    }


def utc_now() -> dt.datetime:
    """The time a write records, in UTC without a zone (as the TIMESTAMP columns hold it)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def next_id(cur: duckdb.DuckDBPyConnection, sequence: str) -> int:
    return cur.execute(f"SELECT nextval('{sequence}')").fetchall()[0][0]


@contextmanager
def counted_read(
    con: duckdb.DuckDBPyConnection, athlete: int
) -> Iterator[tuple[duckdb.DuckDBPyConnection, int]]:
    """A read with the count of the athlete's write transactions so far in this process, taken
    between writes: the count is unchanged (commits_of) exactly while nothing was written since."""
    with _WRITER:
        yield con.cursor(), _commits[athlete]


def commits_of(athlete: int) -> int:
    """The athlete's write transactions committed by this process so far (see counted_read)."""
    return _commits[athlete]


_ONE_THREAD = threading.Lock()
_one_thread_users: dict[str, tuple[int, str]] = {}  # database file -> (imports using it, threads before)


@contextmanager
def one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB on one thread while an import writes file after file: each of its small statements
    and commits otherwise wakes the whole thread pool, which cost the writer a fifth more CPU per
    file (17 -> 13.7 ms, measured) and took a core from the parsing workers. The setting is the
    database's (every cursor and session shares it): the first import in sets it, the last one
    out puts back what was there."""
    cur = con.cursor()  # the connection may be another session's at this moment: a cursor of our own
    key = str(
        cur.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchall()
    )
    with _ONE_THREAD:
        users, before = _one_thread_users.get(key, (0, ""))
        if users == 0:
            before = str(cur.execute("SELECT current_setting('threads')").fetchall()[0][0])
            cur.execute("SET threads = 1").fetchall()
        _one_thread_users[key] = (users + 1, before)
    try:
        yield
    finally:
        with _ONE_THREAD:
            users, before = _one_thread_users.pop(key)
            if users > 1:
                _one_thread_users[key] = (users - 1, before)
            else:
                cur.execute(f"SET threads = {int(before)}").fetchall()


@contextmanager
def bookkeeping(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A write that is no training data (what was said to the runner, what was computed and kept):
    the writers' turn, each statement its own transaction, and the data version left alone, so the
    pages' caches stay valid."""
    with _WRITER:
        yield con.cursor()


@contextmanager
def transaction(
    con: duckdb.DuckDBPyConnection, athlete: int | None, new_source: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: a file's rows land together or not at all. ``athlete``: whose rows the
    transaction writes (their data version moves with it), None for a write about the athletes
    themselves (a name, a new or deleted athlete), which changes nobody's training data. Required,
    so that no writer can forget to say it. ``new_source``: the transaction adds a sources row
    (an import's file, store.write), whose new id moves the versions: the counters stay."""
    with _WRITER:
        cur = con.cursor()
        cur.begin()
        try:
            yield cur
        except BaseException:
            cur.rollback()
            raise
        else:
            if not new_source:
                bump_data_version(cur, athlete)
            if athlete is None:  # athletes may have come or gone
                _athlete_version_rows(cur)
            cur.commit()
            _commits[athlete] += 1
