"""Activity-list CSVs -> activities without records: Strava's activities.csv (bulk export and
its manual-activity form), Garmin Connect's "Export CSV" (English, and the older German one with
decimal commas), and Runstrong's run template.

Strava writes UTC ("Activity Date"), Garmin and the template the runner's wall clock. A wall
clock without an offset is parsed as local time, basis 'csv_local', with start_time_utc equal to
it until the importer places it in the athlete's zone (ingest.localtime); duplicates against a
watch file are matched on UTC, or on the local clock for such rows.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ingest.errors import IngestError
from ingest.model import Activity, ParseResult
from ingest.sports import sport_of
from ingest.textcsv import Table, boolean, cell, duration_s, looks_decimal_comma, number, when

MI_M = 1609.344

# Strava's German export names its columns in German; the English name is the key.
STRAVA_DE = {
    "Activity ID": "Aktivitäts-ID", "Activity Date": "Aktivitätsdatum", "Activity Name": "Name der Aktivität",
    "Activity Type": "Aktivitätsart", "Elapsed Time": "Verstrichene Zeit", "Distance": "Distanz",
    "Moving Time": "Bewegungszeit", "Filename": "Dateiname", "Max Heart Rate": "Max. Herzfrequenz",
    "Average Heart Rate": "Durchschnittliche Herzfrequenz", "Calories": "Kalorien",
    "Elevation Gain": "Höhenzunahme", "Perceived Exertion": "Gefühlte Anstrengung",
}  # fmt: skip
# English, German, and the French account's export (its names checked against a real one).
GARMIN_COLUMNS = {
    "type": ("Activity Type", "Aktivitätstyp", "Type d'activité"), "date": ("Date", "Datum"),
    "title": ("Title", "Titel", "Titre"), "distance": ("Distance", "Distanz"),
    "calories": ("Calories", "Kalorien"), "time": ("Time", "Zeit", "Durée"),
    "avg_hr": ("Avg HR", "Ø HF", "Ø Herzfrequenz", "Fréquence cardiaque moyenne"),
    "max_hr": ("Max HR", "Max. HF", "Maximale Herzfrequenz", "Fréquence cardiaque maximale"),
    "cadence": ("Avg Run Cadence", "Ø Schrittfrequenz (Laufen)", "Cadence de course moyenne"),
    "ascent": ("Total Ascent", "Positiver Höhenunterschied", "Anstieg gesamt", "Ascension totale"),
    "moving": ("Moving Time", "Zeit in Bewegung", "Temps de déplacement"),
    "elapsed": ("Elapsed Time", "Verstrichene Zeit", "Temps écoulé"),
}  # fmt: skip


def _activity(start: dt.datetime, offset_s: int | None, basis_if_local: str, **values: Any) -> Activity:
    """An activity row from a CSV line. `offset_s` None: `start` is a wall clock of unknown zone."""
    if offset_s is None:
        utc, local, offset, basis = start, start, None, basis_if_local
    else:
        utc, local, offset, basis = start - dt.timedelta(seconds=offset_s), start, offset_s, "csv_offset"
    row = {
        "start_time_utc": utc,
        "start_time_local": local,
        "local_date": local.date(),
        "utc_offset_s": offset,
        "local_time_basis": basis,
        "n_records": 0,
        "session_index": 0,
    }
    ref = values.pop("ref", None)
    row.update(values)
    return Activity(row, ref=ref)


# The column mapper (ingest.mapper) builds its rows the same way.
activity_row = _activity


def _date(line: int, text: str | None) -> tuple[dt.datetime, int | None]:
    got = when(text)
    if got is None:
        raise IngestError(f"line {line}: cannot read the date {text!r}")
    return got


def _result(fmt: str, activities: list[Activity], notes: list[str]) -> ParseResult:
    if not activities:
        raise IngestError("the file has a header but no activities")
    return ParseResult(fmt, "ok", "; ".join(notes), activities)


# --- Strava ----------------------------------------------------------------------------------


def parse_strava(table: Table) -> ParseResult:
    def col(name: str, last: bool = False) -> int | None:
        names = (name, STRAVA_DE[name]) if name in STRAVA_DE else (name,)
        return table.last_index(*names) if last else table.index(*names)

    c_date, c_name, c_type = col("Activity Date"), col("Activity Name"), col("Activity Type")
    c_elapsed, c_moving, c_file = col("Elapsed Time"), col("Moving Time"), col("Filename")
    c_km, c_m = col("Distance"), col("Distance", last=True)
    metres = c_m is not None and c_m != c_km  # the bulk export repeats Distance: km first, then metres
    c_avg, c_max, c_cal = col("Average Heart Rate"), col("Max Heart Rate", last=True), col("Calories")
    c_gain, c_rpe = col("Elevation Gain"), col("Perceived Exertion")
    acts = []
    for line, row in enumerate(table.rows, start=2):
        start, offset = _date(line, cell(row, c_date))
        sport, sub = sport_of(cell(row, c_type))
        distance = number(cell(row, c_m)) if metres else None
        km = number(cell(row, c_km))
        if distance is None and km is not None:
            distance = km * 1000.0
        rpe = number(cell(row, c_rpe))
        acts.append(
            _activity(
                start,
                0 if offset is None else offset,
                "utc",
                sport=sport,
                sub_sport=sub,
                name=cell(row, c_name),
                elapsed_s=duration_s(cell(row, c_elapsed)),
                moving_s=duration_s(cell(row, c_moving)) or duration_s(cell(row, c_elapsed)),
                distance_m=distance if distance else None,
                ascent_m=number(cell(row, c_gain)),
                avg_hr=number(cell(row, c_avg)),
                max_hr=number(cell(row, c_max)),
                calories_kcal=number(cell(row, c_cal)) or None,
                rpe=rpe if rpe is not None and 0 <= rpe <= 10 else None,
                ref=cell(row, c_file),
            )
        )
    for a in acts:
        a.activity["local_time_basis"] = "utc"
    note = "Strava's activities.csv gives UTC times: local dates are UTC dates unless the activity's FIT file says more"
    return _result("strava_csv", acts, [note])


# --- Garmin Connect --------------------------------------------------------------------------


def parse_garmin(table: Table) -> ParseResult:
    c = {k: table.index(*names) for k, names in GARMIN_COLUMNS.items()}
    comma = looks_decimal_comma(cell(r, c["distance"]) for r in table.rows)
    acts = []
    for line, row in enumerate(table.rows, start=2):
        start, offset = _date(line, cell(row, c["date"]))
        sport, sub = sport_of(cell(row, c["type"]))
        distance = number(cell(row, c["distance"]), comma)
        if distance is not None:
            # Garmin writes swims in metres ("1,500"), everything else in km (the account's unit).
            distance = distance if sport == "swimming" else distance * 1000.0
        timer = duration_s(cell(row, c["time"]))
        cadence = number(cell(row, c["cadence"]), comma)
        acts.append(
            _activity(
                start,
                offset,
                "csv_local",
                sport=sport,
                sub_sport=sub,
                name=cell(row, c["title"]),
                elapsed_s=duration_s(cell(row, c["elapsed"])) or timer,
                moving_s=duration_s(cell(row, c["moving"])) or timer,
                distance_m=distance or None,
                ascent_m=number(cell(row, c["ascent"]), comma),
                avg_hr=number(cell(row, c["avg_hr"]), comma),
                max_hr=number(cell(row, c["max_hr"]), comma),
                calories_kcal=number(cell(row, c["calories"]), comma),
                avg_cadence_spm=cadence if sport == "running" else None,
            )
        )
    notes = [
        "distances read as km (Garmin writes the account's unit)",
        "times are the watch's local time (no UTC offset in the file)",
    ]
    if comma:
        notes.insert(0, "decimal commas")
    return _result("garmin_csv", acts, notes)


# --- garmin-connect-export (the gcexport.py tool's activities.csv) -----------------------------

# Its column names, current template first, then the older lower-case ones.
GCEXPORT_COLUMNS = {
    "start": ("Start Time",),
    "begin": ("Begin Timestamp (raw)", "Begin timestamp", "Begin Timestamp"),
    "name": ("Activity Name", "Activity name"),
    "type": ("Activity Type", "Activity Type Key", "Activity type"),
    "parent": ("Activity Parent",),
    "duration": ("Duration (h:m:s)",),
    "elapsed": ("Elapsed Duration (h:m:s)",),
    "moving": ("Moving Duration (h:m:s)", "Moving duration (h:m:s)"),
    "distance": ("Distance (km)",),
    "ascent": (
        "Elevation Gain (m)",
        "Elevation Gain (m, corrected)",
        "Elevation Gain (m, uncorr)",
        "Elevation gain corrected (m)",
        "Elevation gain uncorrected (m)",
    ),
    "avg_hr": ("Average Heart Rate (bpm)", "Average heart rate (bpm)"),
    "max_hr": ("Max. Heart Rate (bpm)", "Max. heart rate (bpm)"),
    "calories": ("Calories",),
    "cadence": ("Avg. Run Cadence",),
    "description": ("Description",),
}


def _hms(text: str | None) -> float | None:
    """'00:31:19', and Python's timedelta text for a day or more: '1 day, 2:03:04'."""
    if text and (m := re.fullmatch(r"\s*(\d+) days?, (.+)", text)):
        rest = duration_s(m.group(2))
        return None if rest is None else int(m.group(1)) * 86400 + rest
    return duration_s(text)


