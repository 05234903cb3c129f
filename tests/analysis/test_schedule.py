"""The four scheduling rules under both policies (docs/rules.md)."""

import re

import pandas as pd
import pytest
from analysis_factory import activities, sessions, sets

from analysis.articles import ARTICLES
from analysis.keyruns import key_runs
from analysis.load import hr_profile, session_loads
from analysis.schedule import (
    BASIS_LABELS,
    POLICY_INFO,
    RULES,
    rule_names,
    rule_notes,
    rules_for,
    schedule_violations,
)
from analysis.settings import POLICIES, Settings
from analysis.strength import strength_sessions_summary

RUNS = [
    {"activity_id": 101, "day": 2, "hour": 8, "km": 10, "name": "Tempo"},  # quality (Wed)
    {"activity_id": 102, "day": 3, "hour": 12, "km": 5},  # easy
    {"activity_id": 103, "day": 5, "hour": 8, "km": 25},  # long (62 % of the week)
    {"activity_id": 104, "day": 9, "hour": 8, "km": 10, "name": "Tempo"},  # long and quality
    {"activity_id": 105, "day": 12, "hour": 17, "km": 10, "name": "Tempo"},  # quality, ends 17:50
]
SESSIONS = [
    {"session_id": 1, "day": 1, "hour": 18},  # heavy lower, 14 h before the Wed tempo
    {"session_id": 2, "day": 1, "hour": 6},  # heavy lower, 26 h before: fine
    {"session_id": 3, "day": 5, "hour": 18},  # upper only, on the long-run day
    {"session_id": 4, "day": 3, "hour": 7},  # lifts before the noon run
    {"session_id": 5, "day": 2, "hour": 19},  # bodyweight lower on the tempo day
    {"session_id": 6, "day": 2, "hour": 20},  # core only on the tempo day: exempt from rule 4
    {"session_id": 7, "day": 8, "hour": None},  # heavy lower, time unknown, the day before a key run
    {"session_id": 8, "day": 12, "hour": 19},  # bodyweight lower 70 min after the tempo ends
]
HEAVY = [("squat", "lower", "working", 5, 80)] * 3
SETS = (
    [(sid, *s) for sid in (1, 2, 7) for s in HEAVY]
    + [(3, "row", "upper", "working", 10, 40)]
    + [(4, "push-up", "upper", "working", 10, 0), (4, "lunge", "lower", "working", 10, 0)]
    + [(5, "lunge", "lower", "working", 10, 0), (8, "lunge", "lower", "working", 10, 0)]
    + [(6, "plank", "core", "working", 1, 0)]
)


def violations(policy):
    s = Settings(policy=policy)
    loads = session_loads(activities(RUNS), None, s)
    runs = key_runs(loads, s, hr_profile(s))
    st = strength_sessions_summary(sessions(SESSIONS), sets(SETS), s)
    return schedule_violations(st, runs, s)


def found(v):
    return {(int(r.rule), int(r.session_id)) for r in v.itertuples()}


def test_easy_day_policy():
    v = violations("easy-day")
    assert found(v) == {(1, 1), (1, 7), (2, 3), (3, 4), (4, 5), (4, 8)}
    r1 = v[(v["rule"] == 1) & (v["session_id"] == 1)].iloc[0]
    assert r1["basis"] == "time" and r1["activity_id"] == 101 and "14.0 h" in r1["detail"]
    # Session 7 has no start time: checked by the day, and said why.
    assert v[(v["rule"] == 1) & (v["session_id"] == 7)]["basis"].iloc[0] == "no_time_strength"
    # Rules 2 and 4 are about days: checked by the day whatever the times.
    assert set(v.loc[v["rule"].isin([2, 4]), "basis"]) == {"day"}
    assert set(v["basis"]) <= set(BASIS_LABELS)
    assert set(v["source"]) >= {
        "Lisa, running coach; Doma & Deakin 2013",
        "Revel Sports",
        "Jason Fitzgerald; Revel Sports; Lisa, running coach",
    }
    assert (v["policy"] == "easy-day").all()
    assert list(v["date"]) == sorted(v["date"])


