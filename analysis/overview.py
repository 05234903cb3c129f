"""The Overview's headline: this week so far against the four weeks before it."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis._frames import to_ts, week_start_of


def this_week_vs_last_four(weekly: pd.DataFrame, today: dt.date, week_start: int = 0) -> dict[str, object]:
    """Running this week (from its first day up to and including `today`) beside the mean of the
    four full weeks before it. `weekly` is analysis.daily.weekly_series output (rest weeks are
    real zeros there, so a week off lowers the mean, as it should).

    Returns week_start, days_so_far (1-7), this week's distance_m / time_s / runs, the four weeks'
    mean distance_m / time_s / runs, and distance_change (this week / mean - 1; None when the mean
    is 0). The current week is usually partial: days_so_far says how partial.
    """
    t = to_ts(today)
    ws = week_start_of(pd.Series([t]), week_start).iloc[0]
    weeks = weekly.set_index(pd.to_datetime(weekly["week_start"]))
    prev_starts = [ws - pd.Timedelta(weeks=k) for k in range(1, 5)]
    prev = weeks.reindex(prev_starts)[["run_distance_m", "run_time_s", "runs"]].fillna(0.0)
    cur = weeks.reindex([ws])[["run_distance_m", "run_time_s", "runs"]].fillna(0.0).iloc[0]
    mean = prev.mean()
    change = (
        None if mean["run_distance_m"] == 0 else float(cur["run_distance_m"] / mean["run_distance_m"] - 1)
    )
    return {
        "week_start": ws.date(),
        "days_so_far": int((t - ws).days) + 1,
        "distance_m": float(cur["run_distance_m"]),
        "time_s": float(cur["run_time_s"]),
        "runs": int(cur["runs"]),
        "prev4_mean_distance_m": float(mean["run_distance_m"]),
        "prev4_mean_time_s": float(mean["run_time_s"]),
        "prev4_mean_runs": float(mean["runs"]),
        "distance_change": change,
    }
