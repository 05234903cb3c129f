"""`python -m ingest --rebuild`: a new database from the raw store, then an atomic swap.

Every file kept under data/raw is imported again into a new database file, in the order (and
with the import time and name) the old database recorded, so duplicates resolve the same way and
the counts come out identical. The runner's own rows that no file holds (settings edited in the
dashboard, exercise region assignments, injuries entered by hand) are copied from the old
database. The old file is kept as `<name>.bak`.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.pipeline import FileResult, Importer, Offered, Progress
from store.db import bump_data_version, connect, data_version, transaction

RAW_SUFFIX_TMP = ".tmp"


@dataclass
class Rebuilt:
    path: Path
    backup: Path | None
    results: list[FileResult]
    missing: list[str]  # files the old database names whose raw copy is gone


def raw_files(raw_dir: Path) -> dict[str, Path]:
    """sha256 -> the kept file."""
    out = {}
    for p in sorted(raw_dir.glob("*/*")):
        if p.is_file() and RAW_SUFFIX_TMP not in p.name:
            out[p.name.split(".", 1)[0]] = p
    return out


def _old_sources(old: duckdb.DuckDBPyConnection | None) -> list[tuple[str, str, dt.datetime]]:
    """(sha256, file_name, imported_at_utc) of the files offered directly, in import order."""
    if old is None:
        return []
    return (
        old.cursor()
        .execute(
            "SELECT sha256, file_name, imported_at_utc FROM sources WHERE parent_sha256 IS NULL"
            " ORDER BY imported_at_utc, source_id"
        )
        .fetchall()
    )


def plan(raw_dir: Path, old: duckdb.DuckDBPyConnection | None) -> tuple[list[Offered], list[str]]:
    kept = raw_files(raw_dir)
    offered, missing, seen = [], [], set()
    for sha, name, when in _old_sources(old):
        if sha in seen:
            continue
        seen.add(sha)
        if sha in kept:
            offered.append(Offered(name, path=kept[sha], now_utc=when))
        else:
            missing.append(name)
    # Raw files the old database does not name (it was lost, or is older): oldest first.
    rest = sorted(
        (p for sha, p in kept.items() if sha not in seen), key=lambda p: (p.stat().st_mtime, p.name)
    )
    offered.extend(Offered(p.name, path=p) for p in rest)
    return offered, missing


def _copy_own_rows(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection) -> None:
    """Settings (the old database's final state wins over the replayed settings files), exercise
    regions, and injuries entered by hand, in one transaction."""
    cur_old = old.cursor()
    settings = cur_old.execute("SELECT key, value FROM settings").fetchall()
    regions = cur_old.execute("SELECT exercise, region FROM exercise_regions").fetchall()
    injuries = cur_old.execute(
        "SELECT onset_date, end_date, body_area, severity, time_loss, medical_visit, note FROM injuries"
        " WHERE source_id IS NULL ORDER BY injury_id"
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
        # Caches keyed on the data version must see a change even if the counts are equal.
        cur.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [str(version)]).fetchall()
        bump_data_version(cur)


def rebuild(db: Path, raw_dir: Path, workers: int | None = None, progress: Progress | None = None) -> Rebuilt:
    db = Path(db)
    new_path = db.with_name(db.name + ".rebuild")
    for p in (new_path, Path(str(new_path) + ".wal")):
        p.unlink(missing_ok=True)
    old = connect(db, read_only=True) if db.exists() else None  # DatabaseBusy if the dashboard holds it
    try:
        offered, missing = plan(Path(raw_dir), old)
        new = connect(new_path)
        try:
            # keep=False: the files are the raw store's own; nothing new to keep.
            results = Importer(new, Path(raw_dir)).run(offered, workers, progress, keep=False)
            if old is not None:
                _copy_own_rows(old, new)
            new.execute("CHECKPOINT").fetchall()
        finally:
            new.close()
    finally:
        if old is not None:
            old.close()
    backup = None
    if db.exists():
        backup = db.with_name(db.name + ".bak")
        os.replace(db, backup)
    os.replace(new_path, db)
    return Rebuilt(db, backup, results, missing)
