"""The weekly report in Chromium: opened from disk with every request off the file refused, it draws
its charts (plotly.js is in the file) and throws no error (a screenshot per athlete under
test-artifacts/browser/report-<athlete>.png for review); and the Overview's button downloads it."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from browser_helpers import ARTIFACTS, settle

from cli.report import main
from demo.athletes import injured_race_day

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "athlete, day",
    [
        ("demo", dt.date(2026, 3, 12)),
        ("injured_racing", injured_race_day(dt.date.today())),
    ],
)
def test_the_report_opens_offline_and_draws_its_charts(browser, athlete_db, tmp_path, athlete, day):
    # The command line is a process of its own: it opens the database read-only, which DuckDB refuses
    # to a process (this one) holding the same file open for writing since an earlier page test.
    db = tmp_path / "db.duckdb"
    shutil.copyfile(athlete_db(athlete), db)
    out = tmp_path / "report"
    assert main(["--db", str(db), "--week", day.isoformat(), "--out", str(out)]) == 0
    (path,) = out.glob("*.html")
    context = browser.new_context(viewport={"width": 1200, "height": 900}, offline=True)
    page = context.new_page()
    asked: list[str] = []
    errors: list[str] = []

    def refuse(route) -> None:
        asked.append(route.request.url)
        route.abort()

    page.route("http*://**", refuse)  # nothing may be fetched: the file is the whole report
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.locator("#fig-fitness .main-svg").first.wait_for(timeout=30_000)
    assert page.locator("#fig-weekly .main-svg").count() >= 1
    assert page.locator("#fig-fitness .bars .point").count() > 0  # the daily load bars are drawn
    assert not asked and not errors, (asked, errors)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{athlete}.png"), full_page=True)
    context.close()


def test_the_overview_download_gives_the_report(page, server_factory, demo_db, tmp_path):
    """The dashboard's button makes the file when clicked (on a thread of its own, away from the
    page's session): the report of the chosen week, as the command line writes it."""
    server = server_factory(demo_db)
    page.goto(server.url)
    settle(page)
    button = page.get_by_test_id("stDownloadButton").get_by_role("button", name="Download the report")
    with page.expect_download(timeout=60_000) as got:
        button.click()
    saved = tmp_path / got.value.suggested_filename
    got.value.save_as(saved)
    assert saved.name == "runstrong-week-2026-11-09-Me.html"
    text = saved.read_text(encoding="utf-8")
    assert "Me: the week from Mon 09 Nov 2026" in text and "Plotly.newPlot" in text
