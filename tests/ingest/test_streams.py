"""Hand-computed checks of the record-stream summary (hr_seconds and normalised graded speed)."""

import numpy as np
import pandas as pd
import pytest

from ingest.streams import FLAT_COST, merge_instants, minetti_cost, summarise_records

T0 = pd.Timestamp("2024-03-01 07:00:00")


def stream(seconds, **cols) -> pd.DataFrame:
    df = pd.DataFrame({"timestamp_utc": T0 + pd.to_timedelta(np.asarray(seconds, float), unit="s")})
    for k, v in cols.items():
        df[k] = np.asarray(v, float)
    return df


def test_hr_seconds_counts_forward_intervals_and_skips_gaps_and_nan():
    # t:  0    1    2    3    63   64   65
    # hr: 140  140  141  nan  150  150  151
    # 0->1 140 (1 s), 1->2 140 (1 s), 2->3 141 (1 s), 3->63 NaN and a 60-s gap: skipped,
    # 63->64 150, 64->65 150; the last sample has no interval.
    s = summarise_records(
        stream(
            [0, 1, 2, 3, 63, 64, 65],
            heart_rate=[140, 140, 141.4, np.nan, 150, 149.6, 151],
        )
    )
    got = dict(zip(s.hr_seconds["heart_rate"], s.hr_seconds["seconds"], strict=True))
    assert got == {140: 2.0, 141: 1.0, 150: 2.0}
    assert s.hr_seconds["heart_rate"].dtype.kind == "i"


def test_hr_seconds_total_equals_sampled_time_with_irregular_dt():
    t = np.array([0, 1, 3, 4, 9, 10, 40, 71, 72])  # 40->71 is 31 s: a gap
    hr = np.full(len(t), 120.0)
    s = summarise_records(stream(t, heart_rate=hr))
    assert s.hr_seconds["seconds"].sum() == pytest.approx(72 - 31)


def test_no_hr_and_no_speed_gives_empty_and_none():
    s = summarise_records(stream([0, 1, 2], heart_rate=[np.nan] * 3))
    assert len(s.hr_seconds) == 0 and list(s.hr_seconds.columns) == [
        "heart_rate",
        "seconds",
    ]
    assert s.ngs_mps is None
    assert summarise_records(pd.DataFrame(columns=["timestamp_utc"])).ngs_mps is None


def test_constant_speed_on_the_flat_is_its_own_ngs():
    t = np.arange(600)
    s = summarise_records(stream(t, speed_mps=np.full(600, 3.5), altitude_m=np.full(600, 50.0)))
    assert s.ngs_mps == pytest.approx(3.5)


def test_speed_from_distance_when_no_speed_field():
    t = np.arange(300)
    s = summarise_records(stream(t, distance_m=4.0 * t))
    assert s.ngs_mps == pytest.approx(4.0)


def test_steady_climb_is_scaled_by_minetti_cost():
    t = np.arange(600)
    d = 3.0 * t
    s = summarise_records(stream(t, distance_m=d, speed_mps=np.full(600, 3.0), altitude_m=0.05 * d))
    # Minetti 2002 at i=0.05: 155.4i^5 - 30.4i^4 - 43.3i^3 + 46.3i^2 + 19.5i + 3.6
    c = 155.4 * 0.05**5 - 30.4 * 0.05**4 - 43.3 * 0.05**3 + 46.3 * 0.05**2 + 19.5 * 0.05 + 3.6
    assert s.ngs_mps == pytest.approx(3.0 * c / 3.6, rel=1e-6)
    assert minetti_cost(np.array([0.0]))[0] == FLAT_COST


def test_fourth_power_mean_rewards_variable_pace():
    # 5 min at 2 m/s then 5 min at 4 m/s: the 30-s rolling mean then the 4th-power mean.
    t = np.arange(600)
    v = np.where(t < 300, 2.0, 4.0)
    s = summarise_records(stream(t, speed_mps=v))
    rolled = pd.Series(v).rolling(30).mean().dropna().to_numpy()
    assert s.ngs_mps == pytest.approx(np.mean(rolled**4) ** 0.25)
    assert s.ngs_mps > v.mean()


def test_pause_is_not_time():
    # 300 s at 3 m/s, a 10-min pause, 300 s at 3 m/s: NGS stays 3 (the pause is not zero speed).
    t = np.concatenate([np.arange(300), 900 + np.arange(300)])
    s = summarise_records(stream(t, speed_mps=np.full(600, 3.0)))
    assert s.ngs_mps == pytest.approx(3.0)


def test_unsorted_and_duplicate_timestamps():
    t = np.array([2, 0, 1, 1, 3])
    s = summarise_records(stream(t, heart_rate=[130, 110, 120, 999, 140]))
    got = dict(zip(s.hr_seconds["heart_rate"], s.hr_seconds["seconds"], strict=True))
    assert got == {110: 1.0, 120: 1.0, 130: 1.0}


def test_dropout_heart_rates_are_skipped():
    s = summarise_records(stream([0, 1, 2, 3], heart_rate=[0, 255, 120, 120]))
    assert dict(zip(s.hr_seconds["heart_rate"], s.hr_seconds["seconds"], strict=True)) == {120: 1.0}


def test_sibling_records_at_one_instant_are_one_sample():
    # Some devices split each second's fields over sibling records: HR in one, speed in another.
    # The sample at an instant is the first non-missing value of each field (docs/formats.md).
    rows = stream(
        [0, 0, 1, 1, 1, 2, 2],
        heart_rate=[np.nan, 140, 150, 155, np.nan, np.nan, 160],
        speed_mps=[3.0, np.nan, np.nan, np.nan, 3.2, 3.4, np.nan],
    )
    merged = merge_instants(rows)
    assert list(merged["heart_rate"]) == [140, 150, 160]
    assert list(merged["speed_mps"]) == [3.0, 3.2, 3.4]
    s = summarise_records(rows)
    assert dict(zip(s.hr_seconds["heart_rate"], s.hr_seconds["seconds"], strict=True)) == {140: 1.0, 150: 1.0}


def test_pace_seconds_count_the_time_at_each_pace_and_skip_pauses():
    # 10 min at 4:00/km, a 2-min pause (not counted), then 10 min at 5:00/km. The 30-s rolling
    # speed needs 30 samples to start, and takes 30 samples to pass from one pace to the other.
    t = np.concatenate([np.arange(600), np.arange(720, 1320)])
    v = np.concatenate([np.full(600, 1000 / 240), np.full(600, 1000 / 300)])
    p = summarise_records(stream(t, speed_mps=v)).pace_seconds
    got = dict(zip(p["pace_s_per_km"], p["seconds"], strict=True))
    # (the sample just before the pause starts a 121-s interval: not inside the sampled time)
    assert got[240] == pytest.approx(600 - 29, abs=1)
    assert got[300] == pytest.approx(600 - 29, abs=1)
    assert sum(s for pace, s in got.items() if 240 < pace < 300) == pytest.approx(29, abs=1)
    assert p["pace_s_per_km"].dtype.kind == "i"
