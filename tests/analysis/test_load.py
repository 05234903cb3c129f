"""Per-session load, hand-computed (docs/metrics.md)."""

import math

import numpy as np
import pandas as pd
import pytest
from analysis_factory import activities, hr_seconds

from analysis.load import hr_profile, load_coverage, session_loads
from analysis.settings import Settings

PROFILE = Settings(sex="male", hr_rest=50, hr_max=190, threshold_pace_s_per_km=240.0)


def one(df: pd.DataFrame, aid: int) -> pd.Series:
    return df.set_index("activity_id").loc[aid]


def test_trimp_from_stream_men_and_women():
    acts = activities([{"activity_id": 1, "day": 0, "km": 6, "minutes": 30}])
    hs = hr_seconds({1: {120: 1800.0}})  # 30 min at x = (120-50)/(190-50) = 0.5
    men = one(session_loads(acts, hs, PROFILE), 1)
    assert men["trimp"] == pytest.approx(30 * 0.5 * 0.64 * math.exp(1.92 * 0.5))
    assert men["trimp_basis"] == "stream"
    women = one(session_loads(acts, hs, Settings(sex="female", hr_rest=50, hr_max=190)), 1)
    assert women["trimp"] == pytest.approx(30 * 0.5 * 0.86 * math.exp(1.67 * 0.5))


def test_trimp_sums_over_heart_rates_and_clamps_below_rest():
    acts = activities([{"activity_id": 1, "day": 0, "km": 5, "minutes": 25}])
    hs = hr_seconds({1: {40: 600.0, 155: 900.0}})  # 40 bpm is below rest: x clamped to 0
    x = (155 - 50) / 140
    got = one(session_loads(acts, hs, PROFILE), 1)["trimp"]
    assert got == pytest.approx(15 * x * 0.64 * math.exp(1.92 * x))


def test_trimp_from_average_hr_when_no_stream():
    acts = activities([{"activity_id": 1, "day": 0, "km": 10, "minutes": 50, "avg_hr": 148.0}])
    x = (148 - 50) / 140
    got = one(session_loads(acts, None, PROFILE), 1)
    assert got["trimp"] == pytest.approx(50 * x * 0.64 * math.exp(1.92 * x))
    assert got["trimp_basis"] == "avg_hr"


def test_hrtss_is_100_for_an_hour_at_threshold_hr():
    # Default threshold HR: 50 + 0.85 * (190 - 50) = 169.
    acts = activities([{"activity_id": 1, "day": 0, "km": 14, "minutes": 60}])
    got = one(session_loads(acts, hr_seconds({1: {169: 3600.0}}), PROFILE), 1)
    assert got["hrtss"] == pytest.approx(100.0)
    assert got["load_method"] == "hrtss" and got["load"] == pytest.approx(100.0)


def test_rtss_hand_values():
    thr = 1000 / 240  # m/s
    acts = activities(
        [
            {"activity_id": 1, "day": 0, "km": 15, "minutes": 60, "ngs_mps": thr},
            {"activity_id": 2, "day": 1, "km": 3.75, "minutes": 30, "ngs_mps": thr / 2},
            {"activity_id": 3, "day": 2, "km": 7.5, "minutes": 30},  # no ngs: average speed
            {"activity_id": 4, "day": 3, "km": 20, "minutes": 60, "sport": "cycling", "ngs_mps": 6.0},
        ]
    )
    df = session_loads(acts, None, PROFILE)
    assert one(df, 1)["rtss"] == pytest.approx(100.0)
    assert one(df, 2)["rtss"] == pytest.approx(0.5 * 0.25 * 100)
    v = 7500 / 1800
    assert one(df, 3)["rtss"] == pytest.approx(0.5 * (v / thr) ** 2 * 100)
    assert one(df, 3)["rtss_basis"] == "avg_speed"
    assert np.isnan(one(df, 4)["rtss"])  # pace-based load is for running only
    assert np.isnan(session_loads(acts, None, Settings()).set_index("activity_id")["rtss"]).all()


def test_srpe_and_time_and_distance():
    acts = activities([{"activity_id": 1, "day": 0, "km": 10, "minutes": 50, "rpe": 6.0}])
    got = one(session_loads(acts, None, Settings()), 1)
    assert got["srpe"] == 300.0 and got["time_min"] == 50.0 and got["distance_km"] == 10.0


