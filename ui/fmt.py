"""Text for the pages: numbers in the runner's units, and user strings made safe to show.

User strings (activity names, notes, exercise names, race names) are never rendered as HTML: in
Streamlit markdown they are escaped with ``md()``, in plotly text with ``esc()``.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from typing import Any

import pandas as pd

from analysis import units

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: object) -> str:
    """A user string as literal text inside Streamlit markdown (no links, images, HTML, LaTeX)."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def esc(text: object) -> str:
    """A user string for plotly text and hover labels (plotly reads a subset of HTML tags)."""
    if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
        return ""
    return html.escape(str(text), quote=True)


def missing(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def dist(m: float | None, u: str, digits: int = 1) -> str:
    """'12.3 km'; '' when missing."""
    if m is None or missing(m):
        return ""
    return f"{units.distance(float(m), u):.{digits}f} {units.distance_label(u)}"


def pace(speed_mps: float | None, u: str) -> str:
    if speed_mps is None or missing(speed_mps):
        return ""
    return units.format_pace(units.pace_s(float(speed_mps), u), u)


def pace_of(m: float | None, s: float | None, u: str) -> str:
    """Average pace of a distance over a time."""
    if missing(m) or missing(s) or not m or not s:
        return ""
    return pace(float(m) / float(s), u)


def duration(s: float | None) -> str:
    return "" if s is None or missing(s) else units.format_duration(float(s))


def day(d: object) -> str:
    """'Mon 03 Mar 2026'."""
    if missing(d) or d is pd.NaT:
        return ""
    return f"{pd.Timestamp(d):%a %d %b %Y}"


def short_day(d: object) -> str:
    if missing(d) or d is pd.NaT:
        return ""
    return f"{pd.Timestamp(d):%d %b}"


def plural(n: int, word: str) -> str:
    """'1 week', '3 weeks', '2 injuries'."""
    if n == 1:
        return f"{n} {word}"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return f"{n} {word[:-1]}ies"
    return f"{n} {word}s"


def weekday_name(i: int) -> str:
    return dt.date(2024, 1, 1 + i).strftime("%A")  # 2024-01-01 is a Monday


def pct(x: float | None) -> str:
    """A share as a whole percentage, '44 %'; '–' when missing."""
    if x is None or missing(x):
        return "–"
    return f"{100 * float(x):.0f} %"


def span_text(first: object, last: object) -> str:
    """'07 Dec 2025 – 23 Aug 2026' (years always: a gap or a block may cross a new year)."""
    return f"{pd.Timestamp(first):%d %b %Y} – {pd.Timestamp(last):%d %b %Y}"


def day_entry(r: Any, u: str) -> str:
    """One row of analysis.week_view as a day's entry: '07:10 long run 18.0 km, 1:45:00',
    'strength: lower + core, 45:00', 'rest' (a missing time, distance or duration is left out)."""
    if r.kind == "rest":
        return "rest"
    t = r.time_local
    when = f"{t:%H:%M} " if not missing(t) and t is not pd.NaT else ""
    parts = [f"{when}{r.label}"]
    if r.kind == "run" and dist(r.distance_m, u):
        parts[0] += " " + dist(r.distance_m, u)
    if duration(r.duration_s):
        parts.append(duration(r.duration_s))
    return ", ".join(parts)
