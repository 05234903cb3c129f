"""What a rebuild carries from the old database to the new one: the order files were imported in,
and the runner's own rows that no file holds (settings edited in the dashboard, exercise regions,
injuries entered by hand, deletions, session RPEs and notes)."""

from __future__ import annotations

import datetime as dt

import duckdb

from store import edits, plan
from store.db import bump_data_version, data_version, transaction


def import_order(old: duckdb.DuckDBPyConnection) -> list[tuple[str, str, dt.datetime]]:
    """(sha256, file_name, imported_at_utc) of the files offered directly, in import order."""
    return (
        old.cursor()
        .execute(
            "SELECT sha256, file_name, imported_at_utc FROM sources WHERE parent_sha256 IS NULL"
            " ORDER BY imported_at_utc, source_id"
        )
        .fetchall()
    )


def carry_mappings(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection) -> None:
    """The column mappings, first: the replay reads the files they map."""
    rows = (
        old.cursor()
        .execute("SELECT signature, name, kind, mapping, saved_at_utc FROM csv_mappings")
        .fetchall()
    )
    with transaction(new) as cur:
        for row in rows:
            cur.execute("INSERT OR REPLACE INTO csv_mappings VALUES (?, ?, ?, ?, ?)", list(row)).fetchall()


def carry_choices(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection) -> None:
    """Before the files are replayed: the runner's choices that decide how they are written (the
    strength workouts kept apart), so the replay writes what the runner last saw."""
    cur_old = old.cursor()
    # An older database (opened read-only, so not brought up to date) may not have the table.
    if not cur_old.execute(
        "SELECT 1 FROM duckdb_tables() WHERE table_name = 'strength_kept_apart'"
    ).fetchall():
        return
    apart = cur_old.execute("SELECT * FROM strength_kept_apart ORDER BY decided_at_utc").fetchall()
    if not apart:
        return
    with transaction(new) as cur:
        for row in apart:
            cur.execute("INSERT INTO strength_kept_apart VALUES (?, ?, ?, ?, ?, ?)", list(row)).fetchall()


def carry_own_rows(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection) -> None:
    """Copy settings (the old database's final state wins over replayed settings files), exercise
    regions, hand-entered injuries, deletions and session RPEs and notes in one transaction, then
    delete again what the runner had deleted; then the plan as it stands (store.plan.carry)."""
    cur_old = old.cursor()
    settings = cur_old.execute("SELECT key, value FROM settings").fetchall()
    regions = cur_old.execute("SELECT exercise, region FROM exercise_regions").fetchall()
    injuries = cur_old.execute(
        "SELECT onset_date, end_date, body_area, severity, time_loss, medical_visit, note FROM injuries"
        " WHERE source_id IS NULL ORDER BY injury_id"
    ).fetchall()
    deletions = cur_old.execute(
        "SELECT kind, source_sha256, start_time_utc, local_date, label, deleted_at_utc FROM deletions"
    ).fetchall()
    notes = []  # an older database, opened read-only, may not have the table
    if cur_old.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'session_notes'").fetchall():
        notes = cur_old.execute(
            "SELECT kind, start_time_utc, local_date, label, rpe, note, edited_at_utc FROM session_notes"
        ).fetchall()
    version = data_version(old)
    with transaction(new) as cur:
        for key, value in settings:
            cur.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, value]).fetchall()
        for exercise, region in regions:
            cur.execute(
                "INSERT OR REPLACE INTO exercise_regions VALUES (?, ?)", [exercise, region]
            ).fetchall()
        for row in injuries:
            cur.execute(
                "INSERT INTO injuries (injury_id, onset_date, end_date, body_area, severity, time_loss,"
                " medical_visit, note, source_id) VALUES (nextval('injury_id_seq'), ?, ?, ?, ?, ?, ?, ?, NULL)",
                list(row),
            ).fetchall()
        for row in deletions:
            cur.execute("INSERT INTO deletions VALUES (?, ?, ?, ?, ?, ?)", list(row)).fetchall()
        for row in notes:  # matched to the replayed rows when read (store.read)
            cur.execute("INSERT INTO session_notes VALUES (?, ?, ?, ?, ?, ?, ?)", list(row)).fetchall()
        # Caches keyed on the data version must see a change even if the counts are equal.
        cur.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version)]).fetchall()
        bump_data_version(cur)
    edits.apply_deletions(new)
    plan.carry(old, new)
