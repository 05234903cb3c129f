"""Daily and weekly series in the local calendar (docs/metrics.md)."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from analysis_factory import D0, activities, day
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.daily import daily_series, weekly_series
from analysis.load import session_loads
from analysis.settings import Settings


def loads_of(rows, s=None):
    return session_loads(activities(rows), None, s or Settings())


def test_rest_days_are_real_zeros_and_series_spans_to_today():
    L = loads_of([{"day": 0, "km": 10}, {"day": 3, "km": 5}, {"day": 3, "km": 3}])
    d = daily_series(L, day(6))
    assert list(d["date"].dt.date) == [day(i) for i in range(7)]
    assert list(d["run_distance_m"]) == [10000, 0, 0, 8000, 0, 0, 0]
    assert list(d["runs"]) == [1, 0, 0, 2, 0, 0, 0]
    # The longest of no run is missing, not 0.
    assert d["longest_run_m"].tolist()[0] == 10000 and d["longest_run_m"].tolist()[3] == 5000
    assert d["longest_run_m"].drop([0, 3]).isna().all()
    assert d["run_time_s"].iloc[3] == (25 + 15) * 60
    assert d["load"].iloc[3] == 40.0  # auto without HR/pace/RPE: moving minutes


def test_activities_after_today_are_left_out():
    d = daily_series(loads_of([{"day": 0, "km": 10}, {"day": 9, "km": 5}]), day(5))
    assert d["run_distance_m"].sum() == 10000 and d["date"].iloc[-1].date() == day(5)


def test_cross_training_counts_in_load_not_in_running_volume():
    L = loads_of([{"day": 0, "km": 30, "minutes": 60, "sport": "cycling"}, {"day": 0, "km": 5}])
    d = daily_series(L, day(0))
    assert d["run_distance_m"].iloc[0] == 5000 and d["runs"].iloc[0] == 1
    assert d["load"].iloc[0] == 60 + 25 and d["cross_time_s"].iloc[0] == 3600


@pytest.mark.parametrize(
    "week_start,first", [(0, D0), (6, D0 - dt.timedelta(days=1)), (2, D0 - dt.timedelta(days=5))]
)
def test_week_start_is_configurable(week_start, first):
    L = loads_of([{"day": 0, "km": 10}, {"day": 6, "km": 4}, {"day": 7, "km": 2}])
    w = weekly_series(daily_series(L, day(13)), week_start)
    assert w["week_start"].iloc[0].date() == first
    assert (w["week_start"].dt.day_of_week == week_start).all()
    assert w["run_distance_m"].sum() == 16000


def test_weekly_columns_and_week_change():
    L = loads_of([{"day": 0, "km": 10}, {"day": 2, "km": 20}, {"day": 8, "km": 45}])
    w = weekly_series(daily_series(L, day(13)))
    assert list(w["run_distance_m"]) == [30000, 45000]
    assert list(w["longest_run_m"]) == [20000, 45000]
    assert list(w["runs"]) == [2, 1]
    assert np.isnan(w["week_change"].iloc[0]) and w["week_change"].iloc[1] == pytest.approx(0.5)


def test_a_week_without_runs_has_no_longest_run():
    # A cross-training week between two running weeks: its longest run is missing, not 0.
    ride = {"day": 8, "km": 30, "minutes": 60, "sport": "cycling"}
    L = loads_of([{"day": 0, "km": 10}, ride, {"day": 15, "km": 12}])
    w = weekly_series(daily_series(L, day(20)))
    assert w["longest_run_m"].iloc[0] == 10000 and w["longest_run_m"].iloc[2] == 12000
    assert np.isnan(w["longest_run_m"].iloc[1]) and w["runs"].iloc[1] == 0
    assert w["run_distance_m"].iloc[1] == 0  # the week's volume is a real zero


def test_run_in_another_time_zone_lands_on_its_local_day():
    # 22:00 UTC on Jan 1 is 08:00 on Jan 2 in Sydney (UTC+10): the run belongs to Jan 2.
    rows = [{"day": 1, "hour": 8.0, "utc_offset_s": 36000, "km": 10}]
    acts = activities(rows)
    assert acts["start_time_utc"].iloc[0] == pd.Timestamp("2024-01-01 22:00")
    d = daily_series(session_loads(acts, None, Settings()), day(3), start=day(0))
    assert list(d["run_distance_m"]) == [0, 10000, 0, 0]


run_rows = st.lists(
    st.tuples(
        st.integers(0, 120), st.floats(0.5, 45), st.integers(-12 * 3600, 14 * 3600), st.floats(0, 23.9)
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=25, deadline=None)
@given(run_rows, st.integers(0, 6))
def test_weekly_totals_conserve_distance(rows, week_start):
    acts = activities([{"day": d, "km": km, "utc_offset_s": off, "hour": h} for d, km, off, h in rows])
    d = daily_series(session_loads(acts, None, Settings()), day(120))
    w = weekly_series(d, week_start)
    total = acts["distance_m"].sum()
    assert d["run_distance_m"].sum() == pytest.approx(total)
    assert w["run_distance_m"].sum() == pytest.approx(total)
    assert w["runs"].sum() == len(rows)


@settings(max_examples=25, deadline=None)
@given(run_rows)
def test_each_run_lands_on_its_local_date_whatever_its_offset(rows):
    acts = activities([{"day": d, "km": km, "utc_offset_s": off, "hour": h} for d, km, off, h in rows])
    daily = daily_series(session_loads(acts, None, Settings()), day(120), start=day(0)).set_index("date")
    expected = acts.groupby("local_date")["distance_m"].sum()
    got = daily.loc[expected.index, "run_distance_m"]
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy())
    # local_date is the local wall clock's date, not the UTC one.
    local = acts["start_time_utc"] + pd.to_timedelta(acts["utc_offset_s"], unit="s")
    assert (local.dt.normalize() == acts["local_date"]).all()
