import pandas as pd
import pytest

from analysis.runmix import weekly_run_mix


def runs(rows):
    """(activity_id, local_date, km, minutes, key_type, is_long)"""
    return pd.DataFrame(
        [
            {
                "activity_id": a,
                "local_date": pd.Timestamp(d),
                "distance_m": km * 1000,
                "moving_s": m * 60,
                "key_type": k,
                "is_long": lg,
            }
            for a, d, km, m, k, lg in rows
        ]
    )


R = runs([
    (1, "2024-01-01", 8, 40, None, False),  # Monday
    (2, "2024-01-03", 10, 45, "quality", False),
    (3, "2024-01-06", 20, 110, "long", True),
    (4, "2024-01-07", 6, 30, None, False),  # Sunday: same ISO week
    (5, "2024-01-08", 5, 25, "race", False),  # next Monday
])  # fmt: skip


def test_weekly_mix_sums_each_run_type_per_week():
    mix = weekly_run_mix(R)
    first = mix[mix["week_start"] == pd.Timestamp("2024-01-01")].set_index("run_type")
    assert list(first.index) == ["easy", "long", "quality"]
    assert first.loc["easy", "distance_m"] == 14_000 and first.loc["easy", "runs"] == 2
    assert first.loc["long", "time_s"] == 110 * 60
    assert mix["distance_m"].sum() == pytest.approx(49_000)
    second = mix[mix["week_start"] == pd.Timestamp("2024-01-08")]
    assert second["run_type"].tolist() == ["race"]


def test_week_start_on_sunday_moves_the_sunday_run():
    mix = weekly_run_mix(R, week_start=6)
    sunday_week = mix[mix["week_start"] == pd.Timestamp("2024-01-07")]
    assert sunday_week["distance_m"].sum() == 11_000  # runs 4 and 5


def test_empty_input():
    assert weekly_run_mix(R.iloc[0:0]).empty
