"""The range follows the data in a real browser: a file imported through the Import page moves the
sidebar's range to include it at once (not one import later), and says so; a range without runs
says where they are, and its button shows them. At phone width (390 px) the sidebar closes after a
page is picked in it. Screenshots under test-artifacts/browser/range/ at 1400 px and 390 px."""

from __future__ import annotations

import time

import pytest
from browser_helpers import ARTIFACTS, errors, go, settle

from ingest.pipeline import ingest_paths

pytestmark = pytest.mark.browser

HEVY = "csv_strength/strongstats__sample_hevy.csv"  # strength sessions from Jul 2024 to Sep 2025
NEW_RUN = "fit_run/jimmykane__garmin-stamina.fit"  # one run on 2026-05-14 (INVENTORY.tsv)
OLD_RUN = "fit_run/gc__10kUNLP2014-Garmin15.fit"  # one run on 2014-10-11


def shot(p, name: str, width: int = 1400) -> None:
    folder = ARTIFACTS / "range"
    folder.mkdir(parents=True, exist_ok=True)
    height = p.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stMainBlockContainer]')]"
        ".map(e => e.scrollHeight), 800)"
    )
    p.set_viewport_size({"width": width, "height": min(int(height) + 40, 8000)})
    frames_then_idle(p)  # the same width: the charts keep their size
    # A sidebar still sliding shut is drawn as it ends (CSS transitions fast-forwarded).
    p.screenshot(path=str(folder / f"{name}.png"), animations="disabled")
    p.set_viewport_size({"width": width, "height": 1000 if width > 500 else 844})


def frames_then_idle(p) -> None:
    p.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    settle(p)


# Every chart drawn at its box's width: Plotly redraws a chart some time after the window is resized.
_CHARTS_FIT = """() => [...document.querySelectorAll('.js-plotly-plot')].every(
  g => g._fullLayout && Math.abs(g._fullLayout.width - g.getBoundingClientRect().width) < 2)"""


def collapsed(sidebar, want: str, seconds: float = 3.0) -> str | None:
    """The sidebar's data-collapsed once it reads `want`, or after `seconds` (its slide ends)."""
    end = time.monotonic() + seconds
    while (state := sidebar.get_attribute("data-collapsed")) != want and time.monotonic() < end:
        time.sleep(0.05)
    return state


def sidebar_range(p) -> tuple[str, ...]:
    """The sidebar's range as ISO dates (start, end)."""
    inputs = p.get_by_test_id("stSidebar").get_by_test_id("stDateInput").locator("input[type='date']")
    inputs.first.wait_for(state="attached")
    return tuple(inputs.nth(i).input_value() for i in range(inputs.count()))


@pytest.fixture()
def strength_db(tmp_path, realdata):
    from store.db import connect

    path = tmp_path / "hevy.duckdb"
    con = connect(path)
    ingest_paths(con, [realdata / HEVY, realdata / OLD_RUN], tmp_path / "seed-raw")
    con.close()
    return path


@pytest.mark.realdata
def test_an_import_moves_the_range_at_once_and_a_range_without_runs_shows_them(
    browser, page, server_factory, strength_db, realdata
):
    server = server_factory(strength_db)
    page.goto(server.url)
    settle(page)
    main = page.get_by_test_id("stMain")
    # The default range ends at the latest strength session: no run in it, and the page says where.
    assert sidebar_range(page)[-1] == "2025-09-15", sidebar_range(page)
    main.get_by_text("Your runs are on 11 Oct 2014").wait_for()
    assert page.locator(".js-plotly-plot").count() == 0, "no empty weekly chart"
    assert not errors(page), errors(page)
    shot(page, "overview-no-run-in-range")

    go(page, server, "upload")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(realdata / NEW_RUN))
    page.get_by_text("tamina.fit").first.wait_for()  # the uploader shortens long names in the middle
    page.get_by_role("button", name="Import files").click()
    page.get_by_text("1 activity (1 run) added").first.wait_for(timeout=120_000)
    settle(page)
    # One import, and the sidebar already shows a range that includes the new run, and says so.
    assert sidebar_range(page)[-1] == "2026-05-14", sidebar_range(page)
    note = page.get_by_test_id("stSidebar").get_by_text("The range moved to").inner_text()
    assert "14 May 2026" in note, note
    assert not errors(page), errors(page)
    shot(page, "upload-moved-the-range")

    page.locator("a[data-testid='stSidebarNavLink']").first.click()  # the Overview, the app's start
    settle(page)
    page.locator(".js-plotly-plot").first.wait_for()
    assert not errors(page), errors(page)
    shot(page, "overview-after-import")

    # A range holding no run: the Load page says so, and its button shows the runs.
    go(page, server, "upload")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(
        str(realdata / "fit_run" / "sportslib__garmin.fit")
    )
    page.get_by_text("garmin.fit").first.wait_for()
    page.get_by_role("button", name="Import files").click()
    page.get_by_text("added, on 18 Aug 2012").first.wait_for(timeout=120_000)
    settle(page)
    assert sidebar_range(page)[0] == "2012-08-18", sidebar_range(page)


def test_at_phone_width_the_sidebar_closes_after_navigation(browser, server_factory, demo_db):
    server = server_factory(demo_db)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    p = context.new_page()
    p.set_default_timeout(60_000)
    try:
        p.goto(server.url)
        settle(p)
        p.get_by_text("Open warnings").wait_for()
        shot(p, "overview-390", width=390)
        sidebar = p.get_by_test_id("stSidebar")
        if sidebar.get_attribute("data-collapsed") != "false":
            p.get_by_test_id("stExpandSidebarButton").click()
        assert collapsed(sidebar, "false") == "false"
        p.locator("a[data-testid='stSidebarNavLink'][href$='/load']").click()
        settle(p)
        assert collapsed(sidebar, "true") == "true", "the sidebar stays open over the page"
        p.get_by_role("heading", name="Load", exact=True).wait_for()
        assert not errors(p), errors(p)
        shot(p, "load-390", width=390)
        # The same pages at 1400 px, for the review of the charts (bands, legends, labels).
        p.set_viewport_size({"width": 1400, "height": 1000})
        p.wait_for_function(_CHARTS_FIT, polling=50)
        shot(p, "load-1400")
        p.goto(server.url)
        settle(p)
        p.get_by_text("Open warnings").wait_for()
        shot(p, "overview-1400")
    finally:
        context.close()
