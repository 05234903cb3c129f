"""Every page of every test athlete (tests/athletes.py) in Chromium: one server per athlete, each
page opened from the sidebar (and each of its tabs), no error box or exception and no None, nan or
internal word in the text shown, a screenshot of each under
test-artifacts/browser/<athlete>/<page>.png (<page>-<tab>.png) for review. On Activities, the newest
run, strength session and other session are opened in turn (the Show filter narrowed to the kind),
screenshots <athlete>/activities-<kind>.png."""

from __future__ import annotations

import re

import pytest
from athletes import ATHLETE_PARAMS
from browser_helpers import ARTIFACTS, idle, problems, screenshot, set_kinds

import config
from ui.page import SEVERAL_ATHLETES

pytestmark = pytest.mark.browser

# Every page but Overview (the default), by the name of its sidebar link.
# Those listed only with several athletes are not in a one-athlete sidebar (test_roster_browser.py).
LINKS = sorted(
    p.stem
    for p in (config.ROOT / "pages").glob("*.py")
    if p.stem != "overview" and f"pages/{p.name}" not in SEVERAL_ATHLETES
)


def each_kind_on_activities(page, athlete: str) -> dict[str, list[str]]:
    found = {}
    main = page.get_by_test_id("stMain")
    main.get_by_text("in the range").first.wait_for()
    for kind in ("run", "strength", "other"):
        set_kinds(page, [kind])  # from the previous kind: add this one, then remove the other
        found[f"activities / {kind}"] = problems(page)
        if not re.search(r"\b0 sessions in the range", main.inner_text()):
            screenshot(page, f"{athlete}/activities-{kind}")
    return found


@pytest.mark.parametrize("athlete", ATHLETE_PARAMS)
def test_every_page_of_every_athlete_renders_without_an_error_box(
    browser, page, server_factory, athlete_db, athlete
):
    server = server_factory(athlete_db(athlete))
    (ARTIFACTS / athlete).mkdir(parents=True, exist_ok=True)
    page.goto(server.url)
    idle(page)
    found = {"overview": problems(page)}
    screenshot(page, f"{athlete}/overview")
    for name in LINKS:
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
            idle(page, quiet_ms=100)  # tabs switch in the browser (a rerun would still be waited for)
            found[f"{name} / {label}"] = problems(page)
            screenshot(page, f"{athlete}/{name}-{label}")
        if name == "activities":
            found |= each_kind_on_activities(page, athlete)
    assert not any(found.values()), {k: v for k, v in found.items() if v}
