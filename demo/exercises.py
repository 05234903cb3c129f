"""The runner's exercises: how each app names them, the FIT profile's ids, and the body region.

FIT categories and subtypes are looked up by name in the FIT profile (garmin_fit_sdk.Profile), so a
typo fails at import instead of writing a wrong id. `fit=None` means the watch has no such
exercise; those appear only in the phone apps' CSVs. The region follows docs/metrics.md (strength).
"""

from __future__ import annotations

from dataclasses import dataclass

from garmin_fit_sdk import Profile

_TYPES = Profile["types"]
UNKNOWN_CATEGORY = 65534  # FIT: exercise not recognised by the watch
INVALID_UINT16 = 0xFFFF  # FIT: unused slot of the category arrays


@dataclass(frozen=True)
class Exercise:
    strong: str  # Strong app name
    hevy: str  # Hevy app name
    fit: tuple[str, str] | None  # (exercise_category, <category>_exercise_name) in the FIT profile
    region: str | None  # lower, core, upper, full; None: not in the regions of docs/metrics.md
    timed: bool = False  # a hold measured in seconds, not reps


EXERCISES: dict[str, Exercise] = {
    "back_squat": Exercise("Squat (Barbell)", "Squat (Barbell)", ("squat", "barbell_back_squat"), "lower"),
    "goblet_squat": Exercise("Goblet Squat (Kettlebell)", "Goblet Squat", ("squat", "goblet_squat"), "lower"),
    "rdl": Exercise(
        "Romanian Deadlift (Barbell)",
        "Romanian Deadlift (Barbell)",
        ("deadlift", "romanian_deadlift"),
        "lower",
    ),
    "deadlift": Exercise(
        "Deadlift (Barbell)", "Deadlift (Barbell)", ("deadlift", "barbell_deadlift"), "lower"
    ),
    "split_squat": Exercise(
        "Bulgarian Split Squat", "Bulgarian Split Squat", ("lunge", "dumbbell_bulgarian_split_squat"), "lower"
    ),
    "lunge": Exercise("Lunge (Dumbbell)", "Lunge (Dumbbell)", ("lunge", "dumbbell_lunge"), "lower"),
    "step_up_db": Exercise(
        "Step-up (Dumbbell)", "Step Up (Dumbbell)", ("squat", "dumbbell_step_up"), "lower"
    ),
    "step_up": Exercise("Step-up", "Step Up", ("squat", "step_up"), "lower"),
    "calf_raise": Exercise(
        "Standing Calf Raise (Dumbbell)",
        "Standing Calf Raise (Dumbbell)",
        ("calf_raise", "standing_dumbbell_calf_raise"),
        "lower",
    ),
    "sl_calf_raise": Exercise(
        "Single Leg Calf Raise",
        "Single Leg Standing Calf Raise",
        ("calf_raise", "single_leg_standing_calf_raise"),
        "lower",
    ),
    "hip_thrust": Exercise(
        "Hip Thrust (Barbell)",
        "Hip Thrust (Barbell)",
        ("hip_raise", "barbell_hip_thrust_with_bench"),
        "lower",
    ),
    "glute_bridge": Exercise("Glute Bridge", "Glute Bridge", ("hip_raise", "hip_raise"), "lower"),
    "sl_glute_bridge": Exercise(
        "Single Leg Glute Bridge", "Single Leg Glute Bridge", ("hip_raise", "single_leg_hip_raise"), "lower"
    ),
    "band_walk": Exercise(
        "Lateral Band Walk",
        "Lateral Band Walk",
        ("hip_stability", "lateral_walks_with_band_at_ankles"),
        "lower",
    ),
    "box_jump": Exercise("Box Jump", "Box Jump", ("plyo", "box_jump"), "lower"),
    "heel_drop": Exercise("Eccentric Heel Drop", "Eccentric Heel Drop", None, None),
    "plank": Exercise("Plank", "Plank", ("plank", "plank"), "core", timed=True),
    "side_plank": Exercise("Side Plank", "Side Plank", ("plank", "side_plank"), "core", timed=True),
    "dead_bug": Exercise("Dead Bug", "Dead Bug", None, "core"),
    "bird_dog": Exercise("Bird Dog", "Bird Dog", None, "core"),
    "bicycle_crunch": Exercise("Bicycle Crunch", "Bicycle Crunch", ("crunch", "bicycle_crunch"), "core"),
    "superman": Exercise("Superman", "Superman", ("hyperextension", "superman_from_floor"), "core"),
    "push_up": Exercise("Push Up", "Push Up", ("push_up", "push_up"), "upper"),
    "db_row": Exercise("Bent Over One Arm Row (Dumbbell)", "Dumbbell Row", ("row", "dumbbell_row"), "upper"),
    "pull_up": Exercise(
        "Pull Up (Assisted)", "Pull Up (Assisted)", ("pull_up", "band_assisted_pull_up"), "upper"
    ),
    "db_press": Exercise(
        "Shoulder Press (Dumbbell)",
        "Shoulder Press (Dumbbell)",
        ("shoulder_press", "dumbbell_shoulder_press"),
        "upper",
    ),
}


def _key_of(type_name: str, value: str) -> int:
    for key, name in _TYPES[type_name].items():
        if name == value:
            return key
    raise KeyError(f"{value!r} is not in the FIT profile's {type_name}")


def fit_ids(exercise: str) -> tuple[int, int | None]:
    """(category, subtype) ids for the FIT set message; (65534, None) when the watch lacks it."""
    fit = EXERCISES[exercise].fit
    if fit is None:
        return UNKNOWN_CATEGORY, None
    category, subtype = fit
    return _key_of("exercise_category", category), _key_of(f"{category}_exercise_name", subtype)


# check every FIT name once, at import
for _name in EXERCISES:
    fit_ids(_name)
