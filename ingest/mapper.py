"""The column mapper: a CSV no known format reads becomes activities or strength sets through a
mapping the runner chose once (which column is the date, the distance and its unit, ...), saved
under the header's signature and reused for every later file with the same header.

Pure functions over a `Table`: suggesting a mapping from the header words, inferring the date order,
reading rows with a mapping, and a mapping's JSON form. The store keeps mappings; the Import page
and `python -m ingest` hand them in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from ingest.csv_activities import MI_M, activity_row
from ingest.csv_strength import LB_KG, STRONG_SET_ORDER, Sessions, set_row
from ingest.errors import IngestError
from ingest.model import ParseResult
from ingest.sports import sport_of
from ingest.textcsv import (
    DELIMITERS,
    EMPTY,
    ENCODINGS,
    Table,
    cell,
    decode,
    duration_s,
    number,
    read_table,
    when,
)

FORMAT = "mapped_csv"
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
        "distance": ("distance", "distanz", "km", "dist", "strecke", "kilometer", "miles", "entfernung"),
        "distance_unit": ("unit", "einheit", "unite", "unidad"),
        "duration": ("duration", "dauer", "zeit", "time", "duree", "duracion", "elapsed", "total time"),
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


def _plain(text: str) -> str:
    """Lower case, accents stripped, punctuation as spaces: 'Ø HF (bpm)' -> 'hf bpm'."""
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", t).split())


def signature(header: Iterable[str]) -> str:
    """A header's identity: its column names (trimmed, case-insensitive) in order, hashed."""
    key = "\x1f".join(h.strip().lower() for h in header)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass
class ColumnMapping:
    """Which column is what, and how to read it. Columns are named as the header names them."""

    kind: str = "activities"
    name: str = ""
    header: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> column name
    date_order: str = "ymd"
    distance_unit: str = "km"  # when no unit column
    weight_unit: str = "kg"  # when no unit column
    ascent_unit: str = "m"
    duration_unit: str = "min"  # a bare number in a duration column
    decimal_comma: bool = False
    sports: dict[str, str] = field(default_factory=dict)  # word in the file -> key of SPORTS
    # How to read the file when the runner corrected what was detected (None: detect it).
    encoding: str | None = None
    delimiter: str | None = None
    header_line: int | None = None

    @property
    def signature(self) -> str:
        return signature(self.header)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"signature": self.signature}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ColumnMapping:
        """A mapping from its JSON form; says what is wrong with a malformed one."""
        if not isinstance(d, Mapping) or not isinstance(d.get("header"), list) or not d.get("header"):
            raise ValueError("a column mapping needs the file's header (a list of column names)")
        m = cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})
        problems = m.problems()
        if problems:
            raise ValueError("; ".join(problems))
        return m

    def problems(self) -> list[str]:
        """What keeps this mapping from reading a file, in words for the Import page."""
        out = []
        if self.kind not in FIELDS:
            return [f"the kind {self.kind!r} is not one of {', '.join(FIELDS)}"]
        fields = FIELDS[self.kind]
        for f in REQUIRED[self.kind]:
            if not self.columns.get(f):
                out.append(f"choose the column that holds the {fields[f].lower()}")
        for f, col in self.columns.items():
            if f not in fields:
                out.append(f"{f!r} is no field of a {self.kind} mapping")
            elif col and col not in self.header:
                out.append(f"the column {col!r} ({fields[f]}) is not in the header")
        if self.encoding is not None and self.encoding not in ENCODINGS:
            out.append(f"the encoding {self.encoding!r} is not one of {', '.join(ENCODINGS)}")
        if self.delimiter is not None and self.delimiter not in DELIMITERS:
            out.append(f"the delimiter {self.delimiter!r} is not one of {', '.join(map(repr, DELIMITERS))}")
        checks = (
            ("date_order", DATE_ORDERS),
            ("distance_unit", DISTANCE_UNITS),
            ("weight_unit", WEIGHT_UNITS),
            ("ascent_unit", ASCENT_UNITS),
            ("duration_unit", DURATION_UNITS),
        )
        for attr, allowed in checks:
            if getattr(self, attr) not in allowed:
                out.append(
                    f"{attr.replace('_', ' ')} {getattr(self, attr)!r} is not one of {', '.join(allowed)}"
                )
        bad = sorted(v for v in self.sports.values() if v not in SPORTS)
        if bad:
            out.append(f"unknown sports {', '.join(bad)}: choose among {', '.join(SPORTS)}")
        return out


