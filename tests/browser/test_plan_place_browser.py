"""The Plan page in a real browser on the demo athlete: a week of planned runs (imported from the
plan template) is flagged for its missing strength, "Place my strength" is accepted, and the week
grid and the checks follow; the Strength page then shows the planned strength of the last build-up
beside the done one. Screenshots test-artifacts/browser/plan-*.png."""

from __future__ import annotations

import shutil
import sys

import pytest
from browser_helpers import go, idle, problems, screenshot

import config
from ingest.pipeline import ingest_uploads
from store.db import connect

sys.path.insert(0, str(config.ROOT / "tests" / "app"))
from test_plan_page import HEADER, RUNS_ONLY

pytestmark = pytest.mark.browser

# Strength planned three weeks before the Köln half marathon (4 Oct 2026), in the demo's past.
BUILD_UP = "".join(f"2026-09-{d},18:00,strength,,,40,lower,,\n" for d in (14, 16, 18))


def test_place_my_strength_in_the_browser(page, server_factory, demo_db, tmp_path):
    db = tmp_path / "plan.duckdb"
    shutil.copy(demo_db, db)
    con = connect(db)
    (r,) = ingest_uploads(
        con, [("plan.csv", (HEADER + RUNS_ONLY + BUILD_UP).encode())], tmp_path / "raw-plan"
    )
    con.close()
    assert r.status == "ok" and r.planned == 6, r.message
    server = server_factory(db)
    page.goto(server.url)
    idle(page)
    go(page, server, "plan")
    main = page.get_by_test_id("stMain")
    main.get_by_text("0 strength sessions this week").first.wait_for()
    idle(page)
    assert not problems(page), problems(page)
    screenshot(page, "plan-before")
    page.get_by_role("button", name="Place my strength").click()
    page.get_by_role("button", name="Add these to the plan").wait_for()
    idle(page)
    screenshot(page, "plan-proposed")
    page.get_by_role("button", name="Add these to the plan").click()
    main.get_by_text("added to the plan").first.wait_for()
    idle(page)
    text = main.inner_text()
    assert "0 strength sessions this week" not in text
    assert not problems(page), problems(page)
    screenshot(page, "plan-placed")
    go(page, server, "strength")
    main.get_by_text("planned against done").first.wait_for()
    idle(page)
    assert not problems(page), problems(page)
    screenshot(page, "plan-strength-verdict")