def test_auto_fallback_order_and_method_recorded():
    acts = activities(
        [
            {"activity_id": 1, "day": 0, "km": 10, "minutes": 50, "rpe": 5.0, "ngs_mps": 3.5},
            {"activity_id": 2, "day": 1, "km": 10, "minutes": 50, "rpe": 5.0, "ngs_mps": 3.5},
            {"activity_id": 3, "day": 2, "km": 10, "minutes": 50, "rpe": 5.0},
            {
                "activity_id": 4,
                "day": 3,
                "minutes": 40,
                "sport": "training",
                "sub_sport": "strength_training",
            },
            {"activity_id": 5, "day": 4, "km": 10},
        ]
    )
    hs = hr_seconds({1: {150: 3000.0}})
    s = Settings(hr_rest=50, hr_max=190, threshold_pace_s_per_km=240.0)
    df = session_loads(acts, hs, s).set_index("activity_id")
    assert list(df["load_method"]) == ["hrtss", "rtss", "rtss", "time", "rtss"]
    no_pace = session_loads(acts, hs, Settings(hr_rest=50, hr_max=190)).set_index("activity_id")
    assert list(no_pace["load_method"]) == ["hrtss", "srpe", "srpe", "time", "time"]
    assert no_pace.loc[5, "load"] == 50.0
    # A strength session with HR and RPE takes its session RPE.
    lifted = activities(
        [
            {
                "activity_id": 9,
                "day": 0,
                "minutes": 40,
                "rpe": 7.0,
                "sport": "training",
                "sub_sport": "strength_training",
            }
        ]
    )
    got = one(session_loads(lifted, hr_seconds({9: {120: 2400.0}}), s), 9)
    assert got["load_method"] == "srpe" and got["load"] == 280.0 and got["hrtss"] > 0
    # Strength stays out of the running fitness curve by default; cross-training is in.
    assert list(df["in_fitness"]) == [True, True, True, False, True]
    assert session_loads(acts, hs, Settings(load_include_strength=True))["in_fitness"].all()


def test_explicit_method_leaves_missing_missing_and_coverage_counts():
    acts = activities(
        [
            {"activity_id": 1, "day": 0, "km": 10, "minutes": 50},
            {"activity_id": 2, "day": 1, "km": 8, "minutes": 40},
        ]
    )
    df = session_loads(acts, hr_seconds({1: {150: 3000.0}}), Settings(load_method="trimp"))
    assert df["load"].notna().tolist() == [True, False]
    assert df["load_method"].tolist() == ["trimp", None]
    cov = load_coverage(df).set_index("method")
    assert cov.loc["trimp", "activities"] == 1 and cov.loc["trimp", "share"] == 0.5
    assert cov.loc["time", "activities"] == 2 and cov.loc["trimp", "used"] == 1


def test_no_heart_rate_means_no_trimp_not_zero():
    acts = activities([{"activity_id": 1, "day": 0, "km": 10, "minutes": 50}])
    got = one(session_loads(acts, hr_seconds({}), Settings()), 1)
    assert np.isnan(got["trimp"]) and np.isnan(got["hrtss"])


def test_hr_profile_defaults_are_named():
    acts = activities([{"day": 0, "km": 5, "max_hr": 183.0}, {"day": 1, "km": 5, "max_hr": 240.0}])
    p = hr_profile(Settings(), acts)
    assert p.hr_max == 183.0  # 240 is a strap artefact
    assert p.hr_rest == 60.0 and p.sex == "male"
    assert p.threshold_hr == pytest.approx(60 + 0.85 * (183 - 60))
    assert set(p.defaults) == {"sex", "hr_rest", "hr_max", "threshold_hr"}
    assert len(p.notes) == 5 and p.hr_max_thin  # from one activity: said as an estimate from too little data
    given = hr_profile(Settings(sex="female", hr_rest=45, hr_max=192, threshold_hr=172))
    assert given.defaults == () and given.threshold_hr == 172
    assert hr_profile(Settings()).hr_max == 190.0
    with pytest.raises(ValueError):
        hr_profile(Settings(hr_rest=100, hr_max=90))
