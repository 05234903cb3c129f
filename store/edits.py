"""The runner's edits in the dashboard, each one transaction: injuries entered by hand, exercise
regions, deletions (remembered so a rebuild deletes again), and the session RPE and note.
Each takes the athlete's id second and touches that athlete's rows only: an id of another
athlete's row changes nothing."""

from __future__ import annotations

from typing import Any

import duckdb

from store.db import next_id, transaction, utc_now

INJURY_COLUMNS = ["onset_date", "end_date", "body_area", "severity", "time_loss", "medical_visit", "note"]


def _injury_values(row: dict[str, Any]) -> list[Any]:
    if row.get("onset_date") is None:
        raise ValueError("an injury needs its onset date")
    return [row.get(c) for c in INJURY_COLUMNS]


def add_injury(con: duckdb.DuckDBPyConnection, athlete: int, row: dict[str, Any]) -> int:
    """Log an injury entered by hand (source_id NULL); returns its injury_id."""
    values = _injury_values(row)
    with transaction(con, athlete) as cur:
        injury_id = next_id(cur, "injury_id_seq")
        cur.execute(
            f"INSERT INTO injuries (injury_id, athlete_id, {', '.join(INJURY_COLUMNS)}, source_id) "
            f"VALUES (?, ?, {', '.join('?' * len(INJURY_COLUMNS))}, NULL)",
            [injury_id, athlete, *values],
        ).fetchall()
    return injury_id


def update_injury(con: duckdb.DuckDBPyConnection, athlete: int, injury_id: int, row: dict[str, Any]) -> None:
    values = _injury_values(row)
    with transaction(con, athlete) as cur:
        sets = ", ".join(f"{c} = ?" for c in INJURY_COLUMNS)
        cur.execute(
            f"UPDATE injuries SET {sets} WHERE injury_id = ? AND athlete_id = ?",
            [*values, injury_id, athlete],
        ).fetchall()


def delete_injury(con: duckdb.DuckDBPyConnection, athlete: int, injury_id: int) -> None:
    with transaction(con, athlete) as cur:
        cur.execute(
            "DELETE FROM injuries WHERE injury_id = ? AND athlete_id = ?", [injury_id, athlete]
        ).fetchall()


def save_exercise_regions(
    con: duckdb.DuckDBPyConnection, athlete: int, regions: dict[str, str | None]
) -> None:
    """The runner's own exercise -> region assignments (names lower-cased); None removes one,
    so the shipped table's region (or none) applies again."""
    with transaction(con, athlete) as cur:
        for exercise, region in regions.items():
            name = str(exercise).strip().lower()
            if region is None:
                cur.execute(
                    "DELETE FROM exercise_regions WHERE athlete_id = ? AND exercise = ?", [athlete, name]
                ).fetchall()
            else:
                cur.execute(
                    "INSERT OR REPLACE INTO exercise_regions (athlete_id, exercise, region) VALUES (?, ?, ?)",
                    [athlete, name, region],
                ).fetchall()


def delete_activity(
    con: duckdb.DuckDBPyConnection, athlete: int, activity_id: int, remember: bool = True
) -> int:
    """Delete one activity with its laps, records, heart-rate seconds and linked strength session
    (and its sets, and the app workout joined with it). The source row stays, so offering the same
    file again changes nothing, and the deletion is remembered (by file and start time) so a
    rebuild deletes it again. Returns the number of activities deleted (0 or 1)."""
    with transaction(con, athlete) as cur:
        rows = cur.execute(
            "SELECT count(*) FROM activities WHERE activity_id = ? AND athlete_id = ?", [activity_id, athlete]
        ).fetchall()
        if not rows[0][0]:
            return 0
        sessions = [
            r[0]
            for r in cur.execute(
                "SELECT session_id FROM strength_sessions_merged WHERE activity_id = ?", [activity_id]
            ).fetchall()
        ]
        if remember:
            cur.execute(
                "INSERT INTO deletions (athlete_id, kind, source_sha256, start_time_utc, local_date, label,"
                " deleted_at_utc) SELECT a.athlete_id, 'activity', s.sha256, a.start_time_utc, a.local_date,"
                " a.sport, ? FROM activities a JOIN sources s USING (source_id) WHERE a.activity_id = ?",
                [utc_now(), activity_id],
            ).fetchall()
        cur.execute("DELETE FROM merges WHERE kind = 'activity' AND kept_id = ?", [activity_id]).fetchall()
        for session_id in sessions:  # the activity's deletion row stands for its own session
            _delete_session(cur, session_id, remember, remember_self=False)
        for table in ("laps", "records", "hr_seconds", "pace_seconds", "activities"):
            cur.execute(f"DELETE FROM {table} WHERE activity_id = ?", [activity_id]).fetchall()
    return int(rows[0][0])


def _delete_session(
    cur: duckdb.DuckDBPyConnection, session_id: int, remember: bool, remember_self: bool
) -> None:
    """A strength session, its sets and rests, its merges, and the app workout joined with it."""
    joined = [
        r[0]
        for r in cur.execute(
            "SELECT session_id FROM strength_sessions WHERE merged_into = ?", [session_id]
        ).fetchall()
    ]
    for sid in [session_id, *joined]:
        if remember and (sid != session_id or remember_self):
            cur.execute(
                "INSERT INTO deletions (athlete_id, kind, source_sha256, start_time_utc, local_date, label,"
                " deleted_at_utc) SELECT x.athlete_id, 'strength_session', s.sha256, x.start_time_utc,"
                " x.local_date, x.name, ? FROM strength_sessions x JOIN sources s USING (source_id)"
                " WHERE x.session_id = ?",
                [utc_now(), sid],
            ).fetchall()
        cur.execute("DELETE FROM merges WHERE kind = 'strength_session' AND kept_id = ?", [sid]).fetchall()
        for table in ("strength_rests", "strength_sets", "strength_sessions"):
            cur.execute(f"DELETE FROM {table} WHERE session_id = ?", [sid]).fetchall()


