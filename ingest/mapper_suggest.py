"""A first column mapping for a CSV, from its header's words and its values: which column is what,
the kind of rows, the date order, decimal commas, units named in the header, what each sport word
means. The runner corrects it on the Import page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from ingest.mapper import ColumnMapping
from ingest.mapper_dates import clock_of, date_orders
from ingest.mapper_words import DISTANCE_UNITS, HINTS, NOT_FOR, UNIT_WORDS, WEIGHT_UNITS, plain, sport_key
from ingest.textcsv import Table, cell


def guess_kind(header: list[str]) -> str:
    words = " ".join(plain(h) for h in header)
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
    names = [plain(h) for h in table.header]
    taken: set[int] = set()
    columns: dict[str, str] = {}
    # Specific hints first ("max hr" before "hr", "moving" before "time").
    order = sorted(HINTS[kind], key=lambda f: -max(len(h) for h in HINTS[kind][f]))
    for f in order:
        best = None
        for hint in HINTS[kind][f]:
            for i, p in enumerate(names):
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
    durations = [v for f in ("duration", "moving") if f in columns for v in column_values(table, columns[f])]
    mapping.clock = clock_of(durations)
    if (dur := columns.get("duration")) is not None:
        mapping.duration_unit = "s" if re.search(r"\b(s|sec|secs|seconds|sekunden)\b", plain(dur)) else "min"
    if kind == "activities" and columns.get("sport"):
        mapping.sports = suggest_sports(column_values(table, columns["sport"]), remembered)
    return mapping


def _unit_from_header(column: str | None, units: Mapping[str, float], default: str) -> str:
    """'Distance (mi)' -> 'mi'; 'Gewicht [lbs]' -> 'lb'."""
    if not column:
        return default
    for word in plain(column).split():
        unit = UNIT_WORDS.get(word)
        if (
            unit is not None and unit in units and word != "m"
        ):  # a lone 'm' in a header is as often minutes as metres
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


# --- reading a file with a mapping ------------------------------------------------------------------
