"""Weekly running by run type, for the stacked weekly chart (docs/metrics.md).

Run types are keyruns.key_runs' key_type (race > long > quality), "easy" for every other run.
"""

from __future__ import annotations

import pandas as pd

from analysis._frames import as_day, num, week_start_of
from domain.plan import RUN_TYPES

#: How a chart's legend names each run type's share of a week.
RUN_TYPE_LABELS = {"easy": "easy runs", "long": "long run", "quality": "quality runs", "race": "races"}


def run_type(runs: pd.DataFrame) -> pd.Series:
    """One label per run: race, long, quality or easy."""
    kt = runs["key_type"].astype(object) if "key_type" in runs else pd.Series(None, index=runs.index)
    return kt.where(kt.notna(), "easy")


def weekly_run_mix(runs: pd.DataFrame, week_start: int = 0) -> pd.DataFrame:
    """Per calendar week and run type: distance_m, time_s (moving), runs.

    Long form (week_start, run_type, distance_m, time_s, runs), one row per (week, type) that
    holds at least one run; weeks without runs are absent (the weekly series has their zeros).
    """
    cols = ["week_start", "run_type", "distance_m", "time_s", "runs"]
    if runs is None or len(runs) == 0:
        return pd.DataFrame(columns=cols)
    frame = pd.DataFrame(
        {
            "week_start": week_start_of(as_day(runs["local_date"]), week_start).to_numpy(),
            "run_type": run_type(runs).to_numpy(),
            "distance_m": num(runs, "distance_m").fillna(0.0).to_numpy(),
            "time_s": num(runs, "moving_s").fillna(0.0).to_numpy(),
        }
    )
    g = frame.groupby(["week_start", "run_type"], sort=True)
    out = g[["distance_m", "time_s"]].sum()
    out["runs"] = g.size()
    out = out.reset_index()
    order = {t: i for i, t in enumerate(RUN_TYPES)}
    out["_o"] = out["run_type"].map(order)
    return out.sort_values(["week_start", "_o"]).drop(columns="_o").reset_index(drop=True)[cols]
