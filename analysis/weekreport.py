"""One athlete's week, for the weekly report (docs/rules.md, several athletes): the week's load,
strength against the phase target, rule breaks, spikes and injuries, read from compute_all's Results.

Pure: the caller computes the Results (as of the runner's today, for the whole log, so that the
report can say where the data lies when the week holds none) and names the week by any of its days.
Every number that is missing stays None (never 0): the renderer says it in words.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from analysis._frames import DAY, as_day, nan_to_none, to_ts, week_start_of
from analysis.compute import Results
from analysis.overview import this_week_vs_last_four
from analysis.schedule import BASIS_LABELS, rule_of
from analysis.settings import Settings
from analysis.spikes import NOT_ENOUGH_HISTORY, spike_words
from analysis.summary import SPIKES, current_phase, is_race, spike_runs, strength_this_week
from analysis.weekview import week_view

#: Days of load drawn before the week's first day (the fitness chart's context).
DAYS_BEFORE = 42
#: Days drawn after the week's last day, when the log reaches that far.
DAYS_AFTER = 14


def week_of(day: dt.date, week_start: int) -> dt.date:
    """The first day of the week holding ``day`` (weeks begin on Settings.week_start)."""
    return week_start_of(pd.Series([to_ts(day)]), week_start).iloc[0].date()


def _dated(frame: pd.DataFrame, column: str) -> pd.Series:
    if frame is None or len(frame) == 0 or column not in frame:
        return pd.Series(dtype="datetime64[ns]")
    return as_day(frame[column]).dropna()


def data_days(res: Results) -> pd.Series:
    """Every local day holding an activity or a strength session, sorted, once each."""
    days = pd.concat([_dated(res.loads, "local_date"), _dated(res.strength_sessions, "local_date")])
    return pd.Series(sorted(set(days)), dtype="datetime64[ns]")


def where_data(res: Results, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, Any]:
    """Where the log's training lies around start..end: its first and last day, the latest day
    before ``start`` and the first after ``end`` (None where there is none)."""
    days = data_days(res)
    before, after = days[days < start], days[days > end]
    return {
        "first": days.min().date() if len(days) else None,
        "last": days.max().date() if len(days) else None,
        "before": before.max().date() if len(before) else None,
        "after": after.min().date() if len(after) else None,
    }


def _load(res: Results, start: pd.Timestamp, last: pd.Timestamp) -> dict[str, Any]:
    """The week's days (load, fitness, fatigue, form, the ratio the injury counts use), the values
    on its last day so far and on the day before it; the chart window around it."""
    s = res.settings
    d = res.daily
    method = s.injury_acwr_method
    dates = pd.to_datetime(d["date"]) if len(d) else pd.Series(dtype="datetime64[ns]")
    cols = ["date", "load", "ctl", "atl", "tsb", "tsb_band", "ctl_warmup", f"acwr_{method}"]
    week = d.loc[(dates >= start) & (dates <= last), cols] if len(d) else pd.DataFrame(columns=cols)
    week = week.rename(columns={f"acwr_{method}": "acwr"}).reset_index(drop=True)
    lo, hi = start - DAYS_BEFORE * DAY, last + DAYS_AFTER * DAY
    window = d[(dates >= lo) & (dates <= hi)].reset_index(drop=True) if len(d) else d

    def on(day: pd.Timestamp) -> dict[str, Any] | None:
        row = d[dates == day] if len(d) else d
        if row.empty:
            return None
        r = row.iloc[0]
        keys = ("ctl", "atl", "tsb", "tsb_band", "ramp", "ctl_warmup", "ramp_aggressive")
        out = {k: nan_to_none(r[k]) for k in keys}
        out["acwr"] = nan_to_none(r[f"acwr_{method}"])
        out["date"] = day.date()
        return out

    # After weeks without any load, fitness is a decayed remnant, not a reading (as the Overview).
    fitness_days = d[(dates > last - s.ctl_days * DAY) & (dates <= last)] if len(d) else d
    recent = bool((fitness_days["load"].fillna(0) > 0).any()) if len(fitness_days) else False
    loads = week["load"].astype(float) if len(week) else pd.Series(dtype=float)
    end = on(last)
    acwr = None if end is None else end["acwr"]
    return {
        "days": week,
        "window": window,
        "total": float(loads.sum()) if len(loads) else None,
        "days_with_load": int((loads.fillna(0) > 0).sum()),
        "end": end,
        "before": on(start - DAY),
        "recent": recent,
        "acwr_method": method,
        "acwr": acwr,
        "acwr_high": None if acwr is None else bool(acwr > s.acwr_danger),
    }


def _strength(res: Results, start: pd.Timestamp, last: pd.Timestamp) -> dict[str, Any]:
    """Counted sessions of the week against the week's phase target, the sessions themselves, and
    in a build-up its weeks on target up to this one."""
    s = res.settings
    out = strength_this_week(res.weekly, last.date(), s.week_start)
    sessions = res.strength_sessions
    if len(sessions):
        days = as_day(sessions["local_date"])
        keep = sessions["counted"].astype(bool) & (days >= start) & (days <= last)
        out["rows"] = sessions[keep.to_numpy()].reset_index(drop=True)
    else:
        out["rows"] = sessions
    phase = current_phase(res.weekly, res.buildups, res.verdicts, last.date(), s.week_start)
    block = None
    if phase.get("buildup_id") is not None:
        w = res.strength_weeks
        mine = w[(w["buildup_id"] == phase["buildup_id"]) & (pd.to_datetime(w["week_start"]) <= start)]
        block = {
            "name": phase["name"],
            "race_day": phase["race_day"],
            "week_number": phase["week_number"],
            "weeks": phase["weeks"],
            "weeks_so_far": len(mine),
            "weeks_on_target": int(mine["on_target"].astype(bool).sum()),
            "zero_weeks": int((mine["sessions"] == 0).sum()),
        }
    out["buildup"] = block
    return out


def _breaks(res: Results, start: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """The week's scheduling-rule breaks: date, rule (its name), guidance, what happened, how it was
    found (in words) and the articles it comes from, by title and author."""
    cols = ["date", "rule", "guidance", "what", "basis", "source"]
    v = res.violations
    if v is None or len(v) == 0:
        return pd.DataFrame(columns=cols)
    days = as_day(v["date"])
    v = v[((days >= start) & (days <= last)).to_numpy()]
    policy = res.settings.policy
    return pd.DataFrame(
        {
            "date": as_day(v["date"]).dt.date.to_numpy(),
            "rule": v["name"].to_numpy(),
            "guidance": v["label"].to_numpy(),
            "what": v["detail"].to_numpy(),
            "basis": v["basis"].map(BASIS_LABELS).to_numpy(),
            "source": [rule_of(int(r), policy).source() for r in v["rule"]],
        },
        columns=cols,
    )


def _runs(res: Results, start: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    r = res.runs
    if r is None or len(r) == 0:
        return pd.DataFrame(columns=["activity_id", "local_date", "name", "distance_m", "spike_category"])
    days = as_day(r["local_date"])
    return r[((days >= start) & (days <= last)).to_numpy()].reset_index(drop=True)


def _spikes(runs: pd.DataFrame) -> pd.DataFrame:
    """The week's spikes (races left out: a race is run to be long): date, name, distance_m,
    prev_longest_m, spike_ratio, category, words."""
    cols = ["date", "name", "distance_m", "prev_longest_m", "spike_ratio", "category", "words"]
    if len(runs) == 0:
        return pd.DataFrame(columns=cols)
    sp = runs[spike_runs(runs).to_numpy()]
    return pd.DataFrame(
        {
            "date": as_day(sp["local_date"]).dt.date.to_numpy(),
            "name": sp["name"].to_numpy() if "name" in sp else None,
            "distance_m": sp["distance_m"].to_numpy(dtype=float),
            "prev_longest_m": sp["prev_longest_m"].to_numpy(dtype=float),
            "spike_ratio": sp["spike_ratio"].to_numpy(dtype=float),
            "category": sp["spike_category"].to_numpy(),
            "words": [
                spike_words(c, x) for c, x in zip(sp["spike_category"], sp["spike_ratio"], strict=True)
            ],
        },
        columns=cols,
    )


def _injuries(res: Results, start: pd.Timestamp, last: pd.Timestamp) -> pd.DataFrame:
    """The logged injuries that touch the week (began in it, or began before and had not ended by
    its first day): onset, end (None while ongoing), ongoing, days, body_area, severity, counted,
    reason, began_this_week."""
    cols = ["onset", "end", "ongoing", "days", "body_area", "severity", "counted", "reason"]
    j = res.injury_windows
    if j is None or len(j) == 0:
        return pd.DataFrame(columns=[*cols, "began_this_week"])
    onset = as_day(j["onset"])
    end = as_day(j["end"])
    ongoing = j["ongoing"].astype(bool)
    touch = (onset <= last) & (ongoing | (end >= start))
    out = j.loc[touch.to_numpy(), cols].reset_index(drop=True)
    out["began_this_week"] = (as_day(out["onset"]) >= start).to_numpy()
    return out


def _race(r: Any, s: Settings) -> dict[str, Any]:
    """A race of the week: its day, its name (the race's in the settings on that day, else the
    activity's, as the Overview names it) and whether it was long enough to be a spike."""
    day = as_day(pd.Series([r.local_date])).iloc[0]
    named = [x.name for x in s.races if x.name and pd.Timestamp(x.date) == day]
    return {
        "date": day.date(),
        "name": named[0] if named else nan_to_none(r.name),
        "over_spike_bound": r.spike_category in SPIKES,
    }


def week_facts(res: Results, day: dt.date) -> dict[str, Any]:
    """The facts of the week holding ``day`` (weeks begin on Settings.week_start), as of res.today.

    Returns week_start, week_end, as_of, state ('past', 'current': under way on res.today, or
    'future': not begun), days_so_far (0-7), last (the week's last day so far), has_data (an
    activity or a strength session in the week), data (where_data: the log's first and last day,
    the latest before the week and the first after it), running (this_week_vs_last_four as of the
    last day so far, with longest_m, long_runs, quality_runs, races), load (the days, the chart's
    window, the values on the last day so far and the day before the week, recent: any load in
    the fitness days (Settings.ctl_days) up to the last day, the ratio the injury counts use: acwr,
    acwr_method, acwr_high), strength (strength_this_week, the sessions, and in a
    build-up its weeks on target so far), breaks, spikes, races (the week's races: date, name,
    over_spike_bound), first_weeks (runs
    of the week with not enough history to be judged), injuries, days (analysis.weekview.week_view:
    the week day by day), phase.
    """
    s = res.settings
    start = to_ts(week_of(day, s.week_start))
    end = start + 6 * DAY
    t = to_ts(res.today)
    state = "future" if start > t else ("current" if end > t else "past")
    last = min(end, t)
    out: dict[str, Any] = {
        "week_start": start.date(),
        "week_end": end.date(),
        "as_of": t.date(),
        "state": state,
        "days_so_far": 0 if state == "future" else int((last - start) / DAY) + 1,
        "last": last.date(),
        "data": where_data(res, start, end),
    }
    days = data_days(res)
    out["has_data"] = bool(((days >= start) & (days <= end)).any())
    if state == "future":
        return out
    runs = _runs(res, start, last)
    running = this_week_vs_last_four(res.weekly, last.date(), s.week_start)
    wk = res.weekly[pd.to_datetime(res.weekly["week_start"]) == start] if len(res.weekly) else res.weekly
    row = wk.iloc[0] if len(wk) else None
    for key in ("long_runs", "quality_runs", "races"):
        running[key] = int(row[key]) if row is not None and pd.notna(row.get(key)) else 0
    running["longest_m"] = nan_to_none(row["longest_run_m"]) if row is not None and running["runs"] else None
    out["running"] = running
    out["load"] = _load(res, start, last)
    out["strength"] = _strength(res, start, last)
    out["breaks"] = _breaks(res, start, last)
    out["spikes"] = _spikes(runs)
    race_rows = runs[is_race(runs).to_numpy()] if len(runs) else runs
    out["races"] = [_race(r, s) for r in race_rows.itertuples()]
    short = runs["spike_category"] == NOT_ENOUGH_HISTORY if len(runs) else pd.Series(dtype=bool)
    out["first_weeks"] = int(short.sum())
    out["injuries"] = _injuries(res, start, last)
    out["days"] = week_view(start.date(), res.runs, res.strength_sessions, res.violations)
    out["phase"] = current_phase(res.weekly, res.buildups, res.verdicts, last.date(), s.week_start)
    return out