def to_json(mappings: Iterable[ColumnMapping]) -> str:
    return json.dumps(
        {"runstrong_column_mappings": [m.to_dict() for m in mappings]}, indent=2, ensure_ascii=False
    )


def from_json(text: str | bytes) -> list[ColumnMapping]:
    """Mappings exported by to_json (or one mapping's dict); ValueError says what is wrong."""
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"not a JSON file ({exc})") from exc
    items = doc.get("runstrong_column_mappings", [doc]) if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise ValueError("expected a list of column mappings")
    out = []
    for n, item in enumerate(items, start=1):
        try:
            out.append(ColumnMapping.from_dict(item))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"mapping {n}: {exc}") from exc
    return out


def read_with(data: bytes, mapping: ColumnMapping) -> Table:
    """The file read as the mapping says (what it does not say is detected)."""
    return read_table(decode(data, mapping.encoding), mapping.delimiter, mapping.header_line)


def lookup(data: bytes, table: Table, saved: Mapping[str, str]) -> tuple[Table, ColumnMapping] | None:
    """The saved mapping for this file: the one under its header's signature, else one whose own
    way of reading the file (another encoding, delimiter or header line) gives its header."""
    mappings = []
    for text in saved.values():
        try:
            mappings.append(ColumnMapping.from_dict(json.loads(text)))
        except (TypeError, ValueError):
            continue  # a damaged saved mapping maps nothing; the Import page shows it
    sig = signature(table.header)
    for m in mappings:
        if m.signature == sig:
            return table, m
    for m in mappings:
        if (m.encoding, m.delimiter, m.header_line) != (None, None, None):
            try:
                other = read_with(data, m)
            except IngestError:
                continue
            if signature(other.header) == m.signature:
                return other, m
    return None


# --- suggesting a mapping -------------------------------------------------------------------------


def guess_kind(header: list[str]) -> str:
    words = " ".join(_plain(h) for h in header)
    strength = sum(
        w in words for w in ("exercise", "ubung", "reps", "wiederholung", "satz", "set", "exercice")
    )
    return "strength" if strength >= 2 else "activities"


def suggest(
    table: Table, kind: str | None = None, remembered: Mapping[str, str] | None = None
) -> ColumnMapping:
    """A first mapping from the header's words and the values: the runner corrects it on the page.
    `remembered`: sport words the runner mapped before (in other mappings)."""
    kind = kind or guess_kind(table.header)
    plain = [_plain(h) for h in table.header]
    taken: set[int] = set()
    columns: dict[str, str] = {}
    # Specific hints first ("max hr" before "hr", "moving" before "time").
    order = sorted(HINTS[kind], key=lambda f: -max(len(h) for h in HINTS[kind][f]))
    for f in order:
        best = None
        for hint in HINTS[kind][f]:
            for i, p in enumerate(plain):
                if i in taken or any(w in p.split() for w in NOT_FOR.get(f, ())):
                    continue
                if p == hint or re.search(rf"\b{re.escape(hint)}\b", p):
                    best = i
                    break
            if best is not None:
                break
        if best is not None:
            columns[f] = table.header[best]
            taken.add(best)
    mapping = ColumnMapping(kind, "", list(table.header), columns, decimal_comma=sniff_decimal_comma(table))
    if (date_col := columns.get("date")) is not None:
        orders = date_orders(column_values(table, date_col))
        mapping.date_order = orders[0] if orders else "ymd"
    mapping.distance_unit = _unit_from_header(columns.get("distance"), DISTANCE_UNITS, "km")
    mapping.weight_unit = _unit_from_header(columns.get("weight"), WEIGHT_UNITS, "kg")
    if (dur := columns.get("duration")) is not None:
        mapping.duration_unit = "s" if re.search(r"\b(s|sec|secs|seconds|sekunden)\b", _plain(dur)) else "min"
    if kind == "activities" and columns.get("sport"):
        mapping.sports = suggest_sports(column_values(table, columns["sport"]), remembered)
    return mapping


def _unit_from_header(column: str | None, units: Mapping[str, float], default: str) -> str:
    """'Distance (mi)' -> 'mi'; 'Gewicht [lbs]' -> 'lb'."""
    if not column:
        return default
    for word in _plain(column).split():
        unit = UNIT_WORDS.get(word)
        if unit in units and word != "m":  # a lone 'm' in a header is as often minutes as metres
            return unit
    return default


