"""`python -m ingest --rebuild` from the raw store gives the same rows (counts and per-table
content digests, surrogate ids aside) as the database it replaces; a database of another schema
version is refused with the advice to rebuild, and the rebuild then brings it up to date."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from athletes import only_athlete
from reliability_checks import store_problems, table_digest
from streamlit.testing.v1 import AppTest

import config
from ingest.pipeline import ingest_paths, ingest_uploads
from store import edits, settings_write
from store.db import SCHEMA_VERSION, SchemaOutdated, connect, schema_version

pytestmark = pytest.mark.realdata

FITS = [
    "fit_run/fitparse__garmin-fenix-5-run.fit",
    "fit_run/gc__10kUNLP2014-Garmin15.fit",
    "fit_strength/jarkko__20748058539_ACTIVITY.fit",
    "fit_other/muktihari__activity_multisport.fit",
    "fit_other/fitparse__Settings.fit",
    "fit_corrupt/fitparse__activity-filecrc.fit",
    "fit_corrupt/fitparse__activity-activity-filecrc.fit",
    "fit_corrupt/sportslib__empty-sessions.fit",
    "fit_other/gc__14582164182.fit.gz",
]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ingest", *args], cwd=config.ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.fixture()
def store(realdata, tmp_path) -> tuple[Path, Path]:
    """A store built the way a runner builds one: files, a folder, uploads, an archive, the same
    run twice (merged), and rows typed in the dashboard (settings, a region, an injury)."""
    db, raw = tmp_path / "runstrong.duckdb", tmp_path / "raw"
    con = connect(db)
    logs = config.sample_logs_dir()
    ingest_paths(con, [realdata / f for f in FITS] + [logs / "athlete.json", logs / "injuries.csv"], raw)
    ingest_paths(con, [realdata / "csv_strength" / "strongstats__sample_strong.csv"], raw)
    run = (realdata / FITS[0]).read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "export/run.fit.gz", gzip.compress((realdata / "fit_run" / "gc__3386684871.fit").read_bytes())
        )
        z.writestr("export/same_run_again.fit", run + b"")  # the same bytes inside an archive
        z.writestr(
            "export/runs.csv",
            "date,time,sport,name,distance_km,duration_min\n2024-03-01,07:00,run,Easy,8,45\n",
        )
    ingest_uploads(con, [("export.zip", buf.getvalue()), ("renamed.fit", run)], raw)
    settings_write.save_settings(con, only_athlete(con), {"hr_max": 191, "units_distance": "mi"})
    edits.save_exercise_regions(con, only_athlete(con), {"bent over row (barbell)": "upper"})
    edits.add_injury(
        con,
        only_athlete(con),
        {
            "onset_date": dt.date(2025, 1, 3),
            "body_area": "right calf",
            "severity": "minor",
            "note": "typed in the dashboard",
        },
    )
    assert not store_problems(con)
    con.close()
    return db, raw


def digest(db: Path) -> dict[str, tuple[int, int]]:
    con = connect(db)
    try:
        return table_digest(con)
    finally:
        con.close()


def test_rebuild_gives_the_same_rows(store):
    db, raw = store
    before = digest(db)
    assert before["activities"][0] >= 8 and before["merges"][0] >= 1 and before["strength_sets"][0] > 200
    done = cli("--rebuild", "--db", str(db), "--raw", str(raw))
    assert done.returncode in (0, 1), done.stderr  # 1: the files that failed before fail again
    assert "The previous database is kept as" in done.stdout
    after = digest(db)
    assert after == before, {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t)}
    assert db.with_name(db.name + ".bak").exists()


def test_another_schema_version_asks_for_a_rebuild_which_then_works(store, monkeypatch):
    db, raw = store
    before = digest(db)
    con = connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()

    with pytest.raises(SchemaOutdated, match="--rebuild"):
        connect(db)
    refused = cli("--db", str(db), "--raw", str(raw), str(config.sample_logs_dir() / "strong.csv"))
    assert refused.returncode == 2 and "python -m ingest --rebuild" in refused.stderr
    # The dashboard says the same instead of a traceback.
    monkeypatch.setenv("RUNSTRONG_DB", str(db))
    monkeypatch.setenv("RUNSTRONG_RAW", str(raw))
    at = AppTest.from_file(str(config.ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert any("--rebuild" in e.value for e in at.error)

    done = cli("--rebuild", "--db", str(db), "--raw", str(raw))
    assert done.returncode in (0, 1), done.stderr
    con = connect(db)
    assert schema_version(con) == SCHEMA_VERSION
    con.close()
    assert digest(db) == before
