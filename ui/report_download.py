"""The weekly report's download in the dashboard: a week to choose and a button that makes the
HTML file when clicked (ui.report_html.week_report, the same file as `python -m cli report`)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analysis import week_of
from ui import fmt, report_html


def weeks_with_data(weekly: pd.DataFrame, today: dt.date, week_start: int) -> list[dt.date]:
    """The weeks of the log that hold a run or a strength session, newest first, up to the week of
    ``today`` (analysis Results.weekly rows)."""
    if len(weekly) == 0:
        return []
    busy = weekly[(weekly["runs"] > 0) | (weekly["strength_sessions"] > 0)]
    starts = pd.to_datetime(busy["week_start"]).dt.date
    last = week_of(today, week_start)
    return sorted((d for d in starts if d <= last), reverse=True)


def week_report_button(
    athlete_id: int, weekly: pd.DataFrame, today: dt.date, week_start: int, key: str
) -> None:
    """A week picker (the weeks with data, the latest first) and the download of that week's report.
    The file is made only when the button is clicked (about a second), not on every run of the page."""
    weeks = weeks_with_data(weekly, today, week_start)
    if not weeks:
        st.caption("No week with a run or a strength session yet: nothing to report.")
        return
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    week = left.selectbox(
        "Weekly report, the week from",
        weeks,
        format_func=fmt.day,
        key=f"{key}_week",
        help="One HTML file with the week's load, strength against its target, rule breaks, spikes and "
        "injuries, its charts inside: it opens without a network, to send or keep.",
    )
    right.download_button(
        "Download the report",
        data=report_html.week_report_later(athlete_id, week),
        file_name=report_html.week_report_name(athlete_id, week),
        mime="text/html",
        on_click="ignore",
        icon=":material/download:",
        key=f"{key}_download",
    )


def roster_reports(listing: pd.DataFrame, day: dt.date, key: str = "roster_report") -> None:
    """The Roster page's weekly reports: a week (any day of it; each athlete's week begins on their
    own week start), one athlete's report, or every athlete's in one zip. The files are made only
    when a button is clicked."""
    if listing.empty:
        return
    ids = [int(i) for i in listing["athlete_id"]]
    names = dict(zip(ids, listing["name"].astype(str), strict=True))
    left, right = st.columns(2)
    week = left.date_input(
        "Weekly report, the week of",
        value=day,
        max_value=dt.date.today(),
        key=f"{key}_week",
        help="One HTML file per athlete with the week's load, strength against its target, rule breaks, "
        "spikes and injuries, its charts inside: it opens without a network, to send or keep.",
    )
    who = right.selectbox("Athlete", ids, format_func=names.__getitem__, key=f"{key}_athlete")
    one, every = st.columns(2)
    one.download_button(
        f"{names[who]}'s report",
        data=report_html.week_report_later(who, week),
        file_name=report_html.week_report_name(who, week),
        mime="text/html",
        on_click="ignore",
        icon=":material/download:",
        key=f"{key}_one",
    )
    every.download_button(
        f"Every athlete's report ({fmt.plural(len(ids), 'file')}, zip)",
        data=report_html.reports_zip_later(week),
        file_name=f"runstrong-week-reports-{week.isoformat()}.zip",
        mime="application/zip",
        on_click="ignore",
        icon=":material/folder_zip:",
        key=f"{key}_every",
    )
