"""The laptop closed mid-import: the CLI killed with SIGKILL half-way through a large import. The
database opens afterwards, holds whole files only, and running the same import again completes
the rest, ending with exactly what a clean import gives."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from athletes import only_athlete
from reliability_checks import store_problems, table_digest

import config
from store import read
from store.db import connect

N_FILES = 120  # of the demo athlete's FIT files: ~8 s to import in one process


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    """A folder of the demo athlete's first FIT files (links: sample_logs/ is read in place)."""
    garmin = config.sample_logs_dir() / "garmin"
    picked = sorted(garmin.glob("*.fit"))[:N_FILES]
    assert len(picked) == N_FILES, f"the demo athlete is missing from {garmin} (run `python -m demo`)"
    folder = tmp_path_factory.mktemp("import") / "watch"
    folder.mkdir()
    for p in picked:
        (folder / p.name).symlink_to(p)
    return folder


def ingest_cli(db: Path, raw: Path, folder: Path, workers: int | None = None) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "ingest", "--db", str(db), "--raw", str(raw), "-q", str(folder)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    # A session of its own: SIGKILL then reaches exactly the processes this test started.
    return subprocess.Popen(
        cmd,
        cwd=config.ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def kept(raw: Path) -> int:
    return sum(1 for p in raw.glob("*/*") if ".tmp" not in p.name) if raw.exists() else 0


@pytest.fixture(scope="module")
def clean(files, tmp_path_factory) -> tuple[Path, Path, dict]:
    """The same import, never interrupted: (database, raw store, its content digest)."""
    where = tmp_path_factory.mktemp("clean")
    db, raw = where / "clean.duckdb", where / "raw"
    proc = ingest_cli(db, raw, files, workers=1)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    con = connect(db)
    digest = table_digest(con)
    con.close()
    assert digest["sources"][0] == N_FILES
    return db, raw, digest


def size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def kill_group(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def test_sigkill_half_way_loses_nothing_and_the_rerun_completes(files, clean, tmp_path):
    _, _, digest = clean
    # The import the runner starts: parsing in worker processes (the default for many files).
    db, raw = tmp_path / "killed.duckdb", tmp_path / "killed_raw"
    proc = ingest_cli(db, raw, files)
    # The raw store gets each file ahead of its write (at most 40 ahead: the workers' window and the
    # first files the writer parses itself, ingest.parallel): kill once it holds half.
    deadline = time.monotonic() + 300
    while kept(raw) < N_FILES // 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the import ended before it could be killed"
    kill_group(proc)

    con = connect(db)  # opens: DuckDB replays or drops the unfinished transaction
    done = read.table_counts(con, only_athlete(con))["sources"]
    assert 0 < done < N_FILES, done
    assert not store_problems(con)
    # Every file recorded is there whole: its activity, with all its records.
    missing = con.execute(
        "SELECT file_name FROM sources s WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.source_id = s.source_id)"
    ).fetchall()
    assert not missing
    con.close()

    proc = ingest_cli(db, raw, files)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert f"{N_FILES} files: {done} duplicate, {N_FILES - done} ok." in out
    con = connect(db)
    assert table_digest(con) == digest
    assert not store_problems(con)
    con.close()


def test_a_rebuild_killed_half_way_leaves_the_old_database_and_runs_again(clean, tmp_path):
    clean_db, raw, digest = clean
    db = tmp_path / "runstrong.duckdb"
    shutil.copy(clean_db, db)
    cmd = [sys.executable, "-m", "ingest", "--rebuild", "--db", str(db), "--raw", str(raw)]
    proc = subprocess.Popen(
        cmd,
        cwd=config.ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    # The new database is written beside the old one and swapped in at the end: kill it while it grows.
    new = [db.with_name(db.name + ".rebuild"), db.with_name(db.name + ".rebuild.wal")]
    deadline = time.monotonic() + 120
    while sum(map(size, new)) < 1_000_000 and proc.poll() is None:
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the rebuild ended before it could be killed"
    kill_group(proc)
    con = connect(db)
    assert table_digest(con) == digest  # the old database, untouched
    con.close()
    done = subprocess.run(cmd, cwd=config.ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    con = connect(db)
    assert table_digest(con) == digest and not store_problems(con)
    con.close()
