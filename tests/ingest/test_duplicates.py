"""Duplicates across sources (docs/formats.md): same sport, starts within 60 s, distances
within 5 % are one activity; the richer source wins, both are remembered, the merge is visible."""

from __future__ import annotations

import datetime as dt

import fitbuild
import pytest
from athletes import only_athlete

from ingest.pipeline import ingest_uploads
from store import read

START_UTC = dt.datetime(2025, 3, 2, 6, 30, 0)  # 07:30 in Berlin (offset +3600)
GARMIN = "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR\n"
STRAVA = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Perceived Exertion\n"


def garmin_csv(local: dt.datetime, km: float, title: str = "Sunday run", sport: str = "Running") -> bytes:
    return (
        GARMIN
        + f'{sport},{local:%Y-%m-%d %H:%M:%S},false,"{title}","{km:.2f}","700","00:50:00","140","160"\n'
    ).encode()


def strava_csv(utc: dt.datetime, km: float, rpe: int, name: str = "Long and easy") -> bytes:
    return (STRAVA + f'1,"{utc:%b %d, %Y, %I:%M:%S %p}",{name},Run,3000,{km:.2f},{rpe}\n').encode()


def test_a_fit_after_the_csv_of_the_same_run_replaces_it_and_keeps_the_name(db, raw_dir):
    (csv,) = ingest_uploads(
        db, [("Activities.csv", garmin_csv(dt.datetime(2025, 3, 2, 7, 30, 20), 10.02))], raw_dir
    )
    assert csv.activities == 1
    csv_id = int(read.activities(db, only_athlete(db))["activity_id"].iloc[0])
    (fit,) = ingest_uploads(db, [("run.fit", fitbuild.run(START_UTC, 10000.0))], raw_dir)
    assert (fit.status, fit.activities, fit.replaced, fit.merged) == ("ok", 0, 1, 1)
    assert "Activities.csv" in fit.message
    acts = read.activities(db, only_athlete(db))
    assert len(acts) == 1
    act = acts.iloc[0]
    assert act["activity_id"] == csv_id  # the same activity, now from the FIT file
    assert act["name"] == "Sunday run" and act["local_time_basis"] == "local_timestamp"
    assert act["start_time_utc"] == START_UTC and act["n_records"] > 50
    merges = read.merges(db, only_athlete(db))
    assert list(merges["role"]) == ["superseded"] and merges["merged_file"].iloc[0] == "Activities.csv"
    assert merges["kept_file"].iloc[0] == "run.fit"


def test_a_csv_after_the_fit_is_a_duplicate_that_enriches_it(db, raw_dir):
    ingest_uploads(db, [("run.fit", fitbuild.run(START_UTC, 10000.0))], raw_dir)
    (csv,) = ingest_uploads(
        db, [("activities.csv", strava_csv(START_UTC + dt.timedelta(seconds=40), 10.3, 6))], raw_dir
    )
    assert csv.status == "duplicate" and csv.merged == 1 and csv.activities == 0
    assert "run.fit" in csv.message
    act = read.activities(db, only_athlete(db)).iloc[0]
    assert (act["rpe"], act["name"]) == (6, "Long and easy")
    assert len(read.activities(db, only_athlete(db))) == 1
    # The CSV file has its own sources row, marked duplicate.
    sources = read.sources(db, only_athlete(db)).set_index("file_name")
    assert sources.loc["activities.csv", "status"] == "duplicate"
    merges = read.merges(db, only_athlete(db))
    assert list(merges["role"]) == ["absorbed"] and merges["merged_file"].iloc[0] == "activities.csv"


@pytest.mark.parametrize(
    "csv_data",
    [
        strava_csv(START_UTC + dt.timedelta(seconds=61), 10.0, 5),  # starts 61 s apart
        strava_csv(START_UTC, 10.6, 5),  # 6 % longer
        garmin_csv(dt.datetime(2025, 3, 2, 7, 30, 0), 10.0, sport="Cycling"),  # another sport
    ],
)
def test_not_the_same_activity(db, raw_dir, csv_data):
    ingest_uploads(db, [("run.fit", fitbuild.run(START_UTC, 10000.0))], raw_dir)
    (csv,) = ingest_uploads(db, [("other.csv", csv_data)], raw_dir)
    assert csv.status == "ok" and csv.activities == 1 and csv.merged == 0
    assert len(read.activities(db, only_athlete(db))) == 2 and len(read.merges(db, only_athlete(db))) == 0


def test_two_fit_copies_of_one_run_keep_the_first(db, raw_dir):
    a = fitbuild.run(START_UTC, 10000.0)
    b = fitbuild.run(START_UTC + dt.timedelta(seconds=5), 10050.0)  # the same run, re-exported
    results = ingest_uploads(db, [("watch.fit", a), ("strava.fit", b)], raw_dir)
    assert [r.status for r in results] == ["ok", "duplicate"]
    assert read.activities(db, only_athlete(db))["source_id"].tolist() == [results[0].source_id]


STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
MON = '2025-03-03 18:00:00,"Lower",40m,"Squat (Barbell)",1,60,5,0,0,\n'
WED = '2025-03-05 18:10:00,"Upper",35m,"Push Up",1,0,15,0,0,\n'
FRI = '2025-03-07 18:05:00,"Lower",45m,"Romanian Deadlift (Barbell)",1,70,8,0,0,\n'


