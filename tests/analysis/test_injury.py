"""The volume-versus-injury signal, hand-computed (docs/injury-signal.md)."""

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest
from analysis_factory import activities, daily_frame, day, injuries

from analysis import riskratio
from analysis.injury import classify_injuries, injury_signal, injury_windows
from analysis.settings import Settings
from analysis.spikes import spikes


def test_risk_ratio_textbook_table():
    r = riskratio.risk_ratio(10, 90, 5, 95)
    assert r["risk_ratio"] == pytest.approx(2.0)
    se = math.sqrt(1 / 10 - 1 / 100 + 1 / 5 - 1 / 100)
    assert r["ci_low"] == pytest.approx(2 * math.exp(-1.959964 * se), rel=1e-6)
    assert r["ci_high"] == pytest.approx(2 * math.exp(1.959964 * se), rel=1e-6)
    assert r["corrected"] is False and r["reason"] is None


def test_risk_ratio_adds_half_to_every_cell_when_one_is_zero():
    r = riskratio.risk_ratio(1, 0, 3, 8)
    rr = (1.5 / 2) / (3.5 / 12)
    se = math.sqrt(1 / 1.5 - 1 / 2 + 1 / 3.5 - 1 / 12)
    assert r["corrected"] is True and r["risk_ratio"] == pytest.approx(rr)
    assert r["ci_low"] == pytest.approx(rr * math.exp(-1.959964 * se), rel=1e-6)
    assert riskratio.risk_ratio(0, 0, 3, 8)["reason"] == "no exposed or no unexposed units"
    assert riskratio.risk_ratio(0, 5, 0, 8)["risk_ratio"] is None


def test_small_count_rule():
    est = riskratio.estimate(10, 90, 5, 95, exposed_injuries=4, unexposed_injuries=7)
    assert est["risk_ratio"] is None and "fewer than 5 injuries" in est["reason"]
    assert riskratio.estimate(10, 90, 5, 95, 5, 5)["risk_ratio"] == pytest.approx(2.0)


def test_which_injuries_count_yamato():
    inj = injuries(
        [
            {"injury_id": 1, "onset": 10, "end": 17},  # 7 days restricted: counted
            {"injury_id": 2, "onset": 20, "end": 23},  # 3 days: niggle
            {"injury_id": 3, "onset": 30, "end": 32, "medical_visit": True},  # medical visit: counted
            {"injury_id": 4, "onset": 40, "end": 60, "time_loss": False},  # ran normally: niggle
            {"injury_id": 5, "onset": 70, "end": None},  # ongoing, days 70-80 restricted: counted
            {"injury_id": 6, "onset": 78, "end": None},  # ongoing, days 78-80: not yet
            {"injury_id": 8, "onset": 74, "end": None},  # ongoing, days 74-80: the 7th day today
            {"injury_id": 7, "onset": 90, "end": 99},  # after today: not logged yet
        ]
    )
    c = classify_injuries(inj, day(80), Settings()).set_index("injury_id")
    assert c["counted"].to_dict() == {1: True, 2: False, 3: True, 4: False, 5: True, 8: True, 6: False}
    assert c.loc[5, "ongoing"] and c.loc[5, "days"] == 11 and c.loc[8, "days"] == 7 and c.loc[6, "days"] == 3
    assert c.loc[1, "days"] == 7  # back to normal running on day 17: days 10-16 restricted
    assert c.loc[8, "reason"] == "running stopped or restricted 7+ days"
    assert c.loc[6, "reason"] == "ongoing, under 7 days so far" and c.loc[4, "reason"] == "ran normally"
    assert c.loc[3, "reason"] == "medical visit" and c.loc[2, "reason"] == "under 7 days"
    with_niggles = classify_injuries(inj, day(80), Settings(injury_include_niggles=True))
    assert with_niggles["included"].all()


def fixture():
    """Runs every 2nd day at 5 km (days 0..58), a 8 km spike on day 20; injury on day 24-34."""
    rows = [{"activity_id": d, "day": d, "km": 8.0 if d == 20 else 5.0} for d in range(0, 60, 2)]
    acts = activities(rows)
    # A run 31 days before day 0 opens the log, so that day 0 is a return to running and the runs
    # after it have their 30 days of history (it lies before the series and is not counted).
    opened = spikes(activities([{"activity_id": -1, "day": -31, "km": 5.0}, *rows]))
    runs = acts[["activity_id", "local_date"]].merge(opened, on="activity_id")
    days = daily_frame([0.0] * 60)
    exposures = days.assign(progression_high=np.nan, acwr_high=np.nan, strength_low=np.nan)
    inj = injuries([{"injury_id": 1, "onset": 24, "end": 34}])
    return runs, exposures, inj


