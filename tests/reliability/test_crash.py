"""The laptop closed mid-import: the CLI killed with SIGKILL half-way through a large import. The
database opens afterwards, holds whole files only, and running the same import again completes
the rest, ending with exactly what a clean import gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_checks import store_problems, table_digest

import config
from store import read
from store.db import connect

N_FILES = 150  # of the demo athlete's FIT files: ~10 s to import in one process


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
    return subprocess.Popen(cmd, cwd=config.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # fmt: skip


def kept(raw: Path) -> int:
    return sum(1 for p in raw.glob("*/*") if ".tmp" not in p.name) if raw.exists() else 0


def test_sigkill_half_way_loses_nothing_and_the_rerun_completes(files, tmp_path):
    clean_db, clean_raw = tmp_path / "clean.duckdb", tmp_path / "clean_raw"
    proc = ingest_cli(clean_db, clean_raw, files, workers=1)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    con = connect(clean_db)
    clean = table_digest(con)
    con.close()
    assert clean["sources"][0] == N_FILES

    # The import the runner starts: parsing in worker processes (the default for many files).
    db, raw = tmp_path / "killed.duckdb", tmp_path / "killed_raw"
    proc = ingest_cli(db, raw, files)
    # The raw store gets each file a few files ahead of its write: kill once it holds a third.
    deadline = time.monotonic() + 300
    while kept(raw) < N_FILES // 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the import ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    con = connect(db)  # opens: DuckDB replays or drops the unfinished transaction
    done = read.table_counts(con)["sources"]
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
    assert table_digest(con) == clean
    assert not store_problems(con)
    con.close()
