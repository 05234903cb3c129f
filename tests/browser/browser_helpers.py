"""Helpers of the browser tests: the app server, waiting, screenshots, error boxes (a module of
its own name: `conftest` is ambiguous across folders)."""

from __future__ import annotations

import time
from pathlib import Path

from app_server import AppServer as Server

import config

ARTIFACTS = config.ROOT / "test-artifacts" / "browser"


def settle(p, quiet_checks: int = 4) -> None:
    """Wait until the app is idle: no running script, no spinner, for a few checks in a row."""
    quiet = 0
    end = time.monotonic() + 90
    while quiet < quiet_checks and time.monotonic() < end:
        time.sleep(0.4)
        busy = p.locator(
            "[data-testid='stStatusWidget'], [data-testid='stSpinner'], [data-testid='stSkeleton']"
        )
        quiet = quiet + 1 if busy.count() == 0 else 0


def screenshot(p, name: str) -> Path:
    """The whole page (Streamlit scrolls inside its main block: grow the viewport to fit it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = p.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stMainBlockContainer]')]"
        ".map(e => e.scrollHeight), 800)"
    )
    p.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 8000)})
    time.sleep(1.0)  # plotly redraws at the new size
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
