"""The sidebar's shared filters (date range), set in app.py and read by every page."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui import data

STALE_DAYS = 14  # with no data for longer than this, "now" is the last day with data


def default_range(first: dt.date, last: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """The last 26 weeks up to today; when the log stopped more than two weeks ago (a demo, an
    old export), up to its last day instead, so the pages show the training, not empty weeks."""
    end = today if (today - last).days <= STALE_DAYS else last
    start = max(first, end - dt.timedelta(weeks=26))
    return start, end


def sidebar() -> None:
    """Draw the date range; pages read `date_range()`."""
    span = data.data_dates()
    if span is None:
        st.session_state["date_range"] = None
        return
    first, last = span
    today = dt.date.today()  # the one place the dashboard reads the clock
    start, end = default_range(first, last, today)
    picked = st.sidebar.date_input(
        "Date range",
        value=(start, end),
        min_value=first,
        max_value=max(today, last),
        help="Every page shows this range; 'now' on the Overview is its last day.",
        key="date_range_input",
    )
    if isinstance(picked, tuple | list) and len(picked) == 2:
        st.session_state["date_range"] = (picked[0], picked[1])
    else:  # mid-selection: only the start picked so far
        st.session_state["date_range"] = (start, end)
    if end != today:
        st.sidebar.caption(f"Your latest data is from {last:%d %b %Y}: pages show the weeks up to it.")


def date_range() -> tuple[dt.date, dt.date] | None:
    return st.session_state.get("date_range")