def spike_row(signal, level, window=7):
    return next(
        r
        for r in signal["results"]
        if r["exposure"] == "spike" and r["level"] == level and r["window_days"] == window
    )


def test_spike_two_by_two_by_hand():
    runs, exposures, inj = fixture()
    sig = injury_signal(inj, runs, exposures, day(59))
    # At risk: runs on days 0..24 (days 25 .. 34 + 28 are not). Followed by the injury: days 17..24.
    # moderate: day 20 (followed). reference: days 2..18, 22, 24 -> 18, 22, 24 followed, 8 not.
    m = spike_row(sig, "moderate")
    assert (m["a"], m["b"], m["c"], m["d"]) == (1, 0, 3, 8)
    assert (m["exposed_injuries"], m["unexposed_injuries"]) == (1, 1)
    assert m["risk_ratio"] is None and "fewer than 5" in m["reason"]
    assert m["population"]["hazard_ratio"] == 1.52 and m["primary"] is True
    ret = spike_row(sig, "return to running")
    assert (ret["a"], ret["b"]) == (0, 1)  # day 0
    # The same table with the small-count rule at 1 gives the corrected ratio.
    sig1 = injury_signal(inj, runs, exposures, day(59), Settings(injury_min_injuries=1))
    m1 = spike_row(sig1, "moderate")
    assert m1["corrected"] is True and m1["risk_ratio"] == pytest.approx((1.5 / 2) / (3.5 / 12))
    # 14-day window: days 10..24 followed: reference 10..18, 22, 24 = 7 followed, 4 not.
    m14 = spike_row(sig, "moderate", 14)
    assert (m14["a"], m14["b"], m14["c"], m14["d"]) == (1, 0, 7, 4)
    assert sig["injuries"] == {"logged": 1, "counted": 1, "included": 1, "niggles_excluded": 0, "ongoing": 0}
    json.dumps(sig)  # JSON-ready


def test_last_window_before_today_is_not_at_risk():
    runs, exposures, inj = fixture()
    sig = injury_signal(inj.iloc[0:0], runs, exposures, day(59))
    ref = spike_row(sig, "moderate")
    # No injury: no run has an outcome; runs on days 54, 56, 58 (within 7 days of today) are out.
    assert ref["a"] == 0 and ref["c"] == 0
    assert ref["b"] + ref["d"] == len([d for d in range(2, 53, 2)])
    assert (
        ref["reason"]
        == "fewer than 5 injuries in a group: counts only (a ratio from so few injuries would be noise)"
    )


def test_day_exposure_cells():
    # 40 days; progression high on days 10-14; an injury on day 16 (counted by a medical visit).
    ex = daily_frame([0.0] * 40)
    prog = np.full(40, np.nan)
    prog[7:] = 0.0
    prog[10:15] = 1.0
    ex = ex.assign(progression_high=prog, acwr_high=np.nan, strength_low=np.nan)
    inj = injuries([{"onset": 16, "end": 17, "medical_visit": True}])
    runs = pd.DataFrame({"activity_id": [], "local_date": [], "spike_category": []})
    sig = injury_signal(inj, runs, ex, day(39), Settings(injury_min_injuries=1))
    p = next(r for r in sig["results"] if r["exposure"] == "progression" and r["window_days"] == 7)
    # Defined days 7..39; at risk up to the onset day 16 and from 17 + 28 + 1 = 46 (none); observed d <= 32.
    # Followed: days 9..16. Exposed 10..14 (all followed). Unexposed: 7, 8 (not), 9, 15, 16 (followed).
    assert (p["a"], p["b"], p["c"], p["d"]) == (5, 0, 3, 2)
    assert p["unit"] == "day" and p["primary"] is False


def test_injury_windows_name_the_spike_before_the_injury():
    runs, exposures, inj = fixture()
    w = injury_windows(inj, runs, exposures, day(59)).iloc[0]
    assert w["top_spike_category"] == "moderate" and w["top_spike_activity_id"] == 20
    assert w["top_spike_date"] == pd.Timestamp(day(20)) and w["runs_in_window"] == 4


