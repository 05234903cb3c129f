"""Build-ups and the phase of each week (docs/metrics.md, key runs and build-ups).

From the runner's race dates: a build-up is the days (race day - N weeks, race day], N = 16 for a
marathon, 12 half, 10 for 10 km, 8 for 5 km; its last 2 weeks are the taper. A calendar week
belongs to a build-up (or taper) when at least 4 of its 7 days fall inside it, so a race on the
last day of a week gives exactly N weeks.

With no race date at all: a build-up is a stretch of at least 4 consecutive weeks in which CTL
(at the week's end) rose every week and the long run (the week's longest run) rose across the
stretch (least-squares slope > 0). Detected build-ups have no taper.

Week phases: 'taper', 'build-up' or 'base' (off-season or base, docs/metrics.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis._frames import DAY, to_ts
from analysis.settings import Settings

BUILDUP_COLUMNS = [
    "buildup_id",
    "name",
    "distance",
    "source",
    "start",
    "end",
    "taper_start",
    "weeks",
]


def buildups_from_races(settings: Settings) -> pd.DataFrame:
    """One row per race: start (first day), end (race day), taper_start (first taper day)."""
    rows = []
    for i, race in enumerate(sorted(settings.races, key=lambda r: r.date)):
        n = settings.buildup_weeks.get(race.distance, 0)
        end = to_ts(race.date)
        rows.append(
            {
                "buildup_id": i + 1,
                "name": race.name or f"{race.distance} {race.date.isoformat()}",
                "distance": race.distance,
                "source": "race",
                "start": end - (7 * n - 1) * DAY,
                "end": end,
                "taper_start": end - (7 * settings.taper_weeks - 1) * DAY,
                "weeks": n,
            }
        )
    return pd.DataFrame(rows, columns=BUILDUP_COLUMNS)


def detect_buildups(
    weekly: pd.DataFrame,
    ctl_week_end: pd.Series,
    settings: Settings,
    first_day: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Build-ups found in the data: >= 4 consecutive weeks of rising CTL and a rising long run.

    weekly: weekly_series output (week_start, longest_run_m); ctl_week_end: CTL on each week's
    last day, aligned with weekly's rows. first_day: the series' first day; CTL rises from its
    zero start for ``ctl_days`` days whatever the training, so weeks ending inside that warm-up
    are not evidence of a build-up (default: the first week's start).
    """
    ctl = np.asarray(ctl_week_end, dtype=float)
    rising = np.concatenate([[False], ctl[1:] > ctl[:-1]]) if len(ctl) else np.array([], bool)
    start = pd.Timestamp(first_day) if first_day is not None else None
    if start is None and len(weekly):
        start = pd.Timestamp(weekly["week_start"].iloc[0])
    if start is not None:
        week_end = weekly["week_start"].to_numpy(dtype="datetime64[ns]") + 6 * DAY
        rising &= week_end >= np.datetime64(start + settings.ctl_days * DAY, "ns")
    rows: list[dict[str, Any]] = []
    n = len(rising)
    i = 0
    while i < n:
        if not rising[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and rising[j + 1]:
            j += 1
        length = j - i + 1
        if length >= settings.detect_min_weeks:
            lr = weekly["longest_run_m"].to_numpy(dtype=float)[i : j + 1]
            x = np.arange(length, dtype=float)
            ran = np.isfinite(lr)  # a week without a run has no longest run: left out of the trend
            x, lr = x[ran], lr[ran]
            slope = np.polyfit(x, lr, 1)[0] if len(lr) >= 2 and np.ptp(lr) > 0 else 0.0
            if slope > 0:
                start = pd.Timestamp(weekly["week_start"].iloc[i])
                end = pd.Timestamp(weekly["week_start"].iloc[j]) + 6 * DAY
                rows.append(
                    {
                        "buildup_id": len(rows) + 1,
                        "name": f"build-up from {start.date().isoformat()}",
                        "distance": None,
                        "source": "detected",
                        "start": start,
                        "end": end,
                        "taper_start": pd.NaT,
                        "weeks": length,
                    }
                )
        i = j + 1
    return pd.DataFrame(rows, columns=BUILDUP_COLUMNS)


def days_inside(week_starts: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> np.ndarray:
    """How many of each week's 7 days fall in [start, end]."""
    ws = week_starts.to_numpy(dtype="datetime64[ns]")
    we = ws + 6 * DAY
    lo = np.maximum(ws, np.datetime64(start, "ns"))
    hi = np.minimum(we, np.datetime64(end, "ns"))
    return np.clip((hi - lo) / DAY + 1, 0, 7).astype(int)


def week_phases(week_starts: pd.Series, buildups: pd.DataFrame) -> pd.DataFrame:
    """Phase and build-up of each week: week_start, phase, buildup_id (NA outside build-ups).

    Majority rule: a week is in a build-up when >= 4 of its days are, in its taper likewise.
    Overlapping build-ups: the later race's wins the week.
    """
    phase = np.full(len(week_starts), "base", dtype=object)
    bid = np.full(len(week_starts), np.nan)
    for b in buildups.sort_values("end").itertuples():
        inside = days_inside(week_starts, b.start, b.end) >= 4
        phase[inside] = "build-up"
        bid[inside] = b.buildup_id
        if pd.notna(b.taper_start):
            taper = days_inside(week_starts, b.taper_start, b.end) >= 4
            phase[taper] = "taper"
    return pd.DataFrame(
        {
            "week_start": week_starts.to_numpy(),
            "phase": phase,
            "buildup_id": pd.array(bid, dtype="Int64"),
        }
    )


def buildup_days(dates: pd.Series, buildups: pd.DataFrame) -> pd.Series:
    """True for each date inside any build-up (for shading time charts)."""
    inside = np.zeros(len(dates), dtype=bool)
    d = dates.to_numpy(dtype="datetime64[ns]")
    for b in buildups.itertuples():
        inside |= (d >= np.datetime64(b.start, "ns")) & (d <= np.datetime64(b.end, "ns"))
    return pd.Series(inside, index=dates.index)


def buildups(
    settings: Settings,
    weekly: pd.DataFrame | None = None,
    ctl_week_end: pd.Series | None = None,
    first_day: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Build-ups from the race dates, or detected from the data when there are none."""
    if settings.races:
        return buildups_from_races(settings)
    if weekly is None or ctl_week_end is None or len(weekly) == 0:
        return pd.DataFrame(columns=BUILDUP_COLUMNS)
    return detect_buildups(weekly, ctl_week_end, settings, first_day)
