"""Rows whose start is a CSV wall clock: their UTC start follows the athlete's time zone.

CSV files write the phone's wall clock without a zone (docs/formats.md). The importer places
each such row in the athlete's zone as it arrives; the zone may be learnt later (the first watch
file, a setting), so these queries let it place them all again, and the stored UTC starts then
do not depend on the order the files came in. Each athlete's rows follow their own zone.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from store.db import transaction

#: Activities whose start is a CSV wall clock (ingest.csv_activities, ingest.mapper).
WALL_CLOCK_BASIS = "csv_local"


def wall_clock_rows(con: duckdb.DuckDBPyConnection, athlete: int) -> tuple[list[tuple], list[tuple]]:
    """(activities: (activity_id, start_time_local, start_time_utc), strength sessions: (session_id,
    start_time_local, start_time_utc)): every row whose UTC start came from a wall clock. An app's
    strength session has no watch activity; one with only a date has no start to place."""
    cur = con.cursor()
    acts = cur.execute(
        "SELECT activity_id, start_time_local, start_time_utc FROM activities"
        " WHERE athlete_id = ? AND local_time_basis = ? AND start_time_local IS NOT NULL ORDER BY activity_id",
        [athlete, WALL_CLOCK_BASIS],
    ).fetchall()
    sessions = cur.execute(
        "SELECT session_id, start_time_local, start_time_utc FROM strength_sessions"
        " WHERE athlete_id = ? AND activity_id IS NULL AND start_time_local IS NOT NULL"
        " AND app IS DISTINCT FROM 'garmin' ORDER BY session_id",
        [athlete],
    ).fetchall()
    return acts, sessions


def set_utc_starts(
    con: duckdb.DuckDBPyConnection,
    athlete: int,
    activities: list[tuple[int, dt.datetime, int]],
    sessions: list[tuple[int, dt.datetime]],
) -> None:
    """Store new UTC starts: activities as (activity_id, start_time_utc, utc_offset_s), sessions as
    (session_id, start_time_utc). One transaction; nothing to do writes nothing."""
    if not activities and not sessions:
        return
    with transaction(con, athlete) as cur:
        for activity_id, utc, offset in activities:
            cur.execute(
                "UPDATE activities SET start_time_utc = ?, utc_offset_s = ? WHERE activity_id = ? AND athlete_id = ?",
                [utc, offset, activity_id, athlete],
            ).fetchall()
        for session_id, utc in sessions:
            cur.execute(
                "UPDATE strength_sessions SET start_time_utc = ? WHERE session_id = ? AND athlete_id = ?",
                [utc, session_id, athlete],
            ).fetchall()
