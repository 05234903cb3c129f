"""The app tests' databases: the demo athlete (sample_logs/, imported once per session with the
real pipeline), a few real runs, and an empty one."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import config
from ingest.pipeline import ingest_paths

APP = str(config.ROOT / "app.py")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """sample_logs/ imported into a fresh database, once: the same data `make run` shows."""
    from store.db import connect

    logs = config.sample_logs_dir()
    if not (logs / "athlete.json").exists():
        pytest.fail(f"the demo athlete is missing: {logs} (regenerate it with `python -m demo`)")
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    con = connect(path)
    results = ingest_paths(con, [logs], path.parent / "raw", workers=2)
    con.close()
    failed = [r for r in results if r.status == "failed" and not r.file_name.endswith("README.md")]
    assert not failed, [(r.file_name, r.message) for r in failed]
    return path


@pytest.fixture()
def use_db(monkeypatch, tmp_path):
    """Point the app at a database file (and a throwaway raw store)."""

    def use(path: Path) -> Path:
        monkeypatch.setenv("RUNSTRONG_DB", str(path))
        monkeypatch.setenv("RUNSTRONG_RAW", str(tmp_path / "raw"))
        return path

    return use


def open_app(page: str = "pages/overview.py", span=None) -> AppTest:
    """Run the app with the sidebar's date range set to `span`, then switch to `page`.

    The range is set before the first run: with a pages/ folder, AppTest reruns a page on its own
    (without app.py's sidebar), so sidebar widgets cannot be changed after it."""
    at = AppTest.from_file(APP, default_timeout=180)
    if span is not None:
        at.session_state["date_range_input"] = span
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at
