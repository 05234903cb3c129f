"""python -m analysis roster (and its other spelling, python -m cli roster) on a database of three
test athletes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import sys

import pytest

import config
from analysis import roster
from cli.compute import athlete_results
from store import athletes, connect

NAMES = ("old_runs", "strength_only", "injured_racing")


@pytest.fixture()
def db(athletes_db, tmp_path):
    # A copy: another test of this session may hold the file open (DuckDB locks it per process).
    path = tmp_path / "roster.duckdb"
    shutil.copy(athletes_db(*NAMES), path)
    return path


def cli(*args: str, spelling: str = "analysis") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", spelling, *args], capture_output=True, text=True, cwd=config.ROOT, timeout=600
    )


def test_roster_csv_one_row_per_athlete_in_attention_order(db, tmp_path):
    day = dt.date.today() - dt.timedelta(days=3)
    out = tmp_path / "out" / "roster.csv"
    done = cli("roster", "--db", str(db), "--out", str(out), "--today", day.isoformat())
    assert done.returncode == 0, done.stderr
    assert f"3 athletes as of {day:%d %b %Y}" in done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert list(rows[0]) == ["athlete_id", "name", *roster.COLUMNS]
    con = connect(db, read_only=True)
    try:
        listing = athletes.listing(con)
        expected = roster.attention_order(
            [
                {"name": n, **roster.roster_row(athlete_results(con, int(a), day))}
                for a, n in zip(listing["athlete_id"], listing["name"], strict=True)
            ]
        )
    finally:
        con.close()
    assert [r["name"] for r in rows] == [r["name"] for r in expected]
    by_name = {r["name"]: r for r in rows}
    # Missing is an empty cell, never 0; a sparkline's missing week is empty between its ';'.
    assert by_name["strength_only"]["week_distance_m"] == ""
    assert by_name["strength_only"]["spark_distance_m"] == ";" * (roster.SPARK_WEEKS - 1)
    assert by_name["old_runs"]["spark_distance_m"] == ";".join(["0"] * roster.SPARK_WEEKS)
    assert by_name["old_runs"]["strength_sessions"] == ""
    assert int(by_name["injured_racing"]["open_warning"]) >= 1
    assert int(by_name["old_runs"]["days_since_data"]) > 700


def test_roster_to_stdout_defaults_to_the_latest_data_day(db):
    done = cli("roster", "--db", str(db))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 3
    # The latest data day across the athletes: one of them has data on it.
    assert min(int(r["days_since_data"]) for r in rows) == 0
    # The other spelling is the same command.
    other = cli("roster", "--db", str(db), spelling="cli")
    assert (other.returncode, other.stdout) == (0, done.stdout), other.stderr


@pytest.mark.parametrize("spelling", ["analysis", "cli"])
def test_no_database_is_said(tmp_path, spelling):
    done = cli("roster", "--db", str(tmp_path / "none.duckdb"), spelling=spelling)
    assert done.returncode == 2 and "no database at" in done.stderr
    assert not (tmp_path / "none.duckdb").exists()


def test_a_database_without_athletes_is_named_in_the_error(tmp_path):
    empty = tmp_path / "empty.duckdb"
    connect(empty).close()  # the schema, no athlete
    done = cli("roster", "--db", str(empty))
    assert done.returncode == 2
    assert f"error: {empty} holds no athlete yet" in done.stderr
