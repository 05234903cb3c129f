"""Writing one source file's rows: everything in one transaction, or nothing."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb
import pandas as pd

from store.db import transaction

ACTIVITY_COLUMNS = [
    "activity_id", "source_id", "sport", "sub_sport", "name", "start_time_utc", "start_time_local",
    "local_date", "utc_offset_s", "local_time_basis", "elapsed_s", "moving_s", "distance_m",
    "ascent_m", "avg_hr", "max_hr", "avg_cadence_spm", "calories_kcal", "rpe", "device",
    "session_index", "is_race", "ngs_mps", "n_records",
]  # fmt: skip


@dataclass(frozen=True)
class SourceRow:
    file_name: str
    sha256: str
    format: str | None
    status: str
    message: str
    size_bytes: int
    parent_sha256: str | None = None


@dataclass(frozen=True)
class Written:
    source_id: int
    activities: int = 0
    records: int = 0
    strength_sessions: int = 0
    strength_sets: int = 0
    injuries: int = 0


def known_source(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple[int, str, str] | None:
    """(source_id, file_name, status) of a file already offered with these exact bytes."""
    rows = (
        con.cursor()
        .execute("SELECT source_id, file_name, status FROM sources WHERE sha256 = ?", [sha256])
        .fetchall()
    )
    return rows[0] if rows else None


def _next(cur: duckdb.DuckDBPyConnection, sequence: str) -> int:
    return cur.execute(f"SELECT nextval('{sequence}')").fetchall()[0][0]


def _insert_frame(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Columnar insert: DuckDB scans the DataFrame directly, no per-row Python."""
    if frame is None or not len(frame):
        return
    cols = ", ".join(f'"{c}"' for c in frame.columns)
    cur.register("_frame", frame)
    try:
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _frame").fetchall()
    finally:
        cur.unregister("_frame")


def write_source(
    con: duckdb.DuckDBPyConnection,
    source: SourceRow,
    activities: list[dict[str, Any]] | None = None,
    strength: list[dict[str, Any]] | None = None,
    injuries: pd.DataFrame | None = None,
    settings: dict[str, Any] | None = None,
    now_utc: dt.datetime | None = None,
) -> Written:
    """Write a source row and everything it brought, in one transaction.

    `activities`: dicts with keys `activity` (column dict), `laps`, `records`, `hr_seconds`
    (DataFrames) and optionally `strength` (a dict like the items of `strength`).
    `strength`: dicts with `session` (column dict) and `sets` (DataFrame).
    """
    now_utc = now_utc or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    counts = {"activities": 0, "records": 0, "strength_sessions": 0, "strength_sets": 0, "injuries": 0}
    with transaction(con) as cur:
        source_id = _next(cur, "source_id_seq")
        cur.execute(
            "INSERT INTO sources (source_id, file_name, sha256, format, status, message, imported_at_utc,"
            " size_bytes, parent_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [source_id, source.file_name, source.sha256, source.format, source.status, source.message,
             now_utc, source.size_bytes, source.parent_sha256],
        ).fetchall()  # fmt: skip
        for item in activities or []:
            activity_id = _next(cur, "activity_id_seq")
            row = {**{c: None for c in ACTIVITY_COLUMNS}, **item["activity"]}
            row.update(activity_id=activity_id, source_id=source_id)
            _insert_frame(cur, "activities", pd.DataFrame([row], columns=ACTIVITY_COLUMNS))
            for table in ("laps", "records", "hr_seconds"):
                frame = item.get(table)
                if frame is not None and len(frame):
                    frame = frame.assign(activity_id=activity_id)
                    _insert_frame(cur, table, frame)
            counts["activities"] += 1
            counts["records"] += len(item.get("records", ()))
            if item.get("strength"):
                _write_strength(cur, source_id, item["strength"], activity_id, counts)
        for session in strength or []:
            _write_strength(cur, source_id, session, None, counts)
        if injuries is not None and len(injuries):
            frame = injuries.copy()
            frame["injury_id"] = [_next(cur, "injury_id_seq") for _ in range(len(frame))]
            frame["source_id"] = source_id
            _insert_frame(cur, "injuries", frame)
            counts["injuries"] = len(frame)
        for key, value in (settings or {}).items():
            cur.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, json.dumps(value)]).fetchall()
    return Written(source_id, **counts)


def _write_strength(cur, source_id: int, item: dict[str, Any], activity_id: int | None, counts) -> None:
    session_id = _next(cur, "session_id_seq")
    row = {**item["session"], "session_id": session_id, "source_id": source_id}
    if activity_id is not None:
        row["activity_id"] = activity_id
    _insert_frame(cur, "strength_sessions", pd.DataFrame([row]))
    sets = item.get("sets")
    if sets is not None and len(sets):
        _insert_frame(cur, "strength_sets", sets.assign(session_id=session_id))
        counts["strength_sets"] += len(sets)
    counts["strength_sessions"] += 1


def record_failure(con: duckdb.DuckDBPyConnection, source: SourceRow) -> int:
    """A file that brought nothing (failed or skipped) is still remembered, with its reason."""
    return write_source(con, source).source_id


def save_settings(con: duckdb.DuckDBPyConnection, values: dict[str, Any]) -> None:
    with transaction(con) as cur:
        for key, value in values.items():
            cur.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, json.dumps(value)]).fetchall()
