"""CSV wall-clock times are the athlete's wall clock (docs/formats.md): stored in UTC through
the athlete's time zone, the `timezone` setting, else the zone of their FIT files, else this
computer's."""

from __future__ import annotations

import datetime as dt

import fitbuild
import pandas as pd
from athletes import only_athlete

from analysis.settings import Settings
from ingest import localtime
from ingest.pipeline import ingest_uploads
from store import read
from store.settings_write import save_settings

RUNS = "date,time,sport,name,distance_km,duration_min,avg_hr,max_hr,ascent_m,rpe,race\n"
STRENGTH = (
    "date,time,session_name,exercise,set_type,reps,weight_kg,duration_s,rpe,session_rpe,session_minutes\n"
)


def runs_csv(*lines: str) -> bytes:
    return (RUNS + "".join(line + "\n" for line in lines)).encode()


def by_name(db) -> pd.DataFrame:
    return read.activities(db, only_athlete(db)).set_index("name")


def test_a_template_run_at_0832_in_berlin_is_stored_0732_or_0632_utc(db, raw_dir):
    save_settings(db, only_athlete(db), {"timezone": "Europe/Berlin"})
    data = runs_csv("2025-01-15,08:32,run,winter,10,50,,,,,", "2025-07-15,08:32,run,summer,10,50,,,,,")
    (res,) = ingest_uploads(db, [("runs.csv", data)], raw_dir)
    assert res.status == "ok" and res.activities == 2
    acts = by_name(db)
    assert acts.loc["winter", "start_time_utc"] == pd.Timestamp("2025-01-15 07:32")
    assert acts.loc["summer", "start_time_utc"] == pd.Timestamp("2025-07-15 06:32")
    assert acts.loc["winter", "start_time_local"] == pd.Timestamp("2025-01-15 08:32")
    assert acts.loc["summer", "start_time_local"] == pd.Timestamp("2025-07-15 08:32")
    assert list(acts["utc_offset_s"]) == [3600, 7200]
    assert acts["local_date"].astype(str).tolist() == ["2025-01-15", "2025-07-15"]
    # The same bytes again, and the same rows in another file: nothing new.
    before = read.table_counts(db, only_athlete(db))
    ingest_uploads(db, [("runs.csv", data), ("copy.csv", data + b"\n")], raw_dir)
    assert read.table_counts(db, only_athlete(db))["activities"] == before["activities"]


def test_without_a_setting_the_zone_of_the_fit_files_is_used(db, raw_dir):
    # A watch run in March at UTC+1 (the FIT file says so), then a CSV run on a summer morning:
    # the zone that gives +1 in March is Central European, which is +2 in July.
    ingest_uploads(db, [("run.fit", fitbuild.run(dt.datetime(2025, 3, 2, 6, 30), offset_s=3600))], raw_dir)
    assert localtime.athlete_zone(*read.zone_hints(db, only_athlete(db))) == ("Europe/Berlin", "fit files")
    ingest_uploads(db, [("runs.csv", runs_csv("2025-07-01,08:00,run,summer,8,40,,,,,"))], raw_dir)
    assert by_name(db).loc["summer", "start_time_utc"] == pd.Timestamp("2025-07-01 06:00")


def test_the_stored_utc_starts_do_not_depend_on_which_file_came_first(tmp_path, monkeypatch):
    # The CSV first: no watch file yet, so this computer's zone (UTC here) places it; the watch
    # file then tells the zone, and the CSV's rows are placed again.
    monkeypatch.setenv("TZ", "UTC")
    from store.db import connect

    fit = ("run.fit", fitbuild.run(dt.datetime(2025, 3, 2, 6, 30), offset_s=3600))
    csv = ("runs.csv", runs_csv("2025-07-01,08:00,run,summer,8,40,,,,,"))
    lift = ("strength.csv", (STRENGTH + "2025-07-04,18:15,Legs,Back Squat,working,5,100,,,7,45\n").encode())
    starts = []
    for n, order in enumerate(([fit, csv, lift], [csv, lift, fit])):
        con = connect(tmp_path / f"{n}.duckdb")
        for f in order:
            ingest_uploads(con, [f], tmp_path / "raw")
        acts, sessions = (
            read.activities(con, only_athlete(con)),
            read.strength_sessions(con, only_athlete(con)),
        )
        starts.append(
            (sorted(acts["start_time_utc"]), sorted(acts["utc_offset_s"]), list(sessions["start_time_utc"]))
        )
        con.close()
    assert starts[0] == starts[1]
    assert pd.Timestamp("2025-07-01 06:00") in starts[0][0]
    assert starts[0][2] == [pd.Timestamp("2025-07-04 16:15")]


