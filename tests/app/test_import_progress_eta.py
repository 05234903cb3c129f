"""Progress with the time left for large imports: the pure estimate, the Import page's bar (its
text, its throttle, and 25 demo files uploaded through AppTest), and the count following the files
actually written when worker processes parse ahead."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import config
from ingest import ingest_paths
from ui import import_progress
from ui.import_progress import ETA_FROM_FILES, UPDATE_EVERY_S, bar_updater, progress_text, seconds_left

GARMIN = sorted((config.sample_logs_dir() / "garmin").glob("*.fit"))


def test_seconds_left_at_the_average_pace_so_far():
    assert seconds_left(10, 100, 20.0) == 180.0  # 2 s a file, 90 files to go
    assert seconds_left(100, 100, 20.0) == 0.0
    assert seconds_left(0, 100, 5.0) is None
    assert seconds_left(2, 100, 5.0) is None  # the first files carry the start-up
    assert seconds_left(40, 3000, 5.0) is None  # 2 % of a large import first
    assert seconds_left(60, 3000, 6.0) == 6.0 / 60 * 2940


@given(st.integers(1, 5000), st.integers(0, 5000), st.floats(0.01, 1e5))
def test_seconds_left_shrinks_as_files_are_written(total, done, elapsed):
    done = min(done, total)
    left = seconds_left(done, total, elapsed)
    if left is None:
        return
    assert left >= 0
    later = seconds_left(min(done + 1, total), total, elapsed)  # one more file in the same time
    assert later is not None and later <= left


def test_progress_text_for_a_large_import_counts_files_and_time_left():
    assert progress_text(0, 460, 0.0, "a.fit") == "0 of 460 files"
    assert progress_text(100, 460, 50.0, "a.fit") == "100 of 460 files, about 3:00 left"
    assert progress_text(460, 460, 230.0, "") == "460 of 460 files"
    assert progress_text(2, 5, 1.0, "runs/a_b.fit") == "2 of 5: runs/a\\_b\\.fit"  # a name, as text


class _Bar:
    def __init__(self) -> None:
        self.shown: list[tuple[float, str]] = []

    def progress(self, value: float, text: str | None = None) -> None:
        self.shown.append((value, text or ""))


def test_the_bar_of_a_large_import_redraws_a_few_times_a_second():
    now = [0.0]
    bar = _Bar()
    update = bar_updater(bar, clock=lambda: now[0])
    total = 400
    for done in range(total):
        now[0] += 0.01  # 100 files a second
        update(done, total, f"{done}.fit")
    update(total, total, "")
    # 4 s of import: the first call, at most one per UPDATE_EVERY_S, and the end.
    assert 10 <= len(bar.shown) <= 4.0 / UPDATE_EVERY_S + 2
    counts = [int(t.split(" of ")[0]) for _, t in bar.shown]
    assert counts == sorted(counts) and counts[-1] == total
    assert bar.shown[-1] == (1.0, f"{total} of {total} files")
    lefts = [t for _, t in bar.shown if "left" in t]
    assert "100 of 400 files, about 0:03 left" in lefts  # 100 files written in 1 s, 300 to go


def test_a_small_import_draws_every_file():
    bar = _Bar()
    update = bar_updater(bar, clock=lambda: 0.0)
    for done in range(ETA_FROM_FILES):
        update(done, ETA_FROM_FILES, f"{done}.fit")
    assert len(bar.shown) == ETA_FROM_FILES and "left" not in bar.shown[-1][1]


def test_the_count_follows_the_files_written_with_worker_processes(db, raw_dir):
    """Workers parse a window ahead of the writer: the count must not run ahead with them."""
    seen: list[tuple[int, int, int]] = []

    def progress(done: int, total: int, name: str) -> None:
        written = db.execute("SELECT count(*) FROM sources").fetchone()[0]
        seen.append((done, total, written))

    files = GARMIN[:25]
    results = ingest_paths(db, files, raw_dir, progress=progress, workers=2)
    assert len(results) == 25 and all(r.status in ("ok", "partial") for r in results)
    assert all(done <= written for done, _, written in seen), seen
    assert [d for d, _, _ in seen] == sorted(d for d, _, _ in seen)
    assert {t for _, t, _ in seen} == {25} and seen[-1][0] == 25


def test_the_import_page_shows_files_done_of_the_total(tmp_path, monkeypatch):
    """25 demo files uploaded: the bar counts 'N of 25 files', rising, to the end."""
    import streamlit

    bar = _Bar()

    def progress(value, text=None):
        bar.progress(value, text)
        return bar

    bar.empty = lambda: None  # type: ignore[attr-defined]
    monkeypatch.setattr(streamlit, "progress", progress)
    monkeypatch.setattr(import_progress, "UPDATE_EVERY_S", 0.0)  # every file, so the test sees them
    monkeypatch.setenv("RUNSTRONG_DB", str(tmp_path / "db.duckdb"))
    monkeypatch.setenv("RUNSTRONG_RAW", str(tmp_path / "raw"))
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/upload.py").run()
    at.file_uploader[0].set_value([(p.name, p.read_bytes(), "application/octet-stream") for p in GARMIN[:25]])
    next(b for b in at.button if b.label == "Import files").click().run()
    assert not at.exception, at.exception
    counted = [t for _, t in bar.shown if re.fullmatch(r"\d+ of 25 files(, about \d+:\d\d left)?", t)]
    counts = [int(t.split(" of ")[0]) for t in counted]
    assert len(counts) >= 20 and counts == sorted(counts) and counts[-1] == 25, bar.shown
    assert any("left" in t for t in counted), counted
    assert at.success and at.success[0].value.startswith("25 files:")
