"""The Overview's facts beside "this week against the last four": form, the latest spike, strength
this week against its target, and the current phase with, in a build-up, whether strength is kept.

Each function reads compute_all's frames as of ``today`` and returns a small JSON-ready dict.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from analysis._frames import DAY, as_day, as_time, nan_to_none, to_ts, week_start_of

SPIKES = ("small", "moderate", "large")


def form_on(daily: pd.DataFrame, today: dt.date) -> dict[str, Any] | None:
    """CTL, ATL, TSB (with its band), ramp and their flags on ``today`` (None: no such day)."""
    row = daily[daily["date"] == to_ts(today)]
    if row.empty:
        return None
    r = row.iloc[0]
    keys = ("ctl", "atl", "tsb", "tsb_band", "ramp", "ctl_warmup", "ramp_aggressive")
    return {k: nan_to_none(r[k]) for k in keys}


def is_race(runs: pd.DataFrame) -> pd.Series:
    """Boolean per run: a race (keyruns: flagged, named as one, or on a race day of the settings)."""
    if "is_race" not in runs:
        return pd.Series(False, index=runs.index)
    return runs["is_race"].astype("boolean").fillna(False).astype(bool)


def spike_runs(runs: pd.DataFrame) -> pd.Series:
    """Boolean per run: a small, moderate or large spike that is not a race. A race is run to be
    long: it is shown as the race, never as a spike warning (it stays in the injury exposures)."""
    return runs["spike_category"].isin(SPIKES).fillna(False).astype(bool) & ~is_race(runs)


def races_over_spike_bound(runs: pd.DataFrame, today: dt.date) -> int:
    """How many races up to today were long enough to be a spike, had they not been races: a page
    that says "no spike" says these apart, so that it does not read as "no run was that long"."""
    if runs is None or len(runs) == 0:
        return 0
    days = as_day(runs["local_date"])
    over = runs["spike_category"].isin(SPIKES).fillna(False).astype(bool) & is_race(runs)
    return int((over & (days <= to_ts(today))).sum())


def latest_spike(runs: pd.DataFrame, today: dt.date, within_days: int | None = None) -> dict[str, Any] | None:
    """The most recent run up to today whose spike category is small, moderate or large (races
    left out: see spike_runs).

    within_days: only runs in the last N days (today included). Returns activity_id, date, name,
    distance_m, prev_longest_m, spike_ratio, spike_category, days_ago; None when there is none.
    """
    if runs is None or len(runs) == 0:
        return None
    t = to_ts(today)
    days = as_day(runs["local_date"])
    keep = spike_runs(runs) & (days <= t)
    if within_days is not None:
        keep &= days > t - within_days * DAY
    r = runs[keep.to_numpy()]
    if r.empty:
        return None
    order = r.assign(_t=as_time(r["start_time_utc"])).sort_values(["_t", "activity_id"])
    last = order.iloc[-1]
    day = as_day(pd.Series([last["local_date"]])).iloc[0]
    return {
        "activity_id": nan_to_none(last["activity_id"]),
        "date": day.date(),
        "name": nan_to_none(last.get("name")),
        "distance_m": nan_to_none(last["distance_m"]),
        "prev_longest_m": nan_to_none(last["prev_longest_m"]),
        "spike_ratio": nan_to_none(last["spike_ratio"]),
        "spike_category": last["spike_category"],
        "days_ago": int((t - day) / DAY),
    }


def latest_race(
    runs: pd.DataFrame, today: dt.date, since: dt.date | None = None, races: tuple = ()
) -> dict[str, Any] | None:
    """The most recent race run up to today (and from ``since``): activity_id, date, name (the
    race's name in the settings on that day, else the activity's), distance_m, days_ago."""
    if runs is None or len(runs) == 0:
        return None
    t = to_ts(today)
    days = as_day(runs["local_date"])
    keep = is_race(runs) & (days <= t)
    if since is not None:
        keep &= days >= to_ts(since)
    r = runs[keep.to_numpy()]
    if r.empty:
        return None
    last = r.assign(_t=as_time(r["start_time_utc"])).sort_values(["_t", "activity_id"]).iloc[-1]
    day = as_day(pd.Series([last["local_date"]])).iloc[0]
    named = [x.name for x in races if x.name and pd.Timestamp(x.date) == day]
    return {
        "activity_id": nan_to_none(last["activity_id"]),
        "date": day.date(),
        "name": named[0] if named else nan_to_none(last.get("name")),
        "distance_m": nan_to_none(last.get("distance_m")),
        "days_ago": int((t - day) / DAY),
    }


def runs_between(runs: pd.DataFrame, start: dt.date, end: dt.date) -> int:
    """How many runs fall on the days start..end (both included)."""
    if runs is None or len(runs) == 0:
        return 0
    days = as_day(runs["local_date"])
    return int(((days >= to_ts(start)) & (days <= to_ts(end))).sum())


def strength_this_week(weekly: pd.DataFrame, today: dt.date, week_start: int = 0) -> dict[str, Any]:
    """Counted strength sessions this week so far against the week's phase target.

    Returns week_start, days_so_far, sessions, target_min, target_max, phase, on_target (the
    lower bound reached), still_needed (sessions to reach it, 0 when reached).
    """
    t = to_ts(today)
    ws = week_start_of(pd.Series([t]), week_start).iloc[0]
    row = weekly[pd.to_datetime(weekly["week_start"]) == ws]
    out: dict[str, Any] = {"week_start": ws.date(), "days_so_far": int((t - ws) / DAY) + 1}
    if row.empty:
        out.update(
            sessions=0, target_min=None, target_max=None, phase=None, on_target=None, still_needed=None
        )
        return out
    r = row.iloc[0]
    sessions = int(r["strength_sessions"])
    lo = nan_to_none(r.get("strength_target"))
    out.update(
        sessions=sessions,
        target_min=None if lo is None else int(lo),
        target_max=nan_to_none(r.get("strength_target_max")),
        phase=nan_to_none(r.get("phase")),
        on_target=None if lo is None else bool(sessions >= lo),
        still_needed=None if lo is None else max(int(lo) - sessions, 0),
    )
    return out


def current_phase(
    weekly: pd.DataFrame, buildups: pd.DataFrame, verdicts: pd.DataFrame, today: dt.date, week_start: int = 0
) -> dict[str, Any]:
    """The phase of today's week and, in a build-up or taper, the block so far.

    Returns phase ('base', 'build-up', 'taper' or None without data); and in a block: buildup_id,
    name, source ('race' or 'detected'), race_day (its end), week_number and weeks (of the block),
    weeks_so_far (complete or current block weeks), weeks_on_target, zero_weeks (so far),
    verdict (consistency.buildup_verdicts' verdict over the weeks so far).
    """
    t = to_ts(today)
    ws = week_start_of(pd.Series([t]), week_start).iloc[0]
    row = weekly[pd.to_datetime(weekly["week_start"]) == ws]
    if row.empty:
        return {"phase": None}
    r = row.iloc[0]
    out: dict[str, Any] = {"phase": nan_to_none(r.get("phase"))}
    bid = r.get("buildup_id")
    if bid is None or pd.isna(bid):
        return out
    b = buildups[buildups["buildup_id"] == bid]
    v = verdicts[verdicts["buildup_id"] == bid]
    if b.empty:
        return out
    b = b.iloc[0]
    in_block = weekly[weekly["buildup_id"] == bid]
    number = int((pd.to_datetime(in_block["week_start"]) <= ws).sum())
    out.update(
        buildup_id=int(bid),
        name=b["name"],
        source=b["source"],
        race_day=pd.Timestamp(b["end"]).date(),
        week_number=number,
        weeks=int(b["weeks"]) if pd.notna(b["weeks"]) else len(in_block),
    )
    if not v.empty:
        vr = v.iloc[0]
        out.update(
            weeks_so_far=int(vr["weeks"]),
            weeks_on_target=int(vr["weeks_on_target"]),
            zero_weeks=[d.isoformat() if hasattr(d, "isoformat") else str(d) for d in vr["zero_weeks"]],
            verdict=vr["verdict"],
        )
    return out


def recent_weeks(weekly: pd.DataFrame, today: dt.date, n: int = 8, week_start: int = 0) -> pd.DataFrame:
    """The last n calendar weeks up to today's (rest weeks as zeros), with ``current`` marking
    today's week: week_start, run_distance_m, run_time_s, runs, strength_sessions, current.

    Weeks before the log's first data (the first row of ``weekly``) are not zero weeks: they are
    left out, so a new log gives fewer than n weeks (today's week always comes)."""
    t = to_ts(today)
    ws = week_start_of(pd.Series([t]), week_start).iloc[0]
    first = pd.to_datetime(weekly["week_start"]).min() if len(weekly) else ws
    starts = [ws - k * 7 * DAY for k in range(n - 1, -1, -1)]
    starts = pd.DatetimeIndex([d for d in starts if d >= min(first, ws)])
    n = len(starts)
    cols = ["run_distance_m", "run_time_s", "runs", "strength_sessions"]
    w = weekly.set_index(pd.to_datetime(weekly["week_start"]))[cols] if len(weekly) else None
    out = w.reindex(starts).fillna(0.0) if w is not None else pd.DataFrame(0.0, index=starts, columns=cols)
    out.index.name = "week_start"
    out = out.reset_index()
    out["current"] = np.arange(n) == n - 1
    return out


def week_end_values(daily: pd.DataFrame, columns: list[str], week_start: int = 0) -> pd.DataFrame:
    """Each calendar week's value of daily columns on its last day (or on the series' last day for
    the current, partial week): week_start, date, and the columns. For rolling 7-day metrics
    (monotony, strain), the week-end value describes the whole week."""
    if len(daily) == 0:
        return pd.DataFrame(columns=["week_start", "date", *columns])
    ws = week_start_of(daily["date"], week_start)
    last = daily.assign(week_start=ws.to_numpy()).groupby("week_start", sort=True).tail(1)
    return last[["week_start", "date", *columns]].reset_index(drop=True)


def calendar_grid(daily: pd.DataFrame, column: str, week_start: int = 0) -> pd.DataFrame:
    """A daily column as a calendar: one row per weekday (0 = the week's first day), one column
    per week start; days outside the series are NaN (drawn blank, not as zero)."""
    if len(daily) == 0:
        return pd.DataFrame(index=pd.RangeIndex(7, name="weekday"))
    d = pd.to_datetime(daily["date"])
    ws = week_start_of(d, week_start)
    frame = pd.DataFrame(
        {
            "week_start": ws.to_numpy(),
            "weekday": ((d - ws) / DAY).astype(int).to_numpy(),
            "value": daily[column].to_numpy(dtype=float),
        }
    )
    grid = frame.pivot(index="weekday", columns="week_start", values="value")
    return grid.reindex(range(7))
