"""Activity-list CSVs: Strava's activities.csv (real), Garmin Connect's export (English, and the
older German one with decimal commas; built from the documented headers) and the run template."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.pipeline import prepare

GARMIN_EN = (
    "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,Avg Run Cadence,"
    "Max Run Cadence,Avg Pace,Best Pace,Total Ascent,Total Descent,Avg Stride Length,Avg Vertical Ratio,"
    "Avg Vertical Oscillation,Avg Ground Contact Time,Training Stress Score®,Avg Power,Max Power,Grit,"
    "Flow,Avg. Swolf,Avg Stroke Rate,Total Reps,Dive Time,Min Temp,Surface Interval,Decompression,"
    "Best Lap Time,Number of Laps,Max Temp,Moving Time,Elapsed Time,Min Elevation,Max Elevation"
)
GARMIN_DE = (
    "Aktivitätstyp,Datum,Favorit,Titel,Distanz,Kalorien,Zeit,Ø HF,Max. HF,Aerober TE,"
    "Ø Schrittfrequenz (Laufen),Max. Schrittfrequenz (Laufen),Ø Geschwindigkeit,Maximale Geschwindigkeit,"
    "Positiver Höhenunterschied,Negativer Höhenunterschied,Ø Schrittlänge,"
    "Durchschnittliches vertikales Verhältnis,Ø vertikale Bewegung,Ø Bodenkontaktzeit,"
    "Durchschnittliche Balance der Bodenkontaktzeit,Training Stress Score®,Grit,Flow,Grundzeit,"
    "Min. Temp.,Oberflächenpause,Dekompression,Beste Rundenzeit,Max. Temp."
)


def ok(name: str, data: bytes):
    p = prepare(name, data)
    assert p.result.status == "ok", p.result.message
    return p.result


@pytest.mark.realdata
def test_strava_bulk_export_activities_csv(realdata):
    result = ok(
        "activities.csv", (realdata / "csv_activities" / "stravainsights__activities.csv").read_bytes()
    )
    assert result.format == "strava_csv" and len(result.activities) == 112
    acts = [a.activity for a in result.activities]
    assert {a["sport"] for a in acts} == {"running", "walking", "cycling", "training"}
    ride = acts[0]  # Jan 27, 2021, 1:57:47 PM, 'Afternoon Ride', 1275 s, Distance 5.61 (km) then 5612.39 (m)
    assert ride["start_time_utc"] == dt.datetime(2021, 1, 27, 13, 57, 47)
    assert ride["local_time_basis"] == "utc" and ride["name"] == "Afternoon Ride"
    assert ride["distance_m"] == pytest.approx(5612.4, abs=0.1)
    assert (ride["elapsed_s"], ride["moving_s"]) == (1275, 1258)
    pegasus = next(a for a in acts if a["name"] == "Positive split - 1st Pegasus run")
    assert pegasus["rpe"] == 8 and pegasus["distance_m"] == pytest.approx(4736.24, abs=0.01)
    assert result.activities[0].ref == "activities/4689591795.gpx"
    easter = next(a for a in acts if a["name"] == "Easter Run")
    assert easter["avg_hr"] == pytest.approx(150.08, abs=0.01)
    assert "UTC" in result.message


@pytest.mark.realdata
def test_strava_manual_activities(realdata):
    result = ok("m.csv", (realdata / "csv_activities" / "stravainsights__manual_activities.csv").read_bytes())
    first = result.activities[0].activity
    # "Oct 30, 2023, 00:00:00 PM", Run, 18:57, 4.01 (km): a 12-hour clock has no 00; read as noon.
    assert first["start_time_utc"] == dt.datetime(2023, 10, 30, 12, 0)
    assert (first["sport"], first["elapsed_s"], first["distance_m"]) == ("running", 1137, pytest.approx(4010))
    assert [a.activity["sport"] for a in result.activities].count("cycling") == 1


def test_garmin_connect_english_export():
    text = (
        "\n".join(
            [
                GARMIN_EN,
                'Running,2023-01-15 08:30:12,false,"Berlin Running","10.02","1,234","00:50:12","150","172","3.1","172",'
                '"190","5:01","4:10","120","118","1.15","8.1","9.2","250","0.0","--","--","0.0","0.0","--","--","--","--",'
                '"0:00","--","No","00:05:00","11","0.0","00:49:00","00:52:00","34","60"',
                'Pool Swim,2023-01-16 07:00:00,false,"Pool Swim","1,500","400","00:35:00","--","--","--","--","--","--",'
                '"--","--","--","--","--","--","--","0.0","--","--","0.0","0.0","--","--","--","--","0:00","--","No",'
                '"--","30","0.0","00:35:00","00:40:00","--","--"',
                'Strength Training,2023-01-17 18:00:00,false,"Strength","0.00","250","00:40:00","110","140","--","--",'
                '"--","--","--","--","--","--","--","--","--","0.0","--","--","0.0","0.0","--","--","--","--","0:00","--",'
                '"No","--","1","0.0","00:40:00","00:41:00","--","--"',
            ]
        )
        + "\n"
    )
    result = ok("Activities.csv", text.encode())
    run, swim, strength = (a.activity for a in result.activities)
    assert result.format == "garmin_csv"
    assert run["sport"] == "running" and run["distance_m"] == pytest.approx(10020)
    assert run["calories_kcal"] == 1234 and run["avg_hr"] == 150 and run["avg_cadence_spm"] == 172
    assert (run["moving_s"], run["elapsed_s"]) == (49 * 60, 52 * 60)
    assert run["start_time_local"] == dt.datetime(2023, 1, 15, 8, 30, 12)
    assert run["local_time_basis"] == "csv_local" and run["start_time_utc"] == run["start_time_local"]
    assert swim["sport"] == "swimming" and swim["distance_m"] == 1500 and swim["avg_hr"] is None
    assert strength["sub_sport"] == "strength_training" and strength["distance_m"] is None


def test_garmin_connect_german_export_with_decimal_commas_in_cp1252():
    text = (
        "\n".join(
            [
                GARMIN_DE,
                'Laufen,2017-04-22 13:12:32,false,"Morgenlauf","10,02","1.336","00:50:12","150","172","3,1","86",'
                '"95","12,0","15,2","93","85","1,10","0,0","0,0","--","--","0,0","0,0","0,0","0:00","0,0","0:00","Nein",'
                '"00:05:00,0","0,0"',
                'Radfahren,2017-04-23 09:00:00,false,"Monschau Radfahren","42,02","--","03:51:46","139","181","3,3","--",'
                '"--","10,9","45,6","933","885","0,00","0,0","0,0","--","--","0,0","0,0","0,0","0:00","0,0","0:00","Nein",'
                '"00:00,00","0,0"',
            ]
        )
        + "\n"
    )
    result = ok("Aktivitäten.csv", text.encode("cp1252"))
    run, ride = (a.activity for a in result.activities)
    assert run["sport"] == "running" and run["distance_m"] == pytest.approx(10020)
    assert run["calories_kcal"] == 1336 and run["elapsed_s"] == 50 * 60 + 12
    assert ride["sport"] == "cycling" and ride["distance_m"] == pytest.approx(42020)
    assert ride["calories_kcal"] is None and ride["ascent_m"] == 933
    assert "decimal commas" in result.message


def test_garmin_german_export_with_decimal_points_and_thousands_commas():
    # A real German export's line: "42.02" km and "2,336" kcal.
    text = (
        GARMIN_DE + "\n" + 'Radfahren,2017-04-22 13:12:32,false,"Monschau Radfahren","42.02","2,336",'
        '"03:51:46","139","181","3.3","--","--","10.9","45.6","933","885","0.00","0.0","0.0","--","--","0.0",'
        '"0.0","0.0","0:00","0.0","0:00","Nein","00:00.00","0.0"\n'
    )
    ride = ok("a.csv", text.encode("utf-8-sig")).activities[0].activity
    assert ride["distance_m"] == pytest.approx(42020) and ride["calories_kcal"] == 2336


def test_the_run_template():
    result = ok(
        "runs.csv",
        (
            b"date,time,sport,name,distance_km,duration_min,avg_hr,max_hr,ascent_m,rpe,race\n"
            b"2025-03-02,07:30,run,Sunday long run,21.1,118,142,165,180,6,false\n"
            b"2025-03-04,,treadmill running,,8,0:45:30,,,,,\n"
            b"2025-03-09,09:00,,City 10k,10,41.5,170,185,,9,true\n"
        ),
    )
    long_run, treadmill, race = (a.activity for a in result.activities)
    assert long_run["distance_m"] == pytest.approx(21100) and long_run["moving_s"] == 118 * 60
    assert long_run["rpe"] == 6 and long_run["is_race"] is False
    assert treadmill["sub_sport"] == "treadmill" and treadmill["moving_s"] == 2730
    assert race["sport"] == "running" and race["is_race"] is True


def test_the_run_template_refuses_an_rpe_outside_0_to_10():
    p = prepare("runs.csv", b"date,sport,distance_km,duration_min,rpe\n2025-03-02,run,5,25,15\n")
    assert p.result.status == "failed" and "line 2" in p.result.message and "rpe" in p.result.message


def test_strava_german_export():
    header = (
        "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Aktivitätsbeschreibung,"
        "Verstrichene Zeit,Distanz,Max. Herzfrequenz,Relative Leistung,Pendeln,"
        "Hinweis zur Privatsphäre für Aktivitäten,Aktivitätsausrüstung,Dateiname,Sportlergewicht,"
        "Fahrradgewicht,Verstrichene Zeit,Bewegungszeit,Distanz,Gefühlte Anstrengung\n"
    )
    line = '1,"17.04.2022, 10:25:37",Osterlauf,Lauf,,3404,"9,79",,,false,,,activities/1.fit.gz,,,3404.0,3345.0,9786.8,7\n'
    result = ok("aktivitaeten.csv", (header + line).encode())
    act = result.activities[0].activity
    assert result.format == "strava_csv" and act["sport"] == "running" and act["name"] == "Osterlauf"
    assert act["start_time_utc"] == dt.datetime(2022, 4, 17, 10, 25, 37)
    assert act["distance_m"] == pytest.approx(9786.8) and act["moving_s"] == 3345 and act["rpe"] == 7
    assert result.activities[0].ref == "activities/1.fit.gz"
