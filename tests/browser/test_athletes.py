"""Every page of every test athlete (tests/athletes.py) in Chromium: one server per athlete, each
page opened from the sidebar, no error box or exception, a screenshot of each under
test-artifacts/browser/<athlete>/<page>.png for review."""

from __future__ import annotations

import pytest
from athletes import ATHLETES
from browser_helpers import ARTIFACTS, errors, go, screenshot, settle

pytestmark = pytest.mark.browser

PAGES = ["load", "strength", "injury", "activities", "schedule", "upload", "settings"]


def _param(athlete: str) -> object:
    return pytest.param(athlete, marks=pytest.mark.realdata) if athlete == "corpus" else athlete


@pytest.mark.parametrize("athlete", [_param(a) for a in ATHLETES])
def test_every_page_of_every_athlete_renders_without_an_error_box(
    browser, page, server_factory, athlete_db, athlete
):
    server = server_factory(athlete_db(athlete))
    (ARTIFACTS / athlete).mkdir(parents=True, exist_ok=True)
    page.goto(server.url)
    settle(page)
    page.get_by_test_id("stMain").get_by_role("heading").first.wait_for()
    found = {"overview": errors(page)}
    screenshot(page, f"{athlete}/overview")
    for name in PAGES:
        go(page, server, name)
        found[name] = errors(page)
        screenshot(page, f"{athlete}/{name}")
    assert not any(found.values()), {k: v for k, v in found.items() if v}
