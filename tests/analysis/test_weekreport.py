"""analysis.week_facts (the weekly report's facts) on the test athletes, imported with the real
pipeline; each fact checked against the Results it is read from, or against what the athlete's
files hold."""

import datetime as dt

import pandas as pd
import pytest

from analysis import week_facts, week_of
from demo.athletes import injured_race_day

TODAY = dt.date.today()  # the test athletes' recent dates are relative to today


def days_of(frame: pd.DataFrame, column: str, start: dt.date) -> pd.DataFrame:
    d = pd.to_datetime(frame[column])
    return frame[(d >= pd.Timestamp(start)) & (d <= pd.Timestamp(start) + pd.Timedelta(days=6))]


def test_demo_week_with_an_injury_and_a_long_run(results_today):
    res = results_today("demo")
    f = week_facts(res, dt.date(2026, 3, 12))  # any day of the week names it
    assert f["week_start"] == dt.date(2026, 3, 9) and f["week_end"] == dt.date(2026, 3, 15)
    assert f["state"] == "past" and f["days_so_far"] == 7 and f["has_data"]
    runs = days_of(res.runs, "local_date", f["week_start"])
    assert f["running"]["runs"] == len(runs) == 6
    assert f["running"]["distance_m"] == pytest.approx(runs["distance_m"].sum())
    assert f["running"]["longest_m"] == pytest.approx(runs["distance_m"].max())
    week_daily = days_of(res.daily, "date", f["week_start"])
    assert f["load"]["total"] == pytest.approx(week_daily["load"].sum())
    assert list(f["load"]["days"]["date"]) == list(week_daily["date"])
    end = res.daily[res.daily["date"] == pd.Timestamp(f["week_end"])].iloc[0]
    assert f["load"]["end"]["ctl"] == pytest.approx(end["ctl"])
    assert f["load"]["acwr"] == pytest.approx(end[f"acwr_{res.settings.injury_acwr_method}"])
    # The chart's window reaches six weeks before the week and two after it.
    window = pd.to_datetime(f["load"]["window"]["date"])
    assert window.min() == pd.Timestamp("2026-01-26") and window.max() == pd.Timestamp("2026-03-29")
    # The injury logged on Tuesday 10 March, a niggle of three days.
    j = f["injuries"]
    assert len(j) == 1 and j["began_this_week"].iloc[0]
    assert pd.Timestamp(j["onset"].iloc[0]) == pd.Timestamp("2026-03-10") and not j["ongoing"].iloc[0]
    # Strength in the build-up: the target from the phase, the sessions counted.
    st = f["strength"]
    assert (
        st["phase"] == "build-up"
        and (st["target_min"], st["target_max"]) == res.settings.strength_target_buildup
    )
    assert st["sessions"] == len(st["rows"]) == 0 and st["on_target"] is False
    assert st["buildup"]["name"] and st["buildup"]["weeks_so_far"] >= 1
    assert list(f["days"]["date"].dt.date.unique()) == [
        f["week_start"] + dt.timedelta(days=i) for i in range(7)
    ]


def test_demo_rule_breaks_and_spikes_are_the_weeks_own(results_today):
    res = results_today("demo")
    v = res.violations
    first = pd.Timestamp(v["date"].iloc[0]).date()
    f = week_facts(res, first)
    mine = days_of(v, "date", f["week_start"])
    assert len(f["breaks"]) == len(mine) > 0
    assert list(f["breaks"]["rule"]) == list(mine["name"])
    # The articles by title and author (the page's full citation, not the table's short one).
    assert all('"' in s for s in f["breaks"]["source"])
    assert not f["breaks"]["basis"].isna().any()
    spikes = res.runs[res.runs["spike_category"].isin(["small", "moderate", "large"]) & ~res.runs["is_race"]]
    day = pd.Timestamp(spikes["local_date"].iloc[-1]).date()
    f = week_facts(res, day)
    assert len(f["spikes"]) == len(days_of(spikes, "local_date", f["week_start"])) > 0
    assert all(" x)" in w for w in f["spikes"]["words"])


def test_injured_racing_race_week_has_the_race_and_the_open_injury(results_today):
    res = results_today("injured_racing")
    race_day = injured_race_day(TODAY)
    f = week_facts(res, race_day)
    assert [r["date"] for r in f["races"]] == [race_day]
    assert race_day not in set(f["spikes"]["date"])  # a race is shown as the race, not as a spike
    j = f["injuries"]
    assert len(j) == 1 and bool(j["ongoing"].iloc[0]) and bool(j["counted"].iloc[0])
    assert j["body_area"].iloc[0] == "right calf"
    # The week after: no run, the injury still there (began before the week, not ended).
    later = race_day + dt.timedelta(days=7)
    if later <= TODAY:
        g = week_facts(res, later)
        assert g["running"]["runs"] == 0 and g["running"]["longest_m"] is None
        assert len(g["injuries"]) == 1 and not g["injuries"]["began_this_week"].iloc[0]


def test_strength_only_week_has_sessions_and_no_running(results_today):
    res = results_today("strength_only")
    last = pd.Timestamp(res.strength_sessions["local_date"].max()).date()
    f = week_facts(res, last)
    assert f["has_data"] and f["running"]["runs"] == 0 and f["running"]["longest_m"] is None
    assert len(f["strength"]["rows"]) == f["strength"]["sessions"] >= 1
    assert len(f["spikes"]) == 0 and len(f["breaks"]) == 0 and f["races"] == []


def test_newcomer_first_week_and_weeks_without_data(results_today):
    res = results_today("newcomer")
    first = pd.Timestamp(res.runs["local_date"].min()).date()
    f = week_facts(res, first)
    assert f["running"]["prev4_weeks"] == 0 and f["running"]["prev4_mean_distance_m"] is None
    assert f["first_weeks"] == f["running"]["runs"] >= 1  # too early in the log to judge a spike
    assert f["load"]["before"] is None or f["load"]["before"]["date"] >= first
    # A week before the log: no data, and where the data is.
    empty = week_facts(res, first - dt.timedelta(days=30))
    assert not empty["has_data"] and empty["data"]["after"] == first and empty["data"]["before"] is None
    assert empty["data"]["first"] == first and empty["strength"]["target_min"] is None
    # A week after today has not begun.
    ahead = week_facts(res, TODAY + dt.timedelta(days=8))
    assert ahead["state"] == "future" and ahead["days_so_far"] == 0 and "running" not in ahead


def test_the_current_week_is_partial(results_today):
    res = results_today("newcomer")
    f = week_facts(res, TODAY)
    assert f["state"] == "current" or f["week_end"] == TODAY
    assert f["last"] == TODAY and f["days_so_far"] == (TODAY - f["week_start"]).days + 1
    assert f["week_start"] == week_of(TODAY, res.settings.week_start)
