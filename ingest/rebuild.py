"""`python -m ingest --rebuild`: a new database from the raw store, then an atomic swap.

Every file kept under data/raw is imported again into a new database file, in the order (and
with the import time and name) the old database recorded, so duplicates resolve the same way and
the counts come out identical. The athletes keep their ids and names, and each file is replayed
into the athlete(s) whose sources named it (the same file given to two athletes is theirs twice).
The column mappings and the strength workouts the runner kept
apart are copied first (the replay reads the CSVs they map, and must not join those workouts);
the runner's own rows that no file holds (settings edited in the dashboard, exercise region
assignments, injuries entered by hand) are copied after it, and what the runner deleted is
deleted again (store.carry), athlete by athlete. The old file is kept as `<name>.bak`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.pipeline import FileResult, Importer, Offered, Progress
from store import athletes, carry
from store.db import SchemaOutdated, connect

RAW_SUFFIX_TMP = ".tmp"


@dataclass
class Rebuilt:
    path: Path
    backup: Path | None
    results: list[FileResult]
    missing: list[str]  # files the old database names whose raw copy is gone
    unclaimed: list[str]  # raw files no athlete's sources name, left out among several athletes


def raw_files(raw_dir: Path) -> dict[str, Path]:
    """sha256 -> the kept file."""
    out = {}
    for p in sorted(raw_dir.glob("*/*")):
        if p.is_file() and RAW_SUFFIX_TMP not in p.name:
            out[p.name.split(".", 1)[0]] = p
    return out


def plan(
    raw_dir: Path, old: duckdb.DuckDBPyConnection | None
) -> tuple[dict[int | None, list[Offered]], list[str]]:
    """athlete_id -> the files to replay into that athlete, in import order; under None, the raw
    files no athlete's sources name (the old database was lost, or is older): oldest first."""
    kept = raw_files(raw_dir)
    offered: dict[int | None, list[Offered]] = {}
    missing, seen = [], set()
    for sha, name, when, athlete in carry.import_order(old) if old is not None else []:
        if (sha, athlete) in seen:
            continue
        seen.add((sha, athlete))
        if sha in kept:
            offered.setdefault(athlete, []).append(Offered(name, path=kept[sha], now_utc=when))
        else:
            missing.append(name)
    named = {sha for sha, _ in seen}
    rest = sorted(
        (p for sha, p in kept.items() if sha not in named), key=lambda p: (p.stat().st_mtime, p.name)
    )
    if rest:
        offered[None] = [Offered(p.name, path=p) for p in rest]
    return offered, missing


def _open_old(db: Path) -> duckdb.DuckDBPyConnection | None:
    """The old database, read-only (DatabaseBusy if the dashboard holds it); one made by schema
    version 1 is first brought up to date in place (its rows become the athlete "Me")."""
    if not db.exists():
        return None
    try:
        return connect(db, read_only=True)
    except SchemaOutdated:
        connect(db).close()  # migrates a version-1 file; any other version is refused here
        return connect(db, read_only=True)


class _Across:
    """One progress count over the athletes' runs: each run counts from where the last stopped.
    A run counts an archive's members (its total grows as it opens them); the files of the runs
    still to come count one each until their run starts."""

    def __init__(self, progress: Progress | None, files: int) -> None:
        self.progress, self.done, self.later, self.run_total = progress, 0, files, 0

    def start(self, files: int) -> Progress | None:
        self.done += self.run_total
        self.later -= files
        self.run_total = files
        if self.progress is None:
            return None
        report = self.progress

        def update(n: int, total: int, name: str) -> None:
            self.run_total = total
            report(self.done + n, self.done + total + self.later, name)

        return update


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
    old = _open_old(db)
    try:
        offered, missing = plan(Path(raw_dir), old)
        new = connect(new_path)
        try:
            ids = carry.carry_athletes(old, new) if old is not None else []
            unclaimed: list[str] = []
            if None in offered:
                # Files no source names: the one athlete's ("Me" in a new database); among several
                # they cannot be told apart, and are left out (and said).
                if len(ids) > 1:
                    unclaimed = [o.name for o in offered.pop(None)]
                else:
                    athlete = athletes.choose(new)
                    offered.setdefault(athlete, []).extend(offered.pop(None))
                    ids = ids or [athlete]
            if old is not None:
                for athlete in ids:
                    carry.carry_mappings(old, new, athlete)
                    carry.carry_choices(old, new, athlete)
            results: list[FileResult] = []
            across = _Across(progress, sum(len(files) for files in offered.values()))
            for athlete in ids:
                files = offered.get(athlete, [])
                if not files:
                    continue
                # keep=False: the files are the raw store's own; nothing new to keep.
                results += Importer(new, Path(raw_dir), decoder=decoder, athlete=athlete).run(
                    files, workers, across.start(len(files)), keep=False
                )
            if old is not None:
                for athlete in ids:
                    carry.carry_own_rows(old, new, athlete)
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
    return Rebuilt(db, backup, results, missing, unclaimed)
