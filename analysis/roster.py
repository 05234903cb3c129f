"""The coach's roster: one row per athlete saying who needs a look.

Each row is read from one athlete's compute_all Results as of a reference date, with the same
functions the Overview uses (this week against the four before, the latest spike, strength this
week against the phase's target, the phase and its build-up verdict, the open warnings), so the
roster and the athlete's own pages never disagree. A value the log cannot give stays None (an
athlete without any run has no distance this week, not 0 km; one who never logged strength has no
strength count); the screen and the CSV say it in words or leave it blank.

Attention order: athletes with open warnings first (more warnings, then more notes of the 'info'
level), then those whose latest data is oldest, then by name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

import numpy as np

from analysis._frames import nan_to_none
from analysis.alerts import LEVELS, open_warnings
from analysis.compute import Results
from analysis.consistency import race_recap
from analysis.overview import data_span, this_week_vs_last_four
from analysis.summary import current_phase, latest_spike, recent_weeks, strength_this_week

#: How many weeks the sparklines show (this week the last of them).
SPARK_WEEKS = 12

#: The roster's columns, in order (the CSV's header; the list-valued ones are the sparklines').
COLUMNS = [
    "phase",
    "race",
    "race_day",
    "week_distance_m",
    "mean_distance_m",
    "mean_weeks",
    "distance_change",
    "spike_category",
    "spike_date",
    "spike_ratio",
    "strength_sessions",
    "strength_target_min",
    "strength_target_max",
    "strength_on_target",
    "verdict",
    "verdict_race",
    "verdict_in_progress",
    *(f"open_{level}" for level in LEVELS),
    "first_warning",
    "last_data",
    "days_since_data",
    "spark_weeks",
    "spark_distance_m",
    "spark_strength",
]


#: The columns holding a day, or (spark_weeks) a list of days: JSON has none, so to_json writes
#: them as ISO dates and from_json reads them back.
DATE_COLUMNS = ("race_day", "spike_date", "last_data", "spark_weeks")


def roster_row(res: Results) -> dict[str, Any]:
    """One athlete's roster row as of res.today: the reference date compute_all was given (it
    leaves out anything after it, so every athlete is read as of the same day). Keys: COLUMNS.

    - phase ('base', 'build-up', 'taper', None without data) and race, race_day: the race the
      current build-up leads to, else the next race in the athlete's settings (None without one).
    - week_distance_m: running this week so far; mean_distance_m over the mean_weeks (up to 4)
      weeks before; distance_change (this week / mean - 1). None without any run up to today.
    - spike_category, spike_date, spike_ratio: the latest spike up to today (races left out).
    - strength_sessions this week against strength_target_min/max of the week's phase;
      strength_on_target. None without any strength session logged up to today.
    - verdict: the current build-up's verdict so far, or, within four weeks after a race, its
      build-up's; verdict_race names that race; verdict_in_progress.
    - open_warning, open_info: open warnings by level (alerts.open_warnings); first_warning: the
      most serious one's message.
    - last_data (latest day with an activity or a strength session up to today), days_since_data.
    - spark_weeks, spark_distance_m, spark_strength: the last SPARK_WEEKS weeks (oldest first);
      a week before the log's first week is None, and so is every week of a kind never logged.
    """
    t = res.today
    s = res.settings
    ws = s.week_start
    has_runs = len(res.runs) > 0
    has_strength = len(res.strength_sessions) > 0

    phase = current_phase(res.weekly, res.buildups, res.verdicts, t, ws)
    race, race_day = _race(phase, res, t)
    week = this_week_vs_last_four(res.weekly, t, ws)
    spike = latest_spike(res.runs, t)
    strength = strength_this_week(res.weekly, t, ws)
    verdict = _verdict(phase, res, t)
    warnings = open_warnings(res)
    span = data_span(res.loads, res.strength_sessions)
    last = span["last"] if span is not None else None

    recent = recent_weeks(res.weekly, t, SPARK_WEEKS, ws)
    pad = [None] * (SPARK_WEEKS - len(recent))
    starts = [d.date() for d in recent["week_start"]]
    first_start = starts[0] - dt.timedelta(weeks=len(pad))
    return {
        "phase": phase["phase"],
        "race": race,
        "race_day": race_day,
        "week_distance_m": week["distance_m"] if has_runs else None,
        "mean_distance_m": week["prev4_mean_distance_m"] if has_runs else None,
        "mean_weeks": week["prev4_weeks"],
        "distance_change": week["distance_change"] if has_runs else None,
        "spike_category": spike["spike_category"] if spike else None,
        "spike_date": spike["date"] if spike else None,
        "spike_ratio": spike["spike_ratio"] if spike else None,
        "strength_sessions": strength["sessions"] if has_strength else None,
        "strength_target_min": strength["target_min"],
        "strength_target_max": None if strength["target_max"] is None else int(strength["target_max"]),
        "strength_on_target": strength["on_target"] if has_strength else None,
        "verdict": verdict["verdict"] if verdict else None,
        "verdict_race": verdict["name"] if verdict else None,
        "verdict_in_progress": verdict["in_progress"] if verdict else None,
        **{f"open_{level}": sum(a["level"] == level for a in warnings) for level in LEVELS},
        "first_warning": warnings[0]["message"] if warnings else None,
        "last_data": last,
        "days_since_data": (t - last).days if last is not None else None,
        "spark_weeks": [first_start + dt.timedelta(weeks=k) for k in range(SPARK_WEEKS)],
        "spark_distance_m": pad + [float(x) for x in recent["run_distance_m"]]
        if has_runs
        else [None] * SPARK_WEEKS,
        "spark_strength": pad + [int(x) for x in recent["strength_sessions"]]
        if has_strength
        else [None] * SPARK_WEEKS,
    }


def _race(phase: dict[str, Any], res: Results, t: dt.date) -> tuple[str | None, dt.date | None]:
    """The current build-up's race, else the next race of the settings after ``t``."""
    if phase.get("race_day") is not None:
        return phase.get("name"), phase["race_day"]
    ahead = sorted((r for r in res.settings.races if r.date > t), key=lambda r: r.date)
    if not ahead:
        return None, None
    nxt = ahead[0]
    return nxt.name or None, nxt.date