def test_the_signal_is_read_with_the_runners_own_settings_as_of_the_day_asked():
    """What the signal states it counted follows the runner's settings, not the defaults, and the
    cells change with them; `as_of` is the day asked, not the last day with data."""
    runs, exposures, inj = fixture()
    s = Settings(
        injury_window_days=7,
        injury_sensitivity_windows=(21,),
        injury_counted_min_days=11,
        injury_after_return_days=14,
        injury_acwr_method="coupled",
        acwr_danger=1.4,
    )
    sig = injury_signal(inj, runs, exposures, day(59), s)
    assert sig["as_of"] == "2024-02-29"
    d = sig["definition"]
    assert (d["primary_window_days"], d["sensitivity_windows_days"]) == (7, [21])
    assert ">= 11 days" in d["counted_injury"] and "to 14 days after return" in d["not_at_risk"]
    assert d["acwr"] == "coupled above 1.4"
    assert {r["window_days"] for r in sig["results"]} == {7, 21}
    assert {r["window_days"] for r in sig["results"] if r["primary"]} == {7}
    # The injury of days 24-34 is 10 days of restriction: short of 11, a niggle, left out.
    assert sig["injuries"] == {"logged": 1, "counted": 0, "included": 0, "niggles_excluded": 1, "ongoing": 0}
    # Counted again (10 days from 10 on), at risk again 14 days after its return (day 34): the runs on
    # days 50 and 52 (52 + 7 is the last day with a known outcome) join the unexposed, not followed.
    sig = injury_signal(
        inj, runs, exposures, day(59), Settings(injury_counted_min_days=10, injury_after_return_days=14)
    )
    m = spike_row(sig, "moderate")
    assert (m["a"], m["b"], m["c"], m["d"]) == (1, 0, 3, 10)
    for word in sig["confounders"]:  # the wording names what else could explain a link
        assert word in sig["wording"]


def test_strength_low_exposure_uses_the_phase_targets_of_the_28_days_before():
    from analysis.injury import day_exposures

    n = 35
    daily = daily_frame([0.0] * n).assign(strength_sessions=0)
    daily.loc[[0, 3, 7, 10, 14, 17, 21, 24], "strength_sessions"] = 1  # 2 a week for 4 weeks
    weeks = pd.DataFrame(
        {"week_start": pd.date_range(daily["date"].iloc[0], periods=5, freq="7D"), "target_min": 2}
    )
    empty = pd.DataFrame({"progression": np.full(n, np.nan), "acwr_uncoupled": np.full(n, np.nan)})
    ex = day_exposures(daily, empty, empty, weeks, Settings())
    low = ex["strength_low"].to_numpy()
    assert np.isnan(low[:28]).all()
    assert low[28] == 0.0  # days 0..27 held 8 sessions, the target is 8
    assert low[29] == 1.0  # days 1..28 held 7
    weeks["target_min"] = 1
    assert day_exposures(daily, empty, empty, weeks, Settings())["strength_low"].iloc[29] == 0.0
    # A log whose first session is on day 3: its days count from day 3 + 28 = 31 on.
    daily.loc[0, "strength_sessions"] = 0
    low = day_exposures(daily, empty, empty, weeks, Settings())["strength_low"].to_numpy()
    assert np.isnan(low[:31]).all() and low[31] == 0.0
    # No session at all: never "below target", the log cannot tell.
    none = day_exposures(daily.assign(strength_sessions=0), empty, empty, weeks, Settings())
    assert none["strength_low"].isna().all()


def test_the_whole_log_is_as_of_today_while_it_is_kept():
    from analysis.injury import log_today

    clock = dt.date(2026, 12, 7)
    none = pd.DataFrame({"onset_date": pd.Series(dtype="object"), "end_date": pd.Series(dtype="object")})
    assert log_today(clock, dt.date(2026, 11, 30), none, 14) == clock  # 7 days ago: kept
    assert log_today(clock, dt.date(2026, 11, 20), none, 14) == dt.date(2026, 11, 20)  # 17 days: stopped
    assert log_today(clock, dt.date(2016, 5, 1), None, 14) == dt.date(2016, 5, 1)  # an old export
    assert log_today(clock, None, None, 14) == clock
    closed = pd.DataFrame({"onset_date": [dt.date(2026, 12, 1)], "end_date": [dt.date(2026, 12, 3)]})
    assert log_today(clock, dt.date(2026, 10, 1), closed, 14) == clock  # an injury logged 6 days ago
    ongoing = pd.DataFrame({"onset_date": [dt.date(2026, 10, 1)], "end_date": [None]})
    assert log_today(clock, dt.date(2026, 9, 30), ongoing, 14) == clock  # still injured: up to today


