"""The Activities page in a real browser: any sequence of row selection, Show filter and range
changes leaves the page without an error box, and the detail follows what was picked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from athletes import ATHLETES
from browser_helpers import errors, go, screenshot, settle

pytestmark = pytest.mark.browser

ROW_PX = 35  # the data grid's default row height (and its header's)


def click_row(page, i: int) -> None:
    """Select row i of the Activities table by its row marker (the grid draws on a canvas)."""
    grid = page.get_by_test_id("stDataFrame").first
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 12, box["y"] + ROW_PX * (i + 1) + ROW_PX / 2)
    settle(page)


def set_kinds(page, keep: list[str]) -> None:
    """Set the Show filter to `keep`: remove the other tags, add the missing ones from its list."""
    show = page.get_by_test_id("stMultiSelect").first
    for kind in keep:
        if not show.locator(f"button[aria-label='Remove {kind}']:visible").count():
            show.click()
            page.get_by_role("option", name=kind, exact=True).click()
            page.keyboard.press("Escape")
            settle(page)
    for kind in ("run", "strength", "other"):
        if kind in keep:
            continue
        remove = show.locator(f"button[aria-label='Remove {kind}']:visible")
        if remove.count():
            remove.click()
            settle(page)


def set_range_start(page, start: dt.date) -> None:
    """Type a new first day into the sidebar's range (year, month, day fields), then leave it."""
    side = page.get_by_test_id("stSidebar")
    for part, value in (("year", f"{start:%Y}"), ("month", f"{start:%m}"), ("day", f"{start:%d}")):
        side.get_by_role("spinbutton", name=f"{part}, Date range start date").click()
        page.keyboard.type(value)
    page.keyboard.press("Escape")
    page.get_by_test_id("stMain").get_by_role("heading", name="Activities").click()
    settle(page)


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


def _athlete(name: str) -> object:
    return pytest.param(name, marks=pytest.mark.realdata) if name == "corpus" else name


@pytest.mark.parametrize("athlete", [_athlete(a) for a in ATHLETES])
def test_the_detail_of_each_kind_of_session_of_every_athlete(
    browser, page, server_factory, athlete_db, athlete
):
    """The newest run, strength session and other session of each test athlete (Show filter
    narrowed to the kind), screenshots under test-artifacts/browser/<athlete>/activities-<kind>.png."""
    server = server_factory(athlete_db(athlete))
    page.goto(server.url)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text("Date range").wait_for()
    go(page, server, "activities")
    main = page.get_by_test_id("stMain")
    main.get_by_text("in the range").first.wait_for()
    for kind in ("run", "strength", "other"):
        set_kinds(page, ["run", "strength", "other"])
        set_kinds(page, [kind])
        assert not errors(page), (kind, errors(page))
        text = main.inner_text()
        assert not re.search(r"\b(None|nan|NaN|NaT)\b", text), (
            kind,
            re.findall(r".{30}\b(?:None|nan|NaT)\b.{30}", text),
        )
        if not re.search(r"\b0 sessions in the range", text):
            screenshot(page, f"{athlete}/activities-{kind}")
