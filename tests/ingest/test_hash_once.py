"""Each offered file is hashed once and kept once: an archive on disk is hashed while it is copied
into the raw store, and the writer does not look up again the bytes it looked up when it made the
file's job, unless the same bytes were written since in the same import."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

import fitbuild
import pytest

from ingest.pipeline import ingest_paths, ingest_uploads
from ingest.rawstore import find_raw, keep_path
from store import write

START = dt.datetime(2025, 3, 2, 6, 30, 0)


def test_an_archive_on_disk_is_kept_under_its_hash_with_no_temporary_file_left(tmp_path, db, raw_dir):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("export/run.fit", fitbuild.run(START))
    path = tmp_path / "export.zip"
    path.write_bytes(buf.getvalue())
    sha = hashlib.sha256(buf.getvalue()).hexdigest()

    (member, archive) = ingest_paths(db, [path], raw_dir)
    assert (archive.sha256, archive.status, member.status) == (sha, "ok", "ok")
    kept = find_raw(raw_dir, sha)
    assert kept is not None and kept.read_bytes() == buf.getvalue() and kept.name == f"{sha}.zip"
    assert [p for p in raw_dir.rglob("*") if p.is_file()] == [kept]  # no .incoming.tmp left

    # Offered again: the copy already kept stays as it is, and no temporary file is left either.
    mtime = kept.stat().st_mtime_ns
    assert keep_path(raw_dir, path, "export.zip") == (sha, len(buf.getvalue()))
    assert kept.stat().st_mtime_ns == mtime
    assert [p for p in raw_dir.rglob("*") if p.is_file()] == [kept]


def test_without_keeping_an_archive_is_hashed_and_nothing_is_written(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(b"PK\x05\x06" + bytes(18) + b"x" * (3 << 20))  # more than one chunk
    raw = tmp_path / "raw"
    assert keep_path(raw, path, "a.zip", keep=False) == (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        path.stat().st_size,
    )
    assert not raw.exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_the_same_bytes_twice_in_one_import_are_written_once_then_a_duplicate(
    db, raw_dir, workers, monkeypatch
):
    """With workers the copy's job is made before the first is written: the writer looks its bytes
    up again and reports it, without trying to write it (the unique sha256 would refuse it)."""
    writes = []
    real = write.write_source
    monkeypatch.setattr(
        write,
        "write_source",
        lambda con, athlete, source, *a, **k: (
            writes.append(source.file_name) or real(con, athlete, source, *a, **k)
        ),
    )
    run, other = fitbuild.run(START), fitbuild.run(START + dt.timedelta(days=1))
    results = ingest_uploads(
        db, [("a.fit", run), ("b.fit", other), ("again.fit", run)], raw_dir, workers=workers
    )
    assert [r.status for r in results] == ["ok", "ok", "duplicate"]
    assert writes == ["a.fit", "b.fit"]
    assert results[2].message == "already imported as a.fit (status ok): nothing changed"
    assert results[2].source_id == results[0].source_id
    # No write was tried and rolled back for the copy: two rows, their ids one after the other.
    ids = [i for (i,) in db.execute("SELECT source_id FROM sources ORDER BY source_id").fetchall()]
    assert ids == [results[0].source_id, results[0].source_id + 1] == [r.source_id for r in results[:2]]
