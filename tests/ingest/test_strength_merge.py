"""A watch strength session and the same workout logged in an app are one session (sets from the
app; heart rate, duration and calories from the watch), whichever file arrives first; the join is
recorded in `merges`, survives a re-import and a rebuild, and can be undone for good."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types

import fitbuild
import pandas as pd
import pytest
from athletes import only_athlete

from analysis.settings import Settings
from analysis.strength import strength_sessions_summary
from demo.exports import hevy_csv, strong_csv
from demo.fitstrength import encode_strength
from demo.model import StrengthSession as DemoSession
from demo.model import StrengthSet
from ingest import strength_merge
from ingest.fit import parse_fit
from ingest.pipeline import ingest_paths, ingest_uploads
from ingest.rebuild import rebuild
from store import edits, read, strength_join
from store.db import connect

START_UTC = dt.datetime(2025, 3, 4, 17, 0, 0)  # 18:00 in Berlin (fitbuild's offset +3600)
LOCAL = START_UTC + dt.timedelta(hours=1)
HEVY = (
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
    '"set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"\n'
)
STRONG = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE\n"
FITNOTES = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n"
TEMPLATE = "date,time,session_name,exercise,set_type,reps,weight_kg,session_rpe\n"


def watch_fit(start: dt.datetime = START_UTC, minutes: int = 45, sets: bool = True) -> bytes:
    squat = fitbuild.category("squat")
    done = (
        [
            {"start_s": 120 + 150 * i, "duration_s": 40, "category": squat, "reps": 8, "weight_kg": 60.0}
            for i in range(3)
        ]
        if sets
        else []
    )
    return fitbuild.activity(
        start, [{"sport": "training", "sub_sport": "strength_training", "duration_s": minutes * 60}], done
    )


def hevy(start: dt.datetime = LOCAL, minutes: int | None = 45, title: str = "Leg day") -> bytes:
    def t(x: dt.datetime) -> str:
        return f"{x.day} {x:%b %Y, %H:%M}"

    end = t(start + dt.timedelta(minutes=minutes)) if minutes else ""
    rows = [
        f'"{title}","{t(start)}","{end}","","Squat (Barbell)",,"",{i},"normal",80,5,,,8\n' for i in range(4)
    ]
    rows.append(f'"{title}","{t(start)}","{end}","","Plank",,"",4,"normal",,,,60,\n')
    return (HEVY + "".join(rows)).encode()


def strong(start: dt.datetime = LOCAL, duration: str | None = "45m") -> bytes:
    """A Strong export; without a duration, the older export that has no Duration column."""
    if duration is None:
        rows = [f'{start:%Y-%m-%d %H:%M:%S},"Legs","Squat (Barbell)",{i},80,5,0,0,\n' for i in (1, 2, 3)]
        return (STRONG.replace("Duration,", "") + "".join(rows)).encode()
    rows = [
        f'{start:%Y-%m-%d %H:%M:%S},"Legs",{duration},"Squat (Barbell)",{i},80,5,0,0,\n' for i in (1, 2, 3)
    ]
    return (STRONG + "".join(rows)).encode()


def fitnotes(day: dt.date) -> bytes:
    return (FITNOTES + "".join(f"{day},Barbell Squat,Legs,80.0,5,,,\n" for _ in range(3))).encode()


def template(day: dt.date, time: str = "") -> bytes:
    return (TEMPLATE + "".join(f"{day},{time},Gym,Squat,working,5,80,7\n" for _ in range(3))).encode()


def snapshot(con) -> tuple[list[tuple], list[tuple], int]:
    """What analysis reads, without the ids (which depend on the order files arrive in)."""
    s = read.strength_sessions(con, only_athlete(con))
    sets = read.strength_sets(con, only_athlete(con)).merge(
        s[["session_id", "start_time_utc"]], on="session_id"
    )
    cols = [
        "local_date",
        "start_time_utc",
        "start_time_local",
        "name",
        "duration_s",
        "rpe",
        "app",
        "app_logged_in",
    ]
    set_cols = ["start_time_utc", "set_index", "exercise", "set_type", "reps", "weight_kg", "rpe"]
    rows = [tuple(map(str, r)) for r in s[cols].itertuples(index=False)]
    set_rows = [tuple(map(str, r)) for r in sets[set_cols].itertuples(index=False)]
    return sorted(rows), sorted(set_rows), len(read.strength_joins(con, only_athlete(con)))


def counted(con) -> int:
    summary = strength_sessions_summary(
        read.strength_sessions(con, only_athlete(con)),
        read.strength_sets(con, only_athlete(con)),
        Settings(),
        read.activities(con, only_athlete(con)),
    )
    return int(summary["counted"].sum())


# --- the rule --------------------------------------------------------------------------------


def span(start: dt.datetime | None, minutes: float | None, sid: int = 1, day: dt.date | None = None):
    day = day or (start.date() if start else LOCAL.date())
    return strength_merge.Span(sid, day, start, None, minutes * 60 if minutes else None)


@pytest.mark.parametrize(
    ("app_start", "app_minutes", "joined"),
    [
        (LOCAL + dt.timedelta(minutes=5), 45, True),  # overlap 40 of 45 min
        (LOCAL + dt.timedelta(minutes=22), 45, True),  # overlap 23 min: just over half
        (LOCAL + dt.timedelta(minutes=23), 45, False),  # 22 min: under half of 45
        (LOCAL - dt.timedelta(minutes=10), 20, True),  # the shorter one is the app's, 10 of 20 min
        (LOCAL + dt.timedelta(minutes=20), None, True),  # no end: starts 20 min apart
        (LOCAL - dt.timedelta(minutes=21), None, False),  # no end: 21 min apart
    ],
)
def test_the_rule(app_start, app_minutes, joined):
    watch = span(LOCAL, 45)
    assert (strength_merge.score(watch, span(app_start, app_minutes, 2)) is not None) is joined


def test_the_rule_prefers_the_closer_workout_and_asks_the_same_day():
    watch = span(LOCAL, 60)
    far, near = span(LOCAL + dt.timedelta(minutes=25), 60, 2), span(LOCAL + dt.timedelta(minutes=2), 60, 3)
    assert strength_merge.pair(watch, True, [far, near], rivals=0) is near
    other_day = span(LOCAL + dt.timedelta(days=1), 60, 4)
    assert strength_merge.pair(watch, True, [other_day], rivals=0) is None


def test_a_day_only_log_joins_the_day_s_only_watch_session():
    watch, day_only = span(LOCAL, 45), span(None, None, 2, LOCAL.date())
    assert strength_merge.pair(watch, True, [day_only], rivals=0) is day_only
    assert strength_merge.pair(day_only, False, [watch], rivals=0) is watch
    assert strength_merge.pair(watch, True, [day_only], rivals=1) is None  # two watch sessions that day
    assert strength_merge.pair(day_only, False, [watch, span(LOCAL, 30, 3)], rivals=0) is None


# --- files, both orders ------------------------------------------------------------------------

CASES = {
    "hevy": ("workout.csv", hevy(LOCAL + dt.timedelta(minutes=3), 44)),
    "strong": ("strong.csv", strong(LOCAL + dt.timedelta(minutes=8), "1h 5m")),
    "strong_no_duration": ("strong.csv", strong(LOCAL - dt.timedelta(minutes=15), None)),
    "hevy_no_end": ("workout.csv", hevy(LOCAL + dt.timedelta(minutes=19), None)),
    "fitnotes": ("FitNotes_Export.csv", fitnotes(LOCAL.date())),
    "template": ("strength.csv", template(LOCAL.date(), "18:10")),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("with_sets", [True, False])
def test_one_session_whichever_file_comes_first(tmp_path, case, with_sets):
    name, app_file = CASES[case]
    files = [("watch.fit", watch_fit(sets=with_sets)), (name, app_file)]
    snaps = []
    for order in (files, files[::-1]):
        con = connect(tmp_path / f"{len(snaps)}.duckdb")
        results = [ingest_uploads(con, [f], tmp_path / "raw")[0] for f in order]
        assert [r.status for r in results] == ["ok", "ok"]
        assert "strength session joined with the same workout from" in results[1].message
        # The workout is counted once in the report: by the file that brought it first.
        assert [r.strength_sessions for r in results] == [1, 0]
        assert counted(con) == 1 and len(read.strength_sessions(con, only_athlete(con))) == 1
        session = read.strength_sessions(con, only_athlete(con)).iloc[0]
        assert session["activity_id"] == read.activities(con, only_athlete(con))["activity_id"].iloc[0]
        assert session["duration_s"] == 45 * 60  # the watch's
        assert session["start_time_utc"] == START_UTC
        sets = read.strength_sets(con, only_athlete(con))
        assert set(sets["session_id"]) == {session["session_id"]}
        assert "Squat" in sets["exercise"].iloc[0] and len(sets) >= 3 and sets["weight_kg"].max() == 80
        merges = read.merges(con, only_athlete(con))
        assert list(merges["kind"]) == ["strength_session"] and list(merges["role"]) == ["absorbed"]
        assert merges["merged_file"].iloc[0] == name and merges["kept_id"].iloc[0] == session["session_id"]
        snaps.append(snapshot(con))
        con.close()
    assert snaps[0] == snaps[1]


def test_sets_name_and_rpe_from_the_app_heart_rate_duration_from_the_watch(db, raw_dir):
    ingest_uploads(db, [("watch.fit", watch_fit())], raw_dir)
    watch_sets = read.strength_sets(db, only_athlete(db))
    assert len(watch_sets) == 3 and set(watch_sets["weight_kg"]) == {60.0}
    ingest_uploads(db, [("workout.csv", hevy())], raw_dir)
    session = read.strength_sessions(db, only_athlete(db)).iloc[0]
    assert (session["name"], session["app"], session["app_logged_in"]) == ("Leg day", "garmin", "hevy")
    sets = read.strength_sets(db, only_athlete(db))
    assert list(sets["exercise"]) == ["Squat (Barbell)"] * 4 + ["Plank"] and set(sets["rpe"].dropna()) == {8}
    # The watch's heart rate stays on its activity, which the session points at.
    assert session["activity_id"] == read.activities(db, only_athlete(db))["activity_id"].iloc[0]
    assert len(read.hr_seconds(db, only_athlete(db))) > 0
    # The stored rows are kept whole: the app's row points at the watch's session.
    raw = db.execute("SELECT app, merged_into FROM strength_sessions ORDER BY session_id").fetchall()
    assert raw == [("garmin", None), ("hevy", session["session_id"])]
    joins = read.strength_joins(db, only_athlete(db))
    assert 120 <= joins["watch_avg_hr"].iloc[0] <= 150
    assert list(joins[["watch_file", "app_file", "app_sets", "watch_sets"]].iloc[0]) == [
        "watch.fit",
        "workout.csv",
        5,
        3,
    ]


@pytest.mark.parametrize(
    "app_file",
    [
        hevy(LOCAL + dt.timedelta(minutes=30), 45),  # overlaps 15 of 45 min: less than half
        hevy(LOCAL + dt.timedelta(minutes=25), None),  # no end, starts 25 min later
        hevy(LOCAL + dt.timedelta(days=1), 45),  # the next day
    ],
)
def test_not_the_same_workout(db, raw_dir, app_file):
    ingest_uploads(db, [("watch.fit", watch_fit()), ("workout.csv", app_file)], raw_dir)
    assert (
        counted(db) == 2
        and len(read.strength_joins(db, only_athlete(db))) == 0
        and len(read.merges(db, only_athlete(db))) == 0
    )


def test_two_watch_sessions_on_a_day_leave_a_day_only_log_alone(db, raw_dir):
    late = START_UTC + dt.timedelta(hours=3)
    ingest_uploads(
        db,
        [("am.fit", watch_fit()), ("pm.fit", watch_fit(late)), ("FitNotes.csv", fitnotes(LOCAL.date()))],
        raw_dir,
    )
    assert counted(db) == 3 and len(read.strength_joins(db, only_athlete(db))) == 0


def test_the_demo_generator_s_watch_file_and_app_logs_of_one_workout(db, raw_dir):
    sets = tuple(StrengthSet("back_squat", 180 + 200 * i, 35, 5, 80.0) for i in range(4))
    sess = DemoSession(
        dt.datetime(2025, 5, 6, 18, 30), "Europe/Berlin", "garmin", "Strength", "heavy_lower", sets, 2400
    )
    app_logs = {
        "hevy_workouts.csv": hevy_csv(
            types.SimpleNamespace(strength=[dataclasses.replace(sess, source="hevy")])
        ),
        "strong.csv": strong_csv(
            types.SimpleNamespace(strength=[dataclasses.replace(sess, source="strong")])
        ),
    }
    ingest_uploads(db, [("garmin/strength.fit", encode_strength(sess))], raw_dir)
    for name, text in app_logs.items():
        ingest_uploads(db, [(name, text.encode())], raw_dir)
    # The watch's session joined the first app's log; the second app's copy of the same workout
    # stays a workout of its own (one app per workout is the rule; the runner can delete it).
    assert len(read.strength_joins(db, only_athlete(db))) == 1
    joined = read.strength_sessions(db, only_athlete(db)).dropna(subset=["app_logged_in"]).iloc[0]
    assert joined["app_logged_in"] == "hevy" and joined["duration_s"] == 2400


# --- re-import, rebuild, undo, delete ----------------------------------------------------------


def _import_pair(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "a_watch.fit").write_bytes(watch_fit())
    (folder / "b_workout.csv").write_bytes(hevy())
    con = connect(tmp_path / "db.duckdb")
    ingest_paths(con, [folder], tmp_path / "raw")
    return con, folder


def test_re_import_changes_nothing_and_a_rebuild_gives_the_same_rows(tmp_path):
    con, folder = _import_pair(tmp_path)
    before = snapshot(con)
    again = ingest_paths(con, [folder], tmp_path / "raw")
    assert {r.status for r in again} == {"duplicate"} and snapshot(con) == before
    # Another export of the same Hevy workout is the same workout, already joined.
    (dup,) = ingest_uploads(con, [("hevy_again.csv", hevy() + b"\n")], tmp_path / "raw")
    assert dup.status == "duplicate" and snapshot(con) == before
    con.close()
    rebuild(tmp_path / "db.duckdb", tmp_path / "raw", workers=1)
    con = connect(tmp_path / "db.duckdb")
    assert snapshot(con) == before and counted(con) == 1


def test_undo_splits_the_pair_for_good(tmp_path):
    con, folder = _import_pair(tmp_path)
    (app_id,) = read.strength_joins(con, only_athlete(con))["app_session_id"]
    assert strength_join.split(con, only_athlete(con), int(app_id))
    assert not strength_join.split(con, only_athlete(con), int(app_id))  # undone already
    apart = snapshot(con)
    assert counted(con) == 2 and apart[2] == 0 and len(read.merges(con, only_athlete(con))) == 0
    sessions = read.strength_sessions(con, only_athlete(con)).set_index("app")
    assert (
        len(
            read.strength_sets(con, only_athlete(con)).query(
                f"session_id == {sessions.loc['garmin', 'session_id']}"
            )
        )
        == 3
    )
    ingest_paths(con, [folder], tmp_path / "raw")
    ingest_uploads(con, [("hevy_again.csv", hevy() + b"\n")], tmp_path / "raw")
    assert snapshot(con) == apart
    con.close()
    rebuild(tmp_path / "db.duckdb", tmp_path / "raw", workers=1)
    con = connect(tmp_path / "db.duckdb")
    assert snapshot(con) == apart and counted(con) == 2
    assert len(con.execute("SELECT * FROM strength_kept_apart").fetchall()) == 1


def test_the_app_file_first_then_undo_then_another_copy_of_the_watch_file(tmp_path):
    """Kept apart is by content: the watch's workout offered again in other bytes stays apart."""
    con = connect(tmp_path / "db.duckdb")
    ingest_uploads(con, [("workout.csv", hevy()), ("watch.fit", watch_fit())], tmp_path / "raw")
    (app_id,) = read.strength_joins(con, only_athlete(con))["app_session_id"]
    strength_join.split(con, only_athlete(con), int(app_id))
    (fit,) = read.activities(con, only_athlete(con))["activity_id"]
    edits.delete_activity(con, only_athlete(con), int(fit), remember=False)
    (again,) = ingest_uploads(con, [("watch copy.fit", watch_fit(minutes=46))], tmp_path / "raw")
    assert again.status == "ok" and again.activities == 1 and "joined" not in again.message
    assert counted(con) == 2 and len(read.strength_joins(con, only_athlete(con))) == 0


