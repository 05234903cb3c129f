"""Roster: every athlete in one table, those who need a look first (open warnings, then stale data);
a click on a row opens that athlete's Overview."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import streamlit as st

from analysis import UNIT_SYSTEMS, units
from ui import data, fmt, page, report_download, roster_table

page.ensure_app()
st.title("Roster")
listing = data.athletes()
if listing.empty:
    page.empty_state()
    st.stop()

calendar = dt.date.today()
c1, c2 = st.columns([1, 2])
day = c1.date_input(
    "As of",
    value=data.roster_reference(calendar),
    max_value=calendar,
    key="roster_day",
    help="The latest day with data across the athletes (never after today); each row reads that "
    "athlete's log up to this day.",
)
slot = st.empty()
rows = data.roster_rows(day, roster_table.progress_in(slot))
slot.empty()
# One unit for every row, so that rows compare: what most athletes use, unless the coach picks another.
used = Counter(r["units"] for r in rows)
usual = max(UNIT_SYSTEMS, key=lambda u: (used[u], u == "km"))
u = c2.radio(
    "Distances in",
    list(UNIT_SYSTEMS),
    index=list(UNIT_SYSTEMS).index(usual),
    horizontal=True,
    key="roster_units",
    format_func=units.distance_label,
)
st.caption(
    f"{fmt.plural(len(rows), 'athlete')} as of {fmt.day(day)}, distances in {units.distance_label(u)} for "
    "every athlete. Sorted by open warnings (more warnings first, then more notes), then by the days since "
    "the latest data. Click a row to open that athlete's Overview."
)
# The table's key changes after each click: coming back to the roster starts without a selection.
clicks = st.session_state.setdefault("roster_clicks", 0)
picked = roster_table.show(rows, u, key=f"roster_table_{clicks}", live=day == calendar)
if picked is not None:
    st.session_state["roster_clicks"] = clicks + 1
    roster_table.open_athlete(rows[picked]["athlete_id"])

st.subheader("Weekly reports")
report_download.roster_reports(listing, day)
