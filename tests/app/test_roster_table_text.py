"""The roster table's text (ui.roster_table.table) on the test athletes' rows: words where the log
cannot give a number, never None, nan, 0.0 km or an internal word; sparklines only where the log
has that kind."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from athletes import only_athlete

from analysis import roster
from cli.compute import athlete_results
from ui import data
from ui import roster_table as rt

NAMES = ("old_runs", "strength_only", "newcomer", "injured_racing", "no_hr_miles", "demo")
FORBIDDEN = re.compile(r"\bNone\b|\bnan\b|\bNaT\b|(?<![\d.])0\.0 (km|mi)\b|\bhrtss\b|\w\.md\b")


@pytest.fixture(scope="module")
def rows(athlete_db):
    out = []
    for name in NAMES:
        # The app's own connection: app tests of this session may hold the file open (DuckDB
        # refuses a second connection of another configuration in one process).
        con = data.connection(str(athlete_db(name)))
        row = roster.roster_row(athlete_results(con, only_athlete(con), dt.date.today()))
        out.append({"name": name, **row})
    return roster.attention_order(out)


@pytest.mark.parametrize("u", ["km", "mi"])
def test_every_cell_is_words_or_a_number_never_a_missing_marker(rows, u):
    frame = rt.table(rows, u)
    assert list(frame[rt.ATHLETE]) == [r["name"] for r in rows]
    for col in frame.columns:
        if col in (rt.SPARK_DISTANCE, rt.SPARK_STRENGTH):
            continue
        for value in frame[col]:
            assert isinstance(value, str), (col, value)
            assert not FORBIDDEN.search(value), (col, value)
    text = frame.drop(columns=[rt.SPARK_DISTANCE, rt.SPARK_STRENGTH]).to_string()
    assert (" mi" in text) == (u == "mi") and (" km" in text) == (u == "km")


def test_missing_kinds_are_said_and_their_sparklines_blank(rows):
    frame = rt.table(rows, "km").set_index(rt.ATHLETE)
    assert frame.loc["strength_only", rt.WEEK] == rt.NO_RUN_LOGGED
    assert frame.loc["strength_only", rt.SPARK_DISTANCE] is None
    assert frame.loc["strength_only", rt.SPARK_STRENGTH]
    for name in ("old_runs", "newcomer"):
        assert frame.loc[name, rt.STRENGTH] == rt.NO_STRENGTH_LOGGED
        assert frame.loc[name, rt.SPARK_STRENGTH] is None
    # Runs in the log, none in the last weeks: said, and the bars are real zeros.
    assert frame.loc["old_runs", rt.WEEK] == "no run yet"
    assert frame.loc["old_runs", rt.SPARK_DISTANCE] == [0.0] * roster.SPARK_WEEKS
    assert "days ago" in frame.loc["old_runs", rt.LATEST]
    # As of a day in the past, the same gap is said against that day.
    past = rt.table(rows, "km", live=False).set_index(rt.ATHLETE)
    assert "days before (" in past.loc["old_runs", rt.LATEST] and "ago" not in past.loc["old_runs", rt.LATEST]
    # The newcomer's line starts with her log, not with zeros before it.
    assert 1 <= len(frame.loc["newcomer", rt.SPARK_DISTANCE]) < roster.SPARK_WEEKS


def test_the_table_keeps_the_attention_order(rows):
    frame = rt.table(rows, "km")
    names = list(frame[rt.ATHLETE])
    # injured_racing has a warning-level flag: ahead of every athlete without one.
    quiet = [r["name"] for r in rows if not r["open_warning"]]
    assert quiet and all(names.index("injured_racing") < names.index(n) for n in quiet)
    assert rt.warnings_text(rows[0]).split(",")[0].endswith(("warning", "warnings"))


def test_the_progress_bar_shows_only_when_the_roster_takes_time():
    drawn: list[tuple[float, str]] = []

    class Slot:
        def progress(self, value: float, text: str) -> None:
            drawn.append((value, text))

    rt.progress_in(Slot(), after_s=60)(1, 3)  # read back at once: no bar
    assert drawn == []
    slow = rt.progress_in(Slot(), after_s=0)
    slow(1, 3)
    slow(3, 3)  # the last one: the page clears the bar itself
    assert drawn == [(1 / 3, "Reading each athlete's log: 1 of 3 athletes")]
