"""Our whole import, as a runner runs it: parse, normalise, keep the raw bytes, write to DuckDB."""

from __future__ import annotations

import contextlib
import inspect
import os
import shutil
import time
from collections import Counter
from pathlib import Path
from typing import Any


def supports_workers() -> bool:
    from ingest.pipeline import ingest_paths

    return "workers" in inspect.signature(ingest_paths).parameters


def ingest(export: str, db: str, raw: str, workers: int, fresh: bool = True) -> dict:
    """Import the export folder into `db` (a new file unless `fresh` is False: the re-import)."""
    from ingest.pipeline import ingest_paths
    from store import athletes, read
    from store.db import connect

    db_path, raw_dir = Path(db), Path(raw)
    if fresh:
        for p in (db_path, db_path.with_name(db_path.name + ".wal")):
            p.unlink(missing_ok=True)
        shutil.rmtree(raw_dir, ignore_errors=True)
    con = connect(db_path)
    kwargs: dict[str, Any] = {"workers": workers} if supports_workers() else {}
    if workers != 1 and not kwargs:
        con.close()
        return {"skipped": "ingest.pipeline.ingest_paths takes no `workers` yet"}
    from bench import ingest_parts

    # With 1 worker everything runs here: where its CPU time goes, part by part.
    timing = ingest_parts.timing() if workers == 1 else contextlib.nullcontext(None)
    c0 = time.process_time()
    ch0 = os.times()
    t0 = time.perf_counter()
    with timing as parts:
        results = ingest_paths(con, [export], raw_dir, **kwargs)
    con.execute("CHECKPOINT")
    con.close()
    wall = time.perf_counter() - t0
    ch1 = os.times()
    con = connect(db_path, read_only=True)
    counts = read.table_counts(con, athletes.choose(con, create=False))
    con.close()
    size = db_path.stat().st_size
    wal = db_path.with_name(db_path.name + ".wal")
    return {
        "workers": workers,
        "wall_s": wall,
        "cpu_s": time.process_time() - c0,
        "children_cpu_s": (ch1.children_user + ch1.children_system)
        - (ch0.children_user + ch0.children_system),
        "files": len(results),
        "status": dict(Counter(r.status for r in results)),
        "failed": [f"{r.file_name}: {r.message}" for r in results if r.status == "failed"][:10],
        "counts": counts,
        "db_bytes": size + (wal.stat().st_size if wal.exists() else 0),
        "parts_cpu_ms_per_file": None if parts is None else ingest_parts.per_file_ms(parts, len(results)),
    }
