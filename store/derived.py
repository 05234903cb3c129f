"""What the dashboard computed from an athlete's rows, kept to spare a fresh start the work.

A value is stored under a key the caller builds from everything it was computed from (the
athlete's data version, store.db.athlete_versions, among them), and read back only under the same
key. Writing it is not a write of training data: it does not move the data version (which would
throw away every page's cache).
"""

from __future__ import annotations

import logging

import duckdb

from store.db import bookkeeping, utc_now

log = logging.getLogger(__name__)


def _has_table(con: duckdb.DuckDBPyConnection) -> bool:
    """A file opened read-only that an earlier Runstrong wrote has no table for it yet."""
    rows = con.cursor().execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'derived'")
    return bool(rows.fetchall()[0][0])


def stored(con: duckdb.DuckDBPyConnection, athletes: list[int], kind: str) -> dict[int, tuple[str, str]]:
    """athlete id -> (key, value) of the ``kind`` kept for each of ``athletes`` (those with one)."""
    if not athletes or not _has_table(con):
        return {}
    rows = (
        con.cursor()
        .execute(
            "SELECT athlete_id, key, value FROM derived WHERE kind = ? AND list_contains(?, athlete_id)",
            [kind, [int(a) for a in athletes]],
        )
        .fetchall()
    )
    return {int(a): (str(k), str(v)) for a, k, v in rows}


def keep(con: duckdb.DuckDBPyConnection, athlete: int, kind: str, key: str, value: str) -> bool:
    """Keep ``value`` (JSON) as the athlete's ``kind`` under ``key``, replacing the one before.
    Keeping only saves work later: when it cannot be done (a read-only file, a full disk), the
    caller goes on with what it computed, and False says it was not kept."""
    try:
        with bookkeeping(con) as cur:
            cur.execute(
                "INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?, ?)",
                [int(athlete), kind, key, value, utc_now()],
            ).fetchall()
    except duckdb.Error as exc:
        log.warning("could not keep the %s of athlete %s: %s", kind, athlete, exc)
        return False
    return True
