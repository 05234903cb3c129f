"""A re-import looks offered files up a batch at a time (ingest.importer.LOOKUP_FILES): the number
of statements it runs does not grow with the files offered, its report still names each file, and
it changes nothing in the database. Archive members are looked up in batches too."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import duckdb
import fitbuild
import pytest
from athletes import only_athlete
from statements import Recording

from ingest import archives, importer
from ingest.pipeline import Importer, Offered, ingest_paths, ingest_uploads
from store import athletes, read, write

START = dt.datetime(2025, 3, 2, 6, 30, 0)


def runs(folder: Path, n: int, first_day: int = 0) -> Path:
    folder.mkdir()
    for i in range(first_day, first_day + n):
        (folder / f"run{i:03d}.fit").write_bytes(fitbuild.run(START + dt.timedelta(days=i)))
    return folder


def snapshot(con: duckdb.DuckDBPyConnection) -> dict:
    athlete = only_athlete(con)
    return {
        "counts": read.table_counts(con, athlete),
        "sources": read.sources(con, athlete).to_dict("list"),
        "meta": con.execute("SELECT * FROM meta ORDER BY ALL").fetchall(),  # the data versions too
    }


@pytest.fixture
def lookups(monkeypatch) -> list[int]:
    """How many files each lookup of the importer asked about; the one-file lookup must not be used."""
    asked: list[int] = []
    real = write.known_sources

    def counted(con, athlete, shas):
        shas = list(shas)
        asked.append(len(shas))
        return real(con, athlete, shas)

    def one_at_a_time(*_args, **_kwargs):
        raise AssertionError("a file looked up on its own")

    monkeypatch.setattr(write, "known_sources", counted)
    monkeypatch.setattr(write, "known_source", one_at_a_time)
    return asked


def test_a_re_import_runs_as_many_statements_for_30_files_as_for_6(tmp_path, db, raw_dir, monkeypatch):
    small, large = runs(tmp_path / "small", 6), runs(tmp_path / "large", 30, first_day=10)
    first = ingest_paths(db, [small, large], raw_dir, workers=1)
    assert {r.status for r in first} == {"ok"}
    before = snapshot(db)
    kept = sorted(p.name for p in raw_dir.rglob("*") if p.is_file())

    counted: dict[str, list[str]] = {}
    for name, folder in (("small", small), ("large", large)):
        counted[name] = []
        again = ingest_paths(Recording(db, counted[name]), [folder], raw_dir, workers=1)
        assert [r.status for r in again] == ["duplicate"] * len(list(folder.iterdir()))
        assert [r.file_name for r in again] == [str(p) for p in sorted(folder.iterdir())]
        assert all(r.message == "already imported (status ok): nothing changed" for r in again)
        by_sha = {r.sha256: r.source_id for r in first}
        assert all(r.source_id == by_sha[r.sha256] for r in again)
    assert len(counted["large"]) == len(counted["small"]) > 0, counted
    assert snapshot(db) == before  # nothing written, not even the athlete's data version
    assert sorted(p.name for p in raw_dir.rglob("*") if p.is_file()) == kept


def test_offered_files_are_looked_up_a_batch_at_a_time(tmp_path, db, raw_dir, monkeypatch, lookups):
    monkeypatch.setattr(importer, "LOOKUP_FILES", 8)
    folder = runs(tmp_path / "export", 20)
    first = ingest_paths(db, [folder], raw_dir, workers=1)
    assert lookups == [8, 8, 4] and {r.status for r in first} == {"ok"}
    lookups.clear()
    # Offered again with two new files among them: only those two are read and written.
    (folder / "run100.fit").write_bytes(fitbuild.run(START + dt.timedelta(days=100)))
    (folder / "run101.fit").write_bytes(fitbuild.run(START + dt.timedelta(days=101)))
    again = ingest_paths(db, [folder], raw_dir, workers=1)
    assert lookups == [8, 8, 6]
    assert [r.status for r in again] == ["duplicate"] * 20 + ["ok", "ok"]
    assert read.table_counts(db, only_athlete(db))["activities"] == 22


def test_a_file_that_failed_is_read_again_and_another_athletes_file_is_not_known(tmp_path, db, raw_dir):
    run = fitbuild.run(START)
    me = only_athlete(db)
    junk = b"this is not a training file"
    first = ingest_uploads(db, [("run.fit", run), ("junk.fit", junk)], raw_dir, workers=1)
    assert [r.status for r in first] == ["ok", "failed"]
    again = ingest_uploads(db, [("run.fit", run), ("junk.fit", junk)], raw_dir, workers=1)
    assert [r.status for r in again] == ["duplicate", "failed"]  # the failed one was tried again
    other = athletes.ensure(db, "Sam")
    theirs = ingest_uploads(db, [("run.fit", run)], raw_dir, workers=1, athlete=other)
    assert [r.status for r in theirs] == ["ok"]  # the same bytes, another athlete's: theirs too
    assert read.table_counts(db, me)["activities"] == read.table_counts(db, other)["activities"] == 1


def zip_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_newer_export_looks_its_members_up_a_batch_at_a_time(db, raw_dir, monkeypatch, lookups):
    monkeypatch.setattr(importer, "LOOKUP_FILES", 4)
    files = {f"activities/run{i}.fit": fitbuild.run(START + dt.timedelta(days=i)) for i in range(10)}
    first = ingest_uploads(db, [("export1.zip", zip_of(dict(list(files.items())[:6])))], raw_dir, workers=1)
    assert [r.status for r in first] == ["ok"] * 7 and first[-1].activities == 6
    lookups.clear()
    # The next export repeats the first six files and adds four.
    newer = ingest_uploads(db, [("export2.zip", zip_of(files))], raw_dir, workers=1)
    assert lookups == [1, 4, 4, 2]  # the archive itself, then its members four at a time
    assert [r.status for r in newer] == ["duplicate"] * 6 + ["ok"] * 4 + ["ok"]
    assert (
        newer[0].message == "already imported as export1.zip/activities/run0.fit (status ok): nothing changed"
    )
    assert newer[-1].activities == 4 and "10 files inside; 6 duplicate, 4 ok" in newer[-1].message
    assert read.table_counts(db, only_athlete(db))["activities"] == 10


def test_an_archive_that_stops_in_the_middle_of_a_batch_keeps_the_members_read_before(db, raw_dir):
    """The archive's budget runs out at its fourth member, inside the first batch: the three
    before it are still imported, and the archive's line says so."""
    runs = [fitbuild.run(START + dt.timedelta(days=i)) for i in range(3)]
    limits = archives.Limits(total_bytes=sum(map(len, runs)) + 500_000, member_bytes=1_000_000)
    members = {
        **{f"run{i}.fit": r for i, r in enumerate(runs)},
        "big.fit": bytes(990_000),
        "more.fit": runs[0],
    }
    results = Importer(db, raw_dir, limits).run([Offered("export.zip", data=zip_of(members))], workers=1)
    assert [r.file_name for r in results] == [f"export.zip/run{i}.fit" for i in range(3)] + ["export.zip"]
    assert [r.status for r in results] == ["ok", "ok", "ok", "partial"]
    assert "more than" in results[-1].message and "3 files before it were imported" in results[-1].message
    assert read.table_counts(db, only_athlete(db))["activities"] == 3
