"""`python -m ingest --rebuild`: a new database from the raw store, then an atomic swap.

Every file kept under data/raw is imported again into a new database file, in the order (and
with the import time and name) the old database recorded, so duplicates resolve the same way and
the counts come out identical. The column mappings and the strength workouts the runner kept
apart are copied first (the replay reads the CSVs they map, and must not join those workouts);
the runner's own rows that no file holds (settings edited in the dashboard, exercise region
assignments, injuries entered by hand) are copied after it, and what the runner deleted is
deleted again (store.carry). The old file is kept as `<name>.bak`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.pipeline import FileResult, Importer, Offered, Progress
from store import carry
from store.db import connect

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


def plan(raw_dir: Path, old: duckdb.DuckDBPyConnection | None) -> tuple[list[Offered], list[str]]:
    kept = raw_files(raw_dir)
    offered, missing, seen = [], [], set()
    for sha, name, when in carry.import_order(old) if old is not None else []:
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


def rebuild(
    db: Path,
    raw_dir: Path,
    workers: int | None = None,
    progress: Progress | None = None,
    decoder: str = "fast",
) -> Rebuilt:
    db = Path(db)
    new_path = db.with_name(db.name + ".rebuild")
    for p in (new_path, Path(str(new_path) + ".wal")):
        p.unlink(missing_ok=True)
    old = connect(db, read_only=True) if db.exists() else None  # DatabaseBusy if the dashboard holds it
    try:
        offered, missing = plan(Path(raw_dir), old)
        new = connect(new_path)
        try:
            if old is not None:
                carry.carry_mappings(old, new)
                carry.carry_choices(old, new)
            # keep=False: the files are the raw store's own; nothing new to keep.
            results = Importer(new, Path(raw_dir), decoder=decoder).run(
                offered, workers, progress, keep=False
            )
            if old is not None:
                carry.carry_own_rows(old, new)
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