def test_deleting_the_watch_activity_deletes_the_joined_workout_and_a_rebuild_agrees(tmp_path):
    con, _ = _import_pair(tmp_path)
    (fit,) = read.activities(con, only_athlete(con))["activity_id"]
    edits.delete_activity(con, only_athlete(con), int(fit))
    assert counted(con) == 0 and len(read.strength_sets(con, only_athlete(con))) == 0
    assert con.execute("SELECT count(*) FROM strength_sessions").fetchall() == [(0,)]
    assert len(read.merges(con, only_athlete(con))) == 0
    con.close()
    rebuild(tmp_path / "db.duckdb", tmp_path / "raw", workers=1)
    con = connect(tmp_path / "db.duckdb")
    assert counted(con) == 0 and con.execute("SELECT count(*) FROM strength_sessions").fetchall() == [(0,)]


# --- real files --------------------------------------------------------------------------------


@pytest.mark.realdata
def test_a_real_watch_strength_file_and_a_hevy_log_of_it(db, raw_dir, realdata):
    path = realdata / "fit_strength" / "jarkko__20474406937_ACTIVITY.fit"
    act = parse_fit(path.read_bytes()).activities[0].activity
    local = pd.Timestamp(act["start_time_local"]).to_pydatetime()
    minutes = int(act["elapsed_s"] // 60)
    for order in ([(path.name, path.read_bytes()), ("hevy.csv", hevy(local, minutes))],):
        ingest_uploads(db, order, raw_dir)
    joins = read.strength_joins(db, only_athlete(db))
    assert len(joins) == 1 and joins["watch_file"].iloc[0] == path.name
    assert joins["watch_sets"].iloc[0] > 0 and joins["app_sets"].iloc[0] == 5
    assert counted(db) == 1
    session = read.strength_sessions(db, only_athlete(db)).iloc[0]
    assert session["duration_s"] == act["moving_s"] or session["duration_s"] == act["elapsed_s"]


@pytest.mark.realdata
def test_a_real_hevy_export_and_a_watch_file_of_one_of_its_workouts(tmp_path, realdata):
    hevy_file = realdata / "csv_strength" / "strongstats__sample_hevy.csv"
    # Its first workout: "15 Sep 2025, 07:48" to 09:13; the watch ran from 07:50 (the FIT's local
    # offset is +1 h).
    watch = watch_fit(dt.datetime(2025, 9, 15, 6, 50), minutes=80)
    snaps = []
    for n, order in enumerate(
        (
            [("w.fit", watch), (hevy_file.name, hevy_file.read_bytes())],
            [(hevy_file.name, hevy_file.read_bytes()), ("w.fit", watch)],
        )
    ):
        con = connect(tmp_path / f"{n}.duckdb")
        ingest_uploads(con, order, tmp_path / "raw")
        n_app = con.execute("SELECT count(*) FROM strength_sessions WHERE app = 'hevy'").fetchall()[0][0]
        assert (
            len(read.strength_sessions(con, only_athlete(con))) == n_app
        )  # the watch's session is one of them
        joins = read.strength_joins(con, only_athlete(con))
        assert len(joins) == 1 and str(joins["local_date"].iloc[0])[:10] == "2025-09-15"
        session = read.strength_sessions(con, only_athlete(con)).query("app == 'garmin'").iloc[0]
        assert session["name"] == "Lower // Ramp // Strength // 1" and session["duration_s"] == 80 * 60
        snaps.append(snapshot(con))
        con.close()
    assert snaps[0] == snaps[1]


def test_an_older_database_opened_read_only_reads_its_strength_as_it_is(tmp_path):
    """A file written before the join (no views, no merged_into) still reads, e.g. by
    `python -m cli.export`, which opens the database read-only."""
    con = connect(tmp_path / "old.duckdb")
    ingest_uploads(
        con,
        [("workout.csv", hevy()), ("watch.fit", watch_fit(START_UTC + dt.timedelta(days=1)))],
        tmp_path / "raw",
    )
    for statement in (
        "DROP VIEW strength_sessions_merged",
        "DROP VIEW strength_sets_merged",
        "ALTER TABLE strength_sessions DROP COLUMN merged_into",
    ):
        con.execute(statement)
    con.close()
    old = connect(tmp_path / "old.duckdb", read_only=True)
    assert (
        len(read.strength_sessions(old, only_athlete(old))) == 2
        and len(read.strength_sets(old, only_athlete(old))) == 8
    )
    assert counted(old) == 2 and len(read.exercises(old, only_athlete(old))) == 3
    old.close()


def test_what_came_in_counts_a_joined_workout_once(db, raw_dir):
    both = ingest_uploads(db, [("watch.fit", watch_fit()), ("workout.csv", hevy())], raw_dir)
    assert read.came_in(db, only_athlete(db), [r.source_id for r in both])["strength_sessions"] == 1
    (later,) = ingest_uploads(db, [("FitNotes.csv", fitnotes(LOCAL.date() + dt.timedelta(days=2)))], raw_dir)
    assert read.came_in(db, only_athlete(db), [later.source_id])["strength_sessions"] == 1
    ingest_uploads(db, [("Strong.csv", strong(LOCAL + dt.timedelta(days=3)))], raw_dir)
    (watch,) = ingest_uploads(db, [("w2.fit", watch_fit(START_UTC + dt.timedelta(days=3)))], raw_dir)
    assert "joined" in watch.message
    assert (
        read.came_in(db, only_athlete(db), [watch.source_id])["strength_sessions"] == 0
    )  # the workout was in already
