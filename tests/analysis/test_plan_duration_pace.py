"""A planned run given only its minutes (docs/rules.md, planning ahead): its distance, for the spike
check and the forecast, comes from the runner's recent pace; without a run of the last 30 days,
from the typical easy pace of the last 12 weeks, then of the whole log; each says which; with no
pace at all the spike check says it could not run and why. Hand-computed on small logs."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from analysis_factory import activities, day

from analysis.compute import compute_all
from analysis.forecast import estimate, forecast
from analysis.plancheck import check_week

WEEKS = 6


def _log(distance: bool = True):
    """Six weeks: easy 8 km at 5:00 /km on Tuesday, Thursday and Saturday, a long 16 km at 6:00 /km
    on Sunday (the week's longest: the long run). Without ``distance``: the same minutes, no km."""
    rows = []
    for w in range(WEEKS):
        for n in (1, 3, 5):
            rows.append(
                {"activity_id": 100 + 10 * w + n, "day": 7 * w + n, "hour": 7, "km": 8, "minutes": 40}
            )
        rows.append({"activity_id": 100 + 10 * w + 6, "day": 7 * w + 6, "hour": 8, "km": 16, "minutes": 96})
    if not distance:
        rows = [{**r, "km": None} for r in rows]
    return activities(rows)


def _results(today: dt.date, distance: bool = True):
    return compute_all(_log(distance), today=today)


def _plan(start: dt.date, rows: list[tuple]) -> pd.DataFrame:
    """(day offset from start, run_type, km, minutes) rows, all runs at 07:00."""
    return pd.DataFrame(
        [
            {
                "plan_id": i,
                "planned_date": pd.Timestamp(start + dt.timedelta(days=n)),
                "time_local": dt.time(7),
                "kind": "run",
                "run_type": run_type,
                "distance_m": km * 1000.0 if km else np.nan,
                "duration_s": minutes * 60.0 if minutes else np.nan,
                "strength_focus": None,
                "rpe": np.nan,
                "note": None,
            }
            for i, (n, run_type, km, minutes) in enumerate(rows, start=1)
        ]
    )


def test_recent_pace_by_run_type_then_all_runs():
    today = day(7 * WEEKS - 1)  # the last Sunday of the log
    res = _results(today)
    p = _plan(
        today + dt.timedelta(days=1),
        [(0, "easy", None, 50), (6, "long", None, 120), (2, "quality", None, 30)],
    )
    est = estimate(p, res.runs, res.today, res.settings).set_index("plan_id")
    # 50 min at 5:00 /km = 10 km; 120 min at 6:00 /km = 20 km.
    assert est.loc[1, "est_distance_m"] == pytest.approx(10_000)
    assert (
        est.loc[1, "distance_basis"]
        == "its 50 minutes at 5:00 /km, your median pace of easy runs over the last 30 days"
    )
    assert est.loc[2, "est_distance_m"] == pytest.approx(20_000)
    assert "6:00 /km, your median pace of long runs over the last 30 days" in est.loc[2, "distance_basis"]
    # No quality run in the log: all runs of the 30 days (days 12-41: 13 easy, 5 long), median 5:00 /km.
    assert est.loc[3, "est_distance_m"] == pytest.approx(6_000)
    assert "5:00 /km, your median pace of all runs over the last 30 days" in est.loc[3, "distance_basis"]
    assert est["distance_estimated"].all()
    # A run given its distance keeps it and says nothing about a pace.
    given = estimate(_plan(today + dt.timedelta(days=1), [(0, "easy", 9, None)]), res.runs, res.today)
    assert given.loc[0, "est_distance_m"] == 9000 and pd.isna(given.loc[0, "distance_basis"])


def test_the_spike_flag_and_the_forecast_say_the_pace_they_used():
    today = day(7 * WEEKS - 1)
    res = _results(today)
    week = today + dt.timedelta(days=1)
    p = _plan(week, [(1, "easy", None, 40), (6, "long", None, 150)])  # 150 min at 6:00 = 25 km
    est = estimate(p, res.runs, res.today, res.settings)
    fc = forecast(res.daily, est, res.today, res.settings)
    c = check_week(week, est, res.runs, res.strength_sessions, res.buildups, fc, res.today, res.settings)
    spike = c[c["check"] == "spike"]
    assert len(spike) == 1
    msg = spike.iloc[0]["message"]
    # 25 km against the 16 km long runs of the 30 days before: 1.5625.
    assert (
        "25.0 km (from its 150 minutes at 6:00 /km, your median pace of long runs over the last 30 days)"
        in msg
    )
    assert "1.56 x" in msg and "moderate" in msg
    sunday = fc[fc["date"] == pd.Timestamp(week + dt.timedelta(days=6))].iloc[0]
    assert sunday["run_distance_m"] == pytest.approx(25_000)
    assert sunday["distance_basis"].startswith("its 150 minutes at 6:00 /km")
    assert fc.loc[~fc["planned"], "distance_basis"].isna().all()  # done days say nothing


def test_no_run_in_the_30_days_falls_back_to_the_easy_pace_of_12_weeks():
    today = day(7 * WEEKS - 1 + 35)  # five weeks after the last run: none in the 30 days
    res = _results(today)
    est = estimate(_plan(today + dt.timedelta(days=1), [(0, "long", None, 55)]), res.runs, res.today)
    # The long run's own pace (6:00) is not the basis: the easy runs' 5:00 /km over 12 weeks, 11 km.
    assert est.loc[0, "est_distance_m"] == pytest.approx(11_000)
    assert est.loc[0, "distance_basis"] == (
        "its 55 minutes at 5:00 /km, your typical easy pace over the last 12 weeks, "
        "as no run of your last 30 days has a pace"
    )


def test_nothing_in_12_weeks_falls_back_to_the_whole_log():
    today = day(7 * WEEKS - 1 + 100)
    res = _results(today)
    est = estimate(_plan(today + dt.timedelta(days=1), [(0, "easy", None, 60)]), res.runs, res.today)
    assert est.loc[0, "est_distance_m"] == pytest.approx(12_000)
    assert est.loc[0, "distance_basis"] == (
        "its 60 minutes at 5:00 /km, your typical easy pace over your whole log, "
        "as no run of the last 12 weeks has a pace"
    )


def test_in_miles_the_pace_is_per_mile():
    import dataclasses

    today = day(7 * WEEKS - 1)
    res = _results(today)
    s = dataclasses.replace(res.settings, units_distance="mi")
    est = estimate(_plan(today + dt.timedelta(days=1), [(0, "easy", None, 50)]), res.runs, res.today, s)
    assert "8:03 /mi, your median pace of easy runs" in est.loc[0, "distance_basis"]  # 300 s x 1.609


def test_without_any_pace_the_spike_check_says_it_could_not_run():
    today = day(7 * WEEKS - 1)
    res = _results(today, distance=False)  # runs with minutes but no distance: no pace anywhere
    week = today + dt.timedelta(days=1)
    p = _plan(week, [(1, "easy", None, 40), (6, "long", None, 150), (3, "easy", 8, None)])
    est = estimate(p, res.runs, res.today, res.settings)
    by_id = est.set_index("plan_id")
    assert pd.isna(by_id.loc[1, "est_distance_m"]) and not by_id.loc[1, "distance_estimated"]
    assert (
        by_id.loc[1, "distance_basis"]
        == "no distance: no run in your log has both a distance and a time to give your pace"
    )
    fc = forecast(res.daily, est, res.today, res.settings)
    c = check_week(
        week,
        est,
        res.runs,
        res.strength_sessions,
        res.buildups,
        fc,
        res.today,
        res.settings,
    )
    blind = c[c["check"] == "spike"].sort_values("date")
    assert list(blind["plan_ids"]) == [(1,), (2,)]  # the run given a distance is not among them
    assert blind.iloc[1]["message"] == (
        "The spike check of Sunday's long run at 07:00 (150 minutes) could not run: it has no distance, "
        "and no run in your log has both a distance and a time to give your pace to estimate one."
    )
    assert blind.iloc[1]["severity"] == "info" and "distance" in blind.iloc[1]["fix"]
    assert "Frandsen" in blind.iloc[1]["source"]
    # An empty log: the same words.
    empty = estimate(_plan(week, [(0, "easy", None, 30)]), res.runs.iloc[0:0], res.today)
    assert empty.loc[0, "distance_basis"].startswith("no distance: no run in your log")
