"""Summaries of one activity's record stream, kept in the store so the stream itself is not needed.

* ``hr_seconds``: seconds spent at each whole heart rate. Banister TRIMP and hrTSS (DOMAIN.md
  section 3) are sums over time at heart rate, so they can be recomputed from these ~100 rows for
  any HRrest / HRmax / sex setting.
* ``ngs_mps``: normalised graded speed (DOMAIN.md section 3, rTSS; TrainingPeaks' NGP, Skiba's
  GOVSS): the 4th-power mean of the 30-s rolling grade-adjusted speed on a 1-s grid, the grade
  adjustment being Minetti et al. 2002's energy cost of running on a slope (J Appl Physiol
  93:1039). rTSS = hours x (ngs / threshold speed)^2 x 100 for any threshold pace.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: A pause longer than this (s) between two samples is not time at the earlier sample's HR or speed
#: (auto-pause, a lost sensor): the watch did not see the runner during it.
MAX_GAP_S = 30.0
#: Rolling window of the normalised speed (s), as in TrainingPeaks' NGP / Coggan's NP.
ROLLING_S = 30
#: Minetti 2002 measured slopes from -0.45 to +0.45; the polynomial is not valid beyond.
MAX_GRADE = 0.45
#: Half-width (s) of the centred window the grade is taken over: GPS/barometric altitude is noisy
#: second to second, a 10-s base smooths it without hiding real hills.
GRADE_HALF_WINDOW_S = 5
#: Heart rates outside this range are sensor dropouts (0, 255), not physiology.
HR_VALID = (25.0, 250.0)


@dataclass(frozen=True)
class StreamSummary:
    """What the store keeps of a record stream.

    hr_seconds: columns heart_rate (int, whole bpm) and seconds (float), one row per bpm seen.
    ngs_mps: normalised graded speed in m/s, or None when the stream has no speed or distance.
    """

    hr_seconds: pd.DataFrame
    ngs_mps: float | None


def minetti_cost(grade: np.ndarray) -> np.ndarray:
    """Energy cost of running (J/kg/m) at a slope (rise/run), Minetti et al. 2002, clamped to +-0.45."""
    i = np.clip(grade, -MAX_GRADE, MAX_GRADE)
    return ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6


#: Cost on the flat, the reference the grade-adjusted speed is expressed in.
FLAT_COST = 3.6


def _elapsed_seconds(ts: pd.Series) -> np.ndarray:
    t = pd.to_datetime(ts)
    return ((t - t.iloc[0]) / pd.Timedelta(seconds=1)).to_numpy(dtype=float)


def _empty_hr() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "heart_rate": pd.Series([], dtype="int64"),
            "seconds": pd.Series([], dtype="float64"),
        }
    )


def _hr_seconds(t: np.ndarray, hr: np.ndarray) -> pd.DataFrame:
    """Seconds at each whole bpm: sample i's HR holds from t_i to t_(i+1)."""
    if len(t) < 2:
        return _empty_hr()
    dt = np.diff(t)
    h = hr[:-1]
    ok = (dt > 0) & (dt <= MAX_GAP_S) & np.isfinite(h) & (h >= HR_VALID[0]) & (h <= HR_VALID[1])
    if not ok.any():
        return _empty_hr()
    bpm = np.rint(h[ok]).astype(np.int64)
    lo = bpm.min()
    sums = np.bincount(bpm - lo, weights=dt[ok])
    seen = np.bincount(bpm - lo) > 0
    return pd.DataFrame({"heart_rate": np.nonzero(seen)[0].astype(np.int64) + lo, "seconds": sums[seen]})


def _on_grid(t: np.ndarray, values: np.ndarray, grid: np.ndarray) -> np.ndarray | None:
    """Linear interpolation of the finite samples onto the grid (None when fewer than 2)."""
    ok = np.isfinite(values)
    if ok.sum() < 2:
        return None
    return np.interp(grid, t[ok], values[ok])