def parse_gcexport(table: Table) -> ParseResult:
    c = {k: table.index(*names) for k, names in GCEXPORT_COLUMNS.items()}
    acts = []
    for line, row in enumerate(table.rows, start=table.header_line + 1):
        text = cell(row, c["start"]) or cell(row, c["begin"])
        start, offset = _date(line, text)
        sport, sub = sport_of(cell(row, c["type"]) or cell(row, c["parent"]))
        km = number(cell(row, c["distance"]))
        duration = _hms(cell(row, c["duration"]))
        cadence = number(cell(row, c["cadence"]))
        acts.append(
            _activity(
                start,
                offset,
                "csv_local",
                sport=sport,
                sub_sport=sub,
                name=cell(row, c["name"]),
                elapsed_s=_hms(cell(row, c["elapsed"])) or duration,
                moving_s=_hms(cell(row, c["moving"])) or duration,
                distance_m=km * 1000.0 if km else None,
                ascent_m=number(cell(row, c["ascent"])),
                avg_hr=number(cell(row, c["avg_hr"])),
                max_hr=number(cell(row, c["max_hr"])),
                calories_kcal=number(cell(row, c["calories"])) or None,
                avg_cadence_spm=cadence if sport == "running" else None,
            )
        )
    notes = [] if c["start"] is not None else ["times are the watch's local time (no UTC offset in the file)"]
    return _result("gcexport_csv", acts, notes)


