"""The single-run spike against a known run history (docs/metrics.md)."""

import numpy as np
import pandas as pd
import pytest
from analysis_factory import activities

from analysis.settings import Settings
from analysis.spikes import categorise, spikes


def run_spikes(rows):
    acts = activities(rows)
    return spikes(acts).set_index("activity_id")


#: A short run 31 days before day 0 opens the log, so that the runs from day 0 on have their full
#: 30 days of history (without it they would be "not enough history").
OPENING = {"activity_id": 0, "day": -31, "km": 1}


def with_history(rows):
    return run_spikes([OPENING, *rows]).drop(index=0)


def test_known_history_gives_known_categories():
    s = with_history(
        [
            {"activity_id": 1, "day": 0, "km": 10},  # nothing before: return to running
            {"activity_id": 2, "day": 5, "km": 10.5},  # 10.5 / 10 = 1.05 reference
            {"activity_id": 3, "day": 10, "km": 12},  # 12 / 10.5 = 1.143 small
            {"activity_id": 4, "day": 15, "km": 20},  # 20 / 12 = 1.667 moderate
            {"activity_id": 5, "day": 20, "km": 5},  # 5 / 20 reference
            {"activity_id": 6, "day": 60, "km": 8},  # last run 40 days before: return to running
            {"activity_id": 7, "day": 61, "km": 17},  # 17 / 8 = 2.125 large
        ]
    )
    assert list(s["spike_category"]) == [
        "return to running",
        "reference",
        "small",
        "moderate",
        "reference",
        "return to running",
        "large",
    ]
    assert s.loc[4, "spike_ratio"] == pytest.approx(20 / 12)
    assert s.loc[4, "prev_longest_m"] == 12000
    assert np.isnan(s.loc[1, "spike_ratio"])


def test_window_is_the_30_local_days_before_the_run_day():
    # Day 0 is 30 days before day 30 (inside, whatever the hours); day 0 is 31 days before day 31.
    inside = with_history(
        [
            {"activity_id": 1, "day": 0, "hour": 20, "km": 10},
            {"activity_id": 2, "day": 30, "hour": 6, "km": 11},
        ]
    )
    assert inside.loc[2, "spike_ratio"] == pytest.approx(1.1)
    assert inside.loc[2, "spike_category"] == "reference"  # 1.10 itself is reference
    outside = with_history([{"activity_id": 1, "day": 0, "km": 10}, {"activity_id": 2, "day": 31, "km": 11}])
    assert outside.loc[2, "spike_category"] == "return to running"


def test_other_runs_of_the_same_day_are_not_before():
    s = with_history(
        [
            {"activity_id": 1, "day": 0, "km": 10},
            {"activity_id": 2, "day": 1, "hour": 7, "km": 5},
            {"activity_id": 3, "day": 1, "hour": 18, "km": 16},
            {"activity_id": 4, "day": 2, "hour": 8, "km": 30},
        ]
    )
    assert s.loc[2, "prev_longest_m"] == 10000 and s.loc[3, "prev_longest_m"] == 10000
    assert s.loc[3, "spike_category"] == "moderate"
    assert s.loc[4, "prev_longest_m"] == 16000


def test_local_day_not_utc_day_decides_the_window():
    # A late run in New York (UTC-4) has the next UTC date; its local day is what counts.
    s = with_history(
        [
            {"activity_id": 1, "day": 0, "km": 10},
            {"activity_id": 2, "day": 30, "hour": 21, "utc_offset_s": -4 * 3600, "km": 12},
        ]
    )
    assert s.loc[2, "prev_longest_m"] == 10000


def test_order_of_rows_does_not_matter_and_missing_distance_has_no_category():
    rows = [{"activity_id": i, "day": d, "km": km} for i, (d, km) in enumerate([(0, 5), (33, 9), (39, 7)], 1)]
    rows.append({"activity_id": 9, "day": 40, "minutes": 30})
    a = spikes(activities(rows)).set_index("activity_id").sort_index()
    b = spikes(activities(rows[::-1])).set_index("activity_id").sort_index()
    pd.testing.assert_frame_equal(a, b)
    assert pd.isna(a.loc[9, "spike_category"]) and np.isnan(a.loc[9, "spike_ratio"])


def test_boundaries_and_custom_bounds():
    r = pd.Series([1.0, 1.1, 1.1000001, 1.3, 1.31, 2.0, 2.01])
    assert list(categorise(r)) == [
        "reference",
        "reference",
        "small",
        "small",
        "moderate",
        "moderate",
        "large",
    ]
    custom = Settings(spike_bounds=(1.2, 1.5, 3.0))
    assert list(categorise(pd.Series([1.15, 1.4, 2.5, 3.5]), custom.spike_bounds)) == [
        "reference",
        "small",
        "moderate",
        "large",
    ]


def test_no_runs():
    empty = activities([{"day": 0, "km": 5}]).iloc[0:0]
    assert len(spikes(empty)) == 0 and list(spikes(empty).columns)[-1] == "spike_category"


def test_the_start_of_a_log_is_not_a_return_and_its_first_30_days_are_not_enough_history():
    # A log that begins on day 0: the first run, and every run whose 30 days before reach back past
    # day 0, have no known longest run before them; a 3x run on day 10 is not a "large spike".
    s = run_spikes(
        [
            {"activity_id": 1, "day": 0, "km": 4},
            {"activity_id": 2, "day": 10, "km": 12},
            {"activity_id": 3, "day": 29, "km": 5},
            {"activity_id": 4, "day": 30, "km": 6},  # days 0..29 all in the log: 6 / 12
            {"activity_id": 5, "day": 100, "km": 6},  # 70 days after the last run: a real return
        ]
    )
    assert list(s["spike_category"]) == [
        "not enough history",
        "not enough history",
        "not enough history",
        "reference",
        "return to running",
    ]
    assert s.loc[[1, 2, 3], "spike_ratio"].isna().all() and s.loc[[1, 2, 3], "prev_longest_m"].isna().all()
    assert s.loc[4, "spike_ratio"] == pytest.approx(0.5)


def test_history_needed_follows_the_lookback_setting():
    rows = [{"activity_id": i, "day": d, "km": km} for i, (d, km) in enumerate([(0, 5), (5, 5), (12, 10)], 1)]
    default = spikes(activities(rows)).set_index("activity_id")
    short = spikes(activities(rows), Settings(spike_lookback_days=14)).set_index("activity_id")
    assert default.loc[3, "spike_category"] == "not enough history"
    assert short.loc[3, "spike_category"] == "not enough history"  # day 12 < 14
    shorter = spikes(activities(rows), Settings(spike_lookback_days=10)).set_index("activity_id")
    assert shorter.loc[3, "spike_category"] == "moderate" and shorter.loc[3, "spike_ratio"] == 2.0