def _ngs(t: np.ndarray, dist: np.ndarray, speed: np.ndarray, alt: np.ndarray) -> float | None:
    if len(t) < 2 or t[-1] <= 0:
        return None
    # Squeeze long pauses (or a watch clock that jumped years) to just over MAX_GAP_S, so the
    # 1-s grid spans the sampled time only; they stay longer than MAX_GAP_S, so stay excluded.
    gaps = np.diff(t)
    excess = np.where(gaps > MAX_GAP_S, gaps - (MAX_GAP_S + 1.0), 0.0)
    t = t - np.concatenate([[0.0], np.cumsum(excess)])
    grid = np.arange(0.0, np.floor(t[-1]) + 1.0)
    # Keep the grid seconds that fall inside a sampled stretch (no pause longer than MAX_GAP_S).
    seg = np.searchsorted(t, grid, side="right") - 1
    seg = np.clip(seg, 0, len(t) - 2)
    inside = (t[seg + 1] - t[seg]) <= MAX_GAP_S
    d = _on_grid(t, dist, grid)
    v = _on_grid(t, speed, grid)
    if v is None and d is None:
        return None
    if v is None:
        # Speed from distance: the derivative of the interpolated distance on the 1-s grid.
        v = np.gradient(d, grid) if len(grid) > 1 else np.zeros_like(grid)
    if d is None:
        # Distance from speed, integrated over the grid, pauses excluded.
        d = np.concatenate([[0.0], np.cumsum(np.where(inside[1:], v[1:], 0.0))])
    v = np.clip(v, 0.0, None)
    a = _on_grid(t, alt, grid)
    if a is None:
        grade = np.zeros_like(grid)
    else:
        n = len(grid)
        idx = np.arange(n)
        hi = np.minimum(idx + GRADE_HALF_WINDOW_S, n - 1)
        lo = np.maximum(idx - GRADE_HALF_WINDOW_S, 0)
        run = d[hi] - d[lo]
        rise = a[hi] - a[lo]
        # Below a few metres of horizontal travel the ratio is noise (standing still): call it flat.
        grade = np.where(run > 2.0, rise / np.where(run > 2.0, run, 1.0), 0.0)
    gas = v * minetti_cost(grade) / FLAT_COST
    gas = gas[inside]
    if len(gas) == 0:
        return None
    if len(gas) >= ROLLING_S:
        c = np.concatenate([[0.0], np.cumsum(gas)])
        rolled = (c[ROLLING_S:] - c[:-ROLLING_S]) / ROLLING_S
    else:
        rolled = np.array([gas.mean()])
    return float(np.mean(rolled**4) ** 0.25)


def summarise_records(records: pd.DataFrame) -> StreamSummary:
    """Summarise one activity's records (the ``records`` table's columns, sorted by time).

    Samples without a timestamp are dropped, and a repeated timestamp keeps its first sample.
    hr_seconds: for each pair of consecutive samples at most MAX_GAP_S apart, dt goes to the first
    sample's heart rate rounded to a whole bpm; NaN and out-of-range (dropout) heart rates are skipped.
    ngs_mps: None when there is neither a speed nor a distance stream (fewer than 2 finite values).
    """
    if records is None or len(records) == 0 or "timestamp_utc" not in records:
        return StreamSummary(_empty_hr(), None)
    r = records[records["timestamp_utc"].notna()]
    if len(r) == 0:
        return StreamSummary(_empty_hr(), None)
    r = r.sort_values("timestamp_utc", kind="stable").drop_duplicates("timestamp_utc")
    t = _elapsed_seconds(r["timestamp_utc"])

    def col(name: str) -> np.ndarray:
        if name not in r:
            return np.full(len(r), np.nan)
        return pd.to_numeric(r[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)

    hr = _hr_seconds(t, col("heart_rate"))
    ngs = _ngs(t, col("distance_m"), col("speed_mps"), col("altitude_m"))
    if ngs is not None and not np.isfinite(ngs):
        ngs = None
    return StreamSummary(hr, ngs)
