"""The app tests point the app at a database: the demo athlete (tests/conftest.py demo_db), a few
real runs, or an empty one."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture()
def use_db(monkeypatch, tmp_path):
    """Point the app at a database file (and a throwaway raw store)."""

    def use(path: Path) -> Path:
        monkeypatch.setenv("RUNSTRONG_DB", str(path))
        monkeypatch.setenv("RUNSTRONG_RAW", str(tmp_path / "raw"))
        return path

    return use
