"""The export for coaches and spreadsheets: the frames and the JSON, built without touching files.

``python -m analysis export`` (cli/export.py) writes them; the Settings page offers the
same bytes for download through ``csv_bytes``.
"""

from __future__ import annotations

import csv
import json
from typing import Any

import numpy as np
import pandas as pd

from analysis.compute import Results

DAILY = [
    "date",
    "run_distance_m",
    "run_time_s",
    "load",
    "ctl",
    "atl",
    "tsb",
    "ramp",
    "acwr_uncoupled",
    "acwr_coupled",
    "acwr_ewma",
    "monotony",
    "strain",
]
WEEKLY = [
    "week_start",
    "run_distance_m",
    "run_time_s",
    "runs",
    "longest_run_m",
    "strength_sessions",
    "strength_target",
    "phase",
]
RUNS = [
    "activity_id",
    "local_date",
    "distance_m",
    "load",
    "load_method",
    "spike_ratio",
    "spike_category",
    "key_type",
]
#: A spreadsheet runs a cell starting with one of these as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _iso(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s).dt.strftime("%Y-%m-%d")


def export_frames(results: Results) -> dict[str, Any]:
    """{'daily.csv': DataFrame, 'weekly.csv': DataFrame, 'runs.csv': DataFrame,
    'injury_signal.json': dict}: the columns the issue names, dates as ISO strings.

    weekly strength_target is the week's lower bound (the on-target threshold) for its phase.
    runs are in start-time order; spike_category and key_type are empty for none.
    """
    daily = results.daily[DAILY].copy()
    daily["date"] = _iso(daily["date"])
    weekly = results.weekly[WEEKLY].copy()
    weekly["week_start"] = _iso(weekly["week_start"])
    runs = results.runs.sort_values(["start_time_utc", "activity_id"], kind="stable")
    runs = runs[RUNS].copy()
    runs["local_date"] = _iso(runs["local_date"])
    return {
        "daily.csv": daily.reset_index(drop=True),
        "weekly.csv": weekly.reset_index(drop=True),
        "runs.csv": runs.reset_index(drop=True),
        "injury_signal.json": results.injury_signal,
    }


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix a quote to text cells starting with = + - @ (tab, CR), so a spreadsheet shows them
    as text instead of running them. Numeric columns, negative numbers included, are untouched."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
            continue
        text = s.astype("string")
        risky = text.str.startswith(FORMULA_START).fillna(False).astype(bool)
        if risky.any():
            out[col] = s.astype(object).where(~risky, "'" + text.astype(object))
    return out


class _Lines:
    """The file-like target csv.writer needs, collecting text in memory."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)


def _cell(x: object) -> object:
    if x is None or x is pd.NA or (isinstance(x, float) and np.isnan(x)):
        return ""
    if isinstance(x, (np.floating, float)):
        return repr(float(x))
    if isinstance(x, (np.integer,)):
        return int(x)
    return x


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The CSV of a frame, neutralised, UTF-8, a header and no index (the files and downloads).

    Built with the csv module (no pandas writer): missing cells are empty, floats in Python's
    shortest round-trip form."""
    target = _Lines()
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow([str(c) for c in df.columns])
    safe = neutralise(df)
    for row in safe.itertuples(index=False, name=None):
        writer.writerow([_cell(x) for x in row])
    return "".join(target.parts).encode("utf-8")


def json_bytes(obj: dict) -> bytes:
    return json.dumps(obj, indent=2, default=_default, allow_nan=False).encode("utf-8")


def _default(x: object) -> object:
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (np.floating,)):
        return None if np.isnan(x) else float(x)
    if hasattr(x, "isoformat"):
        return x.isoformat()
    raise TypeError(f"not JSON serialisable: {type(x).__name__}")