def _verdict(phase: dict[str, Any], res: Results, t: dt.date) -> dict[str, Any] | None:
    """The verdict row of the current build-up, else of a race in the last four weeks (as the
    Overview's recap), as a dict with name and in_progress; None outside both."""
    bid = phase.get("buildup_id")
    if bid is not None:
        v = res.verdicts[res.verdicts["buildup_id"] == bid]
        row = v.iloc[0].to_dict() if len(v) else None
    else:
        row = race_recap(res.buildups, res.verdicts, t)
    if row is None:
        return None
    return {
        "verdict": row["verdict"],
        "name": nan_to_none(row["name"]),
        "in_progress": bool(row["in_progress"]),
    }


def to_json(row: dict[str, Any]) -> str:
    """A row as JSON text, for keeping it (from_json reads it back equal)."""

    def plain(v: Any) -> Any:
        if isinstance(v, list):
            return [plain(x) for x in v]
        if isinstance(v, dt.date):
            return v.isoformat()[:10]
        return v.item() if isinstance(v, np.generic) else v

    return json.dumps({k: plain(v) for k, v in row.items()})


def from_json(text: str) -> dict[str, Any]:
    """The row to_json wrote."""

    def day(v: Any) -> Any:
        if isinstance(v, list):
            return [day(x) for x in v]
        return None if v is None else dt.date.fromisoformat(v)

    row = json.loads(text)
    return {k: day(v) if k in DATE_COLUMNS else v for k, v in row.items()}


def reference_date(last_days: Iterable[dt.date | None], calendar: dt.date) -> dt.date:
    """The roster's default reference date: the latest data day across the athletes, never after
    the calendar date (a day ahead in some file does not move it), the calendar date without data."""
    days = [d for d in last_days if d is not None]
    return min(max(days), calendar) if days else calendar


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row for a CSV: each sparkline as its weeks' values joined by ';', a missing week empty."""
    return {
        k: ";".join("" if x is None else f"{x:g}" if isinstance(x, float) else str(x) for x in v)
        if isinstance(v, list)
        else v
        for k, v in row.items()
    }


def attention_key(row: dict[str, Any]) -> tuple:
    """Sort key: open warnings first (by level: more of the most serious first), then stale data
    (most days since the latest data first; an athlete without any data before all), then name."""
    days = row.get("days_since_data")
    return (
        *(-int(row.get(f"open_{level}") or 0) for level in LEVELS),
        0 if days is None else 1,
        -(days or 0),
        str(row.get("name") or ""),
    )


def attention_order(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows sorted by how much attention each athlete needs (attention_key)."""
    return sorted(rows, key=attention_key)
