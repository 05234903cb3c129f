"""Joining a watch strength session with the same workout logged in an app, and undoing it.

Which pairs are the same workout is the caller's rule (`Pairing`, ingest.strength_merge): the
store finds the candidates, records the pair it is told (the app row's `merged_into`, a `merges`
row) and keeps the runner's "keep apart" choices so neither a re-import nor a rebuild joins such
a pair again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import duckdb

from store.db import transaction, utc_now

# (new session's row, whether it is the watch's, candidate rows, rivals) -> the session_id it joins
Pairing = Callable[[dict[str, Any], bool, list[dict[str, Any]], int], int | None]


# The queries below are the athlete's own rows only (a pair is never joined across athletes):
# the id is written in as an integer, since they nest inside each other's parameters.
# A watch session's span runs over the activity's elapsed time (pauses included), as the gym
# clock and the app see it; a session without an activity row falls back on its own duration.
def _watch(athlete: int) -> str:
    return f"""
    SELECT x.session_id, x.source_id, x.local_date, x.start_time_local, x.start_time_utc,
           coalesce(a.elapsed_s, x.duration_s) AS duration_s
    FROM strength_sessions x LEFT JOIN activities a ON a.activity_id = x.activity_id
    WHERE x.athlete_id = {int(athlete)} AND x.activity_id IS NOT NULL AND x.merged_into IS NULL
      AND NOT EXISTS (SELECT 1 FROM strength_sessions p WHERE p.merged_into = x.session_id)
"""


def _app(athlete: int) -> str:
    return f"""
    SELECT x.session_id, x.source_id, x.local_date, x.start_time_local, x.start_time_utc, x.duration_s,
           x.app, x.name
    FROM strength_sessions x
    WHERE x.athlete_id = {int(athlete)} AND x.activity_id IS NULL AND x.merged_into IS NULL
"""


def _apart(athlete: int) -> str:
    return f"""
    EXISTS (SELECT 1 FROM strength_kept_apart k
            WHERE k.athlete_id = {int(athlete)}
              AND k.watch_start_utc = w.start_time_utc AND k.app IS NOT DISTINCT FROM p.app
              AND k.app_local_date = p.local_date AND k.app_start_local IS NOT DISTINCT FROM p.start_time_local
              AND k.app_name IS NOT DISTINCT FROM p.name)
"""


def _rows(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def join_new(
    cur: duckdb.DuckDBPyConnection,
    athlete: int,
    session_id: int,
    is_watch: bool,
    pairing: Pairing,
    now_utc: dt.datetime,
) -> dict[str, Any] | None:
    """Pair the athlete's session just written with its counterpart among their sessions already
    stored, if the rule finds one. Returns the counterpart's row (with its source_id) when joined."""
    if not _other_kind_that_day(cur, session_id):
        return None
    _WATCH, _APP, _APART = _watch(athlete), _app(athlete), _apart(athlete)
    own = _rows(cur, f"SELECT * FROM ({_WATCH if is_watch else _APP}) WHERE session_id = ?", [session_id])
    if not own:
        return None
    new = own[0]
    if is_watch:
        candidates = _rows(
            cur,
            f"SELECT p.* FROM ({_APP}) p, (SELECT ? AS start_time_utc) w WHERE p.local_date = ? AND NOT {_APART}"
            " ORDER BY p.session_id",
            [new["start_time_utc"], new["local_date"]],
        )
        rivals = _count(
            cur,
            f"SELECT count(*) FROM ({_WATCH}) WHERE local_date = ? AND session_id <> ?",
            [new["local_date"], session_id],
        )
    else:
        candidates = _rows(
            cur,
            f"SELECT w.* FROM ({_WATCH}) w, (SELECT ?::VARCHAR AS app, ?::DATE AS local_date,"
            f" ?::TIMESTAMP AS start_time_local, ?::VARCHAR AS name) p"
            f" WHERE w.local_date = p.local_date AND NOT {_APART} ORDER BY w.session_id",
            [new["app"], new["local_date"], new["start_time_local"], new["name"]],
        )
        rivals = _count(
            cur,
            f"SELECT count(*) FROM ({_APP}) WHERE local_date = ? AND session_id <> ?"
            " AND (start_time_local IS NULL OR ?::TIMESTAMP IS NOT NULL)",
            [new["local_date"], session_id, new["start_time_local"]],
        )
    chosen = pairing(new, is_watch, candidates, rivals)
    if chosen is None:
        return None
    other = next(c for c in candidates if c["session_id"] == chosen)
    watch, app = (new, other) if is_watch else (other, new)
    cur.execute(
        "UPDATE strength_sessions SET merged_into = ? WHERE session_id = ?",
        [watch["session_id"], app["session_id"]],
    ).fetchall()
    cur.execute(
        "INSERT INTO merges (athlete_id, kind, kept_id, source_id, role, sport, start_time_utc, distance_m,"
        " merged_at_utc) VALUES (?, 'strength_session', ?, ?, 'absorbed', 'strength', ?, NULL, ?)",
        [athlete, watch["session_id"], app["source_id"], app["start_time_utc"], now_utc],
    ).fetchall()
    return other


