"""The Schedule check and Settings pages in Chromium on athletes who are not the demo, and on the
demo: no error box, no None/nan or internal word in the page's text, each screenshot saved under
test-artifacts/browser/<athlete>/ (schedule, settings, settings-races, settings-injuries)."""

from __future__ import annotations

import re

import pytest
from browser_helpers import ARTIFACTS, errors, go, screenshot, settle

pytestmark = pytest.mark.browser

ATHLETES = ["strength_only", "old_runs", "no_hr_miles", "injured_racing", "corpus", "demo"]
FORBIDDEN = re.compile(r"\b(None|nan|NaN|NaT)\b|DOMAIN\.md|\bseeds?\b")


def main_text(page) -> str:
    return page.get_by_test_id("stMain").inner_text()


@pytest.mark.parametrize("athlete", ATHLETES)
def test_schedule_and_settings_on_each_athlete(browser, page, server_factory, athlete_db, athlete):
    server = server_factory(athlete_db(athlete))
    page.goto(server.url)
    page.get_by_test_id("stSidebar").get_by_text("Units").wait_for(timeout=120_000)  # the app has run once
    settle(page)
    (ARTIFACTS / athlete).mkdir(parents=True, exist_ok=True)
    go(page, server, "schedule")
    page.get_by_role("heading", name="Schedule check").wait_for(timeout=120_000)
    settle(page)
    assert not errors(page), errors(page)
    assert not FORBIDDEN.findall(main_text(page)), FORBIDDEN.findall(main_text(page))
    screenshot(page, f"{athlete}/schedule")
    go(page, server, "settings")
    page.get_by_role("heading", name="Settings").wait_for(timeout=120_000)
    settle(page)
    assert not errors(page), errors(page)
    screenshot(page, f"{athlete}/settings")
    for tab, name in (("Races", "settings-races"), ("Injury log", "settings-injuries")):
        page.get_by_role("tab", name=tab).click()
        settle(page)
        assert not errors(page), errors(page)
        assert not FORBIDDEN.findall(main_text(page)), (tab, FORBIDDEN.findall(main_text(page)))
        screenshot(page, f"{athlete}/{name}")


def test_an_injury_typed_without_onset_stays_in_the_editor_with_its_message(browser, page, server_factory):
    server = server_factory()  # an empty database: the editor's columns have fixed widths
    page.goto(server.url)
    page.get_by_text("No training yet").first.wait_for(timeout=120_000)
    go(page, server, "settings")
    page.get_by_role("tab", name="Injury log").click()
    settle(page)
    box = page.locator("[data-testid='stDataFrame']:visible").first.bounding_box()
    body_area = box["x"] + 0.46 * box["width"]  # the middle of the "body area" column at 1400 px
    page.mouse.click(body_area, box["y"] + box["height"] - 15)  # the editor's "add a row" row
    page.wait_for_timeout(1000)
    grown = page.locator("[data-testid='stDataFrame']:visible").first.bounding_box()
    page.mouse.dblclick(body_area, grown["y"] + grown["height"] - 52)  # the new row, above the "add" row
    page.wait_for_timeout(500)
    page.keyboard.type("left shin")
    page.keyboard.press("Enter")
    settle(page)
    page.wait_for_timeout(1000)
    screenshot(page, "settings-injury-typed")
    page.get_by_role("button", name="Save injury log").click()
    page.get_by_text("Row 1 has no onset date").wait_for()
    page.get_by_text("Nothing saved; 1 row not saved: row 1 has no onset date.").wait_for()
    settle(page)
    assert not errors(page), errors(page)
    screenshot(page, "settings-injury-kept-back")
