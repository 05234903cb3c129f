"""Exercises to body regions (docs/metrics.md, strength): the shipped table, unknown names kept and
listed, and the runner's own assignments surviving re-imports."""

from __future__ import annotations

import pytest
from athletes import only_athlete
from garmin_fit_sdk import Profile

from ingest.exercises import REGIONS, region_of, region_table
from ingest.pipeline import ingest_uploads
from store import edits, read

# FIT categories deliberately left without a region (cardio machines, warm-ups, mixed bags).
UNMAPPED = {
    "cardio",
    "warm_up",
    "run",
    "bike",
    "cardio_sensors",
    "move",
    "pose",
    "banded_exercises",
    "elliptical",
    "floor_climb",
    "indoor_bike",
    "indoor_row",
    "ladder",
    "stair_stepper",
    "suspension",
    "run_indoor",
    "bike_outdoor",
    "unknown",
}


def test_every_fit_category_is_mapped_or_deliberately_left_out():
    table = region_table()
    profile = set(Profile["types"]["exercise_category"].values())
    assert set(table.categories) <= profile, set(table.categories) - profile  # no typo in the data file
    assert set(table.categories) | UNMAPPED == profile
    assert set(table.categories.values()) <= set(REGIONS)


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("Squat (Barbell)", "lower"), ("Walking Lunges", "lower"), ("Romanian Deadlift (Dumbbell)", "lower"),
        ("Step-up", "lower"), ("Standing Calf Raise", "lower"), ("Glute Bridge", "lower"),
        ("Lying Leg Curl (Machine)", "lower"), ("Nordic Hamstring Curl", "lower"), ("Box Jump", "lower"),
        ("Hip Thrust (Barbell)", "lower"), ("Leg Press", "lower"), ("Calf Press (Machine)", "lower"), ("Lateral Band Walk", "lower"),
        ("Side Plank", "core"), ("Crunches", "core"), ("Sit-ups", "core"), ("Hanging Leg Raise", "core"),
        ("Cable Woodchop", "core"), ("Back Extension", "core"), ("Superman", "core"), ("Bird Dog", "core"),
        ("Dead Bug", "core"), ("Pallof Press", "core"), ("Russian Twist", "core"),
        ("Push-ups", "upper"), ("Bench Press (Dumbbell)", "upper"), ("Seated Cable Row", "upper"),
        ("Pull Up (Assisted)", "upper"), ("Overhead Press (Barbell)", "upper"), ("Bicep Curl (Dumbbell)", "upper"),
        ("Triceps Pushdown (Cable)", "upper"), ("Chest Fly", "upper"), ("Lateral Raise (Dumbbell)", "upper"),
        ("Burpees", "full"), ("Farmer's Carry", "full"), ("Power Clean", "full"), ("Thruster (Barbell)", "full"),
        ("Mountain Climbers", "full"),
        ("Eccentric Heel Drop", None), ("Foam Rolling", None), ("", None),
    ],
)  # fmt: skip
def test_app_names(name, region):
    assert region_of(name) == region


STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"


def test_unknown_names_are_kept_and_the_runners_assignment_survives_reimports(db, raw_dir):
    first = STRONG + '2025-03-03 18:00:00,"Calves",30m,"Eccentric Heel Drop",1,10,15,0,0,\n'
    ingest_uploads(db, [("strong.csv", first.encode())], raw_dir)
    sets = read.strength_sets(db, only_athlete(db))
    assert sets["exercise"].iloc[0] == "Eccentric Heel Drop" and sets["region"].isna().iloc[0]
    unknown = read.unknown_exercises(db, only_athlete(db))
    assert list(unknown["exercise"]) == ["eccentric heel drop"] and unknown["sets"].iloc[0] == 1
    edits.save_exercise_regions(db, only_athlete(db), {"Eccentric Heel Drop": "lower"})
    assert read.strength_sets(db, only_athlete(db))["region"].tolist() == ["lower"]
    assert read.unknown_exercises(db, only_athlete(db)).empty
    # A later export brings the same exercise again: the runner's assignment applies to it too.
    later = first + '2025-03-10 18:00:00,"Calves",30m,"Eccentric Heel Drop",1,12,15,0,0,\n'
    ingest_uploads(db, [("strong (1).csv", later.encode())], raw_dir)
    assert read.strength_sets(db, only_athlete(db))["region"].tolist() == ["lower", "lower"]
