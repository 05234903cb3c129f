"""Every real FIT file in ../shared/realdata goes in, against the independent INVENTORY.tsv."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from athletes import only_athlete

from ingest.fit import parse_fit
from store import read

pytestmark = pytest.mark.realdata


def _fit_files(realdata, folder):
    return sorted((realdata / folder).iterdir())


def _bytes(path):
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def test_every_run_matches_the_inventory(realdata, inventory):
    runs = _fit_files(realdata, "fit_run")
    assert len(runs) == 29
    for path in runs:
        row = inventory[f"fit_run/{path.name}"]
        result = parse_fit(_bytes(path))
        assert result.status in ("ok", "partial"), (path.name, result.message)
        assert len(result.activities) == int(row["n_sessions"]), path.name
        act = result.activities[0].activity
        assert act["sport"] == "running", (path.name, act["sport"])
        # Records: every record message kept, none lost to the session split.
        assert sum(len(a.records) for a in result.activities) == int(row["n_records"]), path.name
        if row["total_distance_m"]:
            expected = float(row["total_distance_m"])
            assert act["distance_m"] == pytest.approx(expected, rel=0.01, abs=1.0), path.name
        start = row["start_time"]
        if "relative" in start:
            # Forerunner 70 dumps: only the activity's local_timestamp is a date; we anchor on it.
            assert act["local_time_basis"] == "local_only"
        else:
            expected_start = dt.datetime.fromisoformat(start)
            assert abs((act["start_time_utc"] - expected_start).total_seconds()) <= 1, path.name
        assert act["elapsed_s"] and act["elapsed_s"] > 0, path.name
        assert act["local_date"] == act["start_time_local"].date()


def test_duration_comes_from_the_session(realdata):
    # fitparse's own expected values for fenix-5-run: 157.6 m in 123.6 s of timer time.
    result = parse_fit((realdata / "fit_run" / "fitparse__garmin-fenix-5-run.fit").read_bytes())
    act = result.activities[0].activity
    assert act["distance_m"] == pytest.approx(157.6, abs=0.1)
    assert act["local_time_basis"] == "local_timestamp"
    assert act["start_time_local"] - act["start_time_utc"] == dt.timedelta(seconds=act["utc_offset_s"])


def test_records_match_fitparse_golden_values(realdata):
    """other/fitparse__garmin-fenix-5-run-records.csv is fitparse's own per-record expectation."""
    import csv

    golden = list(csv.DictReader(open(realdata / "other" / "fitparse__garmin-fenix-5-run-records.csv")))
    recs = (
        parse_fit((realdata / "fit_run" / "fitparse__garmin-fenix-5-run.fit").read_bytes())
        .activities[0]
        .records
    )
    assert len(recs) == len(golden)
    for (_, ours), theirs in zip(recs.iterrows(), golden, strict=True):
        if theirs.get("distance"):
            assert ours["distance_m"] == pytest.approx(float(theirs["distance"]), abs=0.01)
        if theirs.get("heart_rate"):
            assert ours["heart_rate"] == float(theirs["heart_rate"])


def test_non_activity_files_are_skipped_with_a_reason(realdata):
    for name, word in [
        ("fitparse__Settings.fit", "settings"),
        ("fitparse__MonitoringFile.fit", "monitoring"),
        ("fitparse__WorkoutRepeatSteps.fit", "workout"),
        ("fitparse__WeightScaleSingleUser.fit", "weight"),
    ]:
        result = parse_fit((realdata / "fit_other" / name).read_bytes())
        assert result.status == "skipped" and word in result.message and not result.activities


def test_multisport_gives_one_activity_per_session(realdata):
    result = parse_fit((realdata / "fit_other" / "muktihari__triathlon_summary_last.fit").read_bytes())
    assert [a.activity["sport"] for a in result.activities] == [
        "swimming",
        "transition",
        "cycling",
        "transition",
        "running",
    ]
    starts = [a.activity["start_time_utc"] for a in result.activities]
    assert starts == sorted(starts)


def test_corrupt_files_end_failed_or_salvaged_and_say_why(corpus):
    """The whole corpus went in once (tests/ingest/conftest.py); the broken files' lines."""
    by_name = {r.file_name.rsplit("/", 1)[-1]: r for r in corpus.results if "fit_corrupt" in r.file_name}
    assert by_name["sportslib__empty-sessions.fit"].status == "failed"
    assert "empty" in by_name["sportslib__empty-sessions.fit"].message
    assert by_name["fitparse__activity-activity-filecrc.fit"].status == "partial"
    # The same run again (the chained file holds it too): salvaged, then merged as a duplicate.
    single = by_name["fitparse__activity-filecrc.fit"]
    assert single.status == "duplicate" and single.merged == 1
    for name in ("fitparse__activity-filecrc.fit", "fitparse__activity-activity-filecrc.fit"):
        assert "CRC" in by_name[name].message
    assert "FitHeaderError" in by_name["fitparse__activity-settings-corruptheader.fit"].message
    assert "FitEOFError" in by_name["fitparse__activity-unexpected-eof.fit"].message
    # A failed file leaves a sources row with its reason and no data rows.
    sources = read.sources(corpus.con, only_athlete(corpus.con))
    failed_ids = set(sources.loc[sources.status == "failed", "source_id"])
    assert failed_ids
    assert not set(read.activities(corpus.con, only_athlete(corpus.con))["source_id"]) & failed_ids
    assert all(r.message for r in by_name.values() if r.status != "ok")


def test_strava_app_run_is_salvaged_with_its_records(realdata):
    result = parse_fit(
        (realdata / "fit_run" / "fitparse__strava-android-app-201.10-b1218918.fit").read_bytes()
    )
    assert result.status == "partial"
    assert "invalid local message type" in result.message
    assert len(result.activities[0].records) == 473
    assert result.activities[0].activity["distance_m"] == pytest.approx(11274.0, abs=1)
