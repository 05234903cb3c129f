import analysis_factory as f

from analysis.activitylist import activity_list
from analysis.compute import compute_all
from analysis.settings import Settings


def test_runs_watch_strength_and_app_sessions_in_one_list_newest_first():
    acts = f.activities([
        {"activity_id": 1, "day": 0, "km": 10},
        {"activity_id": 2, "day": 1, "minutes": 40, "sport": "training", "sub_sport": "strength_training"},
        {"activity_id": 3, "day": 2, "km": 12},
        {"activity_id": 4, "day": 3, "minutes": 60, "sport": "cycling", "km": 30},
    ])  # fmt: skip
    sessions = f.sessions([{"session_id": 7, "day": 2, "hour": 19, "name": "Legs"},
                           {"session_id": 8, "day": 1, "activity_id": 2}])  # fmt: skip
    sets = f.sets([(7, "squat", "lower", "working", 5, 60), (8, "row", "upper", "working", 8, 30)])
    r = compute_all(acts, None, None, sessions, sets, None, Settings(), f.day(3))
    out = activity_list(r.loads, r.runs, r.strength_sessions)
    assert out["kind"].tolist() == ["other", "strength", "run", "strength", "run"]
    app = out.iloc[1]
    assert app["session_id"] == 7 and str(app["name"]) == "Legs" and app["working_sets"] == 1
    watch = out[out["activity_id"] == 2].iloc[0]
    assert watch["session_id"] == 8 and watch["working_sets"] == 1
    run3 = out[out["activity_id"] == 3].iloc[0]
    assert run3["spike_ratio"] == 1.2 and run3["spike_category"] == "small"


def test_an_empty_log_is_an_empty_list():
    r = compute_all(None, settings=Settings(), today=f.day(0))
    assert activity_list(r.loads, r.runs, r.strength_sessions).empty
