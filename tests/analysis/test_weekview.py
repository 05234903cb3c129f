import analysis_factory as f
import pandas as pd

from analysis.compute import compute_all
from analysis.settings import Settings
from analysis.weekview import SAMPLE_WEEK, violations_per_week, week_view

# Week of 2024-01-01 (Monday): easy Mon, quality Wed ("Tempo"), long Sat; strength Tue (lower,
# heavy: rule 1 before Wednesday's key run) and Sat evening (rule 2: strength on a long-run day).
RUNS = [
    {"activity_id": 1, "day": 0, "km": 8},
    {"activity_id": 2, "day": 2, "km": 10, "name": "Tempo Tuesday"},
    {"activity_id": 3, "day": 5, "km": 20},
]
SESSIONS = f.sessions([{"session_id": 10, "day": 1, "hour": 18}, {"session_id": 11, "day": 5, "hour": 18}])
SETS = f.sets([(10, "squat", "lower", "working", 5, 80), (11, "plank", "core", "working", 1, 0)])


def test_the_week_day_by_day_with_rest_days_and_rule_breaks():
    r = compute_all(f.activities(RUNS), None, None, SESSIONS, SETS, None, Settings(), f.day(6))
    view = week_view(f.day(0), r.runs, r.strength_sessions, r.violations)
    assert view["date"].dt.day_name().tolist() == view["day"].tolist()
    by_day = view.groupby("day")["label"].apply(list)
    assert by_day["Monday"] == ["easy run"]
    assert by_day["Tuesday"] == ["strength: lower (heavy lower body)"]
    assert by_day["Wednesday"] == ["quality run"]
    assert by_day["Thursday"] == ["rest"] and by_day["Sunday"] == ["rest"]
    assert by_day["Saturday"] == ["long run", "strength: core"]  # time order: run 08:00, lift 18:00
    saturday = view[view["day"] == "Saturday"]
    assert all(2 in rules for rules in saturday["rules"])
    # Tuesday's heavy session 14 h before Wednesday's quality run breaks rule 1.
    assert view.loc[view["day"] == "Tuesday", "rules"].iloc[0] == [1]
    per_week = violations_per_week(r.violations)
    assert per_week[["rule", "count"]].values.tolist() == [[1, 1], [2, 1]]
    assert set(per_week["week_start"]) == {pd.Timestamp(f.day(0))}


def test_an_empty_week_is_seven_rest_days():
    r = compute_all(f.activities(RUNS), None, None, SESSIONS, SETS, None, Settings(), f.day(20))
    view = week_view(f.day(14), r.runs, r.strength_sessions, r.violations)
    assert view["kind"].tolist() == ["rest"] * 7
    assert len(SAMPLE_WEEK) == 7 and SAMPLE_WEEK[0][0] == "Monday"
    assert violations_per_week(r.violations.iloc[0:0]).empty
