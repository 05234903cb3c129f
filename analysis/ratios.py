"""Acute:chronic ratios, monotony, strain and progression (docs/metrics.md, daily and weekly load).

All take a daily series with rest days as 0 (analysis.daily.daily_series). A ratio whose
denominator is 0 or not yet defined is NaN, never 0 or infinity. Every ratio here is
scale-invariant: multiplying all loads by c > 0 leaves it unchanged.

The ACWR is contested (Lolli 2019; Impellizzeri 2020, 2021: a random denominator predicts as
well), and Frandsen et al. 2025 found no useful signal in it for runners: show acute and chronic
load beside it (the ``acute``/``chronic`` columns) and treat it as descriptive.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.lib.stride_tricks import sliding_window_view

from analysis._frames import NONE
from analysis.daily import rolling_sum
from analysis.settings import Settings


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def ewma_williams(values: np.ndarray, span_days: int) -> np.ndarray:
    """EWMA with lambda = 2 / (N + 1) (Williams et al. 2017), started from the first day's value."""
    lam = 2.0 / (span_days + 1.0)
    return pd.Series(np.asarray(values, dtype=float)).ewm(alpha=lam, adjust=False).mean().to_numpy()


def acwr(daily: pd.DataFrame, settings: Settings | None = None, column: str = "load") -> pd.DataFrame:
    """Three acute:chronic workload ratios of a daily column, NaN until 28 days are available.

    - acwr_uncoupled: sum of the last 7 days / (sum of days 8-28 before / 3) (Gabbett 2016;
      Windt & Gabbett 2019): the acute week is not part of the chronic load.
    - acwr_coupled: sum of the last 7 days / (sum of the last 28 days / 4) (Hulin 2016).
    - acwr_ewma: EWMA(lambda 2/8) / EWMA(lambda 2/29) (Williams et al. 2017).
    Also acute (7-day sum), chronic (28-day sum / 4: a weekly average), ewma_acute, ewma_chronic.
    """
    s = settings or Settings()
    a_days, c_days = s.acwr_acute_days, s.acwr_chronic_days
    x = daily[column].to_numpy(dtype=float)
    acute = rolling_sum(x, a_days)
    chronic_all = rolling_sum(x, c_days)
    older = chronic_all - acute  # days 8..28 before
    weeks_older = (c_days - a_days) / a_days
    weeks_all = c_days / a_days
    ea = ewma_williams(x, a_days)
    ec = ewma_williams(x, c_days)
    ready = np.arange(len(x)) >= c_days - 1
    out = pd.DataFrame({"date": daily["date"].to_numpy()})
    out["acute"] = acute
    out["chronic"] = chronic_all / weeks_all
    out["acwr_uncoupled"] = _ratio(acute, older / weeks_older)
    out["acwr_coupled"] = _ratio(acute, chronic_all / weeks_all)
    out["ewma_acute"] = ea
    out["ewma_chronic"] = ec
    out["acwr_ewma"] = np.where(ready, _ratio(ea, ec), np.nan)
    return out


def monotony_strain(
    daily: pd.DataFrame, settings: Settings | None = None, column: str = "load"
) -> pd.DataFrame:
    """Foster 1998 over the 7 days ending each day (rest days as 0).

    monotony = mean / population SD of the 7 daily loads, capped at 10 (a week of identical
    non-zero days would be infinite); NaN for a week without load. strain = 7-day load x monotony.
    monotony_level: 'flag' above 2.0, 'warn' above 1.5, else 'ok'. strain_high: above the runner's
    own 90th percentile of strain (over the days the series covers with strain > 0).
    """
    s = settings or Settings()
    x = np.nan_to_num(daily[column].to_numpy(dtype=float))
    n = len(x)
    mono = np.full(n, np.nan)
    week = np.full(n, np.nan)
    if n >= 7:
        w = sliding_window_view(x, 7)
        mean = w.mean(axis=1)
        sd = w.std(axis=1)  # population SD (ddof 0)
        # SD below 1e-9 of the mean is rounding: those weeks are perfectly monotonous.
        flat = sd <= 1e-9 * np.abs(mean)
        with np.errstate(divide="ignore", invalid="ignore"):
            m = np.where(flat, s.monotony_cap, mean / np.where(flat, 1.0, sd))
        m = np.where(mean > 0, np.minimum(m, s.monotony_cap), np.nan)
        mono[6:] = m
        week[6:] = w.sum(axis=1)
    out = pd.DataFrame({"date": daily["date"].to_numpy(), "monotony": mono})
    out["strain"] = week * mono
    out["monotony_level"] = np.select(
        [mono > s.monotony_flag, mono > s.monotony_warn, np.isfinite(mono)],
        ["flag", "warn", "ok"],
        default=NONE,
    )
    positive = out["strain"][out["strain"] > 0]
    cut = np.percentile(positive, s.strain_percentile) if len(positive) else np.nan
    out["strain_high"] = out["strain"] > cut
    return out


def progression(
    daily: pd.DataFrame, settings: Settings | None = None, column: str = "run_distance_m"
) -> pd.DataFrame:
    """2-week progression: last 7 days' distance / the 7 days before - 1 (Nielsen et al. 2014).

    NaN when the earlier 7 days had no distance (a return from a break is not a % increase).
    progression_high: above 30 % (info, Nielsen 2014).
    """
    s = settings or Settings()
    x = daily[column].to_numpy(dtype=float)
    last = rolling_sum(x, 7)
    before = np.concatenate([np.full(min(7, len(x)), np.nan), last[:-7]])[: len(x)]
    out = pd.DataFrame({"date": daily["date"].to_numpy()})
    out["last_7d"] = last
    out["prev_7d"] = before
    out["progression"] = _ratio(last, before) - 1.0
    out["progression_high"] = out["progression"] > s.progression_threshold
    return out


def own_percentile(history: pd.Series, value: float | None = None) -> float:
    """Where ``value`` (default: the last non-NaN entry) stands in the runner's own history:
    the percentage of defined past values at or below it (0-100); NaN when there is no history."""
    h = pd.Series(history, dtype=float).dropna()
    if value is None:
        if h.empty:
            return float("nan")
        value = float(h.iloc[-1])
    if h.empty or value is None or np.isnan(value):
        return float("nan")
    return float((h.to_numpy() <= value).mean() * 100.0)
