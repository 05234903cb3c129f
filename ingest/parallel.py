"""Parsing in worker processes, writing in one: an ordered map with a bounded window.

`ordered_map` submits at most `window` jobs ahead of the one being written, so memory holds a
few dozen parsed files however many are offered, and results come back in input order (the
writer's order decides which duplicate wins, so it must not depend on timing).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

J = TypeVar("J")
PARALLEL_FROM_FILES = 20  # below this, starting the workers costs more than it saves


def default_workers(n_files: int) -> int:
    return (os.cpu_count() or 1) if n_files > PARALLEL_FROM_FILES else 1


def ordered_map(
    fn: Callable[..., Any],
    jobs: Iterable[J],
    args_of: Callable[[J], tuple | None],
    workers: int,
    window: int | None = None,
) -> Iterator[tuple[J, Any]]:
    """Yield (job, fn(*args_of(job))) in job order; a job whose args are None passes through with
    None (the writer handles it itself). workers <= 1 runs everything in this process."""
    if workers <= 1:
        for job in jobs:
            args = args_of(job)
            yield job, (None if args is None else fn(*args))
        return
    window = window or workers * 4
    # 'spawn': the dashboard's process has threads (Streamlit, DuckDB), which fork must not copy.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        pending: deque[tuple[J, Future | None]] = deque()
        for job in jobs:
            args = args_of(job)
            pending.append((job, None if args is None else pool.submit(fn, *args)))
            while len(pending) >= window:
                done, fut = pending.popleft()
                yield done, (None if fut is None else fut.result())
        while pending:
            done, fut = pending.popleft()
            yield done, (None if fut is None else fut.result())
