"""Summaries of one activity's record stream, computed at import and kept in the store so that the
analysis never needs the stream itself.

* ``hr_seconds``: seconds spent at each whole heart rate. Banister TRIMP and hrTSS (docs/metrics.md
  section 3) are sums over time at heart rate, so they can be recomputed from these ~100 rows for
  any HRrest / HRmax / sex setting.
* ``ngs_mps``: normalised graded speed (docs/metrics.md, rTSS; TrainingPeaks' NGP, Skiba's
  GOVSS): the 4th-power mean of the 30-s rolling grade-adjusted speed on a 1-s grid, the grade
  adjustment being Minetti et al. 2002's energy cost of running on a slope (J Appl Physiol
  93:1039). rTSS = hours x (ngs / threshold speed)^2 x 100 for any threshold pace.
* ``pace_seconds``: seconds spent at each whole pace (s/km, rounded up) of the 30-s rolling speed,
  so "minutes at or faster than threshold pace" (docs/metrics.md, quality runs) reads the
  stream for any threshold pace, not lap averages.

Several records at one instant (some devices split one second's fields over sibling records) are
one sample: the first non-missing value of each field (docs/formats.md).
"""

from __future__ import annotations

import dataclasses
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
#: Paces kept in pace_seconds (s/km): 2:00/km is faster than any runner; slower than 15:00/km is
#: walking or standing, never at a threshold pace, and only would lengthen the table.
PACE_RANGE_S_PER_KM = (120, 900)


@dataclass(frozen=True)
class StreamSummary:
    """What the store keeps of a record stream.

    hr_seconds: columns heart_rate (int, whole bpm) and seconds (float), one row per bpm seen.
    ngs_mps: normalised graded speed in m/s, or None when the stream has no speed or distance.
    pace_seconds: columns pace_s_per_km (int) and seconds (float), one row per pace seen.
    """

    hr_seconds: pd.DataFrame
    ngs_mps: float | None
    pace_seconds: pd.DataFrame = dataclasses.field(default_factory=lambda: _empty_pace())


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


def _empty_pace() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pace_s_per_km": pd.Series([], dtype="int64"),
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


@dataclass(frozen=True)
class _Grid:
    """The stream on a 1-s grid: speed and distance, and which seconds lie inside sampled stretches."""

    t: np.ndarray  # the sample times with long pauses squeezed, as the grid counts them
    grid: np.ndarray
    speed: np.ndarray
    distance: np.ndarray
    inside: np.ndarray


def _one_second_grid(t: np.ndarray, dist: np.ndarray, speed: np.ndarray) -> _Grid | None:
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
    if v is None:
        if d is None:
            return None
        # Speed from distance: the derivative of the interpolated distance on the 1-s grid.
        v = np.gradient(d, grid) if len(grid) > 1 else np.zeros_like(grid)
    if d is None:
        # Distance from speed, integrated over the grid, pauses excluded.
        d = np.concatenate([[0.0], np.cumsum(np.where(inside[1:], v[1:], 0.0))])
    return _Grid(t, grid, np.clip(v, 0.0, None), d, inside)


def _rolling(values: np.ndarray) -> np.ndarray:
    """The ROLLING_S-second trailing mean (the mean of all when shorter)."""
    if len(values) >= ROLLING_S:
        c = np.concatenate([[0.0], np.cumsum(values)])
        return (c[ROLLING_S:] - c[:-ROLLING_S]) / ROLLING_S
    return np.array([values.mean()])


def _ngs(g: _Grid, alt: np.ndarray) -> float | None:
    a = _on_grid(g.t, alt, g.grid)
    if a is None:
        grade = np.zeros_like(g.grid)
    else:
        n = len(g.grid)
        idx = np.arange(n)
        hi = np.minimum(idx + GRADE_HALF_WINDOW_S, n - 1)
        lo = np.maximum(idx - GRADE_HALF_WINDOW_S, 0)
        run = g.distance[hi] - g.distance[lo]
        rise = a[hi] - a[lo]
        # Below a few metres of horizontal travel the ratio is noise (standing still): call it flat.
        grade = np.where(run > 2.0, rise / np.where(run > 2.0, run, 1.0), 0.0)
    gas = g.speed * minetti_cost(grade) / FLAT_COST
    gas = gas[g.inside]
    if len(gas) == 0:
        return None
    return float(np.mean(_rolling(gas) ** 4) ** 0.25)


