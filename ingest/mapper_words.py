"""The column mapper's vocabulary: the fields a mapping fills, the units and their words, the
sports a word can mean, and the header words that suggest a field (English, German, French,
Spanish, Italian, Dutch, Danish/Swedish). Data only, and one helper to compare words."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from ingest.csv_activities import MI_M
from ingest.csv_strength import LB_KG
from ingest.sports import sport_of

KINDS = {
    "activities": "Activities (one row per run, ride, ...)",
    "strength": "Strength sets (one row per set)",
}

# Field -> label, per kind, in the order the Import page asks for them.
ACTIVITY_FIELDS = {
    "date": "Date",
    "time": "Start time (if in its own column)",
    "sport": "Sport or type",
    "name": "Name",
    "distance": "Distance",
    "distance_unit": "Distance unit (a column naming it)",
    "duration": "Duration",
    "moving": "Moving time",
    "avg_hr": "Average HR",
    "max_hr": "Maximum HR",
    "ascent": "Ascent",
    "rpe": "RPE (0-10)",
    "notes": "Notes",
}
STRENGTH_FIELDS = {
    "date": "Date",
    "time": "Start time (if in its own column)",
    "workout": "Workout",
    "exercise": "Exercise",
    "set_order": "Set order",
    "weight": "Weight",
    "weight_unit": "Weight unit (a column naming it)",
    "reps": "Reps",
    "duration": "Workout duration",
    "rpe": "RPE (0-10)",
}
FIELDS = {"activities": ACTIVITY_FIELDS, "strength": STRENGTH_FIELDS}
REQUIRED = {"activities": ("date",), "strength": ("date", "exercise")}

DISTANCE_UNITS = {"km": 1000.0, "mi": MI_M, "m": 1.0}
WEIGHT_UNITS = {"kg": 1.0, "lb": LB_KG}
ASCENT_UNITS = {"m": 1.0, "ft": 0.3048}
DURATION_UNITS = {"min": 60.0, "s": 1.0, "h": 3600.0}  # what a bare number in a duration column is
DATE_ORDERS = {
    "ymd": "year first (2021-04-13)",
    "dmy": "day first (13.04.2021)",
    "mdy": "month first (04/13/2021)",
}
# Unit words a unit column may hold (lower case, accents and dots removed).
UNIT_WORDS = {
    "km": "km",
    "kms": "km",
    "kilometer": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometres": "km",
    "mi": "mi",
    "mile": "mi",
    "miles": "mi",
    "meile": "mi",
    "meilen": "mi",
    "m": "m",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "metro": "m",
    "metros": "m",
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilogramm": "kg",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "pfund": "lb",
}

# Sports a word can map to: "sport" or "sport/sub_sport" -> label on the Import page.
SPORTS = {
    "running": "Run",
    "running/trail": "Trail run",
    "running/treadmill": "Treadmill run",
    "cycling": "Ride",
    "walking": "Walk",
    "hiking": "Hike",
    "swimming": "Swim",
    "training/strength_training": "Strength training",
    "training": "Other training",
    "generic": "Other",
}
# Activity words in other languages that ingest.sports does not know (accents stripped, lower case).
SPORT_WORDS = {
    "courseapied": "running",
    "course": "running",
    "footing": "running",
    "trail": "running/trail",
    "velo": "cycling",
    "cyclisme": "cycling",
    "marche": "walking",
    "randonnee": "hiking",
    "natation": "swimming",
    "correr": "running",
    "carrera": "running",
    "ciclismo": "cycling",
    "caminar": "walking",
    "natacion": "swimming",
    "corsa": "running",
    "camminata": "walking",
    "nuoto": "swimming",
    "hardlopen": "running",
    "fietsen": "cycling",
    "wandelen": "walking",
    "zwemmen": "swimming",
    "lob": "running",
    "lobning": "running",
    "lopning": "running",
    "jogging": "running",
    "jog": "running",
    "dauerlauf": "running",
    "tempolauf": "running",
    "intervalle": "running",
    "kraft": "training/strength_training",
    "gym": "training/strength_training",
}

# Header words that suggest a field (lower case, accents stripped), per kind; the first match wins.
HINTS: dict[str, dict[str, tuple[str, ...]]] = {
    "activities": {
        "date": ("date", "datum", "fecha", "data", "day", "tag", "jour", "when", "start"),
        "time": ("time of day", "start time", "uhrzeit", "heure", "hora", "clock"),
        "sport": ("sport", "type", "activity", "aktivitat", "art", "sportart", "discipline", "activite"),
        "name": ("name", "title", "titel", "titre", "nombre", "bezeichnung", "workout"),
        "distance": (
            "how far",
            "distance",
            "distanz",
            "km",
            "dist",
            "strecke",
            "kilometer",
            "miles",
            "entfernung",
        ),
        "distance_unit": ("unit", "einheit", "unite", "unidad"),
        "duration": (
            "how long",
            "duration",
            "dauer",
            "zeit",
            "time",
            "duree",
            "duracion",
            "elapsed",
            "total time",
        ),
        "moving": ("moving", "bewegung", "moving time"),
        "avg_hr": ("avg hr", "average hr", "hf", "puls", "heart", "herz", "fc", "bpm", "hr"),
        "max_hr": (
            "max hr",
            "max hf",
            "maximum hr",
            "max puls",
            "puls max",
            "hf max",
            "hfmax",
            "fc max",
            "maxpuls",
            "max heart",
            "heart rate max",
            "maximale herzfrequenz",
        ),
        "ascent": (
            "ascent",
            "elevation",
            "climb",
            "hohenmeter",
            "anstieg",
            "hm",
            "denivele",
            "desnivel",
            "gain",
        ),
        "rpe": ("rpe", "effort", "borg", "anstrengung", "exertion", "feel"),
        "notes": (
            "notes",
            "note",
            "notiz",
            "notizen",
            "comment",
            "kommentar",
            "bemerkung",
            "remarque",
            "description",
        ),
    },
    "strength": {
        "date": ("date", "datum", "fecha", "data", "day", "tag", "jour", "start"),
        "time": ("time of day", "start time", "uhrzeit", "heure", "hora"),
        "workout": ("workout", "session", "training", "routine", "einheit", "seance", "title"),
        "exercise": ("exercise", "ubung", "exercice", "ejercicio", "esercizio", "movement", "lift"),
        "set_order": ("set order", "set", "satz", "serie", "set number"),
        "weight": ("weight", "gewicht", "load", "poids", "peso", "kg", "lbs", "last"),
        "weight_unit": ("unit", "einheit", "unite", "unidad"),
        "reps": ("reps", "repetitions", "wiederholungen", "wdh", "rep", "repeticiones", "ripetizioni"),
        "duration": ("duration", "dauer", "duree", "duracion", "length"),
        "rpe": ("rpe", "effort", "borg", "anstrengung", "rir"),
    },
}
# Words that keep a column from a field a broader hint would give it ('Puls max' is no average).
NOT_FOR = {"avg_hr": ("max", "min"), "duration": ("moving", "bewegung"), "distance": ("unit", "einheit")}


def plain(text: str) -> str:
    """Lower case, accents stripped, punctuation as spaces: 'Ø HF (bpm)' -> 'hf bpm'."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", t).split())


def sport_key(word: str, remembered: Mapping[str, str] | None = None) -> str:
    """The sport a word in the file most likely means ('Laufen', 'Course à pied', 'Run')."""
    if remembered and word in remembered:
        return remembered[word]
    squeezed = plain(word).replace(" ", "")
    if squeezed in SPORT_WORDS:
        return SPORT_WORDS[squeezed]
    sport, sub = sport_of(word)
    key = f"{sport}/{sub}" if sub else sport
    if key in SPORTS:
        return key
    return sport if sport in SPORTS else "generic"
