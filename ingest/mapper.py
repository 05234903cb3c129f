"""The column mapper: a CSV no known format reads becomes activities or strength sets through a
mapping the runner chose once (which column is the date, the distance and its unit, ...), saved
under the header's signature and reused for every later file with the same header.

Pure functions over a `Table`: suggesting a mapping (ingest.mapper_suggest), reading rows with a
mapping, a preview, and a mapping's JSON form. Its words are in ingest.mapper_words, its dates in
ingest.mapper_dates. The store keeps mappings; the Import page and `python -m ingest` hand them in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from ingest.csv_activities import activity_row
from ingest.csv_strength import STRONG_SET_ORDER, Sessions, set_row
from ingest.errors import IngestError
from ingest.mapper_dates import CLOCKS, read_time, read_when, two_part_seconds
from ingest.mapper_words import (
    ASCENT_UNITS,
    DATE_ORDERS,
    DISTANCE_UNITS,
    DURATION_UNITS,
    FIELDS,
    REQUIRED,
    SPORTS,
    UNIT_WORDS,
    WEIGHT_UNITS,
    plain,
    sport_key,
)
from ingest.model import ParseResult
from ingest.textcsv import DELIMITERS, ENCODINGS, Table, cell, decode, duration_s, number, read_table

FORMAT = "mapped_csv"


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
    clock: str = "mm:ss"  # a two-part duration ('52:30' or '1:05': h:mm)
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
            ("clock", CLOCKS),
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


# A number with a unit word after it: '6.2 mi', '20kg', '10,5 km'.
_GLUED = re.compile(r"\s*[-+]?[\d.,' ]*\d\s*([^\W\d_][^\d]*?)\.?\s*")


class _Reader:
    """Cells of one row by field, with the line number for messages."""

    def __init__(self, table: Table, mapping: ColumnMapping):
        self.table, self.m = table, mapping
        self.idx = {f: table.index(c) for f, c in mapping.columns.items() if c}

    def text(self, row: list[str], f: str) -> str | None:
        return cell(row, self.idx.get(f))

    def num(self, row: list[str], f: str) -> float | None:
        return number(self.text(row, f), self.m.decimal_comma)

    def start(self, line: int, row: list[str]) -> tuple[dt.datetime, int | None]:
        """The row's start (the wall clock as written) and its UTC offset when the text gives one."""
        raw = self.text(row, "date")
        got = read_when(raw, self.m.date_order)
        if got is None:
            col = self.m.columns["date"]
            raise IngestError(
                f"line {line}: the date column {col!r} holds {raw!r}, which does not read as a date "
                f"({DATE_ORDERS[self.m.date_order]}). Check the date column and its order in the column "
                "mapping on the Import page."
            )
        start, offset = got
        if self.idx.get("time") is not None and (t := self.text(row, "time")) is not None:
            clock = read_time(t)
            if clock is None:
                raise IngestError(
                    f"line {line}: the time column {self.m.columns['time']!r} holds {t!r}, which does not read "
                    "as a time of day (like 07:30 or 7:30 PM)"
                )
            start = dt.datetime.combine(start.date(), clock)
        return start, offset

    def measure(
        self, line: int, row: list[str], f: str, default: str, units: Mapping[str, float]
    ) -> float | None:
        """A distance or weight in SI: a unit glued to the number ('6.2 mi', '20kg') wins, then the
        unit column's word, then the mapping's unit."""
        text = self.text(row, f)
        value = number(text, self.m.decimal_comma)
        if value is None or text is None:
            return None
        glued = _GLUED.fullmatch(text)
        if glued:
            key = UNIT_WORDS.get(plain(glued.group(1)).replace(" ", ""))
            if key is None or key not in units:
                raise IngestError(
                    f"line {line}: the column {self.m.columns[f]!r} holds {text!r}, whose unit is not one "
                    f"Runstrong knows ({', '.join(units)}). Correct the file, or write the number alone."
                )
            return value * units[key]
        return value * self.unit(line, row, f"{f}_unit", default, units)

    def unit(self, line: int, row: list[str], f: str, default: str, units: Mapping[str, float]) -> float:
        """The factor to SI of a unit column's word (or of the mapping's unit when there is none)."""
        word = self.text(row, f)
        if word is None:
            return units[default]
        key = UNIT_WORDS.get(plain(word).replace(" ", ""))
        if key is None or key not in units:
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
        text = self.text(row, f)
        hm = two_part_seconds(text, self.m.clock)
        return hm if hm is not None else duration_s(text, bare_unit_s=DURATION_UNITS[self.m.duration_unit])

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
        start, offset = r.start(line, row)
        word = r.text(row, "sport")
        key = (mapping.sports.get(word) or sport_key(word)) if word else "running"
        sport, _, sub = key.partition("/")
        distance = r.measure(line, row, "distance", mapping.distance_unit, DISTANCE_UNITS)
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
        acts.append(activity_row(start, offset, "csv_local", **values))
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
        start, _ = r.start(line, row)  # the wall clock as written: app sessions are placed by the zone
        has_time = r.idx.get("time") is not None or start.time() != dt.time()
        workout = r.text(row, "workout")
        order = (r.text(row, "set_order") or "").strip().lower()
        set_type = STRONG_SET_ORDER.get(order[:1], "working") if order and not order.isdigit() else "working"
        weight = r.measure(line, row, "weight", mapping.weight_unit, WEIGHT_UNITS)
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
