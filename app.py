"""Runstrong: `streamlit run app.py`. Page config, the shared sidebar, and the page list."""

from __future__ import annotations

import streamlit as st

import config
from store.db import DatabaseBusy, SchemaOutdated
from ui import data, filters

st.set_page_config(page_title="Runstrong", page_icon="🏃", layout="wide")

try:
    data.con()
except (DatabaseBusy, SchemaOutdated) as exc:
    st.error(f"Cannot open the database {config.db_path()}: {exc}")
    st.stop()

filters.sidebar()

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="🏠", default=True),
    st.Page("pages/load.py", title="Weekly load", icon="📈"),
]
st.navigation(PAGES).run()
