"""Helpers of the app tests (a module of its own name: `conftest` is ambiguous across folders)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

import config
from ui.page import SEVERAL_ATHLETES

APP = str(config.ROOT / "app.py")
# Every page of the app, read from the folder so that a new page is tested without a list to update;
# those app.py lists only with several athletes are tested on a database of several.
PAGES = sorted(
    str(p.relative_to(config.ROOT))
    for p in (config.ROOT / "pages").glob("*.py")
    if str(p.relative_to(config.ROOT)) not in SEVERAL_ATHLETES
)


def open_app(page: str = "pages/overview.py", span=None) -> AppTest:
    """Run the app with the sidebar's date range set to `span`, then switch to `page`.

    The range is set before the first run: with a pages/ folder, AppTest reruns a page on its own
    (without app.py's sidebar), so sidebar widgets cannot be changed after it."""
    at = AppTest.from_file(APP, default_timeout=180)
    if span is not None:
        at.session_state["date_range_input"] = span
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at