def test_a_later_export_of_the_same_app_adds_only_the_new_workouts(db, raw_dir):
    (first,) = ingest_uploads(db, [("strong.csv", (STRONG + MON + WED).encode())], raw_dir)
    (second,) = ingest_uploads(db, [("strong (1).csv", (STRONG + MON + WED + FRI).encode())], raw_dir)
    assert (first.strength_sessions, second.strength_sessions, second.merged) == (2, 1, 2)
    assert second.status == "ok"
    (third,) = ingest_uploads(db, [("strong (2).csv", (STRONG + WED + FRI).encode())], raw_dir)
    assert third.status == "duplicate" and third.strength_sessions == 0
    assert (
        len(read.strength_sessions(db, only_athlete(db))) == 3
        and len(read.strength_sets(db, only_athlete(db))) == 3
    )


INJURIES = "onset_date,end_date,body_area,severity,time_loss,medical_visit,note\n"


def test_an_updated_injury_log_fills_the_end_date_without_a_second_row(db, raw_dir):
    ingest_uploads(
        db,
        [("injuries.csv", (INJURIES + "2025-04-10,,left Achilles,moderate,true,false,sore\n").encode())],
        raw_dir,
    )
    (r,) = ingest_uploads(
        db,
        [
            (
                "injuries (1).csv",
                (
                    INJURIES + "2025-04-10,2025-04-24,Left Achilles,moderate,true,false,"
                    "sore\n2025-06-01,2025-06-03,right knee,niggle,false,false,\n"
                ).encode(),
            )
        ],
        raw_dir,
    )
    assert (r.injuries, r.merged) == (1, 1)
    injuries = read.injuries(db, only_athlete(db))
    assert len(injuries) == 2
    assert str(injuries["end_date"].iloc[0])[:10] == "2025-04-24"


def test_a_file_that_failed_before_is_read_again_and_replaces_its_failed_row(db, raw_dir):
    data = fitbuild.run(dt.datetime(2024, 5, 1, 7, 0), distance_m=8000.0)
    from ingest.pipeline import sha256_of
    from store import write

    # As if an older Runstrong had failed on these bytes: one failed row, no data.
    write.write_source(
        db,
        only_athlete(db),
        write.SourceRow("old.fit", sha256_of(data), None, "failed", "unknown format", len(data)),
    )
    [again] = ingest_uploads(db, [("old.fit", data)], raw_dir)
    assert again.status == "ok" and again.activities == 1
    sources = read.sources(db, only_athlete(db))
    assert list(sources["status"]) == ["ok"]  # the failed row gave way: still one row per file
    # A file that fails again still leaves exactly one row, with the new message.
    junk = b"this is not a training file"
    ingest_uploads(db, [("junk.fit", junk)], raw_dir)
    ingest_uploads(db, [("junk.fit", junk)], raw_dir)
    assert (read.sources(db, only_athlete(db))["file_name"] == "junk.fit").sum() == 1


def test_a_file_s_report_line_takes_each_count_by_name(db, raw_dir):
    """Every count the store reports has its field in the report line, copied by name."""
    from dataclasses import fields

    from ingest.importer import COUNTS, FileResult

    assert set(COUNTS) <= {f.name for f in fields(FileResult)}
    assert {"activities", "records", "merged", "replaced", "strength_sets"} <= set(COUNTS)
    (csv,) = ingest_uploads(
        db, [("Activities.csv", garmin_csv(dt.datetime(2025, 3, 2, 7, 30, 20), 10.02))], raw_dir
    )
    (fit,) = ingest_uploads(db, [("run.fit", fitbuild.run(START_UTC, 10000.0))], raw_dir)
    assert (csv.activities, csv.records, csv.merged, csv.replaced) == (1, 0, 0, 0)
    assert (fit.activities, fit.merged, fit.replaced, fit.strength_sessions) == (
        0,
        1,
        1,
        0,
    ) and fit.records > 50


def test_the_rules_are_ingest_s_and_the_store_writes_what_it_is_told(db):
    """The store merges only as the rules it is handed say: without them, both copies are written."""
    from ingest import duplicates
    from store import write

    fit = {
        "sport": "running",
        "start_time_utc": START_UTC,
        "start_time_local": START_UTC,
        "distance_m": 10000.0,
    }
    csv = {**fit, "start_time_utc": START_UTC + dt.timedelta(seconds=59), "distance_m": 10490.0}
    assert duplicates.same_activity(fit, csv)
    assert not duplicates.same_activity(fit, {**csv, "distance_m": 10600.0})
    assert not duplicates.same_activity(fit, {**csv, "start_time_utc": START_UTC + dt.timedelta(seconds=61)})
    wall = {**csv, "start_time_utc": START_UTC + dt.timedelta(hours=1), "local_time_basis": "csv_local"}
    assert duplicates.same_activity(fit, wall)  # a CSV's wall clock is compared on the wall clock
    assert duplicates.richness("fit") > duplicates.richness("gpx") > duplicates.richness("strava_csv")
    assert duplicates.richness("fit", "ok") > duplicates.richness("fit", "partial")
    for n, rules in enumerate((None, None, duplicates.RULES)):
        source = write.SourceRow(f"f{n}.csv", f"sha{n}", "garmin_csv", "ok", "", 1)
        act = {**fit, "local_date": START_UTC.date(), "local_time_basis": "local_timestamp"}
        write.write_source(db, only_athlete(db), source, [{"activity": act}], rules=rules)
    assert len(read.activities(db, only_athlete(db))) == 2 and len(read.merges(db, only_athlete(db))) == 1
