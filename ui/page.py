"""What every page does first (title, range, settings, the empty state) and links between pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from analysis import Settings
from ui import data, filters

EMPTY = (
    "No training yet. Upload your watch files (FIT, .fit.gz, GPX, TCX) or app exports (Strava, Garmin, Strong, "
    "Hevy, FitNotes) on the **{upload}** page."
)
# Commands stay in an expander for the command line: a runner who never opens a terminal skips it.
COMMAND_LINE = (
    "Import a folder: `python -m ingest PATH`. On an empty database, `make run` loads the demo athlete "
    "and starts the dashboard."
)
TOPIC_PAGES = {
    "load": "load",
    "strength": "strength",
    "injury": "injury",
    "schedule": "schedule",
    "settings": "settings",
    "activities": "activities",
    "upload": "upload",
}

#: The Roster page: app.py lists it only once there are two athletes or more.
ROSTER = "pages/roster.py"
#: Pages listed only with several athletes (tests and the benchmark run them on a database of several).
SEVERAL_ATHLETES = (ROSTER,)

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


# Streamlit closes the sidebar after a navigation click only on phones it recognises by their
# user agent; a narrow window (or a phone asking for the desktop site) keeps it open over the page.
_CLOSE_SIDEBAR_JS = """
<script>
(() => {
  const w = window.parent || window;
  if (w.__runstrongNavClose) return;
  w.__runstrongNavClose = true;
  w.document.addEventListener("click", (e) => {
    const link = e.target.closest && e.target.closest(
      "a[data-testid='stSidebarNavLink'], [data-testid='stSidebar'] a[data-testid='stPageLink-NavLink']");
    if (!link || w.innerWidth > 768) return;
    const close = w.document.querySelector("[data-testid='stSidebar'] button[aria-label='Collapse sidebar']")
      || w.document.querySelector("[data-testid='stSidebarCollapseButton'] button");
    if (close) setTimeout(() => close.click(), 50);
  }, true);
})();
</script>
"""


# Streamlit cuts a page link's label and a metric's delta to one line with an ellipsis: a warning
# that links to its page, or a card's comparison, then loses its end at the right edge (at 1400 px
# and more so at 390 px). In the main area they wrap instead.
WRAP_CSS = """
<style>
[data-testid="stMain"] a[data-testid="stPageLink-NavLink"] span,
[data-testid="stMain"] a[data-testid="stPageLink-NavLink"] p,
[data-testid="stMain"] [data-testid="stMetricDelta"] div,
[data-testid="stMain"] [data-testid="stMetricDelta"] p {
  white-space: normal !important;
  overflow: visible !important;
  text-overflow: clip !important;
}
[data-testid="stMain"] a[data-testid="stPageLink-NavLink"] { height: auto; }
[data-testid="stMain"] [data-testid="stMetricDelta"] { height: auto; max-width: 100%; }
</style>
"""


def wrap_long_labels() -> None:
    """Let page links and metric deltas in the main area wrap instead of being cut (WRAP_CSS)."""
    with st.sidebar:
        st.html(WRAP_CSS)


def close_sidebar_after_navigation() -> None:
    """Close the sidebar after a page is picked in it when the window is narrow (390 px phones)."""
    with st.sidebar:
        st.html(_CLOSE_SIDEBAR_JS, unsafe_allow_javascript=True)


def no_runs(log: dict | None, sentence: str, key: str) -> None:
    """In place of a run chart whose range holds no run: one sentence saying so and where the
    runs are, with a button that moves the range to them (or a link to Import without any)."""
    if log is None or log.get("last_run") is None:
        st.info(
            f"{sentence} Your log holds no run yet: import your runs to see them here.",
            icon=":material/directions_run:",
        )
        if has("upload"):
            link("upload", "Go to Import", icon=":material/upload:")
        return
    first, last = log["first_run"], log["last_run"]
    where = f"from {first:%d %b %Y} to {last:%d %b %Y}" if first != last else f"on {last:%d %b %Y}"
    st.info(f"{sentence} Your runs are {where}.", icon=":material/directions_run:")
    filters.show_runs_button(log, key=key)
