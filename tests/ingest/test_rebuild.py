"""`python -m ingest --rebuild`: the database again from data/raw, with identical counts, the
runner's own rows carried over, the old file kept as .bak."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import fitbuild
import pytest
from athletes import only_athlete

from ingest.__main__ import main
from ingest.pipeline import ingest_uploads
from store import edits, read, settings_write
from store.db import connect

START = dt.datetime(2025, 3, 2, 6, 30)
STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
    '2025-03-03 18:00:00,"Lower",40m,"Squat (Barbell)",1,60,5,0,0,\n'
    '2025-03-03 18:00:00,"Lower",40m,"Eccentric Heel Drop",1,10,15,0,0,\n'
)
GARMIN = (
    "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR\n"
    'Running,2025-03-02 07:30:10,false,"Sunday run","10.00","700","00:50:00","140","160"\n'
)


def _files() -> list[tuple[str, bytes]]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("week/run2.fit", fitbuild.run(START + dt.timedelta(days=2), 8000.0))
        z.writestr("week/strong.csv", STRONG)  # the same workout as below: merged
    settings = {"format": "runstrong-settings", "version": 1, "settings": {"hr_rest": 50}}
    return [
        ("Activities.csv", GARMIN.encode()),
        ("run.fit", fitbuild.run(START, 10000.0)),  # replaces the CSV's run
        ("strong.csv", STRONG.encode()),
        ("week.zip", buf.getvalue()),
        ("athlete.json", json.dumps(settings).encode()),
        ("broken.fit", fitbuild.run(START, 5000.0)[:-200]),
        (
            "injuries.csv",
            b"onset_date,end_date,body_area,severity,time_loss,medical_visit,note\n2025-04-01,,calf,minor,true,false,\n",
        ),
    ]


def _snapshot(con) -> dict:
    return {
        **read.table_counts(con, only_athlete(con)),
        "merges": len(read.merges(con, only_athlete(con))),
        "sources": read.sources(con, only_athlete(con))[["file_name", "status", "format", "message"]].to_dict(
            "records"
        ),
        "activities": read.activities(con, only_athlete(con))[
            ["activity_id", "sport", "name", "start_time_utc", "distance_m"]
        ].to_dict("records"),
        "regions": read.strength_sets(con, only_athlete(con))["region"].tolist(),
        "settings": read.settings(con, only_athlete(con)),
        "injuries": read.injuries(con, only_athlete(con))[["onset_date", "body_area", "note"]].to_dict(
            "records"
        ),
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_rebuild_gives_identical_counts_and_keeps_the_runners_own_rows(tmp_path, workers):
    db, raw = tmp_path / "runstrong.duckdb", tmp_path / "raw"
    con = connect(db)
    results = ingest_uploads(con, _files(), raw)
    status = {r.file_name: r.status for r in results}
    assert status["week.zip/week/strong.csv"] == "duplicate" and status["broken.fit"] in ("partial", "failed")
    assert next(r for r in results if r.file_name == "run.fit").replaced == 1
    # The runner's own rows, held by no file: an edited setting, a region, an injury typed in.
    settings_write.save_settings(con, only_athlete(con), {"hr_rest": 47, "units_distance": "mi"})
    edits.save_exercise_regions(con, only_athlete(con), {"eccentric heel drop": "lower"})
    edits.add_injury(
        con,
        only_athlete(con),
        {"onset_date": dt.date(2025, 5, 1), "body_area": "left knee", "note": "typed in"},
    )
    # And what they deleted: one run from the zip.
    acts = read.activities(con, only_athlete(con))
    run2 = int(acts.loc[acts["start_time_utc"] == START + dt.timedelta(days=2), "activity_id"].iloc[0])
    assert edits.delete_activity(con, only_athlete(con), run2) == 1
    before = _snapshot(con)
    assert START + dt.timedelta(days=2) not in {a["start_time_utc"] for a in before["activities"]}
    con.close()
    assert main(["--rebuild", "--db", str(db), "--raw", str(raw), "--workers", str(workers)]) in (0, 1)
    assert (tmp_path / "runstrong.duckdb.bak").exists()
    con = connect(db)
    try:
        after = _snapshot(con)
    finally:
        con.close()
    assert after == before
    assert after["settings"]["hr_rest"] == 47 and after["regions"].count("lower") == 2


def test_a_deleted_strength_session_stays_deleted_after_a_rebuild(tmp_path):
    db, raw = tmp_path / "runstrong.duckdb", tmp_path / "raw"
    con = connect(db)
    ingest_uploads(con, [("strong.csv", STRONG.encode())], raw)
    [session_id] = read.strength_sessions(con, only_athlete(con))["session_id"]
    assert edits.delete_strength_session(con, only_athlete(con), int(session_id)) == 1
    con.close()
    main(["--rebuild", "--db", str(db), "--raw", str(raw)])
    con = connect(db)
    try:
        assert read.table_counts(con, only_athlete(con))["strength_sessions"] == 0
        assert read.table_counts(con, only_athlete(con))["strength_sets"] == 0
    finally:
        con.close()


def test_rebuild_without_a_database_imports_the_whole_raw_store(tmp_path):
    db, raw = tmp_path / "runstrong.duckdb", tmp_path / "raw"
    con = connect(db)
    ingest_uploads(con, _files(), raw)
    before = read.table_counts(con, only_athlete(con))
    con.close()
    db.unlink()
    assert main(["--rebuild", "--db", str(db), "--raw", str(raw)]) in (0, 1)
    con = connect(db)
    try:
        after = read.table_counts(con, only_athlete(con))
    finally:
        con.close()
    # Without the old database the import order is the files' age: same files, same rows.
    assert after["sources"] == before["sources"] and after["strength_sessions"] == before["strength_sessions"]


def test_rebuild_refuses_paths(capsys):
    with pytest.raises(SystemExit):
        main(["--rebuild", "somefile.fit"])
