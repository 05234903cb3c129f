"""Build-ups from race dates and from the data (docs/metrics.md)."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analysis.phases import buildup_days, buildups, buildups_from_races, detect_buildups, week_phases
from analysis.settings import Race, Settings


def mondays(first: str, n: int) -> pd.Series:
    return pd.Series(pd.date_range(first, periods=n, freq="7D").astype("datetime64[ns]"))


@pytest.mark.parametrize("distance,weeks", [("marathon", 16), ("half", 12), ("10k", 10), ("5k", 8)])
@pytest.mark.parametrize("race_day", [dt.date(2024, 10, 20), dt.date(2024, 10, 19)])  # Sunday, Saturday
def test_race_buildup_has_n_weeks_and_a_two_week_taper(distance, weeks, race_day):
    s = Settings(races=(Race(race_day, distance, "A"),))
    b = buildups_from_races(s)
    assert b["end"].iloc[0].date() == race_day
    assert (b["end"].iloc[0] - b["start"].iloc[0]).days == 7 * weeks - 1
    ph = week_phases(mondays("2024-01-01", 52), b)
    assert (ph["phase"] != "base").sum() == weeks
    assert (ph["phase"] == "taper").sum() == 2
    last = ph[ph["phase"] != "base"]["week_start"].max()
    assert last.date() == dt.date(2024, 10, 14)  # the race week
    assert ph.loc[ph["phase"] == "taper", "week_start"].min().date() == dt.date(2024, 10, 7)


def test_overlapping_races_and_shading():
    s = Settings(races=(Race(dt.date(2024, 10, 20), "marathon"), Race(dt.date(2024, 9, 22), "half")))
    b = buildups(s)
    assert list(b["distance"]) == ["half", "marathon"]  # sorted by date
    days = pd.Series(pd.date_range("2024-06-01", "2024-11-01").astype("datetime64[ns]"))
    shade = buildup_days(days, b)
    assert (
        shade[days == pd.Timestamp("2024-07-01")].item()
        and not shade[days == pd.Timestamp("2024-06-01")].item()
    )
    assert not shade[days == pd.Timestamp("2024-10-21")].item()


def test_detected_buildup_needs_4_rising_weeks_and_a_rising_long_run():
    weeks = mondays("2024-01-01", 12)
    weekly = pd.DataFrame(
        {"week_start": weeks, "longest_run_m": [10, 10, 12, 14, 16, 18, 20, 10, 10, 10, 10, 10]}
    )
    ctl = pd.Series([30, 29, 31, 33, 36, 40, 42, 41, 40, 39, 41, 42], dtype=float)
    b = detect_buildups(weekly, ctl, Settings(ctl_days=7))
    assert len(b) == 1
    assert b["start"].iloc[0] == weeks[2] and b["end"].iloc[0] == weeks[6] + pd.Timedelta(days=6)
    assert b["weeks"].iloc[0] == 5 and b["source"].iloc[0] == "detected"
    flat = weekly.assign(longest_run_m=20)
    assert len(detect_buildups(flat, ctl, Settings(ctl_days=7))) == 0
    # A week without a run (no longest run, NaN) inside the rise does not hide the trend.
    gap = weekly.assign(longest_run_m=[10, 10, 12, float("nan"), 16, 18, 20, 10, 10, 10, 10, 10])
    assert len(detect_buildups(gap, ctl, Settings(ctl_days=7))) == 1
    three = pd.Series([30, 29, 31, 33, 36, 35, 34, 33, 32, 31, 30, 29], dtype=float)
    assert len(detect_buildups(weekly, three, Settings(ctl_days=7))) == 0


def test_the_ctl_warm_up_is_not_a_buildup():
    # CTL always rises from its zero start: with the default 42-day warm-up the weeks ending
    # before day 42 are not evidence; here that leaves weeks 6-11, too few rising ones.
    weeks = mondays("2024-01-01", 12)
    weekly = pd.DataFrame({"week_start": weeks, "longest_run_m": np.arange(12.0)})
    ctl = pd.Series([5, 10, 15, 20, 25, 30, 31, 30, 29, 28, 27, 26], dtype=float)
    assert len(detect_buildups(weekly, ctl, Settings(ctl_days=7))) == 1
    assert len(detect_buildups(weekly, ctl, Settings())) == 0


def test_races_win_over_detection():
    s = Settings(races=(Race(dt.date(2024, 5, 5), "5k"),))
    weekly = pd.DataFrame({"week_start": mondays("2024-01-01", 6), "longest_run_m": np.arange(6.0)})
    assert list(buildups(s, weekly, pd.Series(np.arange(6.0)))["source"]) == ["race"]
    assert list(buildups(Settings(ctl_days=7), weekly, pd.Series(np.arange(6.0)))["source"]) == ["detected"]