def apply_deletions(con: duckdb.DuckDBPyConnection, athlete: int) -> int:
    """Delete again what the athlete's deletions name (after a rebuild replayed every file)."""
    cur = con.cursor()
    activity_ids = cur.execute(
        "SELECT a.activity_id FROM activities a JOIN sources s USING (source_id) JOIN deletions d"
        " ON d.athlete_id = a.athlete_id AND d.kind = 'activity' AND d.source_sha256 = s.sha256"
        " AND d.start_time_utc = a.start_time_utc AND d.label IS NOT DISTINCT FROM a.sport"
        " WHERE a.athlete_id = ?",
        [athlete],
    ).fetchall()
    session_ids = cur.execute(
        "SELECT x.session_id FROM strength_sessions x JOIN sources s USING (source_id) JOIN deletions d"
        " ON d.athlete_id = x.athlete_id AND d.kind = 'strength_session' AND d.source_sha256 = s.sha256"
        " AND d.local_date = x.local_date AND d.start_time_utc IS NOT DISTINCT FROM x.start_time_utc"
        " AND d.label IS NOT DISTINCT FROM x.name WHERE x.athlete_id = ?",
        [athlete],
    ).fetchall()
    n = sum(delete_activity(con, athlete, a, remember=False) for (a,) in activity_ids)
    return n + sum(delete_strength_session(con, athlete, s, remember=False) for (s,) in session_ids)


def delete_strength_session(
    con: duckdb.DuckDBPyConnection, athlete: int, session_id: int, remember: bool = True
) -> int:
    """Delete a strength session and its sets (a watch session: use delete_activity), with the app
    workout joined with it, remembering the deletion so a rebuild deletes it again."""
    with transaction(con, athlete) as cur:
        n = cur.execute(
            "SELECT count(*) FROM strength_sessions WHERE session_id = ? AND athlete_id = ?",
            [session_id, athlete],
        ).fetchall()
        if n[0][0]:
            _delete_session(cur, session_id, remember, remember_self=remember)
    return int(n[0][0])


# --- The runner's session RPE and note (Activities page) ---------------------------------------
# Stored in session_notes, keyed like the rows they describe (start time and label), not by id:
# store.read applies them to whichever row a re-import or a rebuild gives that session.


def _note_keys(
    cur: duckdb.DuckDBPyConnection, athlete: int, activity_id: int | None, session_id: int | None
) -> list[list]:
    """(kind, start_time_utc, local_date, label) of the activity and/or session to annotate, as
    store.read shows them (a joined watch and app workout by the watch's start and the app's name):
    a watch strength activity carries its linked session along, so both loads agree."""
    keys: list[list] = []
    if activity_id is not None:
        keys += [
            ["activity", *row]
            for row in cur.execute(
                "SELECT start_time_utc, local_date, sport FROM activities WHERE activity_id = ? AND athlete_id = ?",
                [activity_id, athlete],
            ).fetchall()
        ]
        linked = cur.execute(
            "SELECT session_id FROM strength_sessions_merged WHERE activity_id = ? AND athlete_id = ?",
            [activity_id, athlete],
        ).fetchall()
        if session_id is None and linked:
            session_id = linked[0][0]
    if session_id is not None:
        keys += [
            ["strength_session", *row]
            for row in cur.execute(
                "SELECT start_time_utc, local_date, name FROM strength_sessions_merged"
                " WHERE session_id = ? AND athlete_id = ?",
                [session_id, athlete],
            ).fetchall()
        ]
    return keys


def save_session_note(
    con: duckdb.DuckDBPyConnection,
    athlete: int,
    rpe: float | None,
    note: str | None,
    activity_id: int | None = None,
    session_id: int | None = None,
) -> int:
    """Set the runner's session RPE (0-10; None: the file's own, if any) and note (None or blank:
    none) of an activity or a strength session. Returns how many rows it annotated (0: no such
    activity or session). One transaction; it bumps the data version, so every page shows it."""
    if rpe is not None and not 0 <= float(rpe) <= 10:
        raise ValueError(f"session RPE is on a 0-10 scale, not {rpe}")
    text = (note or "").strip() or None
    with transaction(con, athlete) as cur:
        keys = _note_keys(cur, athlete, activity_id, session_id)
        for kind, start, day, label in keys:
            cur.execute(
                "DELETE FROM session_notes WHERE athlete_id = ? AND kind = ?"
                " AND start_time_utc IS NOT DISTINCT FROM ? AND local_date = ? AND label IS NOT DISTINCT FROM ?",
                [athlete, kind, start, day, label],
            ).fetchall()
            if rpe is not None or text is not None:
                cur.execute(
                    "INSERT INTO session_notes (athlete_id, kind, start_time_utc, local_date, label, rpe, note,"
                    " edited_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [athlete, kind, start, day, label, None if rpe is None else float(rpe), text, utc_now()],
                ).fetchall()
    return len(keys)
