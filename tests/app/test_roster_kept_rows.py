"""The Roster's rows kept in the database (store.derived): a fresh start reads each athlete's row
back instead of computing it again, equal to the computed one; a write for one athlete recomputes
their row only; other code recomputes them all."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
import streamlit as st

from analysis import data_span, roster
from store import athletes, derived, read, settings_write
from ui import data

NAMES = ("old_runs", "strength_only")


@pytest.fixture()
def pair(athletes_db, use_db, tmp_path):
    path = tmp_path / "pair.duckdb"
    shutil.copy(athletes_db(*NAMES), path)  # this test writes
    use_db(path)
    st.cache_data.clear()
    yield path
    st.cache_data.clear()


def counted(monkeypatch) -> list[int]:
    """The athletes whose Results are computed from here on, in order."""
    calls: list[int] = []
    compute = data.computed

    def spy(c, athlete, today):
        calls.append(athlete)
        return compute(c, athlete, today)

    monkeypatch.setattr(data, "computed", spy)
    return calls


def texts(rows: list[dict]) -> list[str]:
    return [roster.to_json(r) for r in rows]


def test_a_fresh_start_reads_the_kept_rows_back(pair, monkeypatch):
    day = data.roster_reference(dt.date.today())
    calls = counted(monkeypatch)
    first = data.roster_rows(day)
    ids = sorted(int(a) for a in athletes.listing(data.con())["athlete_id"])
    assert sorted(calls) == ids
    kept = derived.stored(data.con(), ids, data.ROSTER_ROW)
    assert sorted(kept) == ids and all(day.isoformat() in key for key, _ in kept.values())

    st.cache_data.clear()  # as a new process: only the database is left
    calls.clear()
    again = data.roster_rows(day)
    assert calls == []
    assert texts(again) == texts(first)

    # Another day is another row.
    st.cache_data.clear()
    data.roster_rows(day - dt.timedelta(days=1))
    assert sorted(calls) == ids


def test_progress_is_told_after_each_athlete(pair):
    day = data.roster_reference(dt.date.today())
    told: list[tuple[int, int]] = []
    rows = data.roster_rows(day, lambda done, total: told.append((done, total)))
    assert told == [(k, len(rows)) for k in range(1, len(rows) + 1)] and len(rows) == len(NAMES)


def test_a_write_for_one_athlete_recomputes_their_row_only(pair, monkeypatch):
    day = data.roster_reference(dt.date.today())
    first = {r["name"]: r for r in data.roster_rows(day)}
    calls = counted(monkeypatch)
    who = athletes.by_name(data.con(), "strength_only")
    settings_write.save_settings(
        data.con(), who, {"strength_target_base": [4, 5], "strength_target_buildup": [4, 5]}
    )
    rows = {r["name"]: r for r in data.roster_rows(day)}
    assert calls == [who]
    assert rows["old_runs"] == first["old_runs"]
    assert rows["strength_only"]["strength_target_min"] != first["strength_only"]["strength_target_min"]


def test_rows_kept_by_other_code_are_computed_again(pair, monkeypatch):
    day = data.roster_reference(dt.date.today())
    data.roster_rows(day)
    st.cache_data.clear()
    calls = counted(monkeypatch)
    monkeypatch.setattr(data, "code_version", lambda: "an earlier Runstrong")
    data.roster_rows(day)
    assert len(calls) == len(NAMES)


def test_the_latest_data_day_of_every_athlete_in_one_read_agrees_with_each_log(pair):
    con = data.con()
    nobody = athletes.ensure(con, "Nobody yet")
    ids = [int(a) for a in athletes.listing(con)["athlete_id"]]
    last = read.last_data_days(con, ids)
    assert last[nobody] is None
    for a in ids:
        span = data_span(read.activities(con, a), read.strength_sessions(con, a))
        assert last[a] == (span["last"] if span else None), a
    assert [d for a, d in last.items() if a != nobody] and all(
        isinstance(d, dt.date) for a, d in last.items() if a != nobody
    )
