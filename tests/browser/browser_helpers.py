"""Helpers of the browser tests: the app server, waiting, screenshots, error boxes (a module of
its own name: `conftest` is ambiguous across folders)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from app_server import AppServer as Server
from page_wait import idle

import config

ARTIFACTS = config.ROOT / "test-artifacts" / "browser"


def settle(p) -> None:
    """Wait until the app is idle (page_wait.idle)."""
    idle(p)


def screenshot(p, name: str) -> Path:
    """The whole page (Streamlit scrolls inside its main block: grow the viewport to fit it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = p.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stMainBlockContainer]')]"
        ".map(e => e.scrollHeight), 800)"
    )
    p.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 8000)})
    # Charts take the width of their column, which a taller viewport does not change (headless
    # Chromium draws no scrollbar); wait for two frames and for any spinner to go all the same.
    p.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    idle(p, quiet_ms=0)
    path = ARTIFACTS / f"{name}.png"
    p.screenshot(path=str(path))
    p.set_viewport_size({"width": 1400, "height": 1000})
    return path


def go(p, server: Server, name: str) -> None:
    """Open a page by its sidebar link (a real click, as a runner would)."""
    p.locator(f"a[data-testid='stSidebarNavLink'][href$='/{name}']").click()
    settle(p)


def errors(p) -> list[str]:
    boxes = p.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    return [boxes.nth(i).inner_text()[:300] for i in range(boxes.count())]


# What AppTest's text scan also forbids, checked here on the text the browser really shows.
FORBIDDEN = re.compile(r"\b(None|nan|NaN|NaT)\b|\w\.md\b|\bseeds? \d")
ROW_PX = 35  # the data grid's default row height (and its header's)


# Text Streamlit would cut at the right edge with an ellipsis: a page link's label (a warning that
# links to its page) and a metric's delta (a card's comparison). ui.page.WRAP_CSS lets them wrap.
_CUT_JS = """() => [...document.querySelectorAll(
  "[data-testid=stMain] a[data-testid=stPageLink-NavLink] span, [data-testid=stMain] [data-testid=stMetricDelta] p")]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
  .map(e => "cut off: " + e.innerText.slice(0, 80))"""


def cut_off(p) -> list[str]:
    """The page links and metric deltas in the main area whose text does not fit its box."""
    return p.evaluate(_CUT_JS)


def problems(p) -> list[str]:
    """The error boxes on the page, any forbidden word in the main area's text, and any label cut
    off at the right edge."""
    text = p.get_by_test_id("stMain").inner_text()
    return errors(p) + [m.group(0) for m in FORBIDDEN.finditer(text)] + cut_off(p)


def click_row(p, i: int) -> None:
    """Select row i of the first table by its row marker (the grid draws on a canvas)."""
    grid = p.get_by_test_id("stDataFrame").first
    box = grid.bounding_box()
    assert box is not None
    p.mouse.click(box["x"] + 12, box["y"] + ROW_PX * (i + 1) + ROW_PX / 2)
    settle(p)


def set_kinds(p, keep: list[str]) -> None:
    """Set the Activities page's Show filter to `keep`: remove the other tags, add the missing ones."""
    show = p.get_by_test_id("stMultiSelect").first
    for kind in keep:
        if not show.locator(f"button[aria-label='Remove {kind}']:visible").count():
            show.click()
            p.get_by_role("option", name=kind, exact=True).click()
            p.keyboard.press("Escape")
            settle(p)
    for kind in ("run", "strength", "other"):
        if kind in keep:
            continue
        remove = show.locator(f"button[aria-label='Remove {kind}']:visible")
        if remove.count():
            remove.click()
            settle(p)


def set_range_start(p, start: dt.date, heading: str = "Activities") -> None:
    """Type a new first day into the sidebar's range (year, month, day fields), then leave it by a
    click on the page's heading."""
    side = p.get_by_test_id("stSidebar")
    for part, value in (("year", f"{start:%Y}"), ("month", f"{start:%m}"), ("day", f"{start:%d}")):
        side.get_by_role("spinbutton", name=f"{part}, Date range start date").click()
        p.keyboard.type(value)
    p.keyboard.press("Escape")
    p.get_by_test_id("stMain").get_by_role("heading", name=heading).click()
    settle(p)
