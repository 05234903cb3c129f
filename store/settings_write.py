"""Each athlete's settings (one JSON value per key) and the install's saved CSV column mappings
(a file layout, not a person's: install-wide, no athlete), each write one transaction."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb

from store.db import transaction, utc_now


def save_settings(con: duckdb.DuckDBPyConnection, athlete: int, values: dict[str, Any]) -> None:
    with transaction(con, athlete) as cur:
        for key, value in values.items():
            cur.execute(
                "INSERT OR REPLACE INTO settings (athlete_id, key, value) VALUES (?, ?, ?)",
                [athlete, key, json.dumps(value)],
            ).fetchall()


def save_csv_mapping(
    con: duckdb.DuckDBPyConnection,
    athlete: int,
    signature: str,
    name: str,
    kind: str,
    mapping: str,
    now_utc: dt.datetime | None = None,
) -> None:
    """Keep the athlete's column mapping (JSON) under its header's signature, replacing one saved
    before."""
    with transaction(con, athlete) as cur:
        cur.execute(
            "INSERT OR REPLACE INTO csv_mappings (athlete_id, signature, name, kind, mapping, saved_at_utc) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [athlete, signature, name, kind, mapping, now_utc or utc_now()],
        ).fetchall()


def delete_csv_mapping(con: duckdb.DuckDBPyConnection, athlete: int, signature: str) -> None:
    with transaction(con, athlete) as cur:
        cur.execute(
            "DELETE FROM csv_mappings WHERE athlete_id = ? AND signature = ?", [athlete, signature]
        ).fetchall()
