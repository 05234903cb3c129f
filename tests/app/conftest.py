"""The app tests' databases: the demo athlete (sample_logs/, imported once per session with the
real pipeline), a few real runs, and an empty one."""

from __future__ import annotations

from pathlib import Path

import pytest

import config
from ingest.pipeline import ingest_paths


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """sample_logs/ imported into a fresh database, once per session (the browser tests' fixture
    shares the folder): the same data `make run` shows."""
    from store.db import connect

    logs = config.sample_logs_dir()
    if not (logs / "athlete.json").exists():
        pytest.fail(f"the demo athlete is missing: {logs} (regenerate it with `python -m demo`)")
    folder = tmp_path_factory.getbasetemp() / "demo-athlete"
    path = folder / "demo.duckdb"
    if not (folder / "done").exists():
        folder.mkdir(exist_ok=True)
        con = connect(path)
        results = ingest_paths(con, [logs], folder / "raw", workers=2)
        con.close()
        failed = [r for r in results if r.status == "failed" and not r.file_name.endswith("README.md")]
        assert not failed, [(r.file_name, r.message) for r in failed]
        (folder / "done").touch()
    return path


@pytest.fixture()
def use_db(monkeypatch, tmp_path):
    """Point the app at a database file (and a throwaway raw store)."""

    def use(path: Path) -> Path:
        monkeypatch.setenv("RUNSTRONG_DB", str(path))
        monkeypatch.setenv("RUNSTRONG_RAW", str(tmp_path / "raw"))
        return path

    return use
