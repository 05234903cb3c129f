"""Real Chromium against a real `streamlit run`: Debian's /usr/bin/chromium driven by Playwright
(never a downloaded browser), the app on a free port with its own database and raw store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import Server


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
