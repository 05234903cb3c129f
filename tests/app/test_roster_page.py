"""The Roster page through AppTest on a database of three test athletes: listed only with two or
more, one row per athlete in attention order, the reference date and its input, one unit for all."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from app_helpers import open_app

from analysis import roster
from cli.compute import athlete_results
from store import athletes
from ui import data
from ui import roster_table as rt
from ui.page import ROSTER

NAMES = ("old_runs", "strength_only", "injured_racing")
FORBIDDEN = re.compile(r"\bNone\b|\bnan\b|\bNaT\b|(?<![\d.])0\.0 (km|mi)\b|\w\.md\b|python -m")


def expected(path, today: dt.date | None = None) -> tuple[dt.date, list[str]]:
    """The reference date and the names in attention order, computed apart from the page (through
    the app's own connection: DuckDB refuses a second one to the file in this process)."""
    con = data.connection(str(path))
    listing = athletes.listing(con)
    ids = [int(a) for a in listing["athlete_id"]]
    if today is None:
        lasts = [roster.roster_row(athlete_results(con, a, dt.date.today()))["last_data"] for a in ids]
        today = roster.reference_date(lasts, dt.date.today())
    rows = [
        {"name": n, **roster.roster_row(athlete_results(con, a, today))}
        for a, n in zip(ids, listing["name"], strict=True)
    ]
    return today, [r["name"] for r in roster.attention_order(rows)]


def roster_page(at):
    at.switch_page(ROSTER).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def table(at):
    return at.dataframe[0].value


@pytest.fixture()
def three(athletes_db, use_db):
    return use_db(athletes_db(*NAMES))


def test_one_row_per_athlete_in_attention_order(three):
    at = roster_page(open_app())
    day, names = expected(three)
    assert at.date_input(key="roster_day").value == day
    frame = table(at)
    assert list(frame[rt.ATHLETE]) == names
    assert names[0] == "injured_racing"  # an open warning: first
    assert names.index("old_runs") < names.index("strength_only")  # more notes, and stale for years
    text = "\n".join(
        [c.value for c in at.caption]
        + [frame.drop(columns=[rt.SPARK_DISTANCE, rt.SPARK_STRENGTH]).to_string()]
    )
    assert not FORBIDDEN.search(text), FORBIDDEN.search(text)
    strength_only = frame.set_index(rt.ATHLETE).loc["strength_only"]
    assert strength_only[rt.WEEK] == rt.NO_RUN_LOGGED and strength_only[rt.SPARK_DISTANCE] is None
    assert "3 athletes as of" in at.caption[0].value and "distances in km" in at.caption[0].value


def test_the_date_input_reads_every_log_as_of_that_day(three):
    at = roster_page(open_app())
    frame = table(at).set_index(rt.ATHLETE)
    old = frame.loc["old_runs", rt.LATEST]
    last = dt.datetime.strptime(old[old.index("(") + 1 : -1], "%d %b %Y").date()
    at.date_input(key="roster_day").set_value(last).run()
    assert not at.exception, [e.value for e in at.exception]
    frame = table(at).set_index(rt.ATHLETE)
    # As of a day in the past, the latest data is said against that day, not today.
    assert frame.loc["old_runs", rt.LATEST].startswith("on the day (")
    assert frame.loc["strength_only", rt.LATEST] == rt.NO_DATA  # her log begins later
    assert list(table(at)[rt.ATHLETE]) == expected(three, last)[1]


def test_one_unit_for_every_row(three):
    at = roster_page(open_app())
    at.radio(key="roster_units").set_value("mi").run()
    text = table(at).drop(columns=[rt.SPARK_DISTANCE, rt.SPARK_STRENGTH]).to_string()
    assert " mi" in text and " km" not in text
    assert "distances in mi" in at.caption[0].value


def test_the_roster_is_listed_only_with_two_athletes(athlete_db, use_db):
    use_db(athlete_db("newcomer"))
    at = open_app()
    with pytest.raises(ValueError, match="roster"):
        at.switch_page(ROSTER)
