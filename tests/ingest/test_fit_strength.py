"""Strength from the watch: FIT set messages become a strength session with its sets."""

from __future__ import annotations

import datetime as dt

import fitbuild
import pytest
from garmin_fit_sdk import Profile

from ingest.fit import parse_fit

START = dt.datetime(2025, 3, 4, 17, 0, 0)


@pytest.mark.realdata
def test_set_counts_match_the_inventory_minus_rest_sets(realdata, inventory):
    for name in (
        "jarkko__20474406937_ACTIVITY.fit",
        "jarkko__20555050352_ACTIVITY.fit",
        "jarkko__20748058539_ACTIVITY.fit",
    ):
        row = inventory[f"fit_strength/{name}"]
        result = parse_fit((realdata / "fit_strength" / name).read_bytes())
        sessions = [a.strength for a in result.activities if a.strength is not None]
        sets = sum(len(s.sets) for s in sessions)
        rests = sum(len(s.rests) for s in sessions)
        assert sets + rests == int(row["n_sets"]), name
        assert sets == int(row["n_sets"]) - rests and rests > 0, name
        for s in sessions:
            assert s.sets["exercise"].notna().all() and (s.sets["set_type"] == "working").all()
            assert s.sets["duration_s"].gt(0).all() and s.sets["start_time_utc"].notna().all()
            assert s.session["app"] == "garmin"


@pytest.mark.realdata
def test_exercise_names_come_from_the_fit_profile(realdata):
    result = parse_fit((realdata / "fit_strength" / "jarkko__20748058539_ACTIVITY.fit").read_bytes())
    sets = result.activities[0].strength.sets
    # The first set's categories are (21, 26, 10): the watch's best guess, 21, is pull_up.
    assert Profile["types"]["exercise_category"][21] == "pull_up"
    first = sets.iloc[0]
    assert (first["exercise"], first["region"], first["reps"]) == ("Pull Up", "upper", 15)
    # 65534 means the watch did not recognise it: 'unknown', no region, but reps kept.
    unknown = sets[sets["exercise"] == "unknown"]
    assert len(unknown) and unknown["region"].isna().all() and unknown["reps"].notna().all()
    assert set(sets["region"].dropna()) <= {"lower", "core", "upper", "full"}


@pytest.mark.realdata
def test_multisport_strength_and_run_gives_one_activity_per_part(realdata):
    result = parse_fit((realdata / "fit_strength" / "jarkko__20555050352_ACTIVITY.fit").read_bytes())
    parts = [(a.activity["sport"], a.strength is not None) for a in result.activities]
    assert parts == [("training", True), ("running", False), ("training", True)]
    first, _, last = result.activities
    assert (len(first.strength.sets), len(last.strength.sets)) == (4, 16)
    # Each set lies inside its own session.
    for act in (first, last):
        end = act.activity["start_time_utc"] + dt.timedelta(seconds=act.activity["elapsed_s"])
        assert act.strength.sets["start_time_utc"].between(act.activity["start_time_utc"], end).all()


@pytest.mark.realdata
def test_strength_activities_without_sets_still_give_a_session(realdata):
    for name in ("jimmykane__suunto-weight.fit", "jimmykane__user_metrics.fit"):
        act = parse_fit((realdata / "fit_strength" / name).read_bytes()).activities[0]
        assert act.activity["sub_sport"] == "strength_training"
        assert act.strength is not None and len(act.strength.sets) == 0
        assert act.strength.session["duration_s"] > 600  # counts (docs/metrics.md: >= 10 min)


def test_sets_built_with_the_sdk_keep_weight_reps_subtype_and_rests():
    squat, back = fitbuild.category("squat"), fitbuild.subtype("squat", "barbell_back_squat")
    data = fitbuild.activity(
        START,
        [{"sport": "training", "sub_sport": "strength_training", "duration_s": 1800}],
        sets=[
            {
                "start_s": 60,
                "duration_s": 40,
                "category": squat,
                "subtype": back,
                "reps": 5,
                "weight_kg": 80.0,
            },
            {"start_s": 100, "duration_s": 90, "set_type": "rest"},
            {"start_s": 190, "duration_s": 45, "category": fitbuild.category("plank"), "reps": None},
            {"start_s": 235, "duration_s": 60, "set_type": "rest"},
            {"start_s": 295, "duration_s": 30, "category": fitbuild.category("warm_up"), "reps": 10},
            {"start_s": 325, "duration_s": 30, "category": 65534, "reps": 12, "weight_kg": 0.0},
        ],
    )
    act = parse_fit(data).activities[0]
    sets, rests = act.strength.sets, act.strength.rests
    assert list(sets["exercise"]) == ["Barbell Back Squat", "Plank", "Warm Up", "unknown"]
    assert list(sets["region"].fillna("-")) == ["lower", "core", "-", "-"]
    assert list(sets["set_type"]) == ["working", "working", "warmup", "working"]
    assert sets["weight_kg"].iloc[0] == pytest.approx(80.0) and sets["reps"].iloc[0] == 5
    assert sets["reps"].isna().iloc[1]  # a timed hold has no reps
    assert list(rests["duration_s"]) == [90.0, 60.0]
    assert sets["start_time_utc"].iloc[0] == START + dt.timedelta(seconds=60)
    assert act.strength.session["local_date"] == (START + dt.timedelta(hours=1)).date()


def test_a_bike_then_strength_file_splits_the_sets_by_time():
    data = fitbuild.activity(
        START,
        [
            {"sport": "cycling", "duration_s": 1200, "distance_m": 8000},
            {"sport": "training", "sub_sport": "strength_training", "offset_s": 1300, "duration_s": 900},
        ],
        sets=[
            {"start_s": 1350, "duration_s": 40, "category": fitbuild.category("lunge"), "reps": 10},
            {"start_s": 1450, "duration_s": 40, "category": fitbuild.category("row"), "reps": 10},
        ],
    )
    bike, strength = parse_fit(data).activities
    assert bike.activity["sport"] == "cycling" and bike.strength is None
    assert list(strength.strength.sets["region"]) == ["lower", "upper"]


def test_the_watchs_post_workout_rpe_is_the_session_rpe():
    data = fitbuild.activity(
        START, [{"sport": "training", "sub_sport": "strength_training", "duration_s": 1800, "rpe": 7}]
    )
    act = parse_fit(data).activities[0]
    assert act.activity["rpe"] == 7 and act.strength.session["rpe"] == 7
    run = parse_fit(fitbuild.activity(START, [{"sport": "running", "duration_s": 1800, "distance_m": 5000}]))
    assert run.activities[0].activity["rpe"] is None
