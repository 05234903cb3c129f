"""The sidebar: the athlete picker (ui.athletes, with two athletes or more), the shared filters
(date range) and units, set in app.py and read by every page; all of them the shown athlete's.

The range follows the data: by default it ends at the latest data of any kind (activity, strength
session, injury); when an import brings rows in, it moves to include them and the sidebar says so.
app.py reruns the script when a page's write changed the data, so the sidebar (drawn before the
page) never lags an import.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import config
from analysis import came_in, data_span
from store import settings_write
from ui import athletes, data

STALE_DAYS = 14  # with no data for longer than this, "now" is the last day with data
RANGE_WEEKS = 26  # the default range's length
UNITS = {"km": "km · kg", "mi": "mi · lb"}
Span = tuple[dt.date, dt.date]


def default_range(first: dt.date, last: dt.date, today: dt.date) -> Span:
    """The last 26 weeks up to today; when the log stopped more than two weeks ago (a demo, an
    old export), up to its last day instead, so the pages show the training, not empty weeks."""
    end = today if (today - last).days <= STALE_DAYS else last
    start = max(first, end - dt.timedelta(weeks=RANGE_WEEKS))
    return start, end


def range_after_import(first: dt.date, last: dt.date, brought: Span | None, today: dt.date) -> Span:
    """The range after the data changed: the default one (ending at the latest data), widened to
    include every day the import brought in."""
    start, end = default_range(first, last, today)
    if brought is not None:
        start, end = min(start, brought[0]), max(end, brought[1])
    return start, end


def days_text(first: dt.date, last: dt.date) -> str:
    """'14 Jun 2012 – 03 Jun 2018', one day alone when both are the same."""
    return f"{first:%d %b %Y}" if first == last else f"{first:%d %b %Y} – {last:%d %b %Y}"


def runs_range(first_run: dt.date, last_run: dt.date) -> Span:
    """A range that shows the runs: up to 26 weeks ending at the last one."""
    return max(first_run, last_run - dt.timedelta(weeks=RANGE_WEEKS)), last_run


@st.cache_data(show_spinner=False, max_entries=4)
def _span(path: str, athlete: int, data_version: int) -> dict | None:
    f = data.frames()
    return data_span(f.activities, f.strength_sessions, f.injuries)


def span() -> dict | None:
    """data_span of the shown athlete's whole log (first, last, first_run, last_run, source_max),
    None when empty."""
    return _span(str(config.db_path()), data.athlete(), data.version())


def data_key() -> tuple | None:
    """Changes when the log's dates or its files change, not when a setting is saved."""
    sp = span()
    return None if sp is None else (sp["first"], sp["last"], sp["source_max"])


def _save_units() -> None:
    u = st.session_state.get("units_choice")
    if u in UNITS:
        data.write(
            settings_write.save_settings, {"units_distance": u, "units_weight": "kg" if u == "km" else "lb"}
        )


def _picked_by_hand() -> None:
    st.session_state.pop("range_note", None)


def _move_range(sp: dict, today: dt.date) -> None:
    """Set the range for data the session has not seen yet: the default at the session's start,
    else the default widened to what came in, with a note saying so."""
    seen = st.session_state.get("range_seen")
    kept = st.session_state.get("date_range_input")
    key = (sp["first"], sp["last"], sp["source_max"])
    st.session_state["range_seen"] = key
    if seen is None or not kept:  # the session's first run: the default, unless a range is set
        if not kept:
            st.session_state["date_range_input"] = default_range(sp["first"], sp["last"], today)
        return
    f = data.frames()
    brought = (
        came_in(f.activities, f.strength_sessions, f.injuries, seen[2])
        if sp["source_max"] > seen[2]
        else None
    )
    start, end = range_after_import(sp["first"], sp["last"], brought, today)
    st.session_state["date_range_input"] = (start, end)
    what = f" to include what came in ({days_text(*brought)})" if brought else " to your latest data"
    st.session_state["range_note"] = f"The range moved to {days_text(start, end)}{what}."


def sidebar() -> None:
    """Draw the athlete picker (with two athletes or more), the date range and the units; pages
    read `date_range()` and data.settings(), both the shown athlete's."""
    athletes.picker()
    sp = span()
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
    if sp is None:
        st.session_state["date_range"] = None
        st.session_state.pop("range_seen", None)
        return
    first, last = sp["first"], sp["last"]
    today = dt.date.today()  # the one place the dashboard reads the clock
    lo, hi = first, max(today, last)
    if st.session_state.get("range_seen") != (first, last, sp["source_max"]):
        _move_range(sp, today)
    kept = st.session_state.get("date_range_input")
    if not kept or any(not lo <= d <= hi for d in kept):  # out of bounds (a deletion): the default
        st.session_state["date_range_input"] = default_range(first, last, today)
    picked = st.sidebar.date_input(
        "Date range",
        min_value=lo,
        max_value=hi,
        help="Every page shows this range; 'now' on the Overview is its last day.",
        format="YYYY-MM-DD",
        key="date_range_input",
        on_change=_picked_by_hand,
    )
    chosen = tuple(picked) if isinstance(picked, tuple | list) else () if picked is None else (picked,)
    end = chosen[1] if len(chosen) == 2 else None
    if end is not None:
        st.session_state["date_range"] = (chosen[0], end)
    else:  # mid-selection: only the start picked so far
        start = chosen[0] if chosen else default_range(first, last, today)[0]
        st.session_state["date_range"] = (start, max(start, default_range(first, last, today)[1]))
    note = st.session_state.get("range_note")
    if note:
        st.sidebar.info(note, icon=":material/date_range:")
    elif last < today - dt.timedelta(days=STALE_DAYS):
        st.sidebar.caption(f"Your latest data is from {last:%d %b %Y}.")


def date_range() -> Span | None:
    return st.session_state.get("date_range")


def show_runs_button(sp: dict | None, key: str) -> None:
    """A button that moves the range to the runs (26 weeks up to the last one); none on an empty log."""
    if sp is None:
        return

    def _go() -> None:
        st.session_state["date_range_input"] = runs_range(sp["first_run"], sp["last_run"])
        st.session_state.pop("range_note", None)

    st.button("Show the runs", key=key, on_click=_go, icon=":material/directions_run:")


def clip(df: pd.DataFrame, column: str, span: Span, pad_days: int = 0) -> pd.DataFrame:
    """Rows whose ``column`` (a date) lies in the range, the start moved back by pad_days (so a
    week that began before the range still shows)."""
    d = pd.to_datetime(df[column])
    lo = pd.Timestamp(span[0]) - pd.Timedelta(days=pad_days)
    return df[(d >= lo) & (d <= pd.Timestamp(span[1]))]
