"""Daily and weekly series in the runner's local calendar (docs/metrics.md).

Days are the activities' ``local_date`` (a 06:00 run in Sydney belongs to that Sydney day). Every
calendar day from the first day with data to ``today`` has a row; rest days are real zeros.
Activities after ``today`` are left out: the series are "as of today".
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis._frames import DAY, as_day, day_index, to_ts, week_start_of

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
    (``in_fitness``); sessions without a load add nothing. A rest day is 0 in every column but
    longest_run_m, which is NaN on a day without a run (the longest of no run is missing).
    """
    first = to_ts(start) if start is not None else series_start(loads, strength, today)
    idx = day_index(first, to_ts(today))
    n = len(idx)

    def day_pos(dates: pd.Series) -> np.ndarray:
        pos = ((as_day(dates) - first) / DAY).to_numpy(dtype=float)
        pos = np.where(np.isnan(pos), -1, pos).astype(np.int64)
        return np.where((pos >= 0) & (pos < n), pos, -1)

    def per_day(pos: np.ndarray, values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        keep = mask & (pos >= 0)
        return np.bincount(pos[keep], weights=np.nan_to_num(values[keep]), minlength=n)

    out = {"date": idx}
    if len(loads):
        pos = day_pos(loads["local_date"])
        run = loads["is_run"].to_numpy(dtype=bool)
        dist = loads["distance_m"].to_numpy(dtype=float)
        out["run_distance_m"] = per_day(pos, dist, run)
        out["run_time_s"] = per_day(pos, loads["moving_s"].to_numpy(dtype=float), run)
        out["runs"] = per_day(pos, np.ones(len(pos)), run).astype(int)
        out["ascent_m"] = per_day(pos, loads["ascent_m"].to_numpy(dtype=float), run)
        # The longest of no run is missing, not 0 (docs/metrics.md): NaN on days without a run
        # distance; fmax keeps NaN only where every value is NaN.
        longest = np.full(n, np.nan)
        keep = run & (pos >= 0)
        np.fmax.at(longest, pos[keep], dist[keep])
        out["longest_run_m"] = longest
        out["load"] = per_day(
            pos, loads["load"].to_numpy(dtype=float), loads["in_fitness"].to_numpy(dtype=bool)
        )
        cross = ~run & ~loads["is_strength"].to_numpy(dtype=bool)
        out["cross_time_s"] = per_day(pos, loads["moving_s"].to_numpy(dtype=float), cross)
    if strength is not None and len(strength):
        counted = (
            strength["counted"].to_numpy(dtype=bool)
            if "counted" in strength
            else np.ones(len(strength), bool)
        )
        out["strength_sessions"] = per_day(
            day_pos(strength["local_date"]), np.ones(len(strength)), counted
        ).astype(int)
    frame = pd.DataFrame(out)
    for c in DAILY_COLUMNS[1:]:
        if c not in frame:
            frame[c] = 0 if c in ("runs", "strength_sessions") else (np.nan if c == "longest_run_m" else 0.0)
    return frame[DAILY_COLUMNS]


WEEKLY_SUMS = ["run_distance_m", "run_time_s", "runs", "ascent_m", "load", "strength_sessions"]


def weekly_series(daily: pd.DataFrame, week_start: int = 0, runs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Calendar weeks (starting on ``week_start``, 0 = Monday) of the daily series.

    Columns: week_start, days (days of the week inside the series), run_distance_m, run_time_s,
    runs, ascent_m, load, strength_sessions, longest_run_m (NaN in a week without a run),
    week_change (of distance, vs the week before; NaN when that week had none), and with ``runs`` (analysis.keyruns.key_runs output) the
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