def test_a_new_zone_setting_places_the_stored_wall_clocks_again(db, raw_dir):
    save_settings(db, only_athlete(db), {"timezone": "Europe/Berlin"})
    ingest_uploads(db, [("runs.csv", runs_csv("2025-07-15,08:32,run,summer,10,50,,,,,"))], raw_dir)
    save_settings(db, only_athlete(db), {"timezone": "America/New_York"})
    assert localtime.place_stored(db, only_athlete(db)) == 1
    act = by_name(db).loc["summer"]
    assert act["start_time_utc"] == pd.Timestamp("2025-07-15 12:32") and act["utc_offset_s"] == -4 * 3600
    assert act["start_time_local"] == pd.Timestamp("2025-07-15 08:32")
    assert localtime.place_stored(db, only_athlete(db)) == 0  # nothing moves twice


def test_a_csv_of_the_watch_run_matches_it_in_utc(db, raw_dir):
    # New York, winter: the watch starts at 11:30 UTC, the CSV says 06:30 on the wall clock.
    fit = fitbuild.run(dt.datetime(2025, 1, 12, 11, 30), offset_s=-5 * 3600)
    ingest_uploads(db, [("run.fit", fit)], raw_dir)
    (csv,) = ingest_uploads(
        db, [("runs.csv", runs_csv("2025-01-12,06:30:30,run,Sunday long,10,50,,,,6,"))], raw_dir
    )
    assert csv.status == "duplicate" and csv.merged == 1
    act = read.activities(db, only_athlete(db)).iloc[0]
    assert (
        act["name"] == "Sunday long" and act["rpe"] == 6 and len(read.activities(db, only_athlete(db))) == 1
    )


def test_app_strength_sessions_get_their_utc_start(db, raw_dir):
    save_settings(db, only_athlete(db), {"timezone": "America/New_York"})
    data = (
        STRENGTH
        + "2025-07-04,18:15,Legs,Back Squat,working,5,100,,,7,45\n"
        + "2025-07-05,,Core,Plank,working,,,60,,,\n"
    ).encode()
    (res,) = ingest_uploads(db, [("strength.csv", data)], raw_dir)
    assert res.status == "ok"
    s = read.strength_sessions(db, only_athlete(db)).set_index("name")
    assert s.loc["Legs", "start_time_utc"] == pd.Timestamp("2025-07-04 22:15")
    assert s.loc["Legs", "start_time_local"] == pd.Timestamp("2025-07-04 18:15")
    # A date without a time has neither: the day is all that is known.
    assert pd.isna(s.loc["Core", "start_time_utc"]) and pd.isna(s.loc["Core", "start_time_local"])


def test_zone_inference_and_fallbacks():
    new_york = [(dt.datetime(2025, 1, 10, 12), -5 * 3600), (dt.datetime(2025, 7, 10, 12), -4 * 3600)]
    assert localtime.zone_of_offsets(new_york) == "America/New_York"
    sydney = [(dt.datetime(2025, 1, 10), 11 * 3600), (dt.datetime(2025, 7, 10), 10 * 3600)]
    assert localtime.zone_of_offsets(sydney) == "Australia/Sydney"
    assert localtime.zone_of_offsets([]) is None
    zone, why = localtime.athlete_zone(None, [])
    assert why == "this computer" and localtime.zone_or_none(zone) is not None
    assert localtime.athlete_zone("Asia/Tokyo", new_york) == ("Asia/Tokyo", "setting")
    # A wall-clock time the spring change skips is read with the offset before it.
    utc, off = localtime.wall_to_utc(dt.datetime(2025, 3, 30, 2, 30), localtime.zone_or_none("Europe/Berlin"))
    assert (utc, off) == (dt.datetime(2025, 3, 30, 1, 30), 3600)


def test_the_setting_accepts_zone_names_only():
    assert Settings.from_dict({"timezone": " Europe/Berlin "}).timezone == "Europe/Berlin"
    assert Settings.from_dict({"timezone": ""}).timezone is None
    s, problems = Settings.from_dict_problems({"timezone": "Mars/Olympus"})
    assert s.timezone is None and problems and "Mars/Olympus" in problems[0]
