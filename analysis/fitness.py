"""Fitness (CTL), fatigue (ATL), form (TSB) and ramp rate (docs/metrics.md, daily and weekly load).

CTL_t = CTL_(t-1) + (1 - e^(-1/42)) (L_t - CTL_(t-1)), ATL the same with 7 days, both from 0 on the
day before the series starts (GoldenCheetah PMCData; intervals.icu). So after n days of constant
load L from zero, CTL = L (1 - e^(-n/42)). TSB_t = CTL_(t-1) - ATL_(t-1) (yesterday's, so today's
session does not change today's form). Ramp_t = CTL_t - CTL_(t-7).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis._frames import NONE
from analysis.settings import Settings


def ewma_from_zero(values: np.ndarray, alpha: float) -> np.ndarray:
    """y_t = y_(t-1) + alpha (x_t - y_(t-1)) with y_(-1) = 0 (pandas' C loop, no Python loop)."""
    x = np.concatenate([[0.0], np.nan_to_num(np.asarray(values, dtype=float))])
    return pd.Series(x).ewm(alpha=alpha, adjust=False).mean().to_numpy()[1:]


def tsb_band(tsb: pd.Series, bands: tuple[float, float, float] = (-30.0, -10.0, 5.0)) -> pd.Series:
    """TrainingPeaks / intervals.icu reference bands (heuristic): below -30 high fatigue,
    -30..-10 building, -10..+5 neutral, above +5 fresh."""
    lo, mid, hi = bands
    labels = np.select(
        [tsb < lo, tsb < mid, tsb <= hi, tsb > hi],
        ["high fatigue", "building", "neutral", "fresh"],
        default=NONE,
    )
    return pd.Series(labels, index=tsb.index, dtype=object)


def fitness(daily: pd.DataFrame, settings: Settings | None = None) -> pd.DataFrame:
    """CTL, ATL, TSB and ramp per day of a daily series (columns date, load).

    Returns date, load, ctl, atl, tsb, ramp, ctl_warmup (True for the first ``ctl_days`` days:
    CTL is still climbing from its zero start and reads low; grey it), ramp_aggressive (ramp above
    8 per week today and 7 days ago: two weeks in a row, GoldenCheetah heuristic), tsb_band.
    """
    s = settings or Settings()
    load = daily["load"].to_numpy(dtype=float)
    ctl = ewma_from_zero(load, 1.0 - np.exp(-1.0 / s.ctl_days))
    atl = ewma_from_zero(load, 1.0 - np.exp(-1.0 / s.atl_days))
    out = pd.DataFrame({"date": daily["date"].to_numpy(), "load": load, "ctl": ctl, "atl": atl})
    out["tsb"] = np.concatenate([[0.0], (ctl - atl)[:-1]]) if len(out) else []
    prior = np.concatenate([np.zeros(min(7, len(ctl))), ctl[:-7]]) if len(ctl) > 7 else np.zeros(len(ctl))
    out["ramp"] = ctl - prior
    out["ctl_warmup"] = np.arange(len(out)) < s.ctl_days
    above = out["ramp"] > s.ramp_aggressive_per_week
    out["ramp_aggressive"] = above & above.shift(7, fill_value=False)
    out["tsb_band"] = tsb_band(out["tsb"], s.tsb_bands)
    return out