def _other_kind_that_day(cur: duckdb.DuckDBPyConnection, session_id: int) -> bool:
    """Whether the session's athlete has an unpaired session of the other kind (watch or app) on its
    day: the candidates below are among those. Most have none (a runner logs a workout in one
    place), and this one look costs a sixth of the three queries a pairing takes (measured)."""
    return bool(
        cur.execute(
            "SELECT 1 FROM strength_sessions n JOIN strength_sessions o"
            " ON o.athlete_id = n.athlete_id AND o.local_date = n.local_date"
            " AND (o.activity_id IS NULL) = (n.activity_id IS NOT NULL)"
            " WHERE n.session_id = ? AND o.merged_into IS NULL LIMIT 1",
            [session_id],
        ).fetchall()
    )


def _count(cur: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> int:
    return int(cur.execute(sql, params).fetchall()[0][0])


def release(cur: duckdb.DuckDBPyConnection, watch_ids: list[int]) -> None:
    """The watch sessions are going (replaced by a richer copy of their file): their app
    workouts stand alone again, until the new copy is paired."""
    for sid in watch_ids:
        cur.execute(
            "DELETE FROM merges WHERE kind = 'strength_session' AND kept_id = ? AND source_id IN"
            " (SELECT source_id FROM strength_sessions WHERE merged_into = ?)",
            [sid, sid],
        ).fetchall()
        cur.execute("UPDATE strength_sessions SET merged_into = NULL WHERE merged_into = ?", [sid]).fetchall()


def split(
    con: duckdb.DuckDBPyConnection, athlete: int, app_session_id: int, now_utc: dt.datetime | None = None
) -> bool:
    """Undo a join of the athlete's: the app workout stands alone again, and the pair is remembered
    as two workouts. Returns False when the session was not joined (undone already) or is not theirs."""
    now_utc = now_utc or utc_now()
    with transaction(con, athlete) as cur:
        found = cur.execute(
            "SELECT p.merged_into, p.source_id, w.start_time_utc, p.app, p.local_date, p.start_time_local, p.name"
            " FROM strength_sessions p JOIN strength_sessions w ON w.session_id = p.merged_into"
            " WHERE p.session_id = ? AND p.athlete_id = ?",
            [app_session_id, athlete],
        ).fetchall()
        if not found:
            return False
        watch_id, source_id, watch_start, app, day, start, name = found[0]
        cur.execute(
            "INSERT INTO strength_kept_apart (athlete_id, watch_start_utc, app, app_local_date, app_start_local,"
            " app_name, decided_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [athlete, watch_start, app, day, start, name, now_utc],
        ).fetchall()
        cur.execute(
            "UPDATE strength_sessions SET merged_into = NULL WHERE session_id = ?", [app_session_id]
        ).fetchall()
        cur.execute(
            "DELETE FROM merges WHERE kind = 'strength_session' AND kept_id = ? AND source_id = ?",
            [watch_id, source_id],
        ).fetchall()
    return True
