"""Daily and weekly series in the runner's local calendar (DOMAIN.md sections 1 and 4).

Days are the activities' ``local_date`` (a 06:00 run in Sydney belongs to that Sydney day). Every
calendar day from the first day with data to ``today`` has a row; rest days are real zeros.
Activities after ``today`` are left out: the series are "as of today".
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis._frames import as_day, day_index, to_ts, week_start_of

DAILY_COLUMNS = [
    "date",
    "run_distance_m",
    "run_time_s",
    "runs",
    "ascent_m",
    "longest_run_m",
    "load",
    "cross_time_s",
    "strength_sessions",
]


def series_start(loads: pd.DataFrame, strength: pd.DataFrame | None, today: dt.date) -> pd.Timestamp:
    """First local day with any activity or counted strength session (today when none)."""
    days = [as_day(loads["local_date"])] if len(loads) else []
    if strength is not None and len(strength):
        days.append(as_day(strength["local_date"]))
    first = pd.concat(days).min() if days else pd.NaT
    t = to_ts(today)
    return t if pd.isna(first) or first > t else first


def daily_series(
    loads: pd.DataFrame,
    today: dt.date,
    strength: pd.DataFrame | None = None,
    start: dt.date | None = None,
) -> pd.DataFrame:
    """One row per local calendar day from ``start`` (default: the first day with data) to today.

    loads: analysis.load.session_loads output. strength: counted strength sessions (local_date,
    and ``counted`` when present). ``load`` sums the day's sessions that are in the fitness curve
    (``in_fitness``); sessions without a load add nothing. A rest day is 0 in every column.
    """
    first = to_ts(start) if start is not None else series_start(loads, strength, today)
    idx = day_index(first, to_ts(today))
    days = as_day(loads["local_date"]) if len(loads) else pd.Series(dtype="datetime64[ns]")
    runs = loads[loads["is_run"].astype(bool)] if len(loads) else loads
    rd = days[runs.index] if len(loads) else days
    g = runs.groupby(rd.values) if len(runs) else None
    out = pd.DataFrame(index=idx)
    if g is not None:
        out["run_distance_m"] = g["distance_m"].sum()
        out["run_time_s"] = g["moving_s"].sum()
        out["runs"] = g["activity_id"].count()
        out["ascent_m"] = g["ascent_m"].sum()
        out["longest_run_m"] = g["distance_m"].max()
    fit = loads[loads["in_fitness"].astype(bool)] if len(loads) else loads
    if len(fit):
        out["load"] = fit["load"].groupby(days[fit.index].values).sum()
    cross = loads[~loads["is_run"] & ~loads["is_strength"]] if len(loads) else loads
    if len(cross):
        out["cross_time_s"] = cross["moving_s"].groupby(days[cross.index].values).sum()
    if strength is not None and len(strength):
        s = strength[strength["counted"]] if "counted" in strength else strength
        out["strength_sessions"] = s.groupby(as_day(s["local_date"]).values).size()
    out = out.reindex(columns=DAILY_COLUMNS[1:]).fillna(0.0)
    out["runs"] = out["runs"].astype(int)
    out["strength_sessions"] = out["strength_sessions"].astype(int)
    out = out.reset_index(names="date")
    return out


WEEKLY_SUMS = ["run_distance_m", "run_time_s", "runs", "ascent_m", "load", "strength_sessions"]


def weekly_series(daily: pd.DataFrame, week_start: int = 0, runs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Calendar weeks (starting on ``week_start``, 0 = Monday) of the daily series.

    Columns: week_start, days (days of the week inside the series), run_distance_m, run_time_s,
    runs, ascent_m, load, strength_sessions, longest_run_m, week_change (of distance, vs the week
    before; NaN when that week had none), and with ``runs`` (analysis.keyruns.key_runs output) the
    run-type mix: long_runs, quality_runs, races, easy_runs.
    """
    ws = week_start_of(daily["date"], week_start)
    g = daily.groupby(ws.values)
    out = g[WEEKLY_SUMS].sum()
    out["longest_run_m"] = g["longest_run_m"].max()
    out["days"] = g.size()
    out.index.name = "week_start"
    prev = out["run_distance_m"].shift(1)
    out["week_change"] = ((out["run_distance_m"] - prev) / prev).where(prev > 0)
    mix = ["long_runs", "quality_runs", "races", "easy_runs"]
    for col in mix:
        out[col] = 0
    if runs is not None and len(runs):
        r_days = as_day(runs["local_date"])
        r_week = week_start_of(r_days, week_start).to_numpy()
        pos = out.index.get_indexer(r_week)  # -1 for runs outside the series
        pos[~r_days.between(daily["date"].min(), daily["date"].max()).to_numpy()] = -1
        kt = runs["key_type"].astype(object).to_numpy()
        for col, key in zip(mix, ("long", "quality", "race", None), strict=True):
            hit = (kt == key) if key else pd.isna(kt)
            out[col] = np.bincount(pos[hit & (pos >= 0)], minlength=len(out))
    out["runs"] = out["runs"].astype(int)
    out["strength_sessions"] = out["strength_sessions"].astype(int)
    return out.reset_index()


def weekly_of_daily(values: pd.Series, dates: pd.Series, week_start: int = 0) -> pd.Series:
    """Sum of a daily column per calendar week, indexed by week start."""
    return values.groupby(week_start_of(dates, week_start).values).sum()


def rolling_sum(values: np.ndarray, window: int, min_periods: int | None = None) -> np.ndarray:
    """Exact trailing sums over ``window`` days (NaN before min_periods days are available).

    Sliding windows, not a running cumsum: no floating residue after a large day leaves the window.
    """
    from numpy.lib.stride_tricks import sliding_window_view

    v = np.asarray(values, dtype=float)
    n = len(v)
    out = np.full(n, np.nan)
    if n == 0:
        return out
    padded = np.concatenate([np.zeros(window - 1), v])
    sums = sliding_window_view(padded, window).sum(axis=1)
    mp = window if min_periods is None else min_periods
    out[mp - 1 :] = sums[mp - 1 :]
    return out
