"""CTL / ATL / TSB / ramp, hand-computed (docs/metrics.md)."""

import math

import numpy as np
import pytest
from analysis_factory import daily_frame

from analysis.fitness import fitness, tsb_band


def test_constant_load_from_zero_follows_the_closed_form():
    L, n = 50.0, 100
    f = fitness(daily_frame([L] * n))
    days = np.arange(1, n + 1)
    assert f["ctl"].to_numpy() == pytest.approx(L * (1 - np.exp(-days / 42)))
    assert f["atl"].to_numpy() == pytest.approx(L * (1 - np.exp(-days / 7)))


def test_tsb_is_yesterdays_ctl_minus_atl():
    f = fitness(daily_frame([0, 100, 0, 0, 60]))
    ctl, atl = f["ctl"].to_numpy(), f["atl"].to_numpy()
    assert f["tsb"].iloc[0] == 0.0
    assert f["tsb"].to_numpy()[1:] == pytest.approx((ctl - atl)[:-1])
    # A single session of 100 on day 2: CTL = 100 (1 - e^(-1/42)), ATL = 100 (1 - e^(-1/7)).
    assert ctl[1] == pytest.approx(100 * (1 - math.exp(-1 / 42)))
    assert f["tsb"].iloc[2] == pytest.approx(100 * (1 - math.exp(-1 / 42)) - 100 * (1 - math.exp(-1 / 7)))


def test_ramp_is_ctl_minus_ctl_a_week_ago_and_the_warm_up_is_marked():
    f = fitness(daily_frame([40.0] * 60))
    ctl = f["ctl"].to_numpy()
    assert f["ramp"].iloc[20] == pytest.approx(ctl[20] - ctl[13])
    assert f["ramp"].iloc[3] == pytest.approx(ctl[3])  # CTL was 0 before the series
    assert f["ctl_warmup"].sum() == 42 and not f["ctl_warmup"].iloc[42]


def test_ramp_aggressive_needs_two_weeks_above_8():
    # A jump to a high constant load ramps CTL fast at first.
    f = fitness(daily_frame([0.0] * 10 + [200.0] * 30))
    ramp, flag = f["ramp"].to_numpy(), f["ramp_aggressive"].to_numpy()
    for i in range(len(f)):
        assert flag[i] == (ramp[i] > 8 and i >= 7 and ramp[i - 7] > 8)
    assert flag.any() and not flag[:17].any()


def test_tsb_bands():
    import pandas as pd

    bands = tsb_band(pd.Series([-31, -30, -11, -10, 0, 5, 5.1]))
    assert list(bands) == ["high fatigue", "building", "building", "neutral", "neutral", "neutral", "fresh"]


def test_empty_series():
    f = fitness(daily_frame([]))
    assert len(f) == 0 and "ctl" in f
