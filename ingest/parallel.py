"""Parsing in worker processes, writing in one: an ordered map with a bounded window.

`ordered_map` submits at most `window` jobs ahead of the one being written (and `here_first` more
while the workers start), so memory holds a few dozen parsed files however many are offered, and
results come back in input order (the writer's order decides which duplicate wins, so it must not
depend on timing).
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
# A worker is a new interpreter ('spawn') that imports numpy, pandas and fitparse before its first
# file: 0.5-0.7 s of CPU each, in which the writer had nothing to write (0.65 s of waits in a 1-year
# import with 2 workers, a tenth of it). So the first files are parsed here, by the writer, as it
# reaches them, and the workers are handed the files after them at once: they start while the
# writer parses and writes the first ones.
HERE_FIRST = 32
# The writer counts as one of the workers: the pool has the others. Writing a file costs more than
# parsing it (one writer, DuckDB statements one after another), so the writer bounds the import, and
# a third process on two cores took CPU from it. With 2 workers, one parsing process beside the
# writer against two (the same runs alternating): 1 year 6.5-7.5 s against 6.8-8.1 s, ten years
# 62.0 and 66.5 s against 77.0 and 66.6 s.


def default_workers(n_files: int) -> int:
    return (os.cpu_count() or 1) if n_files > PARALLEL_FROM_FILES else 1


def ordered_map(
    fn: Callable[..., Any],
    jobs: Iterable[J],
    args_of: Callable[[J], tuple | None],
    workers: int,
    window: int | None = None,
    here_first: int = HERE_FIRST,
) -> Iterator[tuple[J, Any]]:
    """Yield (job, fn(*args_of(job))) in job order; a job whose args are None passes through with
    None (the writer handles it itself). `workers`: the processes in all, this one (the writer)
    included, so the pool has one fewer (the writer bounds the import: see above); 1 runs
    everything here.
    `here_first`: with workers, this many jobs at the start run in this process, as they are
    reached, while the jobs after them go to the workers from the start (see HERE_FIRST)."""
    if workers <= 1:
        for job in jobs:
            args = args_of(job)
            yield job, (None if args is None else fn(*args))
        return
    window = window or workers * 4
    # 'spawn': the dashboard's process has threads (Streamlit, DuckDB), which fork must not copy.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers - 1, mp_context=ctx) as pool:
        # Each job's Future, its args when it runs here, or None when it has none.
        pending: deque[tuple[J, Future | tuple | None]] = deque()
        here, extra = 0, here_first  # jobs pending to run here; the window's extra room meanwhile
        for job in jobs:
            args = args_of(job)
            if args is not None and here_first > 0:
                here_first -= 1
                here += 1
                pending.append((job, args))
            else:
                pending.append((job, None if args is None else pool.submit(fn, *args)))
            # While jobs wait to run here, the workers get one more job for each done here (the
            # window grows by the jobs run here); then it is back to `window` jobs ahead.
            while len(pending) >= window + (extra if here else 0):
                done, ran_here, value = _take(fn, pending)
                here -= ran_here
                yield done, value
        while pending:
            done, _, value = _take(fn, pending)
            yield done, value


def _take(fn: Callable[..., Any], pending: deque) -> tuple[Any, bool, Any]:
    """The first pending job, its result (run here if its args are pending), and whether it ran here."""
    job, entry = pending.popleft()
    if isinstance(entry, Future):
        return job, False, entry.result()
    if entry is None:
        return job, False, None
    return job, True, fn(*entry)
