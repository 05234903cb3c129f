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


def _read_only(*args, **kwargs):
    raise AssertionError(
        "a shared page (shown_page) is read only: open_app your own to click, type or switch"
    )


@pytest.fixture(scope="session")
def shown_page(athlete_db, tmp_path_factory):
    """`shown_page(athlete, page, **radios) -> AppTest`: a page of a test athlete as the app first
    shows it (app_helpers.open_app: its default range, the real clock, nothing patched), then each
    radio of `radios` (by key) set to its value, run once per session and shared by every test that
    only reads what it shows: a page run costs a second or more, and several files check the same
    pages of the same athletes. A test that clicks, types or switches pages, or patches anything,
    opens its own app instead: what this returns must stay as shown."""
    from app_helpers import open_app

    cache: dict[tuple, object] = {}
    raw = tmp_path_factory.mktemp("shown-page-raw")

    def get(athlete: str, page: str, **radios: str):
        key = (athlete, page, *sorted(radios.items()))
        if key not in cache:
            with pytest.MonkeyPatch.context() as m:
                m.setenv("RUNSTRONG_DB", str(athlete_db(athlete)))
                m.setenv("RUNSTRONG_RAW", str(raw))
                at = open_app(page)
                for name, value in radios.items():
                    at.radio(key=name).set_value(value).run()
            at._run = at.run = at.switch_page = _read_only  # a widget's run() goes through _run
            cache[key] = at
        return cache[key]

    return get
