"""A write that fails half-way (the disk full, the process stopped) leaves nothing of its file:
the file's source row, activities, laps and records land together or not at all, the files
written before it stay whole, and offering the same files again completes the import."""

from __future__ import annotations

import pytest
from athletes import only_athlete
from reliability_checks import store_problems

from ingest.pipeline import ingest_paths
from store import read, write

pytestmark = pytest.mark.realdata

RUNS = [
    "fitparse__garmin-fenix-5-run.fit",
    "sportstracker__Garmin_Fenix_6-Running.fit",
    "gc__10kUNLP2014-Garmin15.fit",
    "fitparse__compressed-speed-distance.fit",
]


def test_a_write_failing_half_way_leaves_nothing_of_its_file(realdata, db, raw_dir, monkeypatch):
    paths = [realdata / "fit_run" / n for n in RUNS]
    insert = write._insert_frame
    seen = {"records": 0}

    def failing(cur, table, frame, **constants):
        if table == "records":
            seen["records"] += 1
            if seen["records"] == 3:  # the third file: its activity row is in, its records are not
                raise OSError(28, "No space left on device")
        insert(cur, table, frame, **constants)

    monkeypatch.setattr(write, "_insert_frame", failing)
    with pytest.raises(OSError, match="No space left"):
        ingest_paths(db, paths, raw_dir, workers=1)
    assert sorted(
        read.sources(db, only_athlete(db))["file_name"].map(lambda p: p.rsplit("/", 1)[-1])
    ) == sorted(RUNS[:2])
    assert read.table_counts(db, only_athlete(db))["activities"] == 2 and not store_problems(db)

    monkeypatch.setattr(write, "_insert_frame", insert)  # space again: the same import, once more
    again = ingest_paths(db, paths, raw_dir, workers=1)
    assert [r.status for r in again] == ["duplicate", "duplicate", "ok", "ok"]
    assert read.table_counts(db, only_athlete(db))["activities"] == 4 and not store_problems(db)