def column_values(table: Table, column: str) -> list[str | None]:
    i = table.index(column)
    return [cell(r, i) for r in table.rows]


def sniff_decimal_comma(table: Table) -> bool:
    """True when the file's numbers are written with a decimal comma ('10,5'), judged over every
    cell that is a number with decimals."""
    comma = point = 0
    for row in table.rows[:500]:
        for v in row:
            v = v.strip()
            if re.fullmatch(r"-?\d+,\d{1,2}", v) or re.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+", v):
                comma += 1
            elif re.fullmatch(r"-?\d+\.\d+", v) and not re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2,4}", v):
                point += 1
    return comma > point


def sport_key(word: str, remembered: Mapping[str, str] | None = None) -> str:
    """The sport a word in the file most likely means ('Laufen', 'Course à pied', 'Run')."""
    if remembered and word in remembered:
        return remembered[word]
    plain = _plain(word).replace(" ", "")
    if plain in SPORT_WORDS:
        return SPORT_WORDS[plain]
    sport, sub = sport_of(word)
    key = f"{sport}/{sub}" if sub else sport
    if key in SPORTS:
        return key
    return sport if sport in SPORTS else "generic"


def suggest_sports(
    values: Iterable[str | None], remembered: Mapping[str, str] | None = None
) -> dict[str, str]:
    return {w: sport_key(w, remembered) for w in dict.fromkeys(v for v in values if v)}


def sport_words(table: Table, mapping: ColumnMapping) -> pd.DataFrame:
    """The distinct words of the sport column, how many rows have each, and the sport chosen."""
    col = mapping.columns.get("sport")
    if not col:
        return pd.DataFrame(columns=["word", "rows", "sport"])
    counts = Counter(v for v in column_values(table, col) if v)
    rows = [
        {"word": w, "rows": n, "sport": mapping.sports.get(w) or sport_key(w)}
        for w, n in counts.most_common()
    ]
    return pd.DataFrame(rows, columns=["word", "rows", "sport"])


# --- dates ----------------------------------------------------------------------------------------

_NUMERIC_DATE = re.compile(r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\.?")
_TIME = re.compile(r"(\d{1,2})[:.h](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?", re.IGNORECASE)


def _year(text: str) -> int:
    """Two-digit years: 00-68 are 2000-2068, 69-99 are 1969-1999 (the POSIX rule)."""
    y = int(text)
    if len(text) <= 2:
        return 2000 + y if y < 69 else 1900 + y
    return y


def date_orders(values: Iterable[str | None]) -> list[str]:
    """The date orders every numeric date in a column fits, most likely first; [] when the
    column holds no numeric dates (month names, ISO with time: `when` reads those). More than one
    means ambiguous (every day so far is 12 or less): the Import page asks."""
    possible = {"ymd", "dmy", "mdy"}
    seen = False
    dots = slashes = 0
    for v in values:
        if not v:
            continue
        m = _NUMERIC_DATE.match(v.strip())
        if not m:
            continue
        seen = True
        a, b, c = m.groups()
        sep = v.strip()[len(a)]
        dots += sep == "."
        slashes += sep == "/"
        ia, ib = int(a), int(b)
        fits = set()
        if len(a) == 4 or (ia > 31 and len(c) <= 2):
            fits.add("ymd")
        if len(a) <= 2 and 1 <= ia <= 31 and 1 <= ib <= 12:
            fits.add("dmy")
        if len(a) <= 2 and 1 <= ia <= 12 and 1 <= ib <= 31:
            fits.add("mdy")
        possible &= fits
    if not seen:
        return []
    # Dots and dashes are day-first countries' habit, slashes month-first's: only the order asked.
    prefer = ["ymd", "mdy", "dmy"] if slashes > dots else ["ymd", "dmy", "mdy"]
    return [o for o in prefer if o in possible]


def read_date(text: str | None, order: str) -> dt.datetime | None:
    """A date, with a time if the text has one, read in `order` (ymd, dmy, mdy); dates with month
    names or ISO with an offset fall back to the general reader. None when it does not read."""
    if text is None:
        return None
    t = text.strip()
    m = _NUMERIC_DATE.match(t)
    if m:
        a, b, c = m.groups()
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c)
        elif order == "dmy":
            d, mo, y = int(a), int(b), _year(c)
        elif order == "mdy":
            mo, d, y = int(a), int(b), _year(c)
        else:
            y, mo, d = _year(a), int(b), int(c)
        rest = t[m.end() :].strip(" ,T")
        try:
            day = dt.datetime(y, mo, d)
        except ValueError:
            return None
        if not rest:
            return day
        clock = read_time(rest)
        return None if clock is None else dt.datetime.combine(day.date(), clock)
    got = when(t)
    return None if got is None else got[0]


