"""ACWR, monotony, strain, progression, own percentile: hand values and properties (docs/metrics.md)."""

import statistics

import numpy as np
import pytest
from analysis_factory import daily_frame
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ratios import acwr, monotony_strain, own_percentile, progression


def test_acwr_hand_values():
    loads = [10.0] * 21 + [20.0] * 7
    a = acwr(daily_frame(loads)).iloc[-1]
    assert a["acwr_uncoupled"] == pytest.approx(140 / (210 / 3))  # 2.0
    assert a["acwr_coupled"] == pytest.approx(140 / (350 / 4))  # 1.6
    assert a["acute"] == 140 and a["chronic"] == pytest.approx(87.5)
    # EWMA by the recursion, lambda 2/(N+1), started from the first day.
    ea = ec = loads[0]
    for x in loads[1:]:
        ea = 2 / 8 * x + (1 - 2 / 8) * ea
        ec = 2 / 29 * x + (1 - 2 / 29) * ec
    assert a["acwr_ewma"] == pytest.approx(ea / ec)


def test_acwr_needs_28_days_and_a_nonzero_denominator():
    a = acwr(daily_frame([5.0] * 27 + [5.0]))
    assert a["acwr_coupled"].iloc[:27].isna().all() and a["acwr_coupled"].iloc[27] == pytest.approx(1.0)
    z = acwr(daily_frame([0.0] * 27 + [10.0]))
    assert np.isnan(z["acwr_uncoupled"].iloc[-1])  # days 8-28 before had no load


def test_monotony_and_strain_of_a_known_week():
    week = [0, 60, 0, 60, 0, 60, 120]
    m = monotony_strain(daily_frame(week)).iloc[-1]
    expected = statistics.mean(week) / statistics.pstdev(week)
    assert m["monotony"] == pytest.approx(expected)
    assert m["strain"] == pytest.approx(sum(week) * expected)
    assert m["monotony_level"] == "ok"  # 1.0 here


def test_monotony_cap_levels_and_empty_week():
    assert monotony_strain(daily_frame([50] * 7))["monotony"].iloc[-1] == 10.0
    assert np.isnan(monotony_strain(daily_frame([0] * 7))["monotony"].iloc[-1])
    m = monotony_strain(daily_frame([40, 50, 40, 50, 40, 50, 45]))
    assert m["monotony_level"].iloc[-1] == "flag"
    m = monotony_strain(daily_frame([20, 60, 20, 60, 0, 60, 40]))
    assert m["monotony"].iloc[-1] == pytest.approx(260 / 7 / statistics.pstdev([20, 60, 20, 60, 0, 60, 40]))
    assert m["monotony_level"].iloc[-1] == "warn"
    assert monotony_strain(daily_frame([1, 2, 3]))["monotony"].isna().all()


def test_strain_high_is_above_own_90th_percentile():
    """A lone day's load L in a week of rest: monotony (L/7)/(L*sqrt(6)/7) = 1/sqrt(6), strain
    L/sqrt(6). 10 on day 6 is in the weeks ending on days 6-12, then ten weeks without load (no
    strain: they do not count), then `last` alone on day 77: eight strains, seven of 10/sqrt(6)
    and one of last/sqrt(6). Their 90th percentile (linear, numpy's default) lies 0.3 of the way
    from the 7th to the 8th: (10 + 0.3 (last - 10)) / sqrt(6) (37 for 100, 10.6 for 12), so the
    last week is high whenever last > 10. Nearest-rank would give the last strain itself (never
    above), and counting the 70 days without strain as zeros would put the cut below 10."""
    for last in (100, 12, 10):
        m = monotony_strain(daily_frame([0] * 6 + [10] + [0] * 70 + [last]))
        strain = m["strain"].to_numpy() * np.sqrt(6)
        assert strain[6:13] == pytest.approx([10] * 7) and np.isnan(strain[13:77]).all()
        assert strain[77] == pytest.approx(last)
        assert m.index[m["strain_high"]].tolist() == ([77] if last > 10 else []), last


def test_two_week_progression():
    p = progression(daily_frame([5000.0] * 7 + [7000.0] * 7, column="run_distance_m")).iloc[-1]
    assert p["progression"] == pytest.approx(0.4) and p["progression_high"]
    p = progression(daily_frame([0.0] * 7 + [7000.0] * 7, column="run_distance_m")).iloc[-1]
    assert np.isnan(p["progression"]) and not p["progression_high"]


def test_own_percentile():
    assert own_percentile([1.0, 2.0, 3.0, 4.0]) == 100.0
    assert own_percentile([1.0, 2.0, 3.0, 4.0], 2.0) == 50.0
    assert own_percentile([np.nan, 1.0, 3.0], 2.0) == 50.0
    assert np.isnan(own_percentile([]))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.one_of(st.just(0.0), st.floats(0.01, 500)), min_size=35, max_size=80),
    st.floats(0.01, 1000),
)
def test_ratios_are_scale_invariant(loads, c):
    base = daily_frame(loads)
    scaled = daily_frame([x * c for x in loads])
    for cols, fn in (
        (["acwr_uncoupled", "acwr_coupled", "acwr_ewma"], acwr),
        (["monotony"], monotony_strain),
    ):
        a, b = fn(base), fn(scaled)
        for col in cols:
            np.testing.assert_allclose(a[col], b[col], rtol=1e-6, atol=1e-9)
    pa = progression(base, column="load")["progression"]
    pb = progression(scaled, column="load")["progression"]
    np.testing.assert_allclose(pa, pb, rtol=1e-6, atol=1e-9)
