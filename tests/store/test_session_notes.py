"""The runner's session RPE and note (Activities page): saved in the store, filling the session-RPE
load, bumping the data version, and kept through a re-import and a rebuild."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from athletes import only_athlete

from analysis.compute import compute_all
from analysis.settings import Settings
from ingest.__main__ import main
from ingest.pipeline import ingest_paths
from store import edits, read
from store.db import VERSION_STEP, connect, data_version

RUN = "fit_run/sportslib__6782987395.fit"
WATCH_STRENGTH = "fit_strength/jarkko__20474406937_ACTIVITY.fit"
HEVY = "csv_strength/strongstats__sample_hevy.csv"


def _loads(con):
    r = compute_all(
        read.activities(con, only_athlete(con)),
        read.hr_seconds(con, only_athlete(con)),
        read.laps(con, only_athlete(con)),
        read.strength_sessions(con, only_athlete(con)),
        read.strength_sets(con, only_athlete(con)),
        read.injuries(con, only_athlete(con)),
        Settings(),
        dt.date(2026, 12, 1),
    )
    return r.loads.set_index("activity_id"), r.strength_sessions


@pytest.mark.realdata
def test_rpe_and_note_fill_the_session_rpe_load_and_survive_reimport_and_rebuild(tmp_path, realdata):
    db, raw = tmp_path / "runstrong.duckdb", tmp_path / "raw"
    files = [realdata / RUN, realdata / WATCH_STRENGTH, realdata / HEVY]
    con = connect(db)
    ingest_paths(con, files, raw)
    acts = read.activities(con, only_athlete(con))
    run = int(acts.loc[acts["sport"] == "running", "activity_id"].iloc[0])
    lifted = int(acts.loc[acts["sport"] != "running", "activity_id"].iloc[0])
    app = read.strength_sessions(con, only_athlete(con)).query("activity_id.isna()").iloc[0]
    loads, _ = _loads(con)
    assert pd.isna(loads.loc[run, "srpe"])  # no RPE in the file: no session RPE load

    v0 = data_version(con)
    assert edits.save_session_note(con, only_athlete(con), 6.5, "  windy, heavy legs  ", activity_id=run) == 1
    assert data_version(con) == v0 + VERSION_STEP  # every page's cache sees it
    edits.save_session_note(
        con, only_athlete(con), 8, "box jumps", activity_id=lifted
    )  # and its linked session
    edits.save_session_note(con, only_athlete(con), 4, None, session_id=int(app["session_id"]))
    edits.save_session_note(
        con, only_athlete(con), 7, "first try", activity_id=run
    )  # a second edit replaces the first

    def check(c) -> None:
        a = read.activities(c, only_athlete(c)).set_index(["sport", "start_time_utc"])
        loads, sessions = _loads(c)
        by_start = loads.reset_index().set_index(["sport", "start_time_utc"])
        key = a.index[a["note"].notna() & (a.index.get_level_values(0) == "running")][0]
        assert a.loc[key, "rpe"] == 7 and a.loc[key, "note"] == "first try"
        assert by_start.loc[key, "srpe"] == pytest.approx(7 * by_start.loc[key, "moving_s"] / 60)
        assert (a["note"] == "box jumps").sum() == 1
        watch = sessions[sessions["activity_id"].notna()].iloc[0]
        assert watch["rpe"] == 8
        own = sessions[
            (sessions["name"] == app["name"]) & (sessions["local_date"] == app["local_date"])
        ].iloc[0]
        assert own["rpe"] == 4 and own["srpe"] == pytest.approx(4 * own["duration_s"] / 60)
        assert len(read.activities(c, only_athlete(c))) == 2  # a note never doubles a row

    check(con)
    ingest_paths(con, files, raw)  # offered again: nothing changes, the notes stay
    check(con)
    con.close()
    assert main(["--rebuild", "--db", str(db), "--raw", str(raw)]) == 0
    con = connect(db)
    try:
        check(con)
        assert (
            len(read.export_tables(con, only_athlete(con))["session_notes"]) == 4
        )  # run, watch, its session, app
    finally:
        con.close()


@pytest.mark.realdata
def test_clearing_removes_the_note_and_bad_rpe_is_refused(db, realdata, raw_dir):
    ingest_paths(db, [realdata / RUN], raw_dir)
    run = int(read.activities(db, only_athlete(db))["activity_id"].iloc[0])
    edits.save_session_note(db, only_athlete(db), 5, "easy", activity_id=run)
    edits.save_session_note(db, only_athlete(db), None, "   ", activity_id=run)
    one = read.activities(db, only_athlete(db)).iloc[0]
    assert pd.isna(one["rpe"]) and pd.isna(one["note"])
    with pytest.raises(ValueError, match="0-10"):
        edits.save_session_note(db, only_athlete(db), 11, None, activity_id=run)
    assert edits.save_session_note(db, only_athlete(db), 5, None, activity_id=run + 999) == 0
