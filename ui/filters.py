"""The sidebar's shared filters (date range) and units, set in app.py and read by every page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from store import settings_write
from ui import data

STALE_DAYS = 14  # with no data for longer than this, "now" is the last day with data
UNITS = {"km": "km · kg", "mi": "mi · lb"}


def default_range(first: dt.date, last: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """The last 26 weeks up to today; when the log stopped more than two weeks ago (a demo, an
    old export), up to its last day instead, so the pages show the training, not empty weeks."""
    end = today if (today - last).days <= STALE_DAYS else last
    start = max(first, end - dt.timedelta(weeks=26))
    return start, end


def _save_units() -> None:
    u = st.session_state.get("units_choice")
    if u in UNITS:
        data.write(
            settings_write.save_settings, {"units_distance": u, "units_weight": "kg" if u == "km" else "lb"}
        )


def sidebar() -> None:
    """Draw the date range and the units; pages read `date_range()` and data.settings()."""
    span = data.data_dates()
    s = data.settings()
    st.session_state["units_choice"] = s.units_distance  # follows a change made in Settings
    st.sidebar.radio(
        "Units",
        list(UNITS),
        format_func=UNITS.get,
        horizontal=True,
        key="units_choice",
        on_change=_save_units,
        help="Distances, paces and weights on every page (also in Settings).",
    )
    if span is None:
        st.session_state["date_range"] = None
        return
    first, last = span
    today = dt.date.today()  # the one place the dashboard reads the clock
    start, end = default_range(first, last, today)
    lo, hi = first, max(today, last)
    kept = st.session_state.get("date_range_input")
    if not kept or any(not lo <= d <= hi for d in kept):  # the default, once per session (or out of bounds)
        st.session_state["date_range_input"] = (start, end)
    picked = st.sidebar.date_input(
        "Date range",
        min_value=lo,
        max_value=hi,
        help="Every page shows this range; 'now' on the Overview is its last day.",
        format="YYYY-MM-DD",
        key="date_range_input",
    )
    if isinstance(picked, tuple | list) and len(picked) == 2:
        st.session_state["date_range"] = (picked[0], picked[1])
    else:  # mid-selection: only the start picked so far
        st.session_state["date_range"] = (picked[0] if picked else start, end)
    if end != today:
        st.sidebar.caption(f"Your latest data is from {last:%d %b %Y}: pages show the weeks up to it.")


def date_range() -> tuple[dt.date, dt.date] | None:
    return st.session_state.get("date_range")


def clip(df: pd.DataFrame, column: str, span: tuple[dt.date, dt.date], pad_days: int = 0) -> pd.DataFrame:
    """Rows whose ``column`` (a date) lies in the range, the start moved back by pad_days (so a
    week that began before the range still shows)."""
    d = pd.to_datetime(df[column])
    lo = pd.Timestamp(span[0]) - pd.Timedelta(days=pad_days)
    return df[(d >= lo) & (d <= pd.Timestamp(span[1]))]
