"""Named read queries. Each returns a pandas DataFrame with the table's own column names,
so analysis/ can rely on the schema's contract. A fresh cursor per query (thread safety).

Every read of an athlete's rows takes the athlete's id as its second parameter, required: a query
that forgets whose data it reads cannot be written. The one install-wide read (table_names) says
so."""

from __future__ import annotations

import json
from typing import Any

import duckdb
import pandas as pd

from domain.plan import COLUMNS as PLAN_COLUMNS
from store.db import ATHLETE_VERSION_KEY


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    return con.cursor().execute(sql, params or []).df()


def sources(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    return _frame(con, "SELECT * FROM sources WHERE athlete_id = ? ORDER BY source_id", [athlete])


# The runner's own RPE (it wins over a file's) and note, matched as store.edits.save_session_note
# wrote them: an activity by start and sport, a strength session by day, start and name.
_ACTIVITY_NOTE = (
    "LEFT JOIN session_notes n ON n.athlete_id = a.athlete_id AND n.kind = 'activity'"
    " AND n.start_time_utc = a.start_time_utc"
    " AND n.label IS NOT DISTINCT FROM a.sport"
)
_SESSION_NOTE = (
    "LEFT JOIN session_notes n ON n.athlete_id = s.athlete_id AND n.kind = 'strength_session'"
    " AND n.local_date = s.local_date"
    " AND n.start_time_utc IS NOT DISTINCT FROM s.start_time_utc AND n.label IS NOT DISTINCT FROM s.name"
)


def _has_notes(con: duckdb.DuckDBPyConnection) -> bool:
    """A file opened read-only by an older Runstrong has no session_notes table yet (opening it
    for writing adds it)."""
    rows = con.cursor().execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'session_notes'")
    return bool(rows.fetchall()[0][0])


def _strength(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """The strength sessions and sets as the dashboard counts them (the views that read a joined
    watch and app workout as one). A file opened read-only by an older Runstrong has no views yet,
    and no joined pairs either: its tables are read as they are."""
    rows = (
        con.cursor()
        .execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'strength_sets_merged'")
        .fetchall()
    )
    if rows[0][0]:
        return "strength_sessions_merged", "strength_sets_merged"
    return "strength_sessions", "strength_sets"


def activities(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    """Every activity; the runner's own session RPE and note, when given, win over the file's."""
    if not _has_notes(con):
        return _frame(
            con,
            "SELECT * FROM activities WHERE athlete_id = ? ORDER BY start_time_utc, activity_id",
            [athlete],
        )
    return _frame(
        con,
        "SELECT a.* REPLACE (COALESCE(n.rpe, a.rpe) AS rpe, COALESCE(n.note, a.note) AS note) FROM activities a "
        f"{_ACTIVITY_NOTE} WHERE a.athlete_id = ? ORDER BY a.start_time_utc, a.activity_id",
        [athlete],
    )


# The rows of the child tables that belong to the athlete (through their activity).
_OWN_ACTIVITY = "activity_id IN (SELECT activity_id FROM activities WHERE athlete_id = ?)"


def laps(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    return _frame(con, f"SELECT * FROM laps WHERE {_OWN_ACTIVITY} ORDER BY activity_id, lap_index", [athlete])


def records(con: duckdb.DuckDBPyConnection, athlete: int, activity_id: int) -> pd.DataFrame:
    return _frame(
        con,
        f"SELECT * FROM records WHERE activity_id = ? AND {_OWN_ACTIVITY} ORDER BY timestamp_utc",
        [activity_id, athlete],
    )


def hr_seconds(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    return _frame(
        con, f"SELECT * FROM hr_seconds WHERE {_OWN_ACTIVITY} ORDER BY activity_id, heart_rate", [athlete]
    )


def pace_seconds(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    return _frame(
        con,
        f"SELECT * FROM pace_seconds WHERE {_OWN_ACTIVITY} ORDER BY activity_id, pace_s_per_km",
        [athlete],
    )


def zone_hints(
    con: duckdb.DuckDBPyConnection, athlete: int, limit: int = 400
) -> tuple[str | None, list[tuple]]:
    """The runner's `timezone` setting (None when unset) and the (start_time_utc, utc_offset_s) of
    their latest watch activities whose offset the file stated: what places a CSV wall clock."""
    cur = con.cursor()
    rows = cur.execute(
        "SELECT value FROM settings WHERE athlete_id = ? AND key = 'timezone'", [athlete]
    ).fetchall()
    setting = json.loads(rows[0][0]) if rows else None
    offsets = cur.execute(
        "SELECT start_time_utc, utc_offset_s FROM activities WHERE athlete_id = ?"
        " AND local_time_basis IN ('local_timestamp', 'file_offset') AND utc_offset_s IS NOT NULL"
        " ORDER BY start_time_utc DESC LIMIT ?",
        [athlete, limit],
    ).fetchall()
    return (setting if isinstance(setting, str) else None), offsets


def strength_sessions(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    """One row per workout: a watch session joined with the same workout from an app is one row
    (the view strength_sessions_merged), the app's own row is read through it; with the runner's
    own session RPE and note when given."""
    if not _has_notes(con):
        return _frame(
            con,
            f"SELECT *, NULL::VARCHAR AS note FROM {_strength(con)[0]} WHERE athlete_id = ?"
            " ORDER BY local_date, session_id",
            [athlete],
        )
    return _frame(
        con,
        f"SELECT s.* REPLACE (COALESCE(n.rpe, s.rpe) AS rpe), n.note AS note FROM {_strength(con)[0]} s "
        f"{_SESSION_NOTE} WHERE s.athlete_id = ? ORDER BY s.local_date, s.session_id",
        [athlete],
    )


def last_data_days(con: duckdb.DuckDBPyConnection, athletes: list[int]) -> dict[int, Any]:
    """Each of ``athletes``' latest day with an activity or a strength session (as counted: the
    view's rows), None without any: one query for a coach's whole roster."""
    rows = (
        con.cursor()
        .execute(
            "SELECT athlete_id, max(local_date) FROM (SELECT athlete_id, local_date FROM activities"
            f" UNION ALL SELECT athlete_id, local_date FROM {_strength(con)[0]})"
            " WHERE list_contains(?, athlete_id) GROUP BY athlete_id",
            [[int(a) for a in athletes]],
        )
        .fetchall()
    )
    last = {int(a): day for a, day in rows}
    return {int(a): last.get(int(a)) for a in athletes}


# A set belongs to the athlete of its session; their own regions win over the shipped table's.
_OWN_SET = "s.session_id IN (SELECT session_id FROM strength_sessions WHERE athlete_id = ?)"
_OWN_REGION = "LEFT JOIN exercise_regions u ON u.athlete_id = ? AND u.exercise = lower(s.exercise)"


def strength_sets(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    """Sets with the runner's own region assignments winning over the shipped table's (a joined
    workout's sets are the app's, under the watch session's id)."""
    sets = _strength(con)[1]
    return _frame(
        con,
        f"""
        SELECT s.session_id, s.set_index, s.exercise, COALESCE(u.region, s.region) AS region,
               s.set_type, s.reps, s.weight_kg, s.duration_s, s.rpe
        FROM {sets} s
        {_OWN_REGION}
        WHERE {_OWN_SET}
        ORDER BY s.session_id, s.set_index
        """,
        [athlete, athlete],
    )


def injuries(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    return _frame(
        con, "SELECT * FROM injuries WHERE athlete_id = ? ORDER BY onset_date, injury_id", [athlete]
    )


def planned_sessions(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    """The runner's plan, by day and planned time; empty (with the columns) in a database opened
    read-only by an older Runstrong, which has no plan table yet."""
    has = con.cursor().execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'planned_sessions'")
    if not has.fetchall()[0][0]:
        return pd.DataFrame(columns=["plan_id", "athlete_id", *PLAN_COLUMNS, "source_id", "edited_at_utc"])
    return _frame(
        con,
        "SELECT * FROM planned_sessions WHERE athlete_id = ? ORDER BY planned_date, time_local NULLS LAST, plan_id",
        [athlete],
    )


def settings(con: duckdb.DuckDBPyConnection, athlete: int) -> dict[str, Any]:
    rows = con.cursor().execute("SELECT key, value FROM settings WHERE athlete_id = ?", [athlete]).fetchall()
    return {key: json.loads(value) for key, value in rows}


def csv_mappings(con: duckdb.DuckDBPyConnection, athlete: int) -> dict[str, str]:
    """The athlete's saved column mappings: header signature -> the mapping's JSON (newest saved last)."""
    rows = (
        con.cursor()
        .execute(
            "SELECT signature, mapping FROM csv_mappings WHERE athlete_id = ? ORDER BY saved_at_utc",
            [athlete],
        )
        .fetchall()
    )
    return dict(rows)


def failed_sources(
    con: duckdb.DuckDBPyConnection, athlete: int, message_start: str = ""
) -> list[tuple[str, str]]:
    """(file_name, sha256) of files offered directly that failed (with a message that begins so),
    newest first."""
    sql = (
        "SELECT file_name, sha256 FROM sources WHERE athlete_id = ? AND status = 'failed'"
        " AND parent_sha256 IS NULL AND starts_with(message, ?) ORDER BY imported_at_utc DESC, source_id DESC"
    )
    return con.cursor().execute(sql, [athlete, message_start]).fetchall()


def came_in(con: duckdb.DuckDBPyConnection, athlete: int, source_ids: list[int]) -> dict[str, Any]:
    """What the given files brought: activities per sport and their date span, strength sessions
    and their span, injuries (rows that are theirs, not the ones merged into older rows)."""
    cur = con.cursor()
    # Only the athlete's own files: a source id of someone else's brings nothing here.
    ids = [
        int(r[0])
        for r in cur.execute(
            "SELECT source_id FROM sources WHERE athlete_id = ? AND source_id IN (SELECT unnest(?))",
            [athlete, [int(i) for i in source_ids]],
        ).fetchall()
    ] or [-1]
    marks = ", ".join("?" for _ in ids)
    sports = cur.execute(
        f"SELECT sport, count(*), min(local_date), max(local_date) FROM activities WHERE source_id IN ({marks})"
        " GROUP BY sport ORDER BY count(*) DESC, sport",
        ids,
    ).fetchall()
    # A workout joined with another file's (the watch's session and an app's log of it) is one
    # workout: counted once, and not at all when the other file was imported before these.
    joined = (
        f" AND x.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM strength_sessions p"
        f" WHERE p.merged_into = x.session_id AND p.source_id NOT IN ({marks}))"
        if _strength(con)[0] == "strength_sessions_merged"
        else ""
    )
    strength = cur.execute(
        "SELECT count(*), min(local_date), max(local_date) FROM strength_sessions x"
        f" WHERE source_id IN ({marks}){joined}",
        ids + ids if joined else ids,
    ).fetchall()[0]
    injuries = cur.execute(
        f"SELECT count(*), min(onset_date), max(onset_date) FROM injuries WHERE source_id IN ({marks})", ids
    ).fetchall()[0]
    return {
        "sports": [(s, n) for s, n, _, _ in sports],
        "first": min(
            [r[2] for r in sports] + [d for d in (strength[1], injuries[1]) if d is not None], default=None
        ),
        "last": max(
            [r[3] for r in sports] + [d for d in (strength[2], injuries[2]) if d is not None], default=None
        ),
        "strength_sessions": strength[0],
        "injuries": injuries[0],
    }


# How each counted table's rows are the athlete's: their own column, or their parent's.
_COUNTED = {
    "sources": "athlete_id = ?",
    "activities": "athlete_id = ?",
    "laps": _OWN_ACTIVITY,
    "records": _OWN_ACTIVITY,
    "hr_seconds": _OWN_ACTIVITY,
    "pace_seconds": _OWN_ACTIVITY,
    "strength_sessions": "athlete_id = ?",
    "strength_sets": "session_id IN (SELECT session_id FROM strength_sessions WHERE athlete_id = ?)",
    "injuries": "athlete_id = ?",
}


def table_counts(con: duckdb.DuckDBPyConnection, athlete: int) -> dict[str, int]:
    cur = con.cursor()
    return {
        t: cur.execute(f"SELECT count(*) FROM {t} WHERE {w}", [athlete]).fetchall()[0][0]
        for t, w in _COUNTED.items()
    }


def exercise_regions(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    """The athlete's own exercise -> region assignments."""
    return _frame(
        con, "SELECT exercise, region FROM exercise_regions WHERE athlete_id = ? ORDER BY exercise", [athlete]
    )


def exercises(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    """Every exercise name in the log (lower-cased) with its set count, the shipped region, the
    runner's own region, and the region in force."""
    sets = _strength(con)[1]
    return _frame(
        con,
        f"""
        SELECT lower(s.exercise) AS exercise, count(*) AS sets, any_value(s.region) AS shipped_region,
               any_value(u.region) AS own_region, COALESCE(any_value(u.region), any_value(s.region)) AS region
        FROM {sets} s
        {_OWN_REGION}
        WHERE s.exercise IS NOT NULL AND {_OWN_SET}
        GROUP BY lower(s.exercise)
        ORDER BY sets DESC, exercise
        """,
        [athlete, athlete],
    )


def table_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The store's tables, in name order (install-wide: the schema is everyone's)."""
    rows = con.cursor().execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()
    return [r[0] for r in rows]


# Each table's rows of one athlete, for their export: their own column, their parent's, or (the
# athletes table) the row that names them.
_EXPORT_ROWS = {
    **_COUNTED,
    "strength_rests": _COUNTED["strength_sets"],
    "athletes": "athlete_id = ?",
}


def export_tables(con: duckdb.DuckDBPyConnection, athlete: int) -> dict[str, pd.DataFrame]:
    """Every table of the store, with the athlete's rows only, for their own export (table name ->
    frame). Meta is the store's own, less the other athletes' data versions; what the dashboard
    computed and kept (derived) is no data, so it is left out."""
    out = {}
    for t in table_names(con):
        if t == "derived":
            continue
        if t == "meta":
            out[t] = _frame(
                con,
                "SELECT * FROM meta WHERE NOT starts_with(key, ?) OR key = ?",
                [ATHLETE_VERSION_KEY, f"{ATHLETE_VERSION_KEY}{int(athlete)}"],
            )
            continue
        where = _EXPORT_ROWS.get(t, "athlete_id = ?")
        out[t] = _frame(con, f'SELECT * FROM "{t}" WHERE {where}', [athlete])
    return out


def merges(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    """What was merged: each duplicate copy with the file it came from and the row that stayed
    (its sport, start and distance, and the file that now holds it; for a strength session, the
    session's file and start, and its activity's sport when it came from a watch)."""
    return _frame(
        con,
        """
        SELECT m.kind, m.kept_id, m.role, m.merged_at_utc,
               m.source_id AS merged_source_id, ms.file_name AS merged_file, ms.format AS merged_format,
               m.sport AS merged_sport, m.start_time_utc AS merged_start_time_utc,
               m.distance_m AS merged_distance_m,
               coalesce(a.source_id, x.source_id) AS kept_source_id, ks.file_name AS kept_file,
               ks.format AS kept_format, coalesce(a.sport, xa.sport) AS kept_sport,
               coalesce(a.start_time_utc, x.start_time_utc) AS kept_start_time_utc,
               a.distance_m AS kept_distance_m, coalesce(a.name, x.name) AS kept_name
        FROM merges m
        LEFT JOIN sources ms ON ms.source_id = m.source_id
        LEFT JOIN activities a ON m.kind = 'activity' AND a.activity_id = m.kept_id
        LEFT JOIN strength_sessions x ON m.kind = 'strength_session' AND x.session_id = m.kept_id
        LEFT JOIN activities xa ON xa.activity_id = x.activity_id
        LEFT JOIN sources ks ON ks.source_id = coalesce(a.source_id, x.source_id)
        WHERE m.athlete_id = ?
        ORDER BY m.merged_at_utc, m.kind, m.kept_id
        """,
        [athlete],
    )


def unknown_exercises(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    """Exercise names with no body region (neither the shipped table's nor the runner's own),
    with how many sets and sessions use them, most used first: the list the runner assigns."""
    sets = _strength(con)[1]
    return _frame(
        con,
        f"""
        SELECT lower(s.exercise) AS exercise, any_value(s.exercise) AS example, count(*) AS sets,
               count(DISTINCT s.session_id) AS sessions
        FROM {sets} s
        {_OWN_REGION}
        WHERE s.region IS NULL AND u.region IS NULL AND s.exercise IS NOT NULL AND {_OWN_SET}
        GROUP BY lower(s.exercise)
        ORDER BY sets DESC, exercise
        """,
        [athlete, athlete],
    )


def strength_joins(con: duckdb.DuckDBPyConnection, athlete: int) -> pd.DataFrame:
    """Each watch strength session joined with the same workout logged in an app: the day, both
    files and apps, and what the joined session took from each (sets from the app; heart rate,
    duration and calories from the watch)."""
    return _frame(
        con,
        """
        SELECT w.local_date, w.start_time_local, w.session_id AS watch_session_id, p.session_id AS app_session_id,
               ws.file_name AS watch_file, w.app AS watch_app, ps.file_name AS app_file, p.app AS app,
               coalesce(p.name, w.name) AS name, a.elapsed_s AS watch_elapsed_s, w.duration_s AS watch_duration_s,
               coalesce(a.avg_hr, (SELECT sum(h.heart_rate * h.seconds) / sum(h.seconds) FROM hr_seconds h
                                   WHERE h.activity_id = a.activity_id)) AS watch_avg_hr,
                a.calories_kcal AS watch_calories_kcal, p.duration_s AS app_duration_s,
               (SELECT count(*) FROM strength_sets s WHERE s.session_id = p.session_id) AS app_sets,
               (SELECT count(*) FROM strength_sets s WHERE s.session_id = w.session_id) AS watch_sets,
               m.merged_at_utc
        FROM strength_sessions p
        JOIN strength_sessions w ON w.session_id = p.merged_into
        LEFT JOIN activities a ON a.activity_id = w.activity_id
        LEFT JOIN sources ws ON ws.source_id = w.source_id
        LEFT JOIN sources ps ON ps.source_id = p.source_id
        LEFT JOIN merges m ON m.kind = 'strength_session' AND m.kept_id = w.session_id AND m.source_id = p.source_id
        WHERE p.athlete_id = ?
        ORDER BY w.local_date DESC, w.start_time_local DESC, w.session_id
        """,
        [athlete],
    )