def read_time(text: str | None) -> dt.time | None:
    if text is None:
        return None
    m = _TIME.fullmatch(text.strip())
    if not m:
        return None
    h, mi, s, ampm = m.groups()
    hour = int(h)
    if ampm:
        pm = ampm.lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    try:
        return dt.time(hour, int(mi), int(s or 0))
    except ValueError:
        return None


# --- reading a file with a mapping ------------------------------------------------------------------


class _Reader:
    """Cells of one row by field, with the line number for messages."""

    def __init__(self, table: Table, mapping: ColumnMapping):
        self.table, self.m = table, mapping
        self.idx = {f: table.index(c) for f, c in mapping.columns.items() if c}

    def text(self, row: list[str], f: str) -> str | None:
        return cell(row, self.idx.get(f))

    def num(self, row: list[str], f: str) -> float | None:
        return number(self.text(row, f), self.m.decimal_comma)

    def start(self, line: int, row: list[str]) -> dt.datetime:
        raw = self.text(row, "date")
        got = read_date(raw, self.m.date_order)
        if got is None:
            col = self.m.columns["date"]
            raise IngestError(
                f"line {line}: the date column {col!r} holds {raw!r}, which does not read as a date "
                f"({DATE_ORDERS[self.m.date_order]}). Check the date column and its order in the column "
                "mapping on the Import page."
            )
        if self.idx.get("time") is not None and (t := self.text(row, "time")) is not None:
            clock = read_time(t)
            if clock is None:
                raise IngestError(
                    f"line {line}: the time column {self.m.columns['time']!r} holds {t!r}, which does not read "
                    "as a time of day (like 07:30 or 7:30 PM)"
                )
            got = dt.datetime.combine(got.date(), clock)
        return got

    def unit(self, line: int, row: list[str], f: str, default: str, units: Mapping[str, float]) -> float:
        """The factor to SI of a unit column's word (or of the mapping's unit when there is none)."""
        word = self.text(row, f)
        if word is None:
            return units[default]
        key = UNIT_WORDS.get(_plain(word).replace(" ", ""))
        if key not in units:
            raise IngestError(
                f"line {line}: the unit column {self.m.columns[f]!r} holds {word!r}, which is not a unit "
                f"Runstrong knows ({', '.join(units)}). Correct the file or map no unit column."
            )
        return units[key]

    def rpe(self, line: int, row: list[str]) -> float | None:
        v = self.num(row, "rpe")
        if v is not None and not 0 <= v <= 10:
            raise IngestError(f"line {line}: RPE {v:g} in column {self.m.columns['rpe']!r} is outside 0-10")
        return v

    def seconds(self, row: list[str], f: str) -> float | None:
        return duration_s(self.text(row, f), bare_unit_s=DURATION_UNITS[self.m.duration_unit])

    def rows(self) -> Iterable[tuple[int, list[str]]]:
        """(line, row) for every row with a date; rows whose date cell is empty are counted apart."""
        self.undated = 0
        for line, row in enumerate(self.table.rows, start=self.table.header_line + 1):
            if self.text(row, "date") is None:
                self.undated += 1
                continue
            yield line, row


def apply(table: Table, mapping: ColumnMapping) -> ParseResult:
    """The rows of `table` read with `mapping`. IngestError names the line and the problem."""
    problems = mapping.problems()
    if problems:
        raise IngestError(f"the column mapping {mapping.name!r} cannot be used: {'; '.join(problems)}")
    if mapping.kind == "strength":
        result = _strength(table, mapping)
    else:
        result = _activities(table, mapping)
    label = f"read with the column mapping {mapping.name!r}" if mapping.name else "read with a column mapping"
    result.message = "; ".join(filter(None, [label, result.message]))
    return result


def _no_rows(table: Table, mapping: ColumnMapping, undated: int) -> IngestError:
    col = mapping.columns.get("date")
    why = (
        f"all {undated} rows have an empty date column {col!r}"
        if undated
        else "the file has a header but no rows below it"
    )
    return IngestError(
        f"the column mapping reads no row from this file: {why}. Check the header line and the date column "
        "on the Import page."
    )


