"""What a rebuild carries from the old database to the new one: the athletes (same ids and names),
the order files were imported in and whose they were, and each athlete's own rows that no file
holds (settings edited in the dashboard, exercise regions, injuries entered by hand, deletions,
session RPEs and notes, the plan)."""

from __future__ import annotations

import datetime as dt

import duckdb

from store import edits, plan
from store.db import bump_data_version, transaction, write_count


def import_order(old: duckdb.DuckDBPyConnection) -> list[tuple[str, str, dt.datetime, int]]:
    """(sha256, file_name, imported_at_utc, athlete_id) of the files offered directly, in import
    order, for every athlete (install-wide: a rebuild replays them all)."""
    return (
        old.cursor()
        .execute(
            "SELECT sha256, file_name, imported_at_utc, athlete_id FROM sources WHERE parent_sha256 IS NULL"
            " ORDER BY imported_at_utc, source_id"
        )
        .fetchall()
    )


def carry_athletes(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection) -> list[int]:
    """The athletes, first, with their ids (install-wide): every carried row names its athlete by
    id. The new database's sequence then goes on after the highest id. Returns the ids in order."""
    rows = (
        old.cursor()
        .execute("SELECT athlete_id, name, created_at_utc FROM athletes ORDER BY athlete_id")
        .fetchall()
    )
    with transaction(new, None) as cur:
        for row in rows:
            cur.execute("INSERT INTO athletes VALUES (?, ?, ?)", list(row)).fetchall()
        if rows:
            # A new file: nothing draws on the sequence yet, so it can start again past the ids.
            cur.execute("DROP SEQUENCE athlete_id_seq").fetchall()
            cur.execute(f"CREATE SEQUENCE athlete_id_seq START {int(rows[-1][0]) + 1}").fetchall()
    return [int(r[0]) for r in rows]


def carry_mappings(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection, athlete: int) -> None:
    """The athlete's column mappings, before their files: the replay reads the files they map."""
    rows = (
        old.cursor()
        .execute(
            "SELECT signature, name, kind, mapping, saved_at_utc FROM csv_mappings WHERE athlete_id = ?",
            [athlete],
        )
        .fetchall()
    )
    with transaction(new, athlete) as cur:
        for row in rows:
            cur.execute(
                "INSERT OR REPLACE INTO csv_mappings (athlete_id, signature, name, kind, mapping, saved_at_utc)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [athlete, *row],
            ).fetchall()


def carry_choices(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection, athlete: int) -> None:
    """Before the athlete's files are replayed: their choices that decide how they are written (the
    strength workouts kept apart), so the replay writes what they last saw."""
    apart = (
        old.cursor()
        .execute(
            "SELECT watch_start_utc, app, app_local_date, app_start_local, app_name, decided_at_utc"
            " FROM strength_kept_apart WHERE athlete_id = ? ORDER BY decided_at_utc",
            [athlete],
        )
        .fetchall()
    )
    if not apart:
        return
    with transaction(new, athlete) as cur:
        for row in apart:
            cur.execute(
                "INSERT INTO strength_kept_apart (athlete_id, watch_start_utc, app, app_local_date,"
                " app_start_local, app_name, decided_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [athlete, *row],
            ).fetchall()


def carry_own_rows(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection, athlete: int) -> None:
    """Copy the athlete's settings (the old database's final state wins over replayed settings
    files), exercise regions, hand-entered injuries, deletions and session RPEs and notes in one
    transaction, then delete again what they had deleted; then their plan as it stands
    (store.plan.carry)."""
    cur_old = old.cursor()

    def rows(sql: str) -> list[tuple]:
        return cur_old.execute(sql, [athlete]).fetchall()

    settings = rows("SELECT key, value FROM settings WHERE athlete_id = ?")
    regions = rows("SELECT exercise, region FROM exercise_regions WHERE athlete_id = ?")
    injuries = rows(
        "SELECT onset_date, end_date, body_area, severity, time_loss, medical_visit, note FROM injuries"
        " WHERE athlete_id = ? AND source_id IS NULL ORDER BY injury_id"
    )
    deletions = rows(
        "SELECT kind, source_sha256, start_time_utc, local_date, label, deleted_at_utc FROM deletions"
        " WHERE athlete_id = ?"
    )
    notes = rows(
        "SELECT kind, start_time_utc, local_date, label, rpe, note, edited_at_utc FROM session_notes"
        " WHERE athlete_id = ?"
    )
    version = write_count(old)
    with transaction(new, athlete) as cur:
        for key, value in settings:
            cur.execute(
                "INSERT OR REPLACE INTO settings (athlete_id, key, value) VALUES (?, ?, ?)",
                [athlete, key, value],
            ).fetchall()
        for exercise, region in regions:
            cur.execute(
                "INSERT OR REPLACE INTO exercise_regions (athlete_id, exercise, region) VALUES (?, ?, ?)",
                [athlete, exercise, region],
            ).fetchall()
        for row in injuries:
            cur.execute(
                "INSERT INTO injuries (injury_id, athlete_id, onset_date, end_date, body_area, severity,"
                " time_loss, medical_visit, note, source_id)"
                " VALUES (nextval('injury_id_seq'), ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                [athlete, *row],
            ).fetchall()
        for row in deletions:
            cur.execute(
                "INSERT INTO deletions (athlete_id, kind, source_sha256, start_time_utc, local_date, label,"
                " deleted_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [athlete, *row],
            ).fetchall()
        for row in notes:  # matched to the replayed rows when read (store.read)
            cur.execute(
                "INSERT INTO session_notes (athlete_id, kind, start_time_utc, local_date, label, rpe, note,"
                " edited_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [athlete, *row],
            ).fetchall()
        # Caches keyed on the data version must see a change even if the counts are equal.
        cur.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version)]).fetchall()
        bump_data_version(cur)
    edits.apply_deletions(new, athlete)
    plan.carry(old, new, athlete)
