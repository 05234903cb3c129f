"""What every page does first (title, range, settings, the empty state) and links between pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from analysis.settings import Settings
from ui import data, filters

EMPTY = (
    "No training yet. Upload your watch files (FIT, .fit.gz) or app exports (Strava, Garmin, Strong, "
    "Hevy, FitNotes) on the **{upload}** page."
)
# Commands stay in an expander for the command line: a runner who never opens a terminal skips it.
COMMAND_LINE = (
    "Import a folder: `python -m ingest PATH`. On an empty database, `make run` loads the demo athlete "
    "and starts the dashboard."
)
TOPIC_PAGES = {"load": "load", "strength": "strength", "injury": "injury", "schedule": "schedule",
               "settings": "settings", "activities": "activities", "upload": "upload"}  # fmt: skip

_PAGES: dict[str, Any] = {}


def register(pages: list[Any]) -> None:
    """app.py hands over its st.Page list, so pages can link to each other by name (the file's
    stem: 'load', 'upload', ...) and skip a link to a page that is not there."""
    _PAGES.clear()
    for p in pages:
        _PAGES[str(getattr(p, "_url_path", "") or p.url_path)] = p


def link(
    name: str, label: str, icon: str | None = None, help: str | None = None, query: dict | None = None
) -> None:
    """A link to the page `name` (with query parameters); plain text when that page is not in the app."""
    target = _PAGES.get(TOPIC_PAGES.get(name, name))
    if target is None:
        st.markdown(label)
        return
    st.page_link(target, label=label, icon=icon, help=help, query_params=query)


def has(name: str) -> bool:
    return TOPIC_PAGES.get(name, name) in _PAGES


def empty_state(what: str = "") -> None:
    upload = _PAGES["upload"].title if has("upload") else "Upload"
    st.info((what + " " if what else "") + EMPTY.format(upload=upload), icon=":material/folder_open:")
    if has("upload"):
        link("upload", f"Go to {upload}", icon=":material/upload:")
    with st.expander("From the command line"):
        st.markdown(COMMAND_LINE)


def ensure_app() -> None:
    """Run through app.py. A fresh server that is first asked for a page's own URL runs that
    page alone (Streamlit's pages/ folder convention), without the sidebar or the page list:
    send the visitor to the app's start instead."""
    if "date_range" not in st.session_state:
        st.switch_page("app.py")


def require_data(title: str, caption: str = "") -> tuple[tuple[dt.date, dt.date], Settings]:
    """Title the page; with no data, say what to upload and stop. Returns the range and settings."""
    ensure_app()
    st.title(title)
    if caption:
        st.caption(caption)
    span = filters.date_range()
    if span is None:
        empty_state()
        st.stop()
    return span, data.settings()