# --- Runstrong's run template ----------------------------------------------------------------


def parse_run_template(table: Table) -> ParseResult:
    i = table.index
    acts = []
    for line, row in enumerate(table.rows, start=2):
        text = " ".join(filter(None, [cell(row, i("date")), cell(row, i("time", "start_time"))]))
        start, offset = _date(line, text or None)
        sport, sub = sport_of(cell(row, i("sport")) or "run")
        minutes = cell(row, i("duration_min"))
        seconds = duration_s(minutes) if minutes and ":" in minutes else duration_s(minutes, bare_unit_s=60)
        km = number(cell(row, i("distance_km")))
        rpe = number(cell(row, i("rpe")))
        if rpe is not None and not 0 <= rpe <= 10:
            raise IngestError(f"line {line}: rpe {rpe:g} is outside 0-10")
        acts.append(
            _activity(
                start,
                offset,
                "csv_local",
                sport=sport,
                sub_sport=sub,
                name=cell(row, i("name")),
                elapsed_s=seconds,
                moving_s=seconds,
                distance_m=km * 1000.0 if km else None,
                avg_hr=number(cell(row, i("avg_hr"))),
                max_hr=number(cell(row, i("max_hr"))),
                ascent_m=number(cell(row, i("ascent_m"))),
                rpe=rpe,
                is_race=boolean(cell(row, i("race"))),
            )
        )
    return _result("runstrong_runs_csv", acts, [])
