"""Strength apps' CSV exports -> strength sessions with their sets.

Strong (comma and semicolon, with and without Duration, kg and lbs, the fully quoted "Workout #"
form), Hevy (kg and lbs), FitNotes (with and without a unit column, unquoted commas in exercise
names) and Runstrong's own template. Times in these files are the phone's wall clock: they are
parsed as local times, start_time_utc left NULL, and the importer gives a session with a time its
UTC start in the athlete's zone (ingest.localtime). A date without a time stays without either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from ingest.errors import IngestError
from ingest.exercises import region_of, words
from ingest.model import SET_COLUMNS, ParseResult, StrengthSession
from ingest.textcsv import Table, cell, duration_s, number, when

LB_KG = 0.45359237

HEVY_SET_TYPES = {"normal": "working", "warmup": "warmup", "failure": "failure", "dropset": "dropset"}
STRONG_SET_ORDER = {"w": "warmup", "d": "dropset", "f": "failure"}
# FitNotes' own categories, used when the exercise name matches no keyword.
FITNOTES_CATEGORY_REGIONS = {
    "legs": "lower",
    "abs": "core",
    "core": "core",
    "shoulders": "upper",
    "triceps": "upper",
    "biceps": "upper",
    "chest": "upper",
    "back": "upper",
    "arms": "upper",
    "full body": "full",
}


class _Sessions:
    """Sets grouped into sessions in the order the file gives them."""

    def __init__(self, app: str):
        self.app = app
        self.order: list[Any] = []
        self.meta: dict[Any, dict[str, Any]] = {}
        self.sets: dict[Any, list[dict[str, Any]]] = {}

    def add(self, key: Any, meta: dict[str, Any], set_row: dict[str, Any]) -> None:
        if key not in self.meta:
            self.order.append(key)
            self.meta[key] = meta
            self.sets[key] = []
        self.sets[key].append(set_row)

    def result(self, fmt: str, notes: list[str]) -> ParseResult:
        sessions = []
        for key in self.order:
            meta, rows = self.meta[key], self.sets[key]
            frame = pd.DataFrame(rows, columns=[c for c in SET_COLUMNS if c != "set_index"])
            frame.insert(0, "set_index", range(len(frame)))
            start: dt.datetime | None = meta.get("start")
            sessions.append(
                StrengthSession(
                    {
                        "start_time_utc": meta.get("start_utc"),
                        "start_time_local": start if meta.get("has_time", True) else None,
                        "local_date": meta["day"],
                        "name": meta.get("name"),
                        "duration_s": meta.get("duration_s"),
                        "rpe": meta.get("rpe"),
                        "app": self.app,
                    },
                    frame,
                )
            )
        if not sessions:
            raise IngestError("the file has a header but no sets")
        return ParseResult(fmt, "ok", "; ".join(notes), strength_sessions=sessions)


def _set(exercise: str | None, set_type: str, reps, weight_kg, seconds, rpe, region=None) -> dict[str, Any]:
    name = exercise.strip() if exercise else "unknown"
    if words(name) in (("warm", "up"), ("warmup",)):
        set_type = "warmup"  # a "Warm Up" entry is a warm-up whatever the app called the set
    return {
        "exercise": name,
        "region": region_of(name) or region,
        "set_type": set_type,
        "reps": reps if reps else None,  # the apps write 0 reps for a timed hold
        "weight_kg": weight_kg,
        "duration_s": seconds if seconds else None,
        "rpe": rpe,
        "start_time_utc": None,
    }


# The column mapper (ingest.mapper) groups its sets the same way.
Sessions, set_row = _Sessions, _set


def _weight(value: float | None, unit: str | None) -> float | None:
    if value is None:
        return None
    return value * LB_KG if unit and unit.strip().lower().startswith("lb") else value


def _bad_date(line: int, text: str | None) -> IngestError:
    return IngestError(f"line {line}: cannot read the date {text!r}")


def _rows(table: Table, fix: Callable[[list[str]], list[str]] | None = None):
    for n, row in enumerate(table.rows, start=2):
        yield n, (fix(row) if fix else row)


# --- Strong ----------------------------------------------------------------------------------


def parse_strong(table: Table) -> ParseResult:
    i = table.index
    c_no, c_date, c_name = i("Workout #"), i("Date"), i("Workout Name")
    c_dur = i("Duration", "Duration (sec)", "Workout Duration")
    c_ex, c_order, c_reps, c_rpe, c_sec = (
        i("Exercise Name"),
        i("Set Order"),
        i("Reps"),
        i("RPE"),
        i("Seconds"),
    )
    c_w, c_unit = i("Weight", "Weight (kg)", "Weight (kgs)", "Weight (lbs)", "Weight (lb)"), i("Weight Unit")
    header_unit = "lbs" if c_w is not None and "lb" in table.header[c_w].lower() else None
    decimal_comma = table.delimiter == ";"
    notes: list[str] = []
    if c_unit is None and header_unit is None:
        notes.append("weights read as kg (this Strong export does not name its unit)")
    out = _Sessions("strong")
    rest_rows = 0
    for line, row in _rows(table):
        order = (cell(row, c_order) or "").strip()
        if order.lower().startswith("rest"):
            rest_rows += 1  # Strong's "Rest Timer" rows: a timer, not a set
            continue
        got = when(cell(row, c_date))
        if got is None:
            raise _bad_date(line, cell(row, c_date))
        start, _ = got
        key = (cell(row, c_no), start, cell(row, c_name))
        dur = cell(row, c_dur)
        seconds_unit = 1.0 if c_dur is not None and "sec" in table.header[c_dur].lower() else 60.0
        meta = {
            "start": start,
            "day": start.date(),
            "name": cell(row, c_name),
            "duration_s": duration_s(dur, bare_unit_s=seconds_unit),
        }
        unit = cell(row, c_unit) or header_unit
        weight = _weight(number(cell(row, c_w), decimal_comma), unit)
        set_type = (
            "working" if order.isdigit() or not order else STRONG_SET_ORDER.get(order.lower(), "working")
        )
        out.add(
            key,
            meta,
            _set(
                cell(row, c_ex),
                set_type,
                number(cell(row, c_reps), decimal_comma),
                weight,
                number(cell(row, c_sec), decimal_comma),
                number(cell(row, c_rpe), decimal_comma),
            ),
        )
    if rest_rows:
        notes.append(f"{rest_rows} rest-timer rows skipped")
    return out.result("strong_csv", notes)


# --- Hevy ------------------------------------------------------------------------------------


def parse_hevy(table: Table) -> ParseResult:
    i = table.index
    c_title, c_start, c_end = i("title"), i("start_time"), i("end_time")
    c_ex, c_type, c_reps, c_rpe = i("exercise_title"), i("set_type"), i("reps"), i("rpe")
    c_kg, c_lbs, c_sec = i("weight_kg"), i("weight_lbs"), i("duration_seconds")
    out = _Sessions("hevy")
    for line, row in _rows(table):
        got = when(cell(row, c_start))
        if got is None:
            raise _bad_date(line, cell(row, c_start))
        start, _ = got
        end = when(cell(row, c_end))
        meta = {
            "start": start,
            "day": start.date(),
            "name": cell(row, c_title),
            "duration_s": (end[0] - start).total_seconds() if end and end[0] >= start else None,
        }
        weight = number(cell(row, c_kg)) if c_kg is not None else _weight(number(cell(row, c_lbs)), "lbs")
        kind = HEVY_SET_TYPES.get((cell(row, c_type) or "normal").lower(), "working")
        out.add(
            (start, cell(row, c_title)),
            meta,
            _set(
                cell(row, c_ex),
                kind,
                number(cell(row, c_reps)),
                weight,
                number(cell(row, c_sec)),
                number(cell(row, c_rpe)),
            ),
        )
    return out.result("hevy_csv", [])


# --- FitNotes --------------------------------------------------------------------------------


def parse_fitnotes(table: Table) -> ParseResult:
    i = table.index
    c_date, c_ex, c_cat, c_reps = i("Date"), i("Exercise"), i("Category"), i("Reps")
    c_w, c_unit, c_time, c_dist = (
        i("Weight", "Weight (kgs)", "Weight (kg)", "Weight (lbs)", "Weight (lb)"),
        i("Weight Unit"),
        i("Time"),
        i("Distance"),
    )
    header_unit = "lbs" if c_w is not None and "lb" in table.header[c_w].lower() else None
    width = len(table.header)

    def fix(row: list[str]) -> list[str]:
        # FitNotes does not quote an exercise name holding a comma: the extra fields are its parts.
        extra = len(row) - width
        if extra > 0 and c_ex is not None:
            return [*row[:c_ex], ",".join(row[c_ex : c_ex + extra + 1]), *row[c_ex + extra + 1 :]]
        return row

    out = _Sessions("fitnotes")
    cardio = 0
    for line, row in _rows(table, fix):
        got = when(cell(row, c_date))
        if got is None:
            raise _bad_date(line, cell(row, c_date))
        day = got[0].date()
        category = (cell(row, c_cat) or "").lower()
        reps = number(cell(row, c_reps))
        if category == "cardio" or (
            not reps
            and (number(cell(row, c_dist)) or duration_s(cell(row, c_time)))
            and category not in FITNOTES_CATEGORY_REGIONS
        ):
            cardio += 1  # a treadmill or rower entry: time and distance, not a strength set
            continue
        weight = _weight(number(cell(row, c_w)), cell(row, c_unit) or header_unit)
        meta = {"start": dt.datetime.combine(day, dt.time()), "day": day, "has_time": False, "name": None}
        out.add(
            day,
            meta,
            _set(
                cell(row, c_ex),
                "working",
                reps,
                weight,
                duration_s(cell(row, c_time)),
                None,
                FITNOTES_CATEGORY_REGIONS.get(category),
            ),
        )
    notes = (
        [f"{cardio} cardio rows (time and distance, no reps) not counted as strength sets"] if cardio else []
    )
    if c_unit is None and header_unit is None:
        notes.append("weights read as kg (the file does not name its unit)")
    return out.result("fitnotes_csv", notes)


# --- Runstrong's template --------------------------------------------------------------------

TEMPLATE_SET_TYPES = {"working", "warmup", "failure", "dropset"}


def parse_template(table: Table) -> ParseResult:
    i = table.index
    c_date, c_time, c_name, c_ex = (
        i("date"),
        i("time", "start_time"),
        i("session_name", "session"),
        i("exercise"),
    )
    c_type, c_reps, c_kg, c_lb, c_sec, c_rpe = (
        i("set_type"),
        i("reps"),
        i("weight_kg"),
        i("weight_lb", "weight_lbs"),
        i("duration_s"),
        i("rpe"),
    )
    c_srpe, c_min = i("session_rpe"), i("session_minutes", "session_duration_min")
    out = _Sessions("template")
    for line, row in _rows(table):
        text = " ".join(filter(None, [cell(row, c_date), cell(row, c_time)]))
        got = when(text)
        if got is None:
            raise _bad_date(line, text or None)
        start = got[0]
        has_time = cell(row, c_time) is not None or ":" in (cell(row, c_date) or "")
        minutes = number(cell(row, c_min))
        meta = {
            "start": start,
            "day": start.date(),
            "has_time": has_time,
            "name": cell(row, c_name),
            "rpe": number(cell(row, c_srpe)),
            "duration_s": minutes * 60 if minutes else None,
        }
        kind = (cell(row, c_type) or "working").lower().replace("-", "").replace(" ", "")
        kind = {"normal": "working", "warmup": "warmup", "drop": "dropset"}.get(kind, kind)
        if kind not in TEMPLATE_SET_TYPES:
            raise IngestError(
                f"line {line}: set_type {cell(row, c_type)!r} is not one of {sorted(TEMPLATE_SET_TYPES)}"
            )
        weight = number(cell(row, c_kg)) if cell(row, c_kg) else _weight(number(cell(row, c_lb)), "lbs")
        key = (start.date(), start if has_time else None, cell(row, c_name))
        out.add(
            key,
            meta,
            _set(
                cell(row, c_ex),
                kind,
                number(cell(row, c_reps)),
                weight,
                number(cell(row, c_sec)),
                number(cell(row, c_rpe)),
            ),
        )
    return out.result("runstrong_strength_csv", [])