def test_hard_day_policy():
    v = violations("hard-day")
    assert found(v) == {(1, 1), (1, 7), (3, 4), (4, 1), (4, 2), (4, 3), (4, 4), (4, 5), (4, 6), (4, 7)}
    r4 = v[v["rule"] == 4].set_index("session_id")
    assert r4.loc[3, "detail"] == "not within 3 h after the hard run"
    assert r4.loc[4, "detail"] == "strength on a day without a hard run"
    assert (r4["source"] == "Middle Age Marathoner").all()


def test_nothing_to_check():
    s = Settings()
    assert len(schedule_violations(strength_sessions_summary(sessions([]), None, s), None, s)) == 0


@pytest.mark.parametrize("policy", ["easy-day", "hard-day"])
def test_uncounted_sessions_are_not_checked(policy):
    s = Settings(policy=policy)
    loads = session_loads(activities(RUNS), None, s)
    runs = key_runs(loads, s, hr_profile(s))
    st = strength_sessions_summary(sessions(SESSIONS), sets([(1, "squat", "lower", "warmup", 5, 20)]), s)
    v = schedule_violations(st, runs, s)
    assert set(v["session_id"]) <= set(st.loc[st["counted"], "session_id"])


def test_the_hours_come_from_settings():
    s = Settings(policy="hard-day", heavy_before_key_s=12 * 3600, hard_day_within_s=5 * 3600)
    assert RULES[1].label(s) == "No heavy lower-body strength in the 12 h before a key run"
    assert "within 5 h after" in RULES[-4].label(s) and "within 5 h" in POLICY_INFO["hard-day"].label(s)
    loads = session_loads(activities(RUNS), None, s)
    runs = key_runs(loads, s, hr_profile(s))
    v = schedule_violations(strength_sessions_summary(sessions(SESSIONS), sets(SETS), s), runs, s)
    assert (1, 1) not in found(v)  # 14 h before the tempo: outside a 12 h window
    assert (4, 8) not in found(v)  # 70 min after the tempo ends: within 5 h
    assert set(v.loc[v["rule"] == 1, "label"]) <= {RULES[1].label(s)}


def test_one_rule_list_per_policy_with_sources_by_title():
    assert set(POLICY_INFO) == set(POLICIES)
    for policy in POLICIES:
        rules = rules_for(policy)
        assert [r.number for r in rules] == sorted(r.number for r in rules)
        for r in rules:
            assert all(ARTICLES[k].title in r.source() for k in r.articles)
            assert "seed" not in r.source() and "seed" not in r.label(Settings())
        assert all("seed" not in n and ".md" not in n for n in rule_notes(policy))
    assert 2 not in POLICY_INFO["hard-day"].rules and RULES[2].short in rule_notes("hard-day")[0]


@pytest.mark.parametrize("policy", ["easy-day", "hard-day"])
def test_every_break_carries_its_rule_name_from_the_one_list(policy):
    v = violations(policy)
    names = rule_names(policy)
    assert set(names) == {abs(k) for k in POLICY_INFO[policy].rules}
    assert all(n and not n[0].isdigit() for n in names.values())
    assert (v["name"] == v["rule"].map(names)).all()
    assert names[4] == (RULES[4] if policy == "easy-day" else RULES[-4]).name
    # No bare rule number in what the pages read: the notes name the rules.
    assert not any(re.search(r"\b[Rr]ule \d", n) for n in rule_notes(policy))


def test_checked_by_says_which_start_time_is_missing():
    s = Settings()
    loads = session_loads(activities(RUNS), None, s)
    runs = key_runs(loads, s, hr_profile(s))
    runs.loc[runs["activity_id"] == 104, ["start_time_local", "start_time_utc"]] = pd.NaT
    v = schedule_violations(strength_sessions_summary(sessions(SESSIONS), sets(SETS), s), runs, s)
    r1 = v[v["rule"] == 1].set_index("session_id")["basis"]
    assert r1[7] == "no_time_both" and r1[1] == "time"
    assert BASIS_LABELS["no_time_both"].startswith("the day only")
