"""The dashboard's edits through store/: injuries by hand, exercise regions, deleting an activity,
and the whole-store export."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from athletes import only_athlete

from ingest.pipeline import ingest_paths
from store import edits, read


def test_injuries_added_edited_and_deleted(db):
    first = edits.add_injury(
        db,
        only_athlete(db),
        {
            "onset_date": dt.date(2026, 3, 1),
            "body_area": "calf",
            "severity": "minor",
            "time_loss": True,
            "medical_visit": False,
            "note": "=cmd|' /C calc'!A0",
        },
    )
    second = edits.add_injury(db, only_athlete(db), {"onset_date": dt.date(2026, 5, 2), "end_date": None})
    assert second != first
    edits.update_injury(
        db,
        only_athlete(db),
        first,
        {
            "onset_date": dt.date(2026, 3, 2),
            "end_date": dt.date(2026, 3, 20),
            "body_area": "left calf",
            "severity": "moderate",
        },
    )
    inj = read.injuries(db, only_athlete(db)).set_index("injury_id")
    assert inj.loc[first, "body_area"] == "left calf"
    assert pd.Timestamp(inj.loc[first, "end_date"]) == pd.Timestamp(2026, 3, 20)
    assert pd.isna(inj.loc[first, "time_loss"])  # an update writes the whole row
    assert inj["source_id"].isna().all()  # entered by hand
    edits.delete_injury(db, only_athlete(db), second)
    assert list(read.injuries(db, only_athlete(db))["injury_id"]) == [first]
    with pytest.raises(ValueError, match="onset"):
        edits.add_injury(db, only_athlete(db), {"body_area": "knee"})


def test_each_edit_bumps_the_data_version(db):
    from store.db import VERSION_STEP, data_version

    me = only_athlete(db)  # the first athlete's creation is a write of its own
    v0 = data_version(db)
    edits.add_injury(db, me, {"onset_date": dt.date(2026, 3, 1)})
    edits.save_exercise_regions(db, me, {"Turkish Get-Up": "full"})
    assert data_version(db) == v0 + 2 * VERSION_STEP


@pytest.mark.realdata
def test_exercise_regions_win_and_can_be_cleared(db, realdata, raw_dir):
    ingest_paths(db, [realdata / "csv_strength" / "strongstats__sample_strong.csv"], raw_dir)
    ex = read.exercises(db, only_athlete(db))
    name = ex["exercise"].iloc[0]
    edits.save_exercise_regions(
        db, only_athlete(db), {name.upper(): "upper"}
    )  # names are matched lower-cased
    assert set(read.strength_sets(db, only_athlete(db)).query("exercise.str.lower() == @name")["region"]) == {
        "upper"
    }
    assert read.exercises(db, only_athlete(db)).set_index("exercise").loc[name, "own_region"] == "upper"
    edits.save_exercise_regions(db, only_athlete(db), {name: None})
    assert read.exercise_regions(db, only_athlete(db)).empty


@pytest.mark.realdata
def test_deleting_an_activity_takes_its_rows_and_keeps_the_source(db, realdata, raw_dir):
    ingest_paths(
        db,
        [
            realdata / "fit_run" / "sportslib__6782987395.fit",
            realdata / "fit_strength" / "jarkko__20474406937_ACTIVITY.fit",
        ],
        raw_dir,
    )
    before = read.table_counts(db, only_athlete(db))
    acts = read.activities(db, only_athlete(db))
    lifted = acts[acts["sport"] != "running"]["activity_id"].iloc[0]
    assert read.strength_sessions(db, only_athlete(db))["activity_id"].tolist() == [lifted]
    assert edits.delete_activity(db, only_athlete(db), int(lifted)) == 1
    after = read.table_counts(db, only_athlete(db))
    assert after["activities"] == before["activities"] - 1
    assert after["strength_sessions"] == 0 and after["strength_sets"] == 0
    assert after["sources"] == before["sources"]  # offering the file again changes nothing
    assert edits.delete_activity(db, only_athlete(db), int(lifted)) == 0
    run = int(acts[acts["sport"] == "running"]["activity_id"].iloc[0])
    edits.delete_activity(db, only_athlete(db), run)
    assert (
        read.table_counts(db, only_athlete(db))["records"] == 0
        and read.table_counts(db, only_athlete(db))["laps"] == 0
    )


def test_export_tables_holds_every_table(db):
    edits.add_injury(db, only_athlete(db), {"onset_date": dt.date(2026, 3, 1), "body_area": "calf"})
    tables = read.export_tables(db, only_athlete(db))
    assert {"activities", "records", "strength_sets", "injuries", "settings", "sources"} <= set(tables)
    assert len(tables["injuries"]) == 1
