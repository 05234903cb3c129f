"""Small shared helpers: day columns, sport classification, week starts, empty frames."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

DAY = np.timedelta64(1, "D")
#: None as a 0-d object array: the "no value" of np.where / np.select on labels, as typed numpy accepts it.
NONE = np.array(None, dtype=object)

#: FIT sports counted as running (sub-sports such as treadmill, trail, track, street included).
RUN_SPORTS = frozenset({"running"})
#: (sport, sub_sport) pairs of a strength workout recorded by a watch.
STRENGTH_SUB_SPORTS = frozenset({"strength_training"})
STRENGTH_SPORTS = frozenset({"strength_training", "strength"})


def as_day(s: pd.Series | pd.Index | list) -> pd.Series:
    """Dates (date objects, strings or timestamps) as datetime64[ns] midnights."""
    out = pd.to_datetime(pd.Series(s), errors="coerce")
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_localize(None)
    return out.dt.normalize().astype("datetime64[ns]")


def as_time(s: pd.Series) -> pd.Series:
    """Timestamps as naive datetime64[ns]."""
    out = pd.to_datetime(s, errors="coerce")
    if getattr(out.dt, "tz", None) is not None:
        out = out.dt.tz_convert("UTC").dt.tz_localize(None)
    return out.astype("datetime64[ns]")


def to_ts(day: dt.date | str | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).normalize()


def lower_str(s: pd.Series) -> pd.Series:
    return s.astype("string").str.strip().str.lower()


def is_run(activities: pd.DataFrame) -> pd.Series:
    """Running = sport 'running', whatever the sub-sport (treadmill, trail, track, ...)."""
    return lower_str(activities["sport"]).isin(RUN_SPORTS).fillna(False).astype(bool)


def is_strength_activity(activities: pd.DataFrame) -> pd.Series:
    sport = lower_str(activities["sport"])
    sub = lower_str(activities["sub_sport"]) if "sub_sport" in activities else sport
    out = sport.isin(STRENGTH_SPORTS) | sub.isin(STRENGTH_SUB_SPORTS)
    return out.fillna(False).astype(bool)


def week_start_of(days: pd.Series, week_start: int = 0) -> pd.Series:
    """The first day of each day's week; week_start 0 = Monday (ISO) ... 6 = Sunday."""
    offset = (days.dt.day_of_week - week_start) % 7
    return days - pd.to_timedelta(offset, unit="D")


def day_index(start: pd.Timestamp, end: pd.Timestamp) -> pd.DatetimeIndex:
    return pd.date_range(start, end, freq="D", name="date").astype("datetime64[ns]")


def moving_seconds(df: pd.DataFrame) -> pd.Series:
    """Moving time, falling back to elapsed time when the source gave no moving time."""
    moving = num(df, "moving_s")
    elapsed = num(df, "elapsed_s")
    return moving.where(moving.notna() & (moving > 0), elapsed).astype(float)


def num(df: pd.DataFrame, col: str) -> pd.Series:
    """A numeric column as float (NaN when absent)."""
    if col not in df:
        return pd.Series(np.nan, index=df.index, dtype=float)
    return pd.to_numeric(df[col], errors="coerce").astype(float)


def nan_to_none(x: Any) -> Any:
    """JSON-safe scalars: NaN/NA -> None, numpy scalars -> Python."""
    if x is None or x is pd.NA:
        return None
    if isinstance(x, (np.floating, float)):
        return None if np.isnan(x) else float(x)
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.bool_):
        return bool(x)
    if isinstance(x, pd.Timestamp):
        return x.date().isoformat()
    if isinstance(x, dt.date):
        return x.isoformat()
    return x
