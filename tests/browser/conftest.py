"""Real Chromium against a real `streamlit run`: Debian's /usr/bin/chromium driven by Playwright
(never a downloaded browser), the app on a free port with its own database and raw store."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import Server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from Debian; skipped when it is absent, unless REQUIRE_BROWSER=1."""
    if not CHROMIUM.exists():
        message = f"no browser at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and REQUIRE_BROWSER=1")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # launch() gives every run a fresh, temporary user-data dir.
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def server_factory(tmp_path) -> Iterator:
    started: list[Server] = []

    def start(db: Path | None = None) -> Server:
        path = tmp_path / f"app{len(started)}.duckdb"
        if db is not None:  # the server gets its own file: DuckDB lets one process write it
            shutil.copy(db, path)
            if db.with_name(db.name + ".wal").exists():
                shutil.copy(db.with_name(db.name + ".wal"), path.with_name(path.name + ".wal"))
        server = Server(path, tmp_path / "raw", tmp_path / f"streamlit{len(started)}.log")
        started.append(server)
        return server

    yield start
    for s in started:
        s.stop()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    p.set_default_timeout(60_000)
    yield p
    context.close()
