"""Where a 1-worker import's CPU time goes, file by file: each part of ingest.importer's work
timed where it is called (a process_time pair per call, about a microsecond), so the write, the
duplicate checks, the hashing and the raw store are seen beside the parsing (issue 15's third
point: the rest of the per-file cost, once decoding is fast).

Only meaningful with 1 worker: with workers the parsing runs in other processes.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from typing import Any

#: part -> (module, attribute) of every callable timed as that part. The importer calls the
#: hashing, raw-store and parse functions by the names it imported, the store's through `write`.
PARTS: dict[str, list[tuple[str, str]]] = {
    "parse": [("ingest.importer", "prepare")],
    "write": [("store.write", "write_source")],
    "duplicate_checks": [("store.write", "known_source"), ("store.write", "known_sources")],
    "hashing": [("ingest.importer", "sha256_of"), ("ingest.parse", "sha256_of")],
    "raw_store": [("ingest.importer", "keep_raw"), ("ingest.importer", "keep_path")],
}


def _timed(fn: Callable[..., Any], totals: dict[str, float], part: str) -> Callable[..., Any]:
    @functools.wraps(fn)
    def timed(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[part] += time.process_time() - t

    return timed


@contextlib.contextmanager
def timing() -> Iterator[dict[str, float]]:
    """CPU seconds per part while the block runs (an archive on disk is hashed as it is kept: its
    hashing counts as raw store)."""
    import importlib

    totals = dict.fromkeys(PARTS, 0.0)
    patched: list[tuple[Any, str, Any]] = []
    try:
        for part, targets in PARTS.items():
            for module_name, attr in targets:
                module = importlib.import_module(module_name)
                fn = getattr(module, attr, None)
                if fn is not None:
                    patched.append((module, attr, fn))
                    setattr(module, attr, _timed(fn, totals, part))
        yield totals
    finally:
        for module, attr, fn in reversed(patched):
            setattr(module, attr, fn)


def per_file_ms(totals: dict[str, float], files: int) -> dict[str, float]:
    return {part: 1000 * s / max(files, 1) for part, s in totals.items()}
