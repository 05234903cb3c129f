"""The single-run spike, the primary injury flag (DOMAIN.md section 5; Frandsen et al. 2025).

For each run, r = its distance / the longest run in the 30 days before it. "Before it" is by start
instant: runs that started in the 30 x 24 h before this one's start (an earlier run the same day
counts; the run itself and later runs do not).

Categories: r <= 1.10 reference; 1.10 < r <= 1.30 small; 1.30 < r <= 2.00 moderate; r > 2.00
large; no run (with a distance) in the previous 30 days: return to running.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis._frames import as_time
from analysis.settings import Settings

CATEGORIES = ("reference", "small", "moderate", "large", "return to running")
#: Frandsen et al. 2025 (BJSM 59:1203; 5,205 runners, 588,071 sessions): hazard ratio and 95 % CI
#: of injury by category, against the reference category.
POPULATION_HR = {
    "small": (1.64, 1.31, 2.05),
    "moderate": (1.52, 1.16, 2.00),
    "large": (2.28, 1.50, 3.48),
}
SOURCE = "Frandsen et al. 2025, BJSM 59:1203"


def categorise(ratio: pd.Series, bounds: tuple[float, float, float] = (1.10, 1.30, 2.00)) -> pd.Series:
    """Spike category of each ratio (NaN ratio: return to running; see spikes())."""
    small, moderate, large = bounds
    r = ratio.to_numpy(dtype=float)
    cat = np.select(
        [np.isnan(r), r <= small, r <= moderate, r <= large],
        ["return to running", "reference", "small", "moderate"],
        default="large",
    )
    return pd.Series(cat, index=ratio.index, dtype=object)


def spikes(runs: pd.DataFrame, settings: Settings | None = None) -> pd.DataFrame:
    """Spike ratio and category of each run.

    runs: rows with activity_id, start_time_utc, distance_m (only running activities; see
    analysis.load.session_loads' is_run). Returns activity_id, prev_longest_m (longest run in the
    30 days before, NaN when none), spike_ratio, spike_category, sorted by start time.
    A run without a distance gets no ratio and no category (missing stays missing).
    """
    s = settings or Settings()
    cols = ["activity_id", "prev_longest_m", "spike_ratio", "spike_category"]
    if runs is None or len(runs) == 0:
        return pd.DataFrame(columns=cols)
    r = runs[["activity_id", "start_time_utc", "distance_m"]].copy()
    r["start_time_utc"] = as_time(r["start_time_utc"])
    r = r.sort_values(["start_time_utc", "activity_id"], kind="stable").reset_index(drop=True)
    dist = pd.to_numeric(r["distance_m"], errors="coerce").astype(float)
    dist = dist.where(dist > 0)
    # Trailing time window that excludes the current row: max over [t - 30 d, t).
    s_dist = pd.Series(dist.to_numpy(), index=pd.DatetimeIndex(r["start_time_utc"]))
    window = f"{s.spike_lookback_days}D"
    prev = s_dist.rolling(window, closed="left", min_periods=1).max().to_numpy().copy()
    # Runs with the same start instant: the rolling window sees the earlier rows of a tie, so
    # take the max over [t - 30 d, t) strictly, recomputed for tied rows only.
    ties = r["start_time_utc"].duplicated(keep=False).to_numpy()
    if ties.any():
        t = r["start_time_utc"].to_numpy()
        d = dist.to_numpy()
        lookback = np.timedelta64(s.spike_lookback_days, "D")
        for i in np.nonzero(ties)[0]:
            mask = (t >= t[i] - lookback) & (t < t[i])
            prev[i] = np.nanmax(d[mask]) if np.isfinite(d[mask]).any() else np.nan
    prev = np.where(prev > 0, prev, np.nan)
    ratio = pd.Series(dist.to_numpy() / prev)
    cat = categorise(ratio, s.spike_bounds)
    # No previous run: return to running (a ratio of NaN because the run has no distance is not).
    cat = cat.where(dist.notna().to_numpy(), None)
    out = pd.DataFrame(
        {
            "activity_id": r["activity_id"].to_numpy(),
            "prev_longest_m": prev,
            "spike_ratio": ratio.to_numpy(),
            "spike_category": cat.to_numpy(),
        }
    )
    return out
