"""Strength apps' CSVs: every Strong, Hevy and FitNotes variant docs/formats.md names, and the template.
Variants not in ../shared/realdata are built here from the documented headers."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.pipeline import prepare

LB = 0.45359237


def parse(text: str, name: str = "export.csv", encoding: str = "utf-8"):
    p = prepare(name, text.encode(encoding))
    assert p.result.status == "ok", p.result.message
    return p.result


def sets_of(result):
    return [s.sets for s in result.strength_sessions]


# --- Strong -------------------------------------------------------------------------------------


@pytest.mark.realdata
def test_strong_2024_comma_format(realdata):
    result = prepare(
        "strong.csv", (realdata / "csv_strength" / "strongstats__sample_strong.csv").read_bytes()
    ).result
    assert result.format == "strong_csv"
    assert len(result.strength_sessions) == 15 and sum(len(s) for s in sets_of(result)) == 250
    first = result.strength_sessions[0]
    assert first.session["start_time_local"] == dt.datetime(2024, 11, 28, 17, 36, 8)
    assert first.session["start_time_utc"] is None  # the phone's wall clock: UTC unknown
    assert first.session["duration_s"] == 35 * 60 and first.session["name"] == "B"
    row = first.sets.iloc[0]
    assert (row["exercise"], row["region"], row["reps"], row["weight_kg"]) == (
        "Bent Over Row (Barbell)",
        "upper",
        13,
        10,
    )
    assert "kg" in result.message  # the unit was assumed, and the message says so


@pytest.mark.realdata
def test_strong_with_notes_columns_and_minutes_as_min(realdata):
    result = prepare("s.csv", (realdata / "csv_strength" / "harrig12__strong.csv").read_bytes()).result
    assert result.format == "strong_csv" and len(result.strength_sessions) == 4
    assert result.strength_sessions[0].session["duration_s"] == 38 * 60
    squat = result.strength_sessions[0].sets
    assert list(squat["weight_kg"][:3]) == [45.0, 65.0, 90.0] and squat["region"].iloc[0] == "lower"


@pytest.mark.realdata
def test_strong_legacy_unquoted(realdata):
    result = prepare(
        "s.csv", (realdata / "csv_strength" / "strongstats__sample_strong_legacy.csv").read_bytes()
    ).result
    assert result.format == "strong_csv"
    assert [len(s) for s in sets_of(result)] == [2, 2, 2]


def test_strong_without_duration_column():
    result = parse(
        "Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n"
        '2019-03-04 07:10:00,"Legs","Squat (Barbell)",1,100,5,0,0,"",""\n'
        '2019-03-04 07:10:00,"Legs","Plank",1,0,0,0,60,"",""\n'
    )
    (s,) = result.strength_sessions
    assert s.session["duration_s"] is None
    assert list(s.sets["exercise"]) == ["Squat (Barbell)", "Plank"]
    plank = s.sets.iloc[1]
    assert pd_isna(plank["reps"]) and plank["duration_s"] == 60 and plank["region"] == "core"


def test_strong_semicolon_with_weight_unit_lbs_and_decimal_commas():
    result = parse(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;"
        "Notes;Workout Notes;Workout Duration\n"
        '2018-06-01 18:00:00;"Push";"Bench Press (Barbell)";1;135;lbs;8;7,5;;;0;"";"";1h 5m\n'
        '2018-06-01 18:00:00;"Push";"Bench Press (Barbell)";2;62,5;kg;5;8;;;0;"";"";1h 5m\n'
    )
    (s,) = result.strength_sessions
    assert s.session["duration_s"] == 3900
    assert s.sets["weight_kg"].tolist() == pytest.approx([135 * LB, 62.5])
    assert s.sets["rpe"].tolist() == [7.5, 8.0]


def test_strong_fully_quoted_workout_number_form_with_rest_timers_and_set_kinds():
    header = (
        '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";"Weight (kg)";'
        '"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
    )
    rows = [
        '"1";"2023-09-01 10:34:00";"Morning";"4440";"Squat (Barbell)";"W";"40";"8";"";"";"";"";""',
        '"1";"2023-09-01 10:34:00";"Morning";"4440";"Squat (Barbell)";"1";"62,5";"5";"8";"";"";"";""',
        '"1";"2023-09-01 10:34:00";"Morning";"4440";"Squat (Barbell)";"Rest Timer";"";"";"";"";"90";"";""',
        '"1";"2023-09-01 10:34:00";"Morning";"4440";"Squat (Barbell)";"D";"50";"8";"";"";"";"";""',
        '"2";"2023-09-03 10:00:00";"Evening";"1800";"Pull Up";"F";"0";"6";"";"";"";"";""',
    ]
    result = parse(header + "\n".join(rows) + "\n")
    first, second = result.strength_sessions
    assert first.session["duration_s"] == 4440 and second.session["name"] == "Evening"
    assert list(first.sets["set_type"]) == ["warmup", "working", "dropset"]
    assert first.sets["weight_kg"].tolist() == [40.0, 62.5, 50.0]
    assert list(second.sets["set_type"]) == ["failure"]
    assert "rest-timer" in result.message


def test_strong_quoted_form_in_pounds():
    result = parse(
        '"Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";'
        '"Weight (lbs)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes"\n'
        '"1";"2024-07-05 07:30:00";"Legs";"3600";"Squat (Barbell)";"1";"225";"5";"8";"0";"0";"";""\n'
    )
    assert result.strength_sessions[0].sets["weight_kg"].iloc[0] == pytest.approx(225 * LB)
    assert "kg" not in result.message


# --- Hevy ---------------------------------------------------------------------------------------

HEVY = (
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes",'
    '"set_index","set_type","weight_{w}","reps","distance_{d}","duration_seconds","rpe"\n'
)


@pytest.mark.realdata
def test_hevy_kg_real_export(realdata):
    result = prepare(
        "h.csv", (realdata / "csv_strength" / "strongstats__sample_hevy.csv").read_bytes()
    ).result
    assert result.format == "hevy_csv" and len(result.strength_sessions) == 335
    sets = [s for s in sets_of(result)]
    assert sum(len(s) for s in sets) == 7211
    kinds = {k for s in sets for k in s["set_type"]}
    assert kinds == {"working", "warmup", "failure", "dropset"}
    # The last line: 'Pull 1 Week 1', 3 Jul 2024 15:36-16:37, Cable Crunch 25 kg x 10 at RPE 8.
    last = result.strength_sessions[-1]
    assert last.session["start_time_local"] == dt.datetime(2024, 7, 3, 15, 36)
    assert last.session["duration_s"] == 61 * 60
    row = last.sets.iloc[-1]
    assert (row["exercise"], row["weight_kg"], row["reps"], row["rpe"], row["region"]) == (
        "Cable Crunch",
        25,
        10,
        8,
        "core",
    )


def test_hevy_pounds_variant():
    result = parse(
        HEVY.format(w="lbs", d="miles")
        + '"Legs","15 Sep 2025, 07:48","15 Sep 2025, 08:30","","Deadlift (Barbell)",,"",0,"normal",225,5,,,8\n'
        + '"Legs","15 Sep 2025, 07:48","15 Sep 2025, 08:30","","Plank",,"",1,"normal",,,,60,\n'
    )
    (s,) = result.strength_sessions
    assert s.sets["weight_kg"].iloc[0] == pytest.approx(225 * LB)
    assert s.sets["duration_s"].iloc[1] == 60 and pd_isna(s.sets["weight_kg"].iloc[1])
    assert s.session["duration_s"] == 42 * 60


# --- FitNotes -----------------------------------------------------------------------------------


def test_fitnotes_with_unit_columns_cardio_rows_and_an_unquoted_comma():
    result = parse(
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n"
        "2020-02-01,Flat Barbell Bench Press,Chest,60.0,kgs,8,,,\n"
        "2020-02-01,Squat, High Bar,Legs,80.0,kgs,5,,,\n"
        "2020-02-01,Cable Crossover,Chest,30.0,lbs,12,,,\n"
        "2020-02-01,Treadmill,Cardio,,,,2.0,km,0:12:00\n"
        "2020-02-03,Hanging Leg Raise,Abs,,,12,,,\n"
    )
    day1, day2 = result.strength_sessions
    assert day1.session["local_date"] == dt.date(2020, 2, 1) and day1.session["start_time_local"] is None
    assert list(day1.sets["exercise"]) == ["Flat Barbell Bench Press", "Squat, High Bar", "Cable Crossover"]
    assert list(day1.sets["region"]) == ["upper", "lower", "upper"]
    assert day1.sets["weight_kg"].tolist() == pytest.approx([60.0, 80.0, 30 * LB])
    assert day2.sets["region"].iloc[0] == "core"
    assert "cardio" in result.message


def test_fitnotes_older_variant_weight_in_lbs_header():
    result = parse(
        "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time\n"
        "2016-05-10,Deadlift,Back,315,3,,,\n"
        "2016-05-10,Barbell Curl, EZ Bar,Biceps,65,10,,,\n"
    )
    (s,) = result.strength_sessions
    assert s.sets["weight_kg"].tolist() == pytest.approx([315 * LB, 65 * LB])
    assert list(s.sets["exercise"]) == ["Deadlift", "Barbell Curl, EZ Bar"]
    assert list(s.sets["region"]) == ["lower", "upper"]


# --- the template and unknown headers -----------------------------------------------------------


def test_the_strength_template():
    result = parse(
        "date,time,session_name,exercise,set_type,reps,weight_kg,duration_s,rpe,session_rpe,session_minutes\n"
        "2025-03-03,18:00,Lower A,Squat (Barbell),warmup,8,40,,,7,40\n"
        "2025-03-03,18:00,Lower A,Squat (Barbell),working,5,60,,7,7,40\n"
        "2025-03-03,18:00,Lower A,Side Plank,,,,45,,7,40\n"
        "2025-03-05,,Core,Dead Bug,,10,,,,,\n"
    )
    a, b = result.strength_sessions
    assert a.session["rpe"] == 7 and a.session["duration_s"] == 2400
    assert list(a.sets["set_type"]) == ["warmup", "working", "working"]
    assert b.session["start_time_local"] is None and b.sets["region"].iloc[0] == "core"


def test_the_template_says_which_line_is_wrong():
    p = prepare(
        "t.csv",
        b"date,time,session_name,exercise,set_type,reps,weight_kg\n2025-03-03,18:00,A,Squat,heavy,5,60\n",
    )
    assert p.result.status == "failed" and "line 2" in p.result.message and "heavy" in p.result.message


def test_an_unknown_header_names_the_supported_formats_and_the_template():
    p = prepare("other.csv", b"Workout,When,Lift,Kilos\nA,2025-01-01,Squat,100\n")
    msg = p.result.message
    assert p.result.status == "failed"
    for name in ("Strong", "Hevy", "FitNotes", "Strava", "Garmin", "template"):
        assert name in msg
    assert "Workout, When, Lift, Kilos" in msg


def test_encodings_utf16_bom_and_cp1252():
    text = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n2020-02-01,Kniebeuge mit Gewicht ä,Legs,60,kgs,8,,,\n"
    for encoding in ("utf-16", "cp1252", "utf-8-sig"):
        result = parse(text, encoding=encoding)
        assert result.strength_sessions[0].sets["exercise"].iloc[0].endswith("ä")


def pd_isna(v) -> bool:
    return v is None or v != v
