"""What a fresh import asks of DuckDB per file (issue 15's third point: the store's write per file
halves). Each statement costs the one writer 0.2-1 ms whatever its size, so the count per file is
held here: a statement that creeps back into every file's write fails this, not only the benchmark.
And what the statements saved must not lose: copies are still found (store.write.StartTimes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import fitbuild
import pandas as pd
from athletes import only_athlete
from statements import Recording

from ingest.importer import commit
from ingest.parse import prepare
from ingest.pipeline import ingest_paths, ingest_uploads
from store import athletes, edits, read, write
from store import db as store_db

START = dt.datetime(2025, 3, 2, 6, 30, 0)
#: The demo athlete's first runs, from its watch: laps, records, heart rate and pace, no strength.
DEMO_RUNS = sorted((Path(__file__).parents[2] / "sample_logs" / "garmin").glob("*.fit"))[:5]


def test_a_new_run_s_file_is_written_in_six_statements(db, raw_dir, monkeypatch):
    athletes.choose(db)  # the athlete "Me" is made by the first import: made here, it is not counted
    statements: list[str] = []
    per_file: list[list[str]] = []
    real = write.write_source

    def recorded(*args, **kwargs):
        first = len(statements)
        try:
            return real(*args, **kwargs)
        finally:
            per_file.append([s.split(" (")[0] for s in statements[first:]])

    monkeypatch.setattr(write, "write_source", recorded)
    results = ingest_paths(Recording(db, statements), DEMO_RUNS, raw_dir, workers=1)
    assert [r.status for r in results] == ["ok"] * 5
    # The source row, the activity, its four frames (BEGIN and COMMIT are the cursor's own calls).
    # No look for stored copies (none starts near), no failed attempt's row to clear, and no write
    # counter moved: the new source id moves the data version (store.db.VERSION_STEP).
    assert (
        per_file
        == [
            [
                "INSERT INTO sources",
                "INSERT INTO activities",
                "INSERT INTO laps",
                "INSERT INTO records",
                "INSERT INTO hr_seconds",
                "INSERT INTO pace_seconds",
            ]
        ]
        * 5
    ), per_file


def test_a_copy_written_earlier_in_the_same_import_is_found(db, raw_dir):
    fit = fitbuild.run(START, 10000.0)
    copy = fitbuild.run(START + dt.timedelta(seconds=20), 10050.0)  # the same run, other bytes
    results = ingest_uploads(db, [("watch.fit", fit), ("phone.fit", copy)], raw_dir)
    assert [(r.status, r.merged) for r in results] == [("ok", 0), ("duplicate", 1)]
    assert len(read.activities(db, only_athlete(db))) == 1


def test_a_copy_another_session_wrote_during_an_import_is_found(db, raw_dir):
    """The import read the athlete's start times before the other session's write: it must ask."""
    athlete = athletes.choose(db)
    times = write.StartTimes(db, athlete)
    other = prepare("other.fit", fitbuild.run(START, 10000.0))
    commit(db, athlete, other)  # another session's write, not through this import's start times
    assert not times.current()
    mine = prepare("mine.fit", fitbuild.run(START + dt.timedelta(seconds=20), 10050.0))
    result = commit(db, athlete, mine, start_times=times)
    assert (result.status, result.merged) == ("duplicate", 1)
    assert len(read.activities(db, athlete)) == 1
    assert times.current()  # read again after the write: this import's count again


def test_an_import_writes_on_one_thread_and_gives_the_setting_back(tmp_path, db, raw_dir, monkeypatch):
    def threads() -> int:
        return int(db.execute("SELECT current_setting('threads')").fetchall()[0][0])

    db.execute("SET threads = 2")
    seen: list[int] = []
    real = write.write_source

    def watched(*args, **kwargs):
        seen.append(threads())
        return real(*args, **kwargs)

    monkeypatch.setattr(write, "write_source", watched)
    ingest_paths(db, DEMO_RUNS[:2], raw_dir, workers=1)
    assert seen == [1, 1]
    assert threads() == 2
    assert len(read.sources(db, only_athlete(db))) == 2


def test_one_thread_nests_and_the_last_one_out_restores(db):
    def threads() -> int:
        return int(db.execute("SELECT current_setting('threads')").fetchall()[0][0])

    db.execute("SET threads = 2")
    with store_db.one_thread(db):
        with store_db.one_thread(db.cursor()):  # another session's import, same database
            assert threads() == 1
        assert threads() == 1  # the first import still runs
    assert threads() == 2


def test_a_start_time_of_another_kind_leaves_the_look_to_duckdb(db):
    times = write.StartTimes(db, athletes.choose(db))
    assert times.none_near(START, None, 60.0)  # nothing stored yet
    assert times.none_near(pd.Timestamp(START), pd.Timestamp(START), 60.0)
    assert not times.none_near(START.replace(tzinfo=dt.UTC), None, 60.0)  # not known here: ask
    assert not times.none_near(pd.Timestamp(START, tz="UTC"), None, 60.0)


def test_an_imported_file_moves_its_athletes_version_and_no_counter(tmp_path):
    """An import's file moves no write counter (store.db.VERSION_STEP): its new source id moves the
    versions, its athlete's only; a re-import moves nothing; and a later edit never brings back a
    version seen before."""
    con = store_db.connect(tmp_path / "versions.duckdb")
    a, b = athletes.ensure(con, "Ann"), athletes.ensure(con, "Bob")
    seen = [(store_db.data_version(con), store_db.athlete_versions(con, [a, b]))]
    counter = store_db.write_count(con)
    fit = fitbuild.run(START, 10000.0)
    assert [r.status for r in ingest_uploads(con, [("run.fit", fit)], tmp_path / "raw", athlete=a)] == ["ok"]
    version, mine = store_db.data_version(con), store_db.athlete_versions(con, [a, b])
    assert store_db.write_count(con) == counter  # no UPDATE of meta in the file's write
    assert version != seen[0][0] and mine[a] != seen[0][1][a] and mine[b] == seen[0][1][b]
    again = ingest_uploads(con, [("run.fit", fit)], tmp_path / "raw", athlete=a)
    assert [r.status for r in again] == ["duplicate"]
    assert (store_db.data_version(con), store_db.athlete_versions(con, [a, b])) == (version, mine)
    seen.append((version, mine))
    activity = int(read.activities(con, a)["activity_id"].iloc[0])
    assert edits.delete_activity(con, a, activity) == 1
    assert store_db.data_version(con) not in {v for v, _ in seen}
    assert store_db.athlete_versions(con, [a])[a] not in {m[a] for _, m in seen}
    con.close()
