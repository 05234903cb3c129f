"""The Settings page's data paths without the browser: the injury-log diff and the export zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
from athletes import only_athlete

from analysis.compute import compute_all
from analysis.settings import Settings
from store import edits, read
from ui.export import zip_bytes
from ui.settings_rows import plan_injuries

COLS = ["injury_id", "onset_date", "end_date", "body_area", "severity", "time_loss", "medical_visit", "note"]


def test_the_injury_editor_diff_adds_updates_and_deletes():
    before = pd.DataFrame(
        [
            [1, dt.date(2026, 1, 5), None, "calf", "minor", True, False, ""],
            [2, dt.date(2026, 2, 5), dt.date(2026, 2, 20), "knee", "moderate", True, True, ""],
        ],
        columns=COLS,
    )
    after = pd.DataFrame(
        [
            [1, dt.date(2026, 1, 5), dt.date(2026, 1, 19), "calf", "minor", True, False, ""],
            [None, dt.date(2026, 4, 1), None, "hamstring", "niggle", False, False, "new"],
            [None, None, None, None, None, None, None, None],
        ],
        columns=COLS,
    )
    plan = plan_injuries(before, after)
    assert [r["body_area"] for r in plan.added] == ["hamstring"]  # the blank row is ignored
    assert [i for i, _ in plan.changed] == [1] and plan.changed[0][1]["end_date"] == dt.date(2026, 1, 19)
    assert plan.deleted == [2] and not plan.problems
    unchanged = plan_injuries(before, before)
    assert (unchanged.added, unchanged.changed, unchanged.deleted, unchanged.problems) == ([], [], [], [])


def test_the_export_zip_holds_tables_as_csv_and_parquet_and_the_analysis(db):
    edits.add_injury(db, only_athlete(db), {"onset_date": dt.date(2026, 3, 1), "body_area": "=HYPERLINK(1)"})
    res = compute_all(read.activities(db, only_athlete(db)), settings=Settings(), today=dt.date(2026, 3, 10))
    z = zipfile.ZipFile(io.BytesIO(zip_bytes(db, only_athlete(db), res)))
    names = set(z.namelist())
    assert {
        "tables/injuries.csv",
        "tables/injuries.parquet",
        "tables/activities.parquet",
        "analysis/weekly.csv",
        "analysis/injury_signal.json",
        "README.txt",
    } <= names
    injuries = pd.read_parquet(io.BytesIO(z.read("tables/injuries.parquet")))
    assert injuries["body_area"].tolist() == ["=HYPERLINK(1)"]  # Parquet keeps the value as stored
    assert "'=HYPERLINK(1)" in z.read("tables/injuries.csv").decode()  # CSV neutralised for spreadsheets
