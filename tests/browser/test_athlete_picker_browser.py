"""The athlete picker in a real browser: a database of two athletes (tests/athlete_pair.py) shows
the picker in the sidebar; picking the other athlete moves the Overview, the units and the range
to them, and the Import page names them. Screenshots under test-artifacts/browser/athletes/."""

from __future__ import annotations

import pytest
from browser_helpers import ARTIFACTS, go, idle, problems, screenshot

pytestmark = pytest.mark.browser


def pick(p, name: str) -> None:
    side = p.get_by_test_id("stSidebar")
    side.get_by_test_id("stSelectbox").filter(has_text="Athlete").click()
    p.get_by_role("option", name=name, exact=True).click()
    idle(p)


def units(p) -> str:
    return p.get_by_test_id("stSidebar").locator("label:has(input[type='radio']:checked)").inner_text()


def test_the_picker_moves_the_pages_to_the_other_athlete(browser, page, server_factory, athlete_pair):
    pair = athlete_pair
    server = server_factory(pair.source)
    (ARTIFACTS / "athletes").mkdir(parents=True, exist_ok=True)
    page.goto(server.url)
    idle(page)
    main = page.get_by_test_id("stMain")
    alex, billie = pair.marker("Alex"), pair.marker("Billie")
    # Alex first: his race on the Overview, in km.
    main.get_by_text(alex, exact=False).first.wait_for()
    assert billie not in main.inner_text().lower()
    assert "km" in units(page), units(page)
    assert not problems(page), problems(page)
    screenshot(page, "athletes/overview-alex")

    pick(page, "Billie")
    main.get_by_text(billie, exact=False).first.wait_for()
    assert alex not in main.inner_text().lower()
    assert "mi" in units(page), units(page)
    assert not problems(page), problems(page)
    screenshot(page, "athletes/overview-billie")

    go(page, server, "upload")
    main.get_by_text("Importing for Billie").wait_for()
    assert not problems(page), problems(page)
    screenshot(page, "athletes/import-billie")

    go(page, server, "settings")
    main.get_by_role("tab", name="Athletes").click()
    idle(page)
    main.get_by_text("Delete Billie").first.click()  # the expander holding the confirmation
    main.get_by_text("Deleting Billie removes").wait_for()
    assert not problems(page), problems(page)
    screenshot(page, "athletes/settings-athletes")