def _activities(table: Table, mapping: ColumnMapping) -> ParseResult:
    r = _Reader(table, mapping)
    acts = []
    for line, row in r.rows():
        start = r.start(line, row)
        word = r.text(row, "sport")
        key = (mapping.sports.get(word) or sport_key(word)) if word else "running"
        sport, _, sub = key.partition("/")
        distance = r.num(row, "distance")
        if distance is not None:
            distance *= r.unit(line, row, "distance_unit", mapping.distance_unit, DISTANCE_UNITS)
        ascent = r.num(row, "ascent")
        elapsed = r.seconds(row, "duration")
        moving = r.seconds(row, "moving")
        values: dict[str, Any] = dict(
            sport=sport,
            sub_sport=sub or None,
            name=r.text(row, "name"),
            elapsed_s=elapsed or moving,
            moving_s=moving or elapsed,
            distance_m=distance or None,
            ascent_m=None if ascent is None else ascent * ASCENT_UNITS[mapping.ascent_unit],
            avg_hr=r.num(row, "avg_hr"),
            max_hr=r.num(row, "max_hr"),
            rpe=r.rpe(line, row),
        )
        if (note := r.text(row, "notes")) is not None:
            values["note"] = note
        acts.append(activity_row(start, None, "csv_local", **values))
    if not acts:
        raise _no_rows(table, mapping, r.undated)
    notes = [f"{r.undated} rows without a date skipped"] if r.undated else []
    if not mapping.columns.get("sport"):
        notes.append("no sport column: every row read as a run")
    return ParseResult(FORMAT, "ok", "; ".join(notes), acts)


def _strength(table: Table, mapping: ColumnMapping) -> ParseResult:
    r = _Reader(table, mapping)
    out = Sessions("csv")
    for line, row in r.rows():
        start = r.start(line, row)
        has_time = r.idx.get("time") is not None or start.time() != dt.time()
        workout = r.text(row, "workout")
        order = (r.text(row, "set_order") or "").strip().lower()
        set_type = STRONG_SET_ORDER.get(order[:1], "working") if order and not order.isdigit() else "working"
        weight = r.num(row, "weight")
        if weight is not None:
            weight *= r.unit(line, row, "weight_unit", mapping.weight_unit, WEIGHT_UNITS)
        meta = {
            "start": start,
            "day": start.date(),
            "has_time": has_time,
            "name": workout,
            "duration_s": r.seconds(row, "duration"),
        }
        key = (start.date(), start if has_time else None, workout)
        out.add(
            key,
            meta,
            set_row(r.text(row, "exercise"), set_type, r.num(row, "reps"), weight, None, r.rpe(line, row)),
        )
    if not out.order:
        raise _no_rows(table, mapping, r.undated)
    notes = [f"{r.undated} rows without a date skipped"] if r.undated else []
    if not mapping.columns.get("weight_unit"):
        notes.append(f"weights read as {mapping.weight_unit}")
    return out.result(FORMAT, notes)


def preview(table: Table, mapping: ColumnMapping, n: int = 8) -> tuple[pd.DataFrame, str | None]:
    """The first `n` rows as the mapping reads them (SI columns), and the first problem, if any."""
    head = Table(table.header, table.rows[:n], table.delimiter, table.skipped, table.header_line)
    try:
        result = apply(head, mapping)
    except IngestError as exc:
        return pd.DataFrame(), str(exc)
    if mapping.kind == "strength":
        rows = []
        for s in result.strength_sessions:
            for _, st in s.sets.iterrows():
                rows.append(
                    {
                        "date": s.session["local_date"],
                        "workout": s.session["name"],
                        "exercise": st["exercise"],
                        "set type": st["set_type"],
                        "reps": st["reps"],
                        "weight_kg": st["weight_kg"],
                    }
                )
        return pd.DataFrame(rows), None
    cols = [
        "start_time_local",
        "sport",
        "name",
        "distance_m",
        "elapsed_s",
        "moving_s",
        "avg_hr",
        "max_hr",
        "ascent_m",
        "rpe",
    ]
    return pd.DataFrame([{c: a.activity.get(c) for c in cols} for a in result.activities], columns=cols), None


def unread_words(values: Iterable[str | None]) -> set[str]:
    """Values that count as empty cells (shown so the runner knows '--' is read as missing)."""
    return {v for v in values if v is not None and v.strip().lower() in EMPTY}
