import datetime as dt

import analysis_factory as f
import pandas as pd

from analysis.compute import compute_all
from analysis.settings import Race, Settings
from analysis.summary import (
    current_phase,
    form_on,
    latest_race,
    latest_spike,
    recent_weeks,
    runs_between,
    strength_this_week,
)

# Six weeks of 10 km runs every other day, then one 16 km run (a moderate spike, 1.6 x).
RUNS = [{"activity_id": i + 1, "day": 2 * i, "km": 10} for i in range(21)] + [
    {"activity_id": 100, "day": 43, "km": 16}
]
SESSIONS = f.sessions([{"session_id": 1, "day": 42}, {"session_id": 2, "day": 44}])
SETS = f.sets([(1, "squat", "lower", "working", 5, 60), (2, "plank", "core", "working", 1, 0)])


def results(today_n: int, **settings):
    return compute_all(
        f.activities(RUNS), None, None, SESSIONS, SETS, None, Settings(**settings), f.day(today_n)
    )


def test_latest_spike_is_the_16_km_run():
    r = results(45)
    spike = latest_spike(r.runs, f.day(45))
    assert spike["activity_id"] == 100 and spike["spike_category"] == "moderate"
    assert spike["spike_ratio"] == 1.6 and spike["days_ago"] == 2 and spike["date"] == f.day(43)
    assert latest_spike(r.runs, f.day(45), within_days=2) is None  # day 43 is 3 days back counted inclusive
    assert latest_spike(r.runs.iloc[0:0], f.day(45)) is None


def test_form_is_the_daily_row_of_today():
    r = results(45)
    form = form_on(r.daily, f.day(45))
    row = r.daily[r.daily["date"] == pd.Timestamp(f.day(45))].iloc[0]
    assert form["tsb"] == row["tsb"] and form["ctl"] == row["ctl"] and form["tsb_band"] == row["tsb_band"]
    assert form_on(r.daily, f.day(400)) is None


def test_strength_this_week_against_the_base_target():
    # day 42 is a Monday: two sessions this week; no build-up detected, so the base target 2-3
    r = results(45, detect_min_weeks=100)
    week = strength_this_week(r.weekly, f.day(45))
    assert week["week_start"] == f.day(42) and week["days_so_far"] == 4
    assert (
        week["sessions"] == 2 and week["target_min"] == 2 and week["on_target"] and week["still_needed"] == 0
    )
    assert week["phase"] == "base"


def test_current_phase_in_a_race_build_up():
    race = Race(f.day(45 + 7 * 6 - 3), "10k", "Spring 10k")  # a Sunday, 6 weeks after this week
    r = results(45, races=(race,))
    ph = current_phase(r.weekly, r.buildups, r.verdicts, f.day(45))
    assert ph["phase"] == "build-up" and ph["name"] == "Spring 10k" and ph["weeks"] == 10
    assert ph["week_number"] == 5 and ph["weeks_so_far"] == 5
    assert ph["verdict"] in ("kept", "partly kept", "not kept", "no strength data")
    assert current_phase(r.weekly, r.buildups, r.verdicts, f.day(45 + 70))["phase"] is None


def test_recent_weeks_fill_rest_weeks_with_zeros_but_start_at_the_first_data():
    r = results(45)
    # The log begins on day 0 (a Monday): ten weeks back from day 45 would reach 3 weeks before it.
    weeks = recent_weeks(r.weekly, f.day(45), n=10)
    assert len(weeks) == 7 and weeks["current"].tolist() == [False] * 6 + [True]
    assert weeks["week_start"].iloc[0] == pd.Timestamp(f.day(0))  # weeks before the data are not zeros
    assert weeks["strength_sessions"].iloc[-1] == 2
    assert dt.date(2024, 2, 12) == f.day(42)
    assert len(recent_weeks(r.weekly, f.day(45), n=4)) == 4
    # A rest week inside the log is a real zero.
    gap = r.weekly[pd.to_datetime(r.weekly["week_start"]) != pd.Timestamp(f.day(14))]
    inside = recent_weeks(gap, f.day(45), n=10).set_index("week_start")
    assert inside.loc[pd.Timestamp(f.day(14)), "run_distance_m"] == 0


def test_week_end_values_take_the_last_day_of_each_week():
    from analysis.summary import week_end_values

    daily = f.daily_frame([float(i) for i in range(10)])  # Mon 1 Jan .. Wed 10 Jan 2024
    out = week_end_values(daily, ["load"])
    assert out["load"].tolist() == [6.0, 9.0]  # Sunday 7 Jan; Wednesday 10 Jan (partial week)
    assert out["week_start"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-08")]
    assert week_end_values(daily, ["load"], week_start=6)["load"].tolist() == [5.0, 9.0]


def test_calendar_grid_puts_each_day_under_its_week_and_weekday():
    from analysis.summary import calendar_grid

    daily = f.daily_frame([float(i) for i in range(10)], start=f.day(2))  # Wed 3 Jan .. Fri 12 Jan
    grid = calendar_grid(daily, "load")
    assert grid.shape == (7, 2)
    assert grid.loc[2, pd.Timestamp("2024-01-01")] == 0.0  # Wednesday of the first week
    assert pd.isna(grid.loc[0, pd.Timestamp("2024-01-01")])  # before the series: blank, not 0
    assert grid.loc[4, pd.Timestamp("2024-01-08")] == 9.0


def test_a_race_is_shown_as_the_race_never_as_a_spike():
    # The 16 km run of day 43 is a race (named as one, or on a race day of the settings): the
    # latest spike skips it, and latest_race names it.
    raced = [dict(r, name="Spring Half race") if r["activity_id"] == 100 else r for r in RUNS]
    r = compute_all(f.activities(raced), None, None, SESSIONS, SETS, None, Settings(), f.day(45))
    assert r.runs.set_index("activity_id").loc[100, "spike_category"] == "moderate"  # still an exposure
    assert latest_spike(r.runs, f.day(45)) is None
    race = latest_race(r.runs, f.day(45))
    assert race == {
        "activity_id": 100,
        "date": f.day(43),
        "name": "Spring Half race",
        "distance_m": 16_000.0,
        "days_ago": 2,
    }
    assert latest_race(r.runs, f.day(45), since=f.day(44)) is None
    # A race of the settings lends its name to the longest run of its day.
    s = Settings(races=(Race(f.day(43), "half", "City Half"),))
    r = compute_all(f.activities(RUNS), None, None, SESSIONS, SETS, None, s, f.day(45))
    assert latest_spike(r.runs, f.day(45)) is None
    assert latest_race(r.runs, f.day(45), races=s.races)["name"] == "City Half"


def test_runs_between_counts_both_ends():
    r = results(45)
    assert runs_between(r.runs, f.day(0), f.day(0)) == 1
    assert runs_between(r.runs, f.day(41), f.day(43)) == 1
    assert runs_between(r.runs, f.day(100), f.day(200)) == 0
    assert runs_between(r.runs.iloc[0:0], f.day(0), f.day(9)) == 0
