"""Several dashboard sessions importing at once, as threads of one process sharing its one
connection (how Streamlit runs them): different files all land, the same file lands once, and a
file read in one session never disturbs a file read in another."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from athletes import only_athlete
from reliability_checks import store_problems

from ingest.fit import parse_fit
from ingest.pipeline import ingest_uploads
from store import read

pytestmark = pytest.mark.realdata

# Real runs with developer fields (fitparse keeps their definitions in a module global).
DEV_FIELD_RUNS = [
    "sportslib__6782987395.fit",
    "jimmykane__running-with-developer-data.fit",
    "fitparse__developer-types-sample.fit",
    "sportslib__6860622783.fit",
]


def at_once(work, args: list) -> list[BaseException]:
    """Run work(arg) for each arg in its own thread, all released together; their exceptions."""
    start, failures = threading.Barrier(len(args)), []

    def run(arg):
        start.wait()
        try:
            work(arg)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted on
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failures


def test_files_read_at_once_do_not_disturb_each_other(realdata):
    runs = [(realdata / "fit_run" / n).read_bytes() for n in DEV_FIELD_RUNS]
    statuses = {}
    failures = at_once(lambda i: statuses.__setitem__(i, parse_fit(runs[i])), list(range(len(runs))))
    assert not failures
    assert {i: r.status for i, r in statuses.items()} == dict.fromkeys(range(len(runs)), "ok"), {
        DEV_FIELD_RUNS[i]: r.message[:120] for i, r in statuses.items() if r.status != "ok"
    }


def test_different_files_imported_at_once_all_land(realdata, db, raw_dir):
    files = sorted((realdata / "fit_run").glob("sportslib__*.fit"))[:6]
    results = []
    failures = at_once(
        lambda f: results.extend(ingest_uploads(db, [(f.name, f.read_bytes())], raw_dir, workers=1)), files
    )
    assert not failures, failures
    assert sorted((r.file_name, r.status) for r in results) == sorted((f.name, "ok") for f in files)
    assert read.table_counts(db, only_athlete(db))["sources"] == len(files) and not store_problems(db)


def test_the_same_file_imported_in_three_sessions_at_once_lands_once(realdata, db, raw_dir):
    run: Path = realdata / "fit_run" / DEV_FIELD_RUNS[0]
    results = []
    failures = at_once(
        lambda _: results.extend(ingest_uploads(db, [(run.name, run.read_bytes())], raw_dir, workers=1)),
        [0, 1, 2],
    )
    assert not failures, failures
    assert sorted(r.status for r in results) == ["duplicate", "duplicate", "ok"], [
        (r.status, r.message) for r in results
    ]
    assert (
        read.table_counts(db, only_athlete(db))["sources"] == 1
        and read.table_counts(db, only_athlete(db))["activities"] == 1
    )
    assert len([p for p in raw_dir.rglob("*") if p.is_file()]) == 1
    assert not store_problems(db)
