import analysis_factory as f
import numpy as np
import pytest

from analysis.activitylist import activity_list
from analysis.compute import compute_all
from analysis.settings import Settings


def test_runs_watch_strength_and_app_sessions_in_one_list_newest_first():
    acts = f.activities([
        {"activity_id": 5, "day": -40, "km": 3},  # opens the log: run 3 has its 30 days of history
        {"activity_id": 1, "day": 0, "km": 10},
        {"activity_id": 2, "day": 1, "minutes": 40, "sport": "training", "sub_sport": "strength_training"},
        {"activity_id": 3, "day": 2, "km": 12},
        {"activity_id": 4, "day": 3, "minutes": 60, "sport": "cycling", "km": 30},
    ])  # fmt: skip
    sessions = f.sessions(
        [
            {"session_id": 7, "day": 2, "hour": 19, "name": "Legs"},
            {"session_id": 8, "day": 1, "activity_id": 2},
        ]
    )
    sets = f.sets([(7, "squat", "lower", "working", 5, 60), (8, "row", "upper", "working", 8, 30)])
    r = compute_all(acts, None, None, sessions, sets, None, Settings(), f.day(3))
    out = activity_list(r.loads, r.runs, r.strength_sessions)
    assert out["kind"].tolist() == ["other", "strength", "run", "strength", "run", "run"]
    app = out.iloc[1]
    assert app["session_id"] == 7 and str(app["name"]) == "Legs" and app["working_sets"] == 1
    watch = out[out["activity_id"] == 2].iloc[0]
    assert watch["session_id"] == 8 and watch["working_sets"] == 1
    run3 = out[out["activity_id"] == 3].iloc[0]
    assert run3["spike_ratio"] == 1.2 and run3["spike_category"] == "small"


def test_an_empty_log_is_an_empty_list():
    r = compute_all(None, settings=Settings(), today=f.day(0))
    assert activity_list(r.loads, r.runs, r.strength_sessions).empty


def test_the_table_has_no_none_nan_text_and_follows_the_units():
    from analysis.activitylist import row_keys, table
    from analysis.sessionview import caption, sets_table, weight_text

    acts = f.activities(
        [
            {"activity_id": 1, "day": 0, "km": 10, "avg_hr": 150},
            {
                "activity_id": 2,
                "day": 1,
                "minutes": 40,
                "sport": "training",
                "sub_sport": "strength_training",
                "distance_m": 0.0,
            },
            {"activity_id": 3, "day": 2, "km": 2.9},
        ]
    )
    sessions = f.sessions([{"session_id": 7, "day": 2, "hour": 19, "name": "Legs"}])
    sets = f.sets([(7, "squat", "lower", "working", 5, 60), (7, "push-up", "upper", "working", 12, 0)])
    r = compute_all(acts, None, None, sessions, sets, None, Settings(), f.day(3))
    out = activity_list(r.loads, r.runs, r.strength_sessions)
    for u in ("km", "mi"):
        t = table(out, u)
        text = t.select_dtypes(exclude="number").astype(str).to_numpy().ravel()
        assert not {"None", "nan", "NaT", "<NA>"} & set(text)
        watch = t[(out["activity_id"] == 2).fillna(False).to_numpy(dtype=bool)].iloc[0]
        assert np.isnan(watch[f"distance ({u})"]) and watch["pace"] == ""  # not "0.00", not a pace
    assert table(out, "mi").loc[out["activity_id"] == 1, "distance (mi)"].iloc[0] == pytest.approx(
        6.2137, 1e-4
    )
    assert set(table(out, "km")["method"]) <= {
        "hrTSS",
        "rTSS",
        "session RPE",
        "moving minutes",
        "distance",
        "",
    }
    assert row_keys(out) == ["s7", "a3", "a2", "a1"]
    assert table(out, "km")["kind"].tolist() == ["strength", "run", "strength", "run"]
    assert table(out, "km")["when"].iloc[0] == "2024-01-03 19:00"
    for _, row in out.iterrows():
        assert "nan" not in caption(row) and "None" not in caption(row)
    assert caption(out[out["activity_id"] == 2].iloc[0]) == "training · strength training"
    assert "long run" not in caption(out[out["activity_id"] == 3].iloc[0])  # 2.9 km
    st = sets_table(sets[sets["session_id"] == 7], "lb")
    assert st["weight"].tolist() == ["132.3 lb", "bodyweight"]
    assert weight_text(0.0, "kg") == "bodyweight" and weight_text(None, "kg", reps=None) == ""
    # A plank (time, no reps, no weight) is bodyweight too, as in the column mapper's preview.
    assert weight_text(None, "kg", reps=None, duration_s=60.0) == "bodyweight"
    assert weight_text(float("nan"), "lb", reps=0.0, duration_s=45.0) == "bodyweight"
    assert weight_text(None, "kg", reps=0.0, duration_s=float("nan")) == ""
