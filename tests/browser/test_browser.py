"""The dashboard in a real browser: a real FIT uploaded through the Import page shows in Activities
and in the weekly chart; the sidebar's units switch applies to the charts, and a deep link opens its
page (every page of every test athlete: test_browser_athletes.py)."""

from __future__ import annotations

import pytest
from browser_helpers import errors, go, screenshot, settle

pytestmark = pytest.mark.browser

# One real run from the corpus: 4.92 km on 2019-02-16 (INVENTORY.tsv), heart rate and distance.
FIT = "fit_run/gc__3386684871.fit"


@pytest.mark.realdata
def test_a_fit_uploaded_in_the_browser_shows_in_activities_and_the_weekly_chart(
    browser, page, server_factory, realdata
):
    server = server_factory()  # an empty database
    page.goto(server.url)
    page.get_by_text("No training yet").first.wait_for(timeout=60_000)  # the app has run once
    go(page, server, "upload")
    page.get_by_role("heading", name="Import your training").wait_for(timeout=60_000)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(realdata / FIT))
    page.get_by_text("gc__3386684871.fit").first.wait_for()
    page.get_by_role("button", name="Import files").click()
    page.get_by_text("1 file: 1 activity (1 run) added").first.wait_for(timeout=90_000)
    settle(page)
    assert not errors(page), errors(page)
    screenshot(page, "upload-done")

    go(page, server, "activities")
    main = page.get_by_test_id("stMain")
    main.get_by_text("1 session in the range").wait_for()
    detail = main.inner_text()
    assert "Feb 2019" in detail and "4.92 km" in detail, detail[:500]
    assert not errors(page), errors(page)
    screenshot(page, "upload-activities")

    go(page, server, "load")
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for()
    assert chart.locator(".barlayer .point").count() >= 1, "the week of the upload has a bar"
    assert not errors(page), errors(page)
    screenshot(page, "upload-load")


def test_the_units_switch_and_a_deep_link_on_the_demo_athlete(browser, page, server_factory, demo_db):
    server = server_factory(demo_db)
    page.goto(server.url)
    settle(page)
    page.get_by_text("Open warnings").wait_for()
    # The sidebar's units switch applies everywhere (and is saved).
    page.get_by_test_id("stSidebar").get_by_text("mi · lb").click()
    settle(page)
    go(page, server, "load")
    assert page.locator(".js-plotly-plot").first.locator(".ytitle").first.text_content() == "mi"
    # A deep link on a fresh session lands on its page, with the sidebar.
    page.goto(f"{server.url}/strength")
    settle(page)
    assert page.get_by_role("heading", name="Strength", exact=True).count() == 1
    assert page.get_by_test_id("stSidebar").get_by_text("Date range").count() == 1
