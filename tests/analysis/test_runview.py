import numpy as np
import pandas as pd
import pytest

from analysis.runview import run_streams


def records(n=600, speed=3.0, with_speed=True):
    t = pd.Timestamp("2024-01-01 08:00") + pd.to_timedelta(np.arange(n), unit="s")
    return pd.DataFrame(
        {
            "timestamp_utc": t,
            "distance_m": np.arange(n) * speed,
            "speed_mps": np.full(n, speed) if with_speed else np.nan,
            "heart_rate": 140.0,
            "altitude_m": 30.0,
            "cadence_spm": 170.0,
        }
    )


def test_streams_from_speed_and_from_distance_agree():
    a = run_streams(records())
    b = run_streams(records(with_speed=False))
    assert a["elapsed_s"].iloc[-1] == 599 and a["distance_m"].iloc[-1] == pytest.approx(599 * 3)
    assert a["speed_mps"].iloc[10:].to_numpy() == pytest.approx(3.0)
    assert b["speed_mps"].iloc[10:].to_numpy() == pytest.approx(3.0)


def test_standing_still_has_no_pace_and_long_runs_are_thinned():
    r = records(n=10_000)
    r.loc[100:200, "speed_mps"] = 0.0
    out = run_streams(r, max_points=2000)
    assert len(out) <= 2000
    assert out["speed_mps"].isna().any()  # the stop is a gap, not a 0 m/s pace
    assert run_streams(r.iloc[0:0]).empty
