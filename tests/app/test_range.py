"""The range follows the data: the default range ends at the latest data of any kind, a range
without runs says where the runs are (with a button that shows them) instead of drawing empty
charts or zeros, and an import moves the range to include what came in."""

from __future__ import annotations

import datetime as dt

import pytest
from app_helpers import open_app

from ingest.pipeline import ingest_paths

# Runs from 2012-2018 from several watches (INVENTORY.tsv), then a Hevy log of 2024-2025: the
# default range (ending at the latest strength session) holds no run.
OLD_RUNS = (
    "sportslib__garmin.fit",
    "sportstracker__Garmin_Forerunner_910XT-Running.fit",
    "fitparse__2013-02-06-12-11-14.fit",
    "gc__10kUNLP2014-Garmin15.fit",
    "sportstracker__Garmin_Fenix2_running_with_hrm.fit",
    "gc__HRV-Data.fit",
    "sportslib__2067489619.fit",
    "jimmykane__running-with-developer-data.fit",
)
HEVY = "csv_strength/strongstats__sample_hevy.csv"
ZERO_WORDS = ("0.0 km", "0:00", "-0.0", "none in the log", "None", "nan", "NaT", "e-1")


@pytest.fixture(scope="module")
def no_run_db(tmp_path_factory, realdata):
    from store.db import connect

    path = tmp_path_factory.mktemp("norun") / "norun.duckdb"
    con = connect(path)
    results = ingest_paths(
        con, [realdata / "fit_run" / n for n in OLD_RUNS] + [realdata / HEVY], path.parent / "raw"
    )
    con.close()
    assert not [r.message for r in results if r.status == "failed"]
    return path


def page_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in at.metric] + [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def no_errors(at) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.realdata
def test_the_default_range_ends_at_the_latest_data_and_says_where_the_runs_are(no_run_db, use_db):
    use_db(no_run_db)
    at = open_app()
    no_errors(at)
    start, end = at.session_state["date_range"]
    assert end.year == 2025 and (end - start).days <= 26 * 7
    text = page_text(at)
    assert "No run in the 9 weeks" in text and "Your runs are from 18 Aug 2012 to 14 Jun 2018" in text, text
    for word in ZERO_WORDS:
        assert word not in text, (word, text)
    assert not at.get("plotly_chart"), "no empty weekly chart"
    assert "Latest spike:** none in this range" in text
    # The button moves the range to the runs.
    next(b for b in at.button if b.label == "Show the runs").click().run()
    no_errors(at)
    # (AppTest reruns the page alone, without app.py's sidebar: the range is read from its widget.)
    assert at.session_state["date_range_input"] == (dt.date(2017, 12, 14), dt.date(2018, 6, 14))
    at = open_app(span=at.session_state["date_range_input"])
    no_errors(at)
    assert at.get("plotly_chart"), "the weekly chart of the runs"


@pytest.mark.realdata
def test_load_without_runs_in_the_range_says_so(no_run_db, use_db):
    use_db(no_run_db)
    at = open_app("pages/load.py")
    no_errors(at)
    text = page_text(at)
    assert "Your runs are from 18 Aug 2012 to 14 Jun 2018" in text, text
    assert not at.get("plotly_chart")
    for word in ZERO_WORDS:
        assert word not in text, (word, text)


def test_after_an_import_the_range_ends_at_the_latest_data_and_includes_what_came_in():
    from ui.filters import default_range, range_after_import, runs_range

    today = dt.date(2026, 12, 7)
    first, last = dt.date(2012, 8, 18), dt.date(2025, 9, 15)
    assert default_range(first, last, today) == (dt.date(2025, 3, 17), last)
    # New runs of 2026-05 after a strength log ending 2025-09: the range ends at them.
    assert range_after_import(first, dt.date(2026, 5, 14), (dt.date(2026, 5, 14),) * 2, today) == (
        dt.date(2025, 11, 13),
        dt.date(2026, 5, 14),
    )
    # Old runs: the range widens back to include them.
    assert range_after_import(first, last, (first, dt.date(2018, 6, 14)), today) == (first, last)
    # Data a week old: the range runs up to today.
    assert range_after_import(first, dt.date(2026, 12, 1), None, today)[1] == today
    assert runs_range(dt.date(2018, 1, 1), dt.date(2018, 6, 14)) == (
        dt.date(2018, 1, 1),
        dt.date(2018, 6, 14),
    )