def _pace_seconds(g: _Grid) -> pd.DataFrame:
    """Seconds at each whole pace of the 30-s rolling speed (one GPS jump is no fast minute).

    A pace is rounded up to the whole s/km, so "pace_s_per_km <= P" counts exactly the seconds at or
    faster than a whole-second threshold P. Seconds outside sampled stretches do not count."""
    v = g.speed[g.inside]
    if len(v) < 2:
        return _empty_pace()
    rolled = _rolling(v)
    with np.errstate(divide="ignore"):
        pace = np.ceil(np.where(rolled > 0, 1000.0 / np.where(rolled > 0, rolled, 1.0), np.inf) - 1e-9)
    lo, hi = PACE_RANGE_S_PER_KM
    keep = np.isfinite(pace) & (pace >= lo) & (pace <= hi)
    if not keep.any():
        return _empty_pace()
    bins = pace[keep].astype(np.int64)
    counts = np.bincount(bins - lo)
    seen = np.nonzero(counts)[0]
    return pd.DataFrame({"pace_s_per_km": seen.astype(np.int64) + lo, "seconds": counts[seen].astype(float)})


def merge_instants(records: pd.DataFrame) -> pd.DataFrame:
    """One sample per timestamp, sorted by time: the first non-missing value of each field among
    the records at that instant (docs/formats.md). Records without a timestamp are dropped."""
    r = records[records["timestamp_utc"].notna()]
    r = r.sort_values("timestamp_utc", kind="stable")
    if not r["timestamp_utc"].duplicated().any():
        return r.reset_index(drop=True)
    return r.groupby("timestamp_utc", sort=True, as_index=False).first()


def summarise_records(records: pd.DataFrame) -> StreamSummary:
    """Summarise one activity's records (the ``records`` table's columns).

    Samples without a timestamp are dropped; records at one instant are merged (merge_instants).
    hr_seconds: for each pair of consecutive samples at most MAX_GAP_S apart, dt goes to the first
    sample's heart rate rounded to a whole bpm; NaN and out-of-range (dropout) heart rates are skipped.
    ngs_mps: None when there is neither a speed nor a distance stream (fewer than 2 finite values).
    pace_seconds: empty in the same case.
    """
    if records is None or len(records) == 0 or "timestamp_utc" not in records:
        return StreamSummary(_empty_hr(), None)
    r = merge_instants(records)
    if len(r) == 0:
        return StreamSummary(_empty_hr(), None)
    t = _elapsed_seconds(r["timestamp_utc"])

    def col(name: str) -> np.ndarray:
        if name not in r:
            return np.full(len(r), np.nan)
        return pd.to_numeric(r[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)

    hr = _hr_seconds(t, col("heart_rate"))
    g = _one_second_grid(t, col("distance_m"), col("speed_mps"))
    if g is None:
        return StreamSummary(hr, None)
    ngs = _ngs(g, col("altitude_m"))
    if ngs is not None and not np.isfinite(ngs):
        ngs = None
    return StreamSummary(hr, ngs, _pace_seconds(g))


def session_distance(
    total: float | None, lap_distances: pd.Series | None, records: pd.DataFrame | None
) -> float | None:
    """A session's distance (m): its stated total; without one, the stream's last distance or the
    sum of its laps, whichever is larger, so a final lap the watch never wrote does not shorten the
    run (docs/formats.md). None when there is none of the three."""
    if total is not None and np.isfinite(total):
        return float(total)
    candidates = []
    if lap_distances is not None and len(lap_distances) and pd.notna(lap_distances).any():
        candidates.append(float(np.nansum(pd.to_numeric(lap_distances, errors="coerce"))))
    if records is not None and len(records) and "distance_m" in records:
        r = records[records["distance_m"].notna()]
        if "timestamp_utc" in r and r["timestamp_utc"].notna().any():
            r = r[r["timestamp_utc"].notna()].sort_values("timestamp_utc", kind="stable")
        if len(r):
            candidates.append(float(r["distance_m"].iloc[-1]))
    candidates = [c for c in candidates if np.isfinite(c)]
    return max(candidates) if candidates else None


def stream_moving_s(records: pd.DataFrame | None) -> float | None:
    """Seconds the stream covers, pauses longer than MAX_GAP_S left out (None without two timestamps)."""
    if records is None or "timestamp_utc" not in records:
        return None
    ts = pd.to_datetime(records["timestamp_utc"]).dropna().sort_values().drop_duplicates()
    if len(ts) < 2:
        return None
    dt = np.diff(ts.to_numpy()) / np.timedelta64(1, "s")
    return float(dt[dt <= MAX_GAP_S].sum())
