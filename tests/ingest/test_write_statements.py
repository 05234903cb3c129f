"""What a fresh import asks of DuckDB per file (issue 15's third point: the store's write per file
halves). Each statement costs the one writer 0.2-1 ms whatever its size, so the count per file is
held here: a statement that creeps back into every file's write fails this, not only the benchmark."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import duckdb
import fitbuild
from athletes import only_athlete

from ingest.pipeline import ingest_paths
from store import athletes, read
from store import db as store_db

START = dt.datetime(2025, 3, 2, 6, 30, 0)


class Recording:
    """A DuckDB connection that records the statements run through it and its cursors."""

    def __init__(self, con: duckdb.DuckDBPyConnection, statements: list[str]) -> None:
        self._con, self.statements = con, statements

    def cursor(self) -> Recording:
        return Recording(self._con.cursor(), self.statements)

    def execute(self, sql: str, *args, **kwargs) -> Recording:
        self.statements.append(" ".join(sql.split()))
        # DuckDB finds a frame by its variable name in the calling Python frame: the writer's.
        _frame = sys._getframe(1).f_locals.get("_frame")
        self._con.execute(sql, *args, **kwargs)
        return self

    def __getattr__(self, name: str):
        return getattr(self._con, name)


def runs(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"run{i:03d}.fit").write_bytes(fitbuild.run(START + dt.timedelta(days=i)))
    return folder


#: The demo athlete's first runs, from its watch: laps, records, heart rate and pace, no strength.
DEMO_RUNS = sorted((Path(__file__).parents[2] / "sample_logs" / "garmin").glob("*.fit"))[:5]


def test_a_new_run_s_file_is_written_in_eight_statements(tmp_path, db, raw_dir):
    athletes.choose(db)  # the athlete "Me" is made by the first import: made here, it is not counted
    statements: list[str] = []
    results = ingest_paths(Recording(db, statements), DEMO_RUNS, raw_dir, workers=1)
    assert [r.status for r in results] == ["ok"] * 5
    written = [s for s in statements if s.startswith(("INSERT", "UPDATE", "DELETE", "SELECT a.activity_id"))]
    per_file = [s.split(" (")[0].split(" FROM")[0] for s in written[: len(written) // 5]]
    # the source row, the duplicate look, the activity, its four frames, the data version
    assert per_file == [
        "INSERT INTO sources",
        "SELECT a.activity_id",
        "INSERT INTO activities",
        "INSERT INTO laps",
        "INSERT INTO records",
        "INSERT INTO hr_seconds",
        "INSERT INTO pace_seconds",
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key IN",
    ], per_file
    assert len(written) == 5 * len(per_file)
    assert not any(s.startswith("DELETE") for s in statements)  # no failed attempt to clear


def test_an_import_writes_on_one_thread_and_gives_the_setting_back(tmp_path, db, raw_dir, monkeypatch):
    from store import write

    def threads() -> int:
        return int(db.execute("SELECT current_setting('threads')").fetchall()[0][0])

    db.execute("SET threads = 2")
    seen: list[int] = []
    real = write.write_source

    def watched(*args, **kwargs):
        seen.append(threads())
        return real(*args, **kwargs)

    monkeypatch.setattr(write, "write_source", watched)
    ingest_paths(db, [runs(tmp_path / "runs", 2)], raw_dir, workers=1)
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
