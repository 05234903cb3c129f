"""The strength workouts joined from the watch and an app, in a real browser: a watch strength FIT
and the Hevy log of the same workout are uploaded, listed as one workout with what came from each
file, and kept apart again. Screenshots under test-artifacts/browser/."""

from __future__ import annotations

import sys

import pytest
from browser_helpers import errors, go, screenshot, settle

import config

sys.path.insert(0, str(config.ROOT / "tests" / "ingest"))
from test_strength_merge import hevy, watch_fit

pytestmark = pytest.mark.browser


def test_a_joined_workout_is_listed_and_kept_apart_in_the_browser(browser, page, server_factory, tmp_path):
    (tmp_path / "strength.fit").write_bytes(watch_fit())
    (tmp_path / "workout_data.csv").write_bytes(hevy())
    server = server_factory()
    page.goto(server.url)
    page.get_by_text("No training yet").first.wait_for(timeout=60_000)
    go(page, server, "upload")
    page.get_by_role("heading", name="Import your training").wait_for(timeout=60_000)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(
        [str(tmp_path / "strength.fit"), str(tmp_path / "workout_data.csv")]
    )
    page.get_by_text("workout_data.csv").first.wait_for()
    page.get_by_role("button", name="Import files").click()
    joined = page.get_by_text("Strength workouts joined (1)")
    joined.wait_for(timeout=90_000)
    settle(page)
    joined.click()
    settle(page)
    text = page.get_by_test_id("stMain").inner_text()
    assert "Each pair counts as one session" in text
    assert not errors(page), errors(page)
    screenshot(page, "strength-merge-listed")
    page.get_by_test_id("stSelectbox").filter(has_text="Two different workouts?").locator("input").click()
    page.keyboard.type("Leg day")
    page.keyboard.press("Enter")
    settle(page)
    screenshot(page, "strength-merge-picked")
    page.get_by_role("button", name="Keep them apart").click()
    page.get_by_text("Kept apart: Tue 04 Mar 2025 18:00 Leg day").wait_for(timeout=60_000)
    settle(page)
    assert "Strength workouts joined" not in page.get_by_test_id("stMain").inner_text()
    assert not errors(page), errors(page)
    screenshot(page, "strength-merge-kept-apart")
