"""Activity CSVs read without the column mapper, on files made in their shape: the per-activity
summary of the garmin-connect-export tool (gcexport.py, its default column template, every cell
quoted, ISO start times with the offset) and the older localised Garmin Connect export (a title
line and a blank line above the header, cells padded with spaces, decimal commas)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.pipeline import prepare
from ingest.textcsv import read_table

# gcexport.py's csv_header_default.properties, in its order.
GCEXPORT_HEADER = [
    "Start Time",
    "End Time",
    "Activity ID",
    "Activity Name",
    "Description",
    "Location Name",
    "Time Zone",
    "Offset",
    "Duration (h:m:s)",
    "Elapsed Duration (h:m:s)",
    "Moving Duration (h:m:s)",
    "Activity Parent",
    "Activity Type",
    "Event Type",
    "Device",
    "Gear",
    "Privacy",
    "File Format",
    "Distance (km)",
    "Average Speed (km/h)",
    "Average Speed (km/h or min/km)",
    "Average Moving Speed (km/h)",
    "Average Moving Speed (km/h or min/km)",
    "Max. Speed (km/h)",
    "Max. Speed (km/h or min/km)",
    "Elevation Gain (m)",
    "Elevation Loss (m)",
    "Elevation Min. (m)",
    "Elevation Max. (m)",
    "Elevation Corrected",
    "Begin Latitude (°DD)",
    "Begin Longitude (°DD)",
    "End Latitude (°DD)",
    "End Longitude (°DD)",
    "Max. Heart Rate (bpm)",
    "Average Heart Rate (bpm)",
    "Calories",
    "VO2max",
    "Aerobic Training Effect",
    "Anaerobic Training Effect",
    "Avg. Run Cadence",
    "Max. Run Cadence",
    "Stride Length",
    "Steps",
    "Avg. Cadence (rpm)",
    "Max. Cadence (rpm)",
    "Strokes",
    "Avg. Temp (°C)",
    "Min. Temp (°C)",
    "Max. Temp (°C)",
]


def _gcexport_row(**v: str) -> str:
    values = {
        "Start Time": "2018-03-08T12:23:22+01:00",
        "End Time": "2018-03-08T13:15:40+01:00",
        "Activity ID": "2541953812",
        "Activity Name": "Zürich Running",
        "Time Zone": "Europe/Zurich",
        "Offset": "+01:00",
        "Duration (h:m:s)": "00:50:12",
        "Elapsed Duration (h:m:s)": "00:52:18",
        "Moving Duration (h:m:s)": "00:49:30",
        "Activity Parent": "Running",
        "Activity Type": "Running",
        "Event Type": "Uncategorized",
        "Device": "Forerunner 935 10.0.0.0",
        "Distance (km)": "10.02300",
        "Elevation Gain (m)": "120.0",
        "Max. Heart Rate (bpm)": "172",
        "Average Heart Rate (bpm)": "150",
        "Calories": "734",
        "Avg. Run Cadence": "172.0",
    } | v
    return ",".join(f'"{values.get(h, "")}"' if values.get(h) else "" for h in GCEXPORT_HEADER)


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_gcexport_activities_csv():
    text = _csv(
        ",".join(f'"{h}"' for h in GCEXPORT_HEADER),
        _gcexport_row(),
        _gcexport_row(
            **{
                "Start Time": "2018-03-10T07:00:00-05:00",
                "Activity Name": "Long ride",
                "Activity Parent": "Cycling",
                "Activity Type": "Road Cycling",
                "Duration (h:m:s)": "1 day, 2:03:04",
                "Elapsed Duration (h:m:s)": "",
                "Moving Duration (h:m:s)": "",
                "Distance (km)": "402.50000",
                "Average Heart Rate (bpm)": "",
                "Avg. Run Cadence": "85.0",
            }
        ),
    )
    r = prepare("activities.csv", text).result
    assert (r.status, r.format) == ("ok", "gcexport_csv"), r.message
    run, ride = (a.activity for a in r.activities)
    assert run["start_time_local"] == dt.datetime(2018, 3, 8, 12, 23, 22)
    assert run["start_time_utc"] == dt.datetime(2018, 3, 8, 11, 23, 22) and run["utc_offset_s"] == 3600
    assert (run["sport"], run["name"]) == ("running", "Zürich Running")
    assert run["distance_m"] == pytest.approx(10023)
    assert (run["elapsed_s"], run["moving_s"]) == (52 * 60 + 18, 49 * 60 + 30)
    assert (run["avg_hr"], run["max_hr"], run["ascent_m"], run["calories_kcal"]) == (150, 172, 120, 734)
    assert run["avg_cadence_spm"] == 172
    assert (ride["sport"], ride["sub_sport"]) == ("cycling", "road")
    assert ride["start_time_utc"] == dt.datetime(2018, 3, 10, 12, 0)
    assert ride["elapsed_s"] == ride["moving_s"] == 86400 + 2 * 3600 + 3 * 60 + 4  # '1 day, 2:03:04'
    assert ride["avg_hr"] is None and ride["avg_cadence_spm"] is None  # no cadence of a ride as steps


def test_gcexport_older_template_with_local_begin_timestamps():
    header = [
        "Activity name",
        "Description",
        "Begin timestamp",
        "Duration (h:m:s)",
        "Moving duration (h:m:s)",
        "Distance (km)",
        "Average heart rate (bpm)",
        "Activity type",
    ]
    text = _csv(
        ",".join(f'"{h}"' for h in header),
        '"Morning Run","","2016-05-01 07:31:00","00:40:00","00:39:10","8.10000","141","running"',
    )
    r = prepare("activities.csv", text).result
    assert (r.status, r.format) == ("ok", "gcexport_csv"), r.message
    a = r.activities[0].activity
    assert a["start_time_local"] == dt.datetime(2016, 5, 1, 7, 31) and a["utc_offset_s"] is None
    assert (a["sport"], a["distance_m"], a["moving_s"], a["avg_hr"]) == ("running", 8100, 2350, 141)


GARMIN_OLD_DE = (
    "Aktivitäten von Max Mustermann\n"
    "\n"
    " Aktivitätstyp , Datum , Titel , Distanz , Kalorien , Zeit , Ø HF , Max. HF , Positiver Höhenunterschied \n"
    ' "Laufen" , "11.05.2014 08:30" , "Sonntagslauf" , "21,10" , "1.512" , "01:52:30" , "148" , "171" , "212" \n'
    ' "Radfahren" , "12.05.2014 17:05" , "Zur Arbeit" , "14,35" , "402" , "00:41:00" , "--" , "--" , "80" \n'
    ' "Krafttraining" , "13.05.2014 18:00" , "Kraft" , "0,00" , "250" , "00:45:00" , "101" , "133" , "--" \n'
)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_old_localised_garmin_export_with_a_title_line(encoding):
    data = GARMIN_OLD_DE.encode(encoding)
    table = read_table(data.decode(encoding).lstrip("\ufeff"))
    assert table.skipped == ["Aktivitäten von Max Mustermann"] and table.header_line == 3
    assert table.header[:3] == ["Aktivitätstyp", "Datum", "Titel"]
    r = prepare("Activities.csv", data).result
    assert (r.status, r.format) == ("ok", "garmin_csv"), r.message
    run, ride, strength = (a.activity for a in r.activities)
    assert run["start_time_local"] == dt.datetime(2014, 5, 11, 8, 30) and run["name"] == "Sonntagslauf"
    assert (run["sport"], run["distance_m"], run["calories_kcal"]) == ("running", pytest.approx(21100), 1512)
    assert (run["moving_s"], run["avg_hr"], run["max_hr"], run["ascent_m"]) == (6750, 148, 171, 212)
    assert (
        ride["sport"] == "cycling" and ride["distance_m"] == pytest.approx(14350) and ride["avg_hr"] is None
    )
    assert (strength["sport"], strength["distance_m"]) == ("training", None)
    assert "decimal commas" in r.message


def test_a_title_line_with_a_comma_and_a_semicolon_file():
    text = (
        "Aktivitäten von Mustermann, Max\n\nAktivitätstyp;Datum;Titel;Distanz;Zeit\n"
        "Laufen;11.05.2014 08:30;Lauf;10,5;00:50:00\nLaufen;12.05.2014 08:30;Lauf;8,25;00:40:00\n"
    )
    r = prepare("a.csv", text.encode("cp1252")).result
    assert (r.status, r.format) == ("ok", "garmin_csv"), r.message
    assert [a.activity["distance_m"] for a in r.activities] == [pytest.approx(10500), pytest.approx(8250)]


# The French account's "Export CSV" (its header as a real export writes it; rows made here): quoted
# numbers, '--' for missing, an Excel-protecting apostrophe, thousands commas in the steps.
GARMIN_FR = (
    "Type d'activité,Date,Favori,Titre,Distance,Calories,Durée,Fréquence cardiaque moyenne,"
    "Fréquence cardiaque maximale,TE aérobie,Cadence de course moyenne,Ascension totale,Descente totale,Pas,"
    "Consommation du Body Battery,Température minimale,Temps de déplacement\n"
    'Course à pied,2024-08-10 10:52:21,false,"Sortie du matin","8.95","607","00:45:20","151","182","3.3",'
    '"171","37","35","8,404","\'-12","21.0","00:44:08"\n'
    'Musculation,2024-08-11 18:04:15,false,"Musculation","0.00","340","00:47:59","119","154","2.2",'
    '"--","--","--","--","\'-7","--","00:40:21"\n'
    'Randonnée,2024-08-12 13:18:54,false,"Randonnée en forêt","9.70","943","02:49:38","105","159","2.9",'
    '"65","322","329","12,426","\'-21","--","01:57:11"\n'
)


def test_french_garmin_connect_export():
    r = prepare("Activities.csv", GARMIN_FR.encode("utf-8-sig")).result
    assert (r.status, r.format) == ("ok", "garmin_csv"), r.message
    run, gym, hike = (a.activity for a in r.activities)
    assert (run["sport"], gym["sport"], gym["sub_sport"], hike["sport"]) == (
        "running",
        "training",
        "strength_training",
        "hiking",
    )
    assert run["distance_m"] == pytest.approx(8950) and run["name"] == "Sortie du matin"
    assert (run["elapsed_s"], run["moving_s"]) == (45 * 60 + 20, 44 * 60 + 8)
    assert (run["avg_hr"], run["max_hr"], run["ascent_m"], run["avg_cadence_spm"]) == (151, 182, 37, 171)
    assert gym["distance_m"] is None and gym["ascent_m"] is None
