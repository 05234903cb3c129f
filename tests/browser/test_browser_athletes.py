"""Every page of every test athlete (tests/athletes.py) in Chromium: one server per athlete, each
page opened from the sidebar (and each of its tabs), no error box or exception and no None, nan or
internal word in the text shown, a screenshot of
each under test-artifacts/browser/<athlete>/<page>.png (<page>-<tab>.png) for review."""

from __future__ import annotations

import re
import time

import pytest
from athletes import ATHLETES
from browser_helpers import ARTIFACTS, errors, screenshot

pytestmark = pytest.mark.browser

# What AppTest's text scan also forbids, checked here on the text the browser really shows.
FORBIDDEN = re.compile(r"\b(None|nan|NaN|NaT)\b|\w\.md\b|\bseeds? \d")

PAGES = ["load", "strength", "injury", "activities", "schedule", "upload", "settings"]


def idle(p, quiet_checks: int = 3) -> None:
    """Wait until the script has finished (stApp's data-test-script-state; the status widget is not
    drawn in this toolbar mode) and no placeholder or spinner is left, a few checks in a row."""
    quiet = 0
    end = time.monotonic() + 120
    while quiet < quiet_checks and time.monotonic() < end:
        time.sleep(0.4)
        state = p.get_by_test_id("stApp").get_attribute("data-test-script-state")
        busy = p.locator("[data-testid='stSpinner'], [data-testid='stSkeleton']").count()
        quiet = quiet + 1 if state == "notRunning" and not busy else 0


def problems(p) -> list[str]:
    """The error boxes on the page, and any forbidden word in the main area's text."""
    return errors(p) + [m.group(0) for m in FORBIDDEN.finditer(p.get_by_test_id("stMain").inner_text())]


def _param(athlete: str) -> object:
    return pytest.param(athlete, marks=pytest.mark.realdata) if athlete == "corpus" else athlete


@pytest.mark.parametrize("athlete", [_param(a) for a in ATHLETES])
def test_every_page_of_every_athlete_renders_without_an_error_box(
    browser, page, server_factory, athlete_db, athlete
):
    server = server_factory(athlete_db(athlete))
    (ARTIFACTS / athlete).mkdir(parents=True, exist_ok=True)
    page.goto(server.url)
    idle(page)
    found = {"overview": problems(page)}
    screenshot(page, f"{athlete}/overview")
    for name in PAGES:
        page.locator(f"a[data-testid='stSidebarNavLink'][href$='/{name}']").click()
        page.wait_for_url(f"**/{name}")
        idle(page)
        found[name] = problems(page)
        screenshot(page, f"{athlete}/{name}")
        # Each further tab of the page (Settings has seven), so that every screen is reviewed.
        tabs = page.get_by_test_id("stMain").get_by_role("tab")
        for i in range(1, tabs.count()):
            label = re.sub(r"\W+", "-", tabs.nth(i).inner_text().strip().lower()).strip("-")
            tabs.nth(i).click()
            idle(page)
            found[f"{name} / {label}"] = problems(page)
            screenshot(page, f"{athlete}/{name}-{label}")
    assert not any(found.values()), {k: v for k, v in found.items() if v}
