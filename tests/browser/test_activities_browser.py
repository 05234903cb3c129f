"""The Activities page in a real browser: any sequence of row selection, Show filter and range
changes leaves the page without an error box, and the detail follows what was picked."""

from __future__ import annotations

import datetime as dt

import pytest
from browser_helpers import click_row, errors, go, screenshot, set_kinds, set_range_start, settle

pytestmark = pytest.mark.browser


def heading(page) -> str:
    return page.get_by_test_id("stMain").get_by_test_id("stHeading").nth(1).inner_text()


def test_select_narrow_change_range_select_again_never_raises(browser, page, server_factory, demo_db):
    server = server_factory(demo_db)
    page.goto(server.url)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text("Date range").wait_for()
    go(page, server, "activities")
    main = page.get_by_test_id("stMain")
    main.get_by_text("in the range").first.wait_for()

    click_row(page, 6)  # a row beyond what the narrowed filter keeps
    assert not errors(page), errors(page)
    picked = heading(page)
    screenshot(page, "activities-selected")

    set_kinds(page, ["other"])  # rides only: far fewer rows than the one selected
    assert not errors(page), errors(page)
    assert heading(page) == picked, "the detail keeps the session picked"
    assert "outside the sidebar's range or the filter" in main.inner_text()

    before = main.get_by_text("in the range").first.inner_text()
    set_range_start(page, dt.date(2025, 6, 1))
    assert not errors(page), errors(page)
    assert main.get_by_text("in the range").first.inner_text() != before, "the range took"

    click_row(page, 0)
    assert not errors(page), errors(page)
    assert heading(page) != picked
    assert "outside" not in main.inner_text()
    screenshot(page, "activities-after-sequence")

    set_kinds(page, [])  # nothing shown: says so, no error
    assert not errors(page), errors(page)
