"""The same training brought by more than one file (docs/formats.md, duplicates): the rules the store is
handed when it writes a file (store.merge_rules).

- Two activities are one when the sport is the same, the starts are within 60 s (on the UTC clock,
  or on the wall clock when either came from a CSV whose times are the wall clock) and the
  distances within 5 % (checked only when both have a distance: a treadmill run without one still
  matches its CSV line).
- The richer copy wins: a FIT (records, laps) over a GPX/TCX track over a CSV summary line; between
  equals, a file read whole over one salvaged from damage. The kept copy takes what it lacks (a
  Strava CSV's name and perceived exertion enrich the FIT activity; a FIT's heart rate fills a CSV
  row's gap).
- An app's workout in a second export of the same app (same app and day, starts within 60 s, or
  the same name when either has no time) is the workout already stored.
- A watch strength session and an app's log of the same workout are joined (ingest.strength_merge).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from ingest import strength_merge
from store.merge_rules import MergeRules

MATCH_WINDOW_S = 60.0
DISTANCE_TOLERANCE = 0.05
FILL_COLUMNS = (
    "name",
    "note",
    "rpe",
    "is_race",
    "elapsed_s",
    "moving_s",
    "distance_m",
    "ascent_m",
    "avg_hr",
    "max_hr",
    "avg_cadence_spm",
    "calories_kcal",
    "device",
)
CSV_LOCAL = "csv_local"  # local_time_basis of a CSV's wall-clock times


def richness(fmt: str | None, status: str | None = "ok") -> tuple[int, int]:
    """Which copy of a duplicated activity wins (the higher)."""
    whole = 0 if status == "partial" else 1
    if not fmt:
        return 0, whole
    if fmt.startswith("fit"):
        return 3, whole
    if fmt in ("tcx", "gpx"):
        return 2, whole
    return 1, whole


def same_activity(stored: dict[str, Any], new: dict[str, Any]) -> bool:
    if new.get("sport") is None or stored.get("sport") != new.get("sport"):
        return False
    close = _within(stored.get("start_time_utc"), new.get("start_time_utc"))
    if not close and CSV_LOCAL in (stored.get("local_time_basis"), new.get("local_time_basis")):
        close = _within(stored.get("start_time_local"), new.get("start_time_local"))
    return close and same_distance(stored.get("distance_m"), new.get("distance_m"))


def same_workout(stored: dict[str, Any], new: dict[str, Any]) -> bool:
    if stored.get("app") != new.get("app") or _day(stored.get("local_date")) != _day(new.get("local_date")):
        return False
    a, b = _missing(stored.get("start_time_local")), _missing(new.get("start_time_local"))
    if a is None or b is None:
        return _missing(stored.get("name")) == _missing(new.get("name"))
    return _within(a, b)


def same_distance(a: Any, b: Any) -> bool:
    a, b = _positive(a), _positive(b)
    if a is None or b is None:
        return True
    return abs(a - b) <= DISTANCE_TOLERANCE * max(a, b)


def _within(a: Any, b: Any) -> bool:
    a, b = _missing(a), _missing(b)
    if a is None or b is None:
        return False
    return abs((pd.Timestamp(a) - pd.Timestamp(b)).total_seconds()) <= MATCH_WINDOW_S


def _day(v: Any) -> dt.date | None:
    v = _missing(v)
    return None if v is None else pd.Timestamp(v).date()


def _missing(v: Any) -> Any:
    """None for NULL, NaN and NaT (pandas' and the database's missing values alike)."""
    if v is None:
        return None
    try:
        return None if pd.isna(v) else v
    except (TypeError, ValueError):
        return v


def _positive(v: Any) -> float | None:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return None
    return v if v > 0 and v == v else None


RULES = MergeRules(
    window_s=MATCH_WINDOW_S,
    same_activity=same_activity,
    richness=richness,
    fill_columns=FILL_COLUMNS,
    same_workout=same_workout,
    pair_strength=strength_merge.choose,
)
