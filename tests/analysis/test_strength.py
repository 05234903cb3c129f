"""Strength sessions, heavy lower body, balance, progression (docs/metrics.md)."""

import numpy as np
import pytest
from analysis_factory import activities, sessions, sets

from analysis.settings import Settings
from analysis.strength import (
    balance,
    exercise_progression,
    lower_core_share,
    strength_sessions_summary,
    unknown_exercises,
)

S = Settings()


def summary(sess, st, acts=None):
    return strength_sessions_summary(sess, st, S, acts).set_index("session_id", drop=False)


def test_which_sessions_count():
    sess = sessions(
        [
            {"session_id": 1, "day": 0},  # warm-ups only
            {"session_id": 2, "day": 1},  # one working set
            {"session_id": 3, "day": 2, "duration_min": 15},  # no sets, 15 min
            {"session_id": 4, "day": 3, "duration_min": 5},  # no sets, 5 min
            {"session_id": 5, "day": 4},  # a rest set and a failure set
        ]
    )
    st = sets(
        [
            (1, "squat", "lower", "warmup", 10, 20),
            (2, "squat", "lower", "working", 5, 60),
            (5, "rest", None, "rest", 0, 0),
            (5, "push-up", "upper", "failure", 12, 0),
        ]
    )
    s = summary(sess, st)
    assert s["counted"].to_dict() == {1: False, 2: True, 3: True, 4: False, 5: True}
    assert s["working_sets"].to_dict() == {1: 0, 2: 1, 3: 0, 4: 0, 5: 1}


def test_heavy_lower_body():
    sess = sessions(
        [
            {"session_id": 1, "day": 0},  # 2 of 4 lower with weights: heavy
            {"session_id": 2, "day": 1, "rpe": 5},  # 2 of 4 lower bodyweight, RPE 5: not heavy
            {"session_id": 3, "day": 2, "rpe": 8},  # same with RPE 8: heavy
            {"session_id": 4, "day": 3, "rpe": 9},  # core only, RPE 9: never heavy
            {"session_id": 5, "day": 4},  # 1 of 3 lower (33 %) loaded: not heavy
            {"session_id": 6, "day": 5},  # set RPE 8 on bodyweight lunges: heavy (no session RPE)
        ]
    )
    rows = []
    for sid, kg in ((1, 60), (2, 0), (3, 0)):
        rows += [(sid, "squat", "lower", "working", 5, kg), (sid, "lunge", "lower", "working", 8, kg)]
        rows += [(sid, "row", "upper", "working", 10, 20), (sid, "push-up", "upper", "working", 10, 0)]
    rows += [(4, "plank", "core", "working", 1, 0)] * 3
    rows += [
        (5, "squat", "lower", "working", 5, 80),
        (5, "row", "upper", "working", 5, 40),
        (5, "plank", "core", "working", 1, 0),
    ]
    rows += [(6, "lunge", "lower", "working", 10, 0, 8.0), (6, "lunge", "lower", "working", 10, 0, 8.0)]
    s = summary(sess, sets(rows))
    assert s["heavy_lower"].to_dict() == {1: True, 2: False, 3: True, 4: False, 5: False, 6: True}
    assert s["upper_core_only"].to_dict() == {1: False, 2: False, 3: False, 4: True, 5: False, 6: False}
    assert s.loc[6, "rpe"] == 8.0 and s.loc[6, "srpe"] == 8.0 * 30


def test_watch_strength_activity_without_a_session_row_is_a_session():
    acts = activities(
        [
            {
                "activity_id": 7,
                "day": 0,
                "minutes": 25,
                "sport": "training",
                "sub_sport": "strength_training",
            },
            {
                "activity_id": 8,
                "day": 1,
                "minutes": 25,
                "sport": "training",
                "sub_sport": "strength_training",
            },
            {"activity_id": 9, "day": 2, "km": 5},
        ]
    )
    sess = sessions([{"session_id": 1, "day": 1, "activity_id": 8}])
    s = strength_sessions_summary(sess, sets([]), S, acts)
    assert len(s) == 2 and s["counted"].all()
    assert sorted(s["activity_id"].dropna().astype(int)) == [7, 8]


def test_balance_and_progression():
    sess = sessions([{"session_id": 1, "day": 0}, {"session_id": 2, "day": 7}])
    st = sets(
        [
            (1, "Back Squat", "lower", "warmup", 10, 40),
            (1, "Back Squat", "lower", "working", 5, 100),
            (1, "Back Squat", "lower", "working", 5, 100),
            (1, "Back Squat", "lower", "working", 5, 100),
            (1, "plank", "core", "working", 1, 0),
            (1, "bench press", "upper", "working", 8, 60),
            (2, "back squat", "lower", "working", 3, 110),
            (2, "mystery move", None, "working", 10, 0),
        ]
    )
    s = strength_sessions_summary(sess, st, S)
    bal = balance(s).set_index("region")
    assert bal["sets"].to_dict() == {"lower": 4, "core": 1, "upper": 1, "full": 0, "unknown": 1}
    assert bal.loc["lower", "share"] == pytest.approx(4 / 7)
    assert lower_core_share(bal.reset_index()) == pytest.approx(5 / 6)
    p = exercise_progression(s, st).set_index(["session_id", "exercise"])
    sq = p.loc[(1, "back squat")]
    assert sq["sets"] == 3 and sq["volume_load_kg"] == 1500 and sq["reps"] == 15
    assert sq["e1rm_kg"] == pytest.approx(100 * (1 + 5 / 30))
    assert p.loc[(2, "back squat"), "e1rm_kg"] == pytest.approx(110 * 1.1)
    assert np.isnan(p.loc[(1, "plank"), "e1rm_kg"]) and np.isnan(p.loc[(1, "plank"), "volume_load_kg"])
    assert unknown_exercises(st).to_dict("records") == [{"exercise": "mystery move", "sets": 1}]


def test_several_watch_sessions_without_rows_keep_the_sets_of_the_others():
    # Two watch strength activities stored without strength_sessions rows (missing ids must not
    # collide), beside one app session whose sets must still be counted.
    acts = activities(
        [
            {
                "activity_id": 1,
                "day": 0,
                "minutes": 40,
                "sport": "training",
                "sub_sport": "strength_training",
            },
            {
                "activity_id": 2,
                "day": 2,
                "minutes": 40,
                "sport": "training",
                "sub_sport": "strength_training",
            },
        ]
    )
    sess = sessions([{"session_id": 5, "day": 3}])
    st = sets([(5, "squat", "lower", "working", 5, 60)] * 3)
    s = strength_sessions_summary(sess, st, S, acts)
    assert len(s) == 3 and s["counted"].all()
    by_id = s.set_index(s["session_id"].astype("Int64"))
    assert by_id.loc[5, "working_sets"] == 3 and by_id.loc[5, "lower_sets"] == 3
    assert (s[s["session_id"].isna()]["sets"] == 0).all()
