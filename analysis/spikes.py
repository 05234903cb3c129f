"""The single-run spike, the primary injury flag (docs/metrics.md; Frandsen et al. 2025).

For each run, r = its distance / the longest run in the 30 days before it: the runs of the 30 local
calendar days before the run's local day (d-30 .. d-1; another run on the same day is not "before").

Categories: r <= 1.10 reference; 1.10 < r <= 1.30 small; 1.30 < r <= 2.00 moderate; r > 2.00
large; no run (with a distance) in the previous 30 days: return to running.

The start of a log is not a return. The ratio needs the longest run of the 30 days before the run;
for a run less than 30 days after the log's first run, part of those days lies before the log, so
that longest run is not known: such a run has no ratio and is "not enough history", neither a spike
nor a return to running (and neither exposed nor reference in the injury counts). Only a run after
30 days without any run, inside the log, is a return to running.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis._frames import DAY, NONE, as_day, as_time
from analysis.settings import Settings

RETURN = "return to running"
NOT_ENOUGH_HISTORY = "not enough history"
CATEGORIES = ("reference", "small", "moderate", "large", RETURN, NOT_ENOUGH_HISTORY)
#: Frandsen et al. 2025 (BJSM 59:1203; 5,205 runners, 588,071 sessions): hazard ratio and 95 % CI
#: of injury by category, against the reference category.
POPULATION_HR = {
    "small": (1.64, 1.31, 2.05),
    "moderate": (1.52, 1.16, 2.00),
    "large": (2.28, 1.50, 3.48),
}
SOURCE = "Frandsen et al. 2025, BJSM 59:1203"
#: Each category's name on screen, one place for every page ("a moderate spike", "reference run").
SPIKE_NAMES = {
    "reference": "reference",
    "small": "small spike",
    "moderate": "moderate spike",
    "large": "large spike",
    RETURN: RETURN,
    NOT_ENOUGH_HISTORY: NOT_ENOUGH_HISTORY,
    "any spike": "any spike",
}


def category_labels(bounds: tuple[float, float, float]) -> dict[str, str]:
    """Each category's name with its bounds, as the runner's Settings put them."""
    b1, b2, b3 = bounds
    return {
        "reference": f"{SPIKE_NAMES['reference']} (up to {b1:.2f} x)",
        "small": f"{SPIKE_NAMES['small']} ({b1:.2f}-{b2:.2f} x)",
        "moderate": f"{SPIKE_NAMES['moderate']} ({b2:.2f}-{b3:.2f} x)",
        "large": f"{SPIKE_NAMES['large']} (above {b3:.2f} x)",
        "any spike": f"{SPIKE_NAMES['any spike']} (above {b1:.2f} x)",
        RETURN: f"{SPIKE_NAMES[RETURN]} (no run in the days before)",
        NOT_ENOUGH_HISTORY: f"{SPIKE_NAMES[NOT_ENOUGH_HISTORY]} (the first weeks of the log)",
    }


def spike_words(category: str | None, ratio: float | None) -> str:
    """A run's spike in words, the same on every page: "moderate spike (1.79 x)", "reference (0.96 x)",
    "return to running"; "–" when the run has no category (no distance)."""
    if category is None or category != category:
        return "–"
    name = SPIKE_NAMES.get(category, category)
    return name if ratio is None or ratio != ratio else f"{name} ({ratio:.2f} x)"


def categorise(ratio: pd.Series, bounds: tuple[float, float, float] = (1.10, 1.30, 2.00)) -> pd.Series:
    """Spike category of each ratio (NaN ratio: return to running; spikes() tells the runs with too
    little history before them apart)."""
    small, moderate, large = bounds
    r = ratio.to_numpy(dtype=float)
    cat = np.select(
        [np.isnan(r), r <= small, r <= moderate, r <= large],
        [RETURN, "reference", "small", "moderate"],
        default="large",
    )
    return pd.Series(cat, index=ratio.index, dtype=object)


def spikes(runs: pd.DataFrame, settings: Settings | None = None) -> pd.DataFrame:
    """Spike ratio and category of each run.

    runs: rows with activity_id, local_date, start_time_utc, distance_m (only running activities; see
    analysis.load.session_loads' is_run). Returns activity_id, prev_longest_m (longest run in the
    30 days before, NaN when none), spike_ratio, spike_category, sorted by local day and start.
    A run without a distance gets no ratio and no category (missing stays missing); a run whose
    30 days before reach back past the first run of ``runs`` has no ratio and the category "not
    enough history" (pass the whole log, not a date range of it).
    """
    s = settings or Settings()
    cols = ["activity_id", "prev_longest_m", "spike_ratio", "spike_category"]
    if runs is None or len(runs) == 0:
        return pd.DataFrame(columns=cols)
    r = runs[["activity_id", "local_date", "start_time_utc", "distance_m"]].copy()
    r["local_date"] = as_day(r["local_date"])
    r["start_time_utc"] = as_time(r["start_time_utc"])
    r = r.sort_values(["local_date", "start_time_utc", "activity_id"], kind="stable").reset_index(drop=True)
    dist = pd.to_numeric(r["distance_m"], errors="coerce").astype(float)
    dist = dist.where(dist > 0)
    # Longest run of each local day, on a gap-free day grid; the window of day d is d-30 .. d-1.
    first = r["local_date"].min()
    day_idx = ((r["local_date"] - first) / DAY).to_numpy(dtype=int)
    per_day = np.full(day_idx.max() + 1, np.nan)
    np.fmax.at(per_day, day_idx, dist.to_numpy())
    lookback = s.spike_lookback_days
    rolled = pd.Series(per_day).rolling(lookback, min_periods=1).max().to_numpy()
    before = np.concatenate([[np.nan], rolled[:-1]])  # max over days d-30 .. d-1
    prev = before[day_idx]
    # Window d-30 .. d-1 reaches before the first run: its longest run is not known.
    short = day_idx < lookback
    prev = np.where((prev > 0) & ~short, prev, np.nan)
    ratio = pd.Series(dist.to_numpy() / prev)
    cat = categorise(ratio, s.spike_bounds).to_numpy(dtype=object)
    cat = np.where(short, NOT_ENOUGH_HISTORY, cat)
    # No previous run: return to running (a ratio of NaN because the run has no distance is not).
    cat = np.where(dist.notna().to_numpy(), cat, NONE)
    out = pd.DataFrame(
        {
            "activity_id": r["activity_id"].to_numpy(),
            "prev_longest_m": prev,
            "spike_ratio": ratio.to_numpy(),
            "spike_category": cat,
        }
    )
    return out


def judged_from(runs: pd.DataFrame, settings: Settings | None = None) -> dt.date | None:
    """The first local day whose runs have the full window of history before them (the log's first
    run + the lookback): runs before it are "not enough history". None for a log without runs."""
    s = settings or Settings()
    if runs is None or len(runs) == 0:
        return None
    first = as_day(runs["local_date"]).min()
    return None if pd.isna(first) else (first + s.spike_lookback_days * DAY).date()
