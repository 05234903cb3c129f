"""Every page of every test athlete (tests/athletes.py) in Chromium: one server per athlete, each
page opened from the sidebar (and each of its tabs), no error box or exception and no None, nan or
internal word in the text shown, a screenshot of each under
test-artifacts/browser/<athlete>/<page>.png (<page>-<tab>.png) for review. On Activities, the newest
run, strength session and other session are opened in turn (the Show filter narrowed to the kind),
screenshots <athlete>/activities-<kind>.png.

Each athlete's server is started while the walk before it runs, and opened in a page of its own: the
server's first run (the app's imports, the athlete's numbers: a few seconds) then takes the core the
walk leaves idle. What that first page shows is checked with the rest."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from athletes import ATHLETE_PARAMS
from browser_helpers import ARTIFACTS, Server, idle, problems, screenshot, set_kinds

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


class AheadServers:
    """Each athlete's app, started (and opened once) ahead of its walk: `take(athlete)` hands over
    that athlete's server and the problems of its first page, and starts the next athlete's."""

    def __init__(self, browser, athlete_db, folder: Path, order: list[str]):
        self.browser, self.athlete_db, self.folder, self.order = browser, athlete_db, folder, order
        self.started: dict[str, Server] = {}
        self.first_pages: dict[str, object] = {}  # athlete: the browser context of their first page

    def _start(self, athlete: str) -> None:
        db = self.athlete_db(athlete)
        where = self.folder / athlete
        where.mkdir()
        path = where / "app.duckdb"  # the server gets its own file: DuckDB lets one process write it
        shutil.copy(db, path)
        if db.with_name(db.name + ".wal").exists():
            shutil.copy(db.with_name(db.name + ".wal"), path.with_name(path.name + ".wal"))
        server = Server(path, where / "raw", where / "streamlit.log")
        context = self.browser.new_context(viewport={"width": 1400, "height": 1000})
        first = context.new_page()
        first.set_default_timeout(60_000)
        first.goto(server.url)  # returns once the page has loaded; the server's first run goes on
        self.started[athlete], self.first_pages[athlete] = server, context

    def take(self, athlete: str) -> tuple[Server, list[str]]:
        if athlete not in self.started:
            self._start(athlete)
        following = self.order[self.order.index(athlete) + 1 :] if athlete in self.order else []
        if following and following[0] not in self.started:
            try:
                self._start(following[0])
            except pytest.skip.Exception:
                pass  # the corpus without ../shared/realdata: its own walk says so
        context = self.first_pages.pop(athlete)
        first = context.pages[0]
        idle(first)
        found = problems(first)
        context.close()
        return self.started[athlete], found

    def stop(self, athlete: str) -> None:
        if athlete in self.first_pages:
            self.first_pages.pop(athlete).close()
        self.started.pop(athlete).stop()

    def stop_all(self) -> None:
        for athlete in list(self.started):
            self.stop(athlete)


@pytest.fixture(scope="module")
def ahead(request, browser, athlete_db, tmp_path_factory):
    """The walks' servers, each started during the walk before it (in the order they run)."""
    order = [
        item.callspec.params["athlete"]
        for item in request.session.items
        if item.parent is request.node and hasattr(item, "callspec") and "athlete" in item.callspec.params
    ]
    servers = AheadServers(browser, athlete_db, tmp_path_factory.mktemp("walks"), order)
    yield servers
    servers.stop_all()


@pytest.fixture()
def athlete_server(ahead, athlete):
    """This athlete's server and the problems its first page showed; stopped after the walk."""
    yield ahead.take(athlete)
    ahead.stop(athlete)


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
def test_every_page_of_every_athlete_renders_without_an_error_box(page, athlete_server, athlete):
    server, first = athlete_server
    (ARTIFACTS / athlete).mkdir(parents=True, exist_ok=True)
    page.goto(server.url)
    idle(page)
    found = {"overview (the server's first run)": first, "overview": problems(page)}
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
