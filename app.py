"""Runstrong: `streamlit run app.py`. Page config, the shared sidebar, and the page list."""

from __future__ import annotations

import streamlit as st

import config
from store import DatabaseBusy, SchemaOutdated
from ui import data, filters, page


def main() -> None:
    st.set_page_config(page_title="Runstrong", page_icon="🏃", layout="wide")

    try:
        data.con()
    except (DatabaseBusy, SchemaOutdated) as exc:
        st.error(f"Cannot open the database {config.db_path()}: {exc}")
        st.stop()
    # A database made by an earlier Runstrong was brought up to date on opening: said once.
    if note := data.migration_note():
        st.info(note, icon=":material/info:")

    filters.sidebar()

    pages = [
        st.Page("pages/overview.py", title="Overview", icon=":material/home:", default=True),
        st.Page("pages/load.py", title="Load", icon=":material/trending_up:"),
        st.Page("pages/strength.py", title="Strength", icon=":material/fitness_center:"),
        st.Page("pages/injury.py", title="Injury signal", icon=":material/healing:"),
        st.Page("pages/activities.py", title="Activities", icon=":material/list:"),
        st.Page("pages/schedule.py", title="Schedule check", icon=":material/calendar_month:"),
        st.Page("pages/plan.py", title="Plan", icon=":material/edit_calendar:"),
        st.Page("pages/upload.py", title="Import", icon=":material/upload:"),
        st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
    ]
    # A coach's install: the roster first, listed only once there are two athletes (an install of
    # one looks as it always did).
    if len(data.athletes()) >= 2:
        pages.insert(0, st.Page(page.ROSTER, title="Roster", icon=":material/groups:"))
    page.register(pages)
    page.close_sidebar_after_navigation()
    page.wrap_long_labels()
    before = filters.data_key()
    st.navigation(pages).run()
    # The sidebar was drawn before the page: when the page's import (or injury log) changed the
    # data, run again so the range moves to include it now, not one import later.
    if filters.data_key() != before:
        st.rerun()


# Streamlit runs this file as __main__. The import's worker processes (multiprocessing 'spawn')
# re-run the entry script as __mp_main__: they must not start the dashboard again.
if __name__ == "__main__":
    main()