def test_the_onset_day_and_the_days_just_before_a_recent_injury_are_counted():
    # Section 8 attributes to an injury its onset day's exposures and the 7 days before it. An injury
    # two days before today (a race on its onset day): those days' outcome is known, so they count,
    # while the other recent days (no injury in their window yet) stay out.
    rows = [{"activity_id": d, "day": d, "km": 5.0} for d in range(0, 58, 2)] + [
        {"activity_id": 58, "day": 58, "km": 6.0}  # a small spike (1.2 x) on the onset day
    ]
    acts = activities(rows)
    runs = acts[["activity_id", "local_date"]].merge(spikes(acts), on="activity_id")
    prog = np.zeros(61)
    prog[58] = 1.0
    exposures = daily_frame([0.0] * 61).assign(progression_high=prog, acwr_high=np.nan, strength_low=np.nan)
    inj = injuries([{"injury_id": 1, "onset": 58, "end": None, "medical_visit": True}])
    sig = injury_signal(inj, runs, exposures, day(60), Settings(injury_min_injuries=1))
    small = spike_row(sig, "small")
    assert (small["a"], small["b"]) == (1, 0)  # the race-day spike, followed by the injury that day
    # Reference runs of days 52..56 followed; 30..50 not (before day 30: not enough history).
    assert (small["c"], small["d"]) == (3, 11)
    p = next(r for r in sig["results"] if r["exposure"] == "progression" and r["window_days"] == 7)
    assert (p["a"], p["b"]) == (1, 0) and p["exposed_too_recent"] == 0
    # The per-injury table counts the same days and runs as the tables.
    w = injury_windows(inj, runs, exposures, day(60)).iloc[0]
    assert w["progression_high_days"] == p["a"] == 1
    assert w["runs_in_window"] == small["a"] + small["c"] == 4
    assert w["top_spike_category"] == "small" and w["top_spike_activity_id"] == 58


def test_exposed_days_left_out_are_counted_by_why():
    # An injury on day 10 (a medical visit, back on day 14): days 11..42 are not at risk; days 53..59
    # have no injury in their window and it has not passed yet: outcome not known.
    runs, exposures, _ = fixture()
    inj = injuries([{"injury_id": 1, "onset": 10, "end": 14, "medical_visit": True}])
    acwr = np.zeros(60)
    acwr[[5, 12, 13, 20, 54, 56]] = 1.0
    exposures = exposures.assign(acwr_high=acwr)
    sig = injury_signal(inj, runs, exposures, day(59))
    a = next(r for r in sig["results"] if r["exposure"] == "acwr" and r["window_days"] == 7)
    assert (a["a"], a["b"], a["exposed_not_at_risk"], a["exposed_too_recent"]) == (1, 0, 3, 2)
    # Every exposed day is counted or said to be left out: the sum is what a chart of the ratio shows.
    assert a["a"] + a["b"] + a["exposed_not_at_risk"] + a["exposed_too_recent"] == int((acwr == 1).sum())


def test_the_per_injury_window_leaves_out_the_days_after_an_earlier_injury():
    # A second injury on day 50 whose window (days 43..50) lies within 28 days of the first's return
    # (day 34): no day of it is at risk, so none is counted for it, as in the signal's tables.
    runs, exposures, _ = fixture()
    prog = np.zeros(60)
    prog[[20, 45]] = 1.0
    exposures = exposures.assign(progression_high=prog)
    inj = injuries([{"injury_id": 1, "onset": 24, "end": 34}, {"injury_id": 2, "onset": 50, "end": 58}])
    w = injury_windows(inj, runs, exposures, day(59)).set_index("injury_id")
    assert w.loc[1, "progression_high_days"] == 1 and w.loc[1, "days_not_at_risk"] == 0
    assert w.loc[2, "progression_high_days"] == 0 and w.loc[2, "runs_in_window"] == 0
    assert w.loc[2, "days_not_at_risk"] == 8 and pd.isna(w.loc[2, "top_spike_category"])
