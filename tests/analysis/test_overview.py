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
    assert out["distance_change"] == pytest.approx(12_000 / 30_000 - 1)


def test_no_history_gives_no_change():
    out = this_week_vs_last_four(weekly([("2026-11-16", 5000, 1800, 1)]), dt.date(2026, 11, 22))
    assert out["days_so_far"] == 7 and out["distance_change"] is None
