import datetime as dt

import pandas as pd
import pytest

from analysis.overview import this_week_vs_last_four


def weekly(rows):
    return pd.DataFrame(rows, columns=["week_start", "run_distance_m", "run_time_s", "runs"])


def test_this_week_against_the_mean_of_the_four_before():
    w = weekly([
        ("2026-10-12", 99_000, 9000, 9),  # five weeks back: not in the mean
        ("2026-10-19", 40_000, 14_400, 4),
        ("2026-10-26", 50_000, 18_000, 5),
        # 2026-11-02: a week off, absent from the frame: a real zero in the mean
        ("2026-11-09", 30_000, 10_800, 3),
        ("2026-11-16", 12_000, 3_600, 1),
    ])  # fmt: skip
    out = this_week_vs_last_four(w, dt.date(2026, 11, 18))  # a Wednesday
    assert out["week_start"] == dt.date(2026, 11, 16)
    assert out["days_so_far"] == 3
    assert out["distance_m"] == 12_000 and out["runs"] == 1
    assert out["prev4_mean_distance_m"] == pytest.approx((40_000 + 50_000 + 0 + 30_000) / 4)
    assert out["prev4_weeks"] == 4
    assert out["distance_change"] == pytest.approx(12_000 / 30_000 - 1)


def test_no_history_gives_no_change():
    out = this_week_vs_last_four(weekly([("2026-11-16", 5000, 1800, 1)]), dt.date(2026, 11, 22))
    assert out["days_so_far"] == 7 and out["distance_change"] is None
    assert out["prev4_weeks"] == 0 and out["prev4_mean_distance_m"] is None


def test_weeks_before_the_first_data_are_not_zero_weeks():
    # A log that began two weeks before this one: the mean is over those two weeks, not four.
    w = weekly(
        [("2026-11-02", 4000, 1500, 1), ("2026-11-09", 10_000, 3600, 2), ("2026-11-16", 5500, 2000, 1)]
    )
    out = this_week_vs_last_four(w, dt.date(2026, 11, 18))
    assert out["prev4_weeks"] == 2
    assert out["prev4_mean_distance_m"] == pytest.approx((4000 + 10_000) / 2)
    assert out["prev4_mean_runs"] == pytest.approx(1.5)
    assert out["distance_change"] == pytest.approx(5500 / 7000 - 1)


def test_data_span_covers_every_kind_of_data_and_tells_runs_apart():
    from analysis.overview import came_in, data_span

    acts = pd.DataFrame(
        {
            "local_date": pd.to_datetime(["2012-08-18", "2018-06-14", "2019-01-05"]),
            "sport": ["running", "running", "cycling"],
            "source_id": [1, 2, 3],
        }
    )
    sessions = pd.DataFrame({"local_date": pd.to_datetime(["2024-07-03", "2025-09-15"]), "source_id": [4, 4]})
    injuries = pd.DataFrame(
        {"onset_date": pd.to_datetime(["2025-10-01"]), "end_date": [pd.NaT], "source_id": [None]}
    )
    span = data_span(acts, sessions, injuries)
    assert span == {
        "first": dt.date(2012, 8, 18),
        "last": dt.date(2025, 10, 1),
        "first_run": dt.date(2012, 8, 18),
        "last_run": dt.date(2018, 6, 14),
        "source_max": 4,
    }
    assert data_span(acts.iloc[0:0], sessions.iloc[0:0], injuries.iloc[0:0]) is None
    strength_only = data_span(acts.iloc[0:0], sessions, None)
    assert strength_only["first_run"] is None and strength_only["last"] == dt.date(2025, 9, 15)
    # What the files after source 2 brought: the ride and the strength log.
    assert came_in(acts, sessions, injuries, 2) == (dt.date(2019, 1, 5), dt.date(2025, 9, 15))
    assert came_in(acts, sessions, injuries, 4) is None
