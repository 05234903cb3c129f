"""The Roster page in Chromium, on a database of three test athletes: the table draws without an
error box, and a click on a row opens that athlete's Overview (screenshots roster.png and
roster-opened.png under test-artifacts/browser/)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from browser_helpers import click_row, idle, problems, screenshot

from analysis import roster
from cli.compute import athlete_results
from store import athletes, connect

pytestmark = pytest.mark.browser

NAMES = ("old_runs", "strength_only", "injured_racing")


def attention_names(path, tmp_path) -> list[str]:
    # Read from a copy: DuckDB refuses a read-only connection to a file an earlier page test of this
    # process opened for writing, and the server about to start needs the file itself.
    copy = tmp_path / "roster-copy.duckdb"
    shutil.copyfile(path, copy)
    con = connect(copy, read_only=True)
    try:
        listing = athletes.listing(con)
        ids = [int(a) for a in listing["athlete_id"]]
        lasts = [roster.roster_row(athlete_results(con, a, dt.date.today()))["last_data"] for a in ids]
        day = roster.reference_date(lasts, dt.date.today())
        rows = [
            {"name": n, **roster.roster_row(athlete_results(con, a, day))}
            for a, n in zip(ids, listing["name"], strict=True)
        ]
    finally:
        con.close()
    return [r["name"] for r in roster.attention_order(rows)]


def test_a_click_on_a_row_opens_that_athletes_overview(browser, page, server_factory, athletes_db, tmp_path):
    path = athletes_db(*NAMES)
    names = attention_names(path, tmp_path)
    server = server_factory(path)
    page.goto(server.url)
    idle(page)
    page.locator("a[data-testid='stSidebarNavLink'][href$='/roster']").click()
    page.wait_for_url("**/roster")
    idle(page)
    page.get_by_test_id("stDataFrame").first.wait_for()
    assert not problems(page), problems(page)
    screenshot(page, "roster")

    click_row(page, names.index("strength_only"))
    idle(page)
    main = page.get_by_test_id("stMain")
    main.get_by_role("heading", name="Overview").wait_for()
    # Her Overview: a log of strength sessions only.
    main.get_by_text("Your log holds no run yet", exact=False).first.wait_for()
    idle(page)
    assert not problems(page), problems(page)
    screenshot(page, "roster-opened")
