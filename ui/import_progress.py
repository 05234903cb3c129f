"""The Import page's progress bar: for an import of more than 20 files, "120 of 460 files, about
1:05 left", updated as the files are written; a smaller import names the file being read. The
files are those inside the archives too (an export zip is its hundreds of files, not one:
`ingest.importer` counts them)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ui import fmt

ETA_FROM_FILES = 20  # more files than this take long enough that the time left is worth a line
FIRST_FILES = 3  # the time left is guessed only after this many files (or 2 % of them) are written
UPDATE_EVERY_S = 0.25  # the bar is redrawn at most this often: thousands of files must not wait on it


def seconds_left(done: int, total: int, elapsed_s: float) -> float | None:
    """The time left at the average pace so far; None while too few files are written to say (the
    first ones carry the start-up: worker processes, the first archive opened)."""
    if total <= 0 or done >= total:
        return 0.0
    if done < max(FIRST_FILES, total // 50) or elapsed_s <= 0:
        return None
    return elapsed_s / done * (total - done)


def progress_text(done: int, total: int, elapsed_s: float, name: str) -> str:
    """'120 of 460 files, about 1:05 left' (more than 20 files), else '3 of 5: run.fit'."""
    if total <= ETA_FROM_FILES:
        return f"{done} of {total}: {fmt.md(name[-60:])}"  # an archive's names are its author's: text only
    text = f"{done} of {total} files"
    left = seconds_left(done, total, elapsed_s)
    if left is not None and done < total:
        text += f", about {fmt.duration(left)} left"
    return text


def bar_updater(bar: Any, clock: Callable[[], float] = time.monotonic) -> Callable[[int, int, str], None]:
    """The import's progress callback for a `st.progress` bar: the first call, every change of a small
    import's file, and the end always draw; a large import redraws at most every UPDATE_EVERY_S."""
    start = clock()
    last: float | None = None

    def update(done: int, total: int, name: str) -> None:
        nonlocal last
        now = clock()
        if total > ETA_FROM_FILES and done < total and last is not None and now - last < UPDATE_EVERY_S:
            return
        last = now
        bar.progress(
            min(done / total, 1.0) if total else 1.0, text=progress_text(done, total, now - start, name)
        )

    return update
