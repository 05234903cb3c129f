"""The Overview's headline: this week so far against the four weeks before it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from analysis._frames import as_day, is_run, nan_to_none, to_ts, week_start_of


def this_week_vs_last_four(weekly: pd.DataFrame, today: dt.date, week_start: int = 0) -> dict[str, Any]:
    """Running this week (from its first day up to and including `today`) beside the mean of the
    four full weeks before it. `weekly` is analysis.daily.weekly_series output (rest weeks are
    real zeros there, so a week off lowers the mean, as it should; a week absent from the frame
    after its first row is such a zero).

    Weeks before the log's first data (before the first row of `weekly`) are not zero weeks: they
    are left out of the mean, which is then over fewer weeks (prev4_weeks says how many, 0-4).

    Returns week_start, days_so_far (1-7), this week's distance_m / time_s / runs, prev4_weeks,
    the mean distance_m / time_s / runs of those weeks (None when there is none), and
    distance_change (this week / mean - 1; None when the mean is 0 or missing). The current week
    is usually partial: days_so_far says how partial.
    """
    t = to_ts(today)
    ws = week_start_of(pd.Series([t]), week_start).iloc[0]
    weeks = weekly.set_index(pd.to_datetime(weekly["week_start"]))
    first = weeks.index.min() if len(weeks) else ws
    prev_starts = [ws - pd.Timedelta(weeks=k) for k in range(1, 5)]
    prev_starts = [p for p in prev_starts if p >= first]
    prev = weeks.reindex(prev_starts)[["run_distance_m", "run_time_s", "runs"]].fillna(0.0)
    cur = weeks.reindex([ws])[["run_distance_m", "run_time_s", "runs"]].fillna(0.0).iloc[0]
    mean = prev.mean()  # NaN over no week
    change = (
        None if not mean["run_distance_m"] > 0 else float(cur["run_distance_m"] / mean["run_distance_m"] - 1)
    )
    return {
        "week_start": ws.date(),
        "days_so_far": int((t - ws).days) + 1,
        "distance_m": float(cur["run_distance_m"]),
        "time_s": float(cur["run_time_s"]),
        "runs": int(cur["runs"]),
        "prev4_weeks": len(prev_starts),
        "prev4_mean_distance_m": nan_to_none(mean["run_distance_m"]),
        "prev4_mean_time_s": nan_to_none(mean["run_time_s"]),
        "prev4_mean_runs": nan_to_none(mean["runs"]),
        "distance_change": change,
    }


def _days(frame: pd.DataFrame | None, columns: tuple[str, ...], mask: pd.Series | None = None) -> pd.Series:
    if frame is None or len(frame) == 0:
        return pd.Series(dtype="datetime64[ns]")
    rows = frame if mask is None else frame[mask.to_numpy()]
    parts = [as_day(rows[c]) for c in columns if c in rows]
    return pd.concat(parts).dropna() if parts else pd.Series(dtype="datetime64[ns]")


def _sources(frame: pd.DataFrame | None) -> pd.Series:
    if frame is None or len(frame) == 0 or "source_id" not in frame:
        return pd.Series(dtype=float)
    return pd.to_numeric(frame["source_id"], errors="coerce")


def data_span(
    activities: pd.DataFrame,
    strength_sessions: pd.DataFrame | None = None,
    injuries: pd.DataFrame | None = None,
) -> dict[str, Any] | None:
    """Where the log's data lies: first and last day of any kind (activity, strength session,
    injury onset or end), first_run and last_run (None without runs), and source_max (the highest
    source_id, so that rows an import brings in can be told apart). None for an empty log."""
    days = pd.concat(
        [
            _days(activities, ("local_date",)),
            _days(strength_sessions, ("local_date",)),
            _days(injuries, ("onset_date", "end_date")),
        ]
    )
    if days.empty:
        return None
    runs = _days(activities, ("local_date",), is_run(activities)) if len(activities) else days.iloc[:0]
    ids = pd.concat([_sources(activities), _sources(strength_sessions), _sources(injuries)]).dropna()
    return {
        "first": days.min().date(),
        "last": days.max().date(),
        "first_run": runs.min().date() if len(runs) else None,
        "last_run": runs.max().date() if len(runs) else None,
        "source_max": int(ids.max()) if len(ids) else 0,
    }


def came_in(
    activities: pd.DataFrame,
    strength_sessions: pd.DataFrame | None,
    injuries: pd.DataFrame | None,
    after_source_id: int,
) -> tuple[dt.date, dt.date] | None:
    """First and last day of the rows whose source_id is above ``after_source_id`` (what the
    files imported since then brought), None when they brought no dated row."""
    parts = []
    for frame, cols in (
        (activities, ("local_date",)),
        (strength_sessions, ("local_date",)),
        (injuries, ("onset_date", "end_date")),
    ):
        ids = _sources(frame)
        if len(ids):
            parts.append(_days(frame, cols, (ids > after_source_id).fillna(False)))
    days = pd.concat(parts) if parts else pd.Series(dtype="datetime64[ns]")
    if days.empty:
        return None
    return days.min().date(), days.max().date()
