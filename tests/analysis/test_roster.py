"""The roster row (analysis.roster) on the test athletes, read through the real pipeline and store,
and the attention order."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from athletes import only_athlete

from analysis import latest_spike, open_warnings, this_week_vs_last_four
from analysis.roster import (
    COLUMNS,
    SPARK_WEEKS,
    attention_order,
    flat,
    from_json,
    reference_date,
    roster_row,
    to_json,
)
from cli.compute import athlete_results
from ui import data


def results_of(path, today: dt.date | None = None):
    # The process's one connection to the file (the app's cached one): DuckDB refuses a read-only
    # second connection to a file an earlier page test of this process opened for writing.
    con = data.connection(str(path))
    return athlete_results(con, only_athlete(con), today or dt.date.today())


@pytest.fixture(scope="module")
def rows(athlete_db):
    names = ("old_runs", "strength_only", "newcomer", "injured_racing", "no_hr_miles")
    return {n: roster_row(results_of(athlete_db(n))) for n in names}


def test_every_row_has_the_columns_and_twelve_weeks(rows):
    for name, row in rows.items():
        assert list(row) == COLUMNS, name
        for key in ("spark_weeks", "spark_distance_m", "spark_strength"):
            assert len(row[key]) == SPARK_WEEKS, (name, key)
        weeks = row["spark_weeks"]
        assert all((b - a).days == 7 for a, b in itertools.pairwise(weeks)), name
        assert weeks[-1] <= dt.date.today() < weeks[-1] + dt.timedelta(days=7), name


def test_injured_racing_has_open_warnings_and_its_race_verdict(rows):
    row = rows["injured_racing"]
    assert row["open_warning"] >= 1 and row["first_warning"]
    # The half marathon six days ago: its build-up's verdict is shown after the race.
    assert row["verdict"] in ("kept", "partly kept", "not kept") and row["verdict_race"]
    assert row["strength_sessions"] is not None and row["week_distance_m"] is not None


def test_old_runs_is_stale_and_has_no_strength_count(rows):
    row = rows["old_runs"]
    assert row["days_since_data"] > 2 * 365
    assert row["last_data"] == dt.date.today() - dt.timedelta(days=row["days_since_data"])
    # Never a strength session logged: the count is missing, not 0.
    assert row["strength_sessions"] is None and row["strength_on_target"] is None
    assert row["spark_strength"] == [None] * SPARK_WEEKS
    # Runs in the log, none in the last weeks: real zeros.
    assert row["week_distance_m"] == 0.0 and row["spark_distance_m"] == [0.0] * SPARK_WEEKS


def test_strength_only_has_no_distance_not_zero(rows):
    row = rows["strength_only"]
    assert row["week_distance_m"] is None
    assert row["mean_distance_m"] is None and row["distance_change"] is None
    assert row["spark_distance_m"] == [None] * SPARK_WEEKS
    assert row["strength_sessions"] is not None
    assert any(n for n in row["spark_strength"] if n is not None)
    assert row["spike_category"] is None and row["days_since_data"] < 14


def test_newcomer_weeks_before_the_log_are_missing(rows):
    row = rows["newcomer"]
    known = [x for x in row["spark_distance_m"] if x is not None]
    assert 1 <= len(known) <= 3  # three runs in the last ten days: two or three weeks of log
    assert row["spark_distance_m"][: SPARK_WEEKS - len(known)] == [None] * (SPARK_WEEKS - len(known))
    assert row["mean_weeks"] < 4
    assert row["strength_sessions"] is None and row["verdict"] is None


def test_the_row_agrees_with_the_overview_functions(athlete_db):
    res = results_of(athlete_db("injured_racing"))
    row = roster_row(res)
    week = this_week_vs_last_four(res.weekly, res.today, res.settings.week_start)
    assert row["week_distance_m"] == week["distance_m"]
    assert row["mean_distance_m"] == week["prev4_mean_distance_m"]
    levels = [a["level"] for a in open_warnings(res)]
    assert (row["open_warning"], row["open_info"]) == (levels.count("warning"), levels.count("info"))
    spike = latest_spike(res.runs, res.today)
    assert row["spike_date"] == (spike["date"] if spike else None)


def test_a_reference_date_in_the_past_reads_the_log_as_of_that_day(athlete_db):
    # old_runs as of its own latest run: fresh, with running this week or the weeks before.
    stale = roster_row(results_of(athlete_db("old_runs")))
    then = roster_row(results_of(athlete_db("old_runs"), stale["last_data"]))
    assert then["days_since_data"] == 0 and then["last_data"] == stale["last_data"]
    assert then["mean_distance_m"] or then["week_distance_m"]


def test_attention_order_warnings_first_by_level_then_stale_data():
    def row(name, warning=0, info=0, days=None):
        return {"name": name, "open_warning": warning, "open_info": info, "days_since_data": days}

    rows = [
        row("fresh", days=1),
        row("stale", days=40),
        row("note", info=1, days=2),
        row("two", warning=2, days=0),
        row("one", warning=1, info=3, days=0),
        row("empty"),
    ]
    assert [r["name"] for r in attention_order(rows)] == ["two", "one", "note", "empty", "stale", "fresh"]


def test_demo_in_her_marathon_build_up_and_before_it(athlete_db):
    res = results_of(athlete_db("demo"), dt.date(2026, 3, 15))
    row = roster_row(res)
    assert row["phase"] == "build-up"
    assert (row["race"], row["race_day"]) == ("Hamburg Marathon", dt.date(2026, 4, 19))
    assert row["verdict_race"] == "Hamburg Marathon" and row["verdict_in_progress"] is True
    verdict = res.verdicts.set_index("name").loc["Hamburg Marathon", "verdict"]
    assert row["verdict"] == verdict
    assert row["strength_target_min"] == res.settings.strength_target_buildup[0]
    spike = latest_spike(res.runs, res.today)
    assert (row["spike_category"], row["spike_date"]) == (spike["spike_category"], spike["date"])
    # Before the build-up: the base phase, and the next race of her settings.
    before = roster_row(results_of(athlete_db("demo"), dt.date(2025, 9, 1)))
    assert before["phase"] == "base" and before["verdict"] is None
    assert (before["race"], before["race_day"]) == ("Hamburg Marathon", dt.date(2026, 4, 19))


def test_the_reference_date_is_the_latest_data_day_at_most_today():
    today = dt.date(2026, 12, 7)
    assert reference_date([dt.date(2026, 12, 3), None, dt.date(2024, 1, 1)], today) == dt.date(2026, 12, 3)
    assert reference_date([dt.date(2027, 1, 1), dt.date(2026, 11, 1)], today) == today  # a day ahead
    assert reference_date([None, None], today) == today and reference_date([], today) == today


def test_a_csv_row_keeps_missing_weeks_empty():
    row = {
        "name": "A",
        "week_distance_m": None,
        "spark_distance_m": [None, 0.0, 1500.5],
        "spark_strength": [2, None],
    }
    assert flat(row) == {
        "name": "A",
        "week_distance_m": None,
        "spark_distance_m": ";0;1500.5",
        "spark_strength": "2;",
    }


def test_a_row_kept_as_json_reads_back_equal_in_value_and_type(rows):
    for name, row in rows.items():
        back = from_json(to_json(row))
        assert back == row, name
        for key, value in row.items():
            same = back[key]
            pairs = zip(value, same, strict=True) if isinstance(value, list) else [(value, same)]
            for a, b in pairs:
                # numpy scalars come back as the Python numbers they are
                kind = type(a.item()) if hasattr(a, "item") else type(a)
                assert type(b) is kind, (name, key, a, b)
