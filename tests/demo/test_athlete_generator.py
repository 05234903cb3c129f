"""The test athletes (demo.athletes, tests/athletes.py): the same day gives the same files, and
each athlete, imported through the real pipeline, has the property it is named for."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path

import pandas as pd
import pytest
from athletes import only_athlete

from demo.athletes import ATHLETE_NAMES, athlete_files
from store import read
from store.db import connect

DAY = dt.date(2026, 12, 7)


def _open_copy(path: Path, tmp_path: Path):
    """A copy of the session's database: the app tests may hold the original open in this process."""
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    return connect(copy)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", ["strength_only", "no_hr_miles", "newcomer"])  # the quick ones
def test_the_same_day_gives_the_same_bytes_and_another_day_others(name):
    first = athlete_files(name, DAY)
    assert athlete_files(name, DAY) == first
    assert athlete_files(name, DAY + dt.timedelta(days=40)) != first, "recent dates follow the day given"


def test_every_athlete_has_a_builder_and_the_tests_know_every_name():
    from athletes import ATHLETES

    assert ATHLETES == (*ATHLETE_NAMES, "corpus", "demo")
    with pytest.raises(KeyError):
        athlete_files("nobody", DAY)


def test_the_fixture_imported_the_generators_files(athlete_db):
    """The session's files are the generator's for today (ten_years, the largest, stands for all)."""
    path = athlete_db("ten_years")
    written = _tree(path.parent / "files")
    assert written == athlete_files("ten_years", dt.date.today())
    assert sum(len(b) for b in written.values()) < 2_000_000, "small files keep the suite fast"


def _runs(con) -> pd.DataFrame:
    acts = read.activities(con, only_athlete(con))
    runs = acts[acts["sport"] == "running"].copy()
    runs["day"] = pd.to_datetime(runs["local_date"]).dt.date
    return runs


def _days(frame: pd.DataFrame) -> list[dt.date]:
    return sorted(pd.to_datetime(frame["local_date"]).dt.date)


def test_old_runs_are_runs_only_all_older_than_two_years(athlete_db, tmp_path):
    con = _open_copy(athlete_db("old_runs"), tmp_path)
    acts, runs = read.activities(con, only_athlete(con)), _runs(con)
    assert len(runs) >= 20 and len(runs) == len(acts)
    assert max(runs["day"]) < dt.date.today() - dt.timedelta(days=2 * 366)
    assert (
        read.strength_sessions(con, only_athlete(con)).empty
        and read.injuries(con, only_athlete(con)).empty
        and not read.settings(con, only_athlete(con))
    )


def test_strength_only_has_hevy_sessions_and_no_activity(athlete_db, tmp_path):
    con = _open_copy(athlete_db("strength_only"), tmp_path)
    assert read.activities(con, only_athlete(con)).empty
    sessions = read.strength_sessions(con, only_athlete(con))
    assert len(sessions) >= 15 and set(sessions["app"]) == {"hevy"}
    assert max(_days(sessions)) >= dt.date.today() - dt.timedelta(days=7)
    assert not read.strength_sets(con, only_athlete(con)).empty


def test_no_hr_miles_has_gps_runs_without_heart_rate_in_miles_and_pounds(athlete_db, tmp_path):
    con = _open_copy(athlete_db("no_hr_miles"), tmp_path)
    runs = _runs(con)
    assert len(runs) >= 12 and runs["avg_hr"].isna().all() and runs["distance_m"].gt(3000).all()
    recs = con.execute(
        "SELECT count(*), count(heart_rate), count(lat_deg), count(speed_mps) FROM records"
    ).fetchone()
    assert recs[0] > 1000 and recs[1] == 0 and recs[2] == recs[0] and recs[3] == recs[0]
    assert read.hr_seconds(con, only_athlete(con)).empty
    settings = read.settings(con, only_athlete(con))
    assert (settings["units_distance"], settings["units_weight"]) == ("mi", "lb")
    assert max(runs["day"]) >= dt.date.today() - dt.timedelta(days=7)


def test_ten_years_spans_ten_years_with_a_two_year_gap_and_two_races_a_year(athlete_db, tmp_path):
    con = _open_copy(athlete_db("ten_years"), tmp_path)
    days = sorted(_runs(con)["day"])
    assert (days[-1] - days[0]).days >= 9.9 * 365
    gaps = [(b - a).days for a, b in itertools.pairwise(days)]
    assert max(gaps) >= 700 and sorted(gaps)[-2] <= 14, "one gap of two years, no other"
    races = read.settings(con, only_athlete(con))["races"]
    by_year = pd.Series([r["date"][:4] for r in races]).value_counts()
    assert len(by_year) >= 7 and set(by_year) == {2}
    run_days = set(days)
    assert all(dt.date.fromisoformat(r["date"]) in run_days for r in races), "each race was run"
    assert not read.strength_sessions(con, only_athlete(con)).empty


def test_the_newcomer_has_three_recent_runs_and_nothing_else(athlete_db, tmp_path):
    con = _open_copy(athlete_db("newcomer"), tmp_path)
    runs = _runs(con)
    assert len(runs) == len(read.activities(con, only_athlete(con))) == 3
    assert min(runs["day"]) >= dt.date.today() - dt.timedelta(days=10)
    assert (
        read.strength_sessions(con, only_athlete(con)).empty
        and read.injuries(con, only_athlete(con)).empty
        and not read.settings(con, only_athlete(con))
    )


def test_injured_racing_has_an_ongoing_time_loss_injury_since_a_race_six_days_ago(athlete_db, tmp_path):
    con = _open_copy(athlete_db("injured_racing"), tmp_path)
    today = dt.date.today()
    injuries = read.injuries(con, only_athlete(con))
    assert len(injuries) == 1
    injury = injuries.iloc[0]
    assert pd.isna(injury["end_date"]) and bool(injury["time_loss"]) and injury["severity"] == "moderate"
    (race,) = read.settings(con, only_athlete(con))["races"]
    race_day = dt.date.fromisoformat(race["date"])
    # Six days before the day it was built (seven if the session has crossed midnight since): the
    # ongoing injury has lasted 7 days, a counted injury.
    assert 6 <= (today - race_day).days <= 7
    runs = _runs(con)
    on_race_day = runs[runs["day"] == race_day]
    assert len(on_race_day) == 1 and on_race_day["distance_m"].iloc[0] == pytest.approx(21097.5, abs=150)
    assert max(runs["day"]) == race_day, "no run since the injury"
    assert pd.Timestamp(injury["onset_date"]).date() == race_day
    assert not read.strength_sessions(con, only_athlete(con)).empty


@pytest.mark.realdata
def test_the_corpus_athlete_has_old_runs_from_several_watches_then_app_strength(athlete_db, tmp_path):
    con = _open_copy(athlete_db("corpus"), tmp_path)
    runs = _runs(con)
    assert len(runs) >= 10 and {d.year for d in runs["day"]} <= set(range(2011, 2019))
    assert runs["device"].nunique() >= 5
    sessions = read.strength_sessions(con, only_athlete(con))
    assert {"hevy", "strong"} <= set(sessions["app"])
    assert min(_days(sessions)) > max(runs["day"]) and max(_days(sessions)).year >= 2025
