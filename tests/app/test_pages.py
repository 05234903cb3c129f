"""AppTest runs every page on a real database: the real-data corpus and an empty one."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import config
from ingest.pipeline import ingest_paths

APP = str(config.ROOT / "app.py")
PAGES = ["pages/overview.py", "pages/load.py"]


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    return at


@pytest.fixture()
def empty_db(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNSTRONG_DB", str(tmp_path / "empty.duckdb"))


@pytest.fixture(scope="module")
def run_db(tmp_path_factory, realdata):
    """Real runs from fit_run, imported with the real pipeline."""
    from store.db import connect

    path = tmp_path_factory.mktemp("app") / "runs.duckdb"
    con = connect(path)
    ingest_paths(con, [realdata / "fit_run" / n for n in (
        "sportslib__6782987395.fit", "sportslib__6860622783.fit", "sportslib__6909950168.fit",
        "sportslib__6916663933.fit", "gc__3386684871.fit")], path.parent / "raw")  # fmt: skip
    con.close()
    return path


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_an_empty_database(empty_db, page):
    at = run_page(page)
    assert not at.exception, at.exception
    assert not at.error
    assert any("import" in i.value.lower() or "upload" in i.value.lower() for i in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_real_runs(run_db, monkeypatch, page):
    monkeypatch.setenv("RUNSTRONG_DB", str(run_db))
    at = run_page(page)
    assert not at.exception, at.exception
    assert not at.error


def test_weekly_chart_shows_the_stored_weeks(run_db, monkeypatch):
    monkeypatch.setenv("RUNSTRONG_DB", str(run_db))
    at = run_page("pages/load.py")
    table = at.dataframe[0].value
    # The latest of the five runs (2020-03-14, 10.74 km) is in the week of 2020-03-09, alone.
    latest = table.iloc[0]
    assert str(latest["week starting"]) == "2020-03-09"
    assert latest["distance (km)"] == pytest.approx(10.7, abs=0.05)
    assert latest["runs"] == 1
