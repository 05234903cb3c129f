"""Progress with the time left for large imports: the pure estimate, the Import page's bar (its
text, its throttle, and 25 demo files uploaded through AppTest, one by one and in one zip), and the
count following the files actually written when worker processes parse ahead, an export's files
inside its zips (and the zips inside those) each."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

import config
from ingest import ingest_paths, ingest_uploads
from ingest.pipeline import Importer, Offered
from ui import fmt, import_progress
from ui.import_progress import ETA_FROM_FILES, UPDATE_EVERY_S, bar_updater, progress_text, seconds_left

GARMIN = sorted((config.sample_logs_dir() / "garmin").glob("*.fit"))


def zipped(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


STRAVA_CSV = (
    b"Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n"
    b'1,"May 20, 2025, 4:53:23 AM",Morning Run,Run,1800,5.00,activities/a.fit\n'
)


def export_of(files: list) -> bytes:
    """A Strava-like export: the activity files in a folder of one zip."""
    return zipped({f"activities/{p.name}": p.read_bytes() for p in files})


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


def test_a_zip_of_25_files_counts_the_files_inside_and_says_the_time_left(db, raw_dir):
    """One export offered, 25 files inside: the count follows the files inside, so the bar of
    the Import page says 'N of 25 files, about X left' (and the command line's 'N/25')."""
    seen: list[tuple[int, int, str]] = []
    results = ingest_uploads(
        db, [("export.zip", export_of(GARMIN[:25]))], raw_dir, lambda *a: seen.append(a), workers=2
    )
    assert results[-1].file_name == "export.zip" and results[-1].status == "ok", results[-1].message
    assert len(results) == 26 and {r.status for r in results[:-1]} <= {"ok", "partial"}
    assert {t for _, t, _ in seen} == {25}
    done = [d for d, _, _ in seen]
    assert done == sorted(done) and done[-1] == 25 and len(set(done)) == 26  # 0 to 25, every file
    assert all(name.startswith("export.zip/activities/") for d, _, name in seen if d < 25)
    # What the page shows at 0.4 s a file: the time left from the 3rd file on.
    texts = [progress_text(d, t, 0.4 * d, name) for d, t, name in seen]
    assert texts[0] == "0 of 25 files"
    assert f"10 of 25 files, about {fmt.duration(seconds_left(10, 25, 4.0))} left" in texts
    assert texts[-1] == "25 of 25 files"


def test_one_export_zip_of_many_files_is_parsed_by_workers_as_many_files_are(db, raw_dir, monkeypatch):
    """The default number of workers follows the same count: an export is a large import."""
    from ingest import importer

    asked: list[int] = []

    def one_worker(n_files: int) -> int:
        asked.append(n_files)
        return 1

    monkeypatch.setattr(importer, "default_workers", one_worker)
    ingest_uploads(db, [("export.zip", export_of(GARMIN[:25])), ("a.fit", GARMIN[30].read_bytes())], raw_dir)
    assert asked == [26]


def test_a_garmin_export_counts_the_files_of_the_zips_inside(db, raw_dir):
    """Zips inside the zip, as Garmin Connect exports them: the count grows to the files inside
    the inner zips as they are opened; a refused member is counted with the archive's row."""
    inner = zipped({p.name: p.read_bytes() for p in GARMIN[:20]})
    outer = zipped(
        {
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": inner,
            "DI_CONNECT/DI-Connect-Fitness/summary.json": b"{}",  # left alone, not counted
            "DI_CONNECT/extra/a.fit": GARMIN[20].read_bytes(),
            "DI_CONNECT/extra/b.fit": GARMIN[21].read_bytes(),
            "../evil.fit": GARMIN[22].read_bytes(),  # refused: its name points outside
        }
    )
    seen: list[tuple[int, int, str]] = []
    importer = Importer(db, raw_dir)
    results = importer.run([Offered("export.zip", data=outer)], 1, lambda *a: seen.append(a))
    assert "refused" in results[-1].message
    totals = [t for _, t, _ in seen]
    assert set(totals) <= {4, 23} and totals[-1] == 23  # 20 inside, 2 beside, 1 refused
    done = [d for d, _, _ in seen]
    assert done == sorted(done) and done[-1] == 23
    assert importer.counted == (23, 23)


@pytest.mark.parametrize(
    "offered, total",
    [
        ([("empty.zip", zipped({}))], 1),
        ([("broken.zip", zipped({"a.fit": b"x" * 1000})[:-30])], 1),
        ([("mixed.zip", zipped({"a.fit": b"", "b.csv": b"a,b\n1,2\n", "c.jpg": b"x"}))], 2),
        ([("deep.zip", zipped({"1.zip": zipped({"2.zip": zipped({"3.zip": zipped({"a.fit": b""})})})}))], 1),
        ([("a.fit", b"not a fit file"), ("z.zip", zipped({"x.fit": b"", "y.fit": b"1"}))], 3),
        (
            [
                (
                    "strava.zip",
                    zipped({"activities.csv": STRAVA_CSV, "activities/a.fit": GARMIN[0].read_bytes()}),
                )
            ],
            2,
        ),
    ],
    ids=["empty", "damaged", "mixed", "nested too deep", "beside a file", "strava (its csv written last)"],
)
def test_every_file_is_counted_once_whatever_the_archive(db, raw_dir, offered, total):
    importer = Importer(db, raw_dir)
    seen: list[tuple[int, int, str]] = []
    importer.run([Offered(name, data=data) for name, data in offered], 1, lambda *a: seen.append(a))
    assert importer.counted == (total, total)
    assert seen[-1][:2] == (total, total)
    # Offered again: every file is a duplicate now, and counted as before.
    again = Importer(db, raw_dir)
    again.run([Offered(name, data=data) for name, data in offered], 1)
    assert again.counted == (total, total)


@pytest.mark.parametrize("packed", [False, True], ids=["files", "one zip"])
def test_the_import_page_shows_files_done_of_the_total(packed, tmp_path, monkeypatch):
    """25 demo files uploaded, as they are or in one zip: the bar counts 'N of 25 files', rising,
    to the end, with the time left."""
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
    if packed:
        upload = [("export.zip", export_of(GARMIN[:25]), "application/zip")]
    else:
        upload = [(p.name, p.read_bytes(), "application/octet-stream") for p in GARMIN[:25]]
    at.file_uploader[0].set_value(upload)
    next(b for b in at.button if b.label == "Import files").click().run()
    assert not at.exception, at.exception
    counted = [t for _, t in bar.shown if re.fullmatch(r"\d+ of 25 files(, about \d+:\d\d left)?", t)]
    counts = [int(t.split(" of ")[0]) for t in counted]
    assert len(counts) >= 20 and counts == sorted(counts) and counts[-1] == 25, bar.shown
    assert any("left" in t for t in counted), counted
    assert at.success and "25 activities" in at.success[0].value, [m.value for m in at.success]
