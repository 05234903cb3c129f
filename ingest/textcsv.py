"""Reading the CSVs that apps export: encodings, delimiters, repeated column names, numbers with
decimal commas or thousands separators, `--` for empty, durations like `1h 5m` or `23:43`, and the
date styles of Strava, Hevy, Strong and Garmin. Pure functions over text; no pandas guessing."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ingest.errors import IngestError

MAX_FIELD = 1 << 20  # a notes field of a megabyte is plenty
EMPTY = {"", "--", "-", "n/a", "na", "null", "none", "nan"}
MAX_LINES = 100_000  # decades of logging; beyond it a hostile file would hold the importer for hours
MAX_NUMBER = 1e15  # above any training figure (even times 1609 for miles): a typo or an id, not a value


ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (little-endian, no BOM)",
    "utf-16-be": "UTF-16 (big-endian, no BOM)",
    "cp1252": "Windows-1252 / Latin-1",
}
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text whose every other byte is zero (Windows tools write
    UTF-16 without a byte-order mark), else None."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    # Text of mostly non-Latin letters (Œ, €, Cyrillic) has zero bytes only in its ASCII characters,
    # its digits, separators and line ends: zeros on one side only, and the text they spell has
    # line ends or separators. UTF-8 and Windows-1252 text has no zero bytes at all.
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) and others.count(0) <= 0.1 * zeros.count(0) and _spells_a_table(head, codec):
            return codec
    return None


def _spells_a_table(head: bytes, codec: str) -> bool:
    """Whether `head` decodes in `codec` without error (but for a character cut at its end) into
    text with a line end or a separator."""
    try:
        text = head.decode(codec)
    except UnicodeDecodeError as e:
        if e.start < len(head) - 4:
            return False
        text = head[: e.start].decode(codec)
    return any(ch in text for ch in "\n,;\t")


def detect_encoding(data: bytes) -> str:
    """The codec a text file needs: UTF-16 with or without BOM, UTF-8 with or without BOM, else
    Windows-1252 (old German Garmin CSVs; a superset of Latin-1's printable characters)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if (bare := utf16_without_bom(data[:4096])) is not None:
        return bare
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig" if data[:3] == b"\xef\xbb\xbf" else "utf-8"


def decode(data: bytes, encoding: str | None = None) -> str:
    """The text of a file in `encoding` (a key of ENCODINGS), detected when not given."""
    encoding = encoding or detect_encoding(data)
    if encoding.startswith("utf-16"):
        return data.decode(encoding, errors="replace").lstrip("\ufeff")
    if encoding.startswith("utf-8"):
        return data.decode("utf-8-sig", errors="replace")
    return data.decode(encoding, errors="replace")


def _counts(line: str) -> dict[str, int]:
    """How often each delimiter occurs in a line, outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    return counts


def _delimiter(lines: list[str]) -> str:
    """The separator that splits the first lines most, by its median count: a title line above the
    header (an old Garmin export's "Aktivitäten von ...") or a ragged row does not decide it."""
    per_line = [_counts(line) for line in lines[:12]]
    if not per_line:
        return ","

    def median(d: str) -> float:
        values = sorted(c[d] for c in per_line)
        return values[len(values) // 2]

    def steady(d: str) -> int:  # lines split as the median line is: a stray comma in a name is not
        return sum(c[d] == median(d) for c in per_line)

    best = max(DELIMITERS, key=lambda d: (median(d), steady(d), max(c[d] for c in per_line), d == ","))
    return best if max(c[best] for c in per_line) else ","


def _header_line(lines: list[str], delimiter: str) -> int:
    """Index of the header among the non-blank lines: the first line split into at least half as
    many fields as the lines after it; title lines above it (one field) are skipped."""
    counts = [_counts(line)[delimiter] for line in lines[:12]]
    if not counts:
        return 0
    typical = sorted(counts)[len(counts) // 2]
    for i, n in enumerate(counts):
        if n >= max(1, typical // 2):
            return i
    return 0


@dataclass
class Table:
    """A CSV's header (names stripped, repeats kept in order) and its rows as lists of strings."""

    header: list[str]
    rows: list[list[str]]
    delimiter: str
    skipped: list[str] = field(default_factory=list)  # title lines above the header
    header_line: int = 1  # the header's line in the file (1-based)

    def index(self, *names: str, occurrence: int = 0) -> int | None:
        """Position of the first name present (case-insensitive); `occurrence` picks a repeat."""
        lowered = [h.lower() for h in self.header]
        for name in names:
            hits = [i for i, h in enumerate(lowered) if h == name.lower()]
            if len(hits) > occurrence:
                return hits[occurrence]
        return None

    def has(self, *names: str) -> bool:
        return self.index(*names) is not None

    def last_index(self, *names: str) -> int | None:
        """The last repeat of a name: Strava's second `Distance` is in metres, its first in km."""
        lowered = [h.lower() for h in self.header]
        for name in names:
            hits = [i for i, h in enumerate(lowered) if h == name.lower()]
            if hits:
                return hits[-1]
        return None


def read_table(text: str, delimiter: str | None = None, header_line: int | None = None) -> Table:
    """A CSV's text -> Table. The delimiter and the header's line are found when not given: title
    lines and blank lines above the header are skipped, cells padded with spaces are stripped."""
    text = text.lstrip("\ufeff")
    physical = text.splitlines()[:200]
    nonblank = [(n, line) for n, line in enumerate(physical, start=1) if line.strip()]
    delimiter = delimiter or _delimiter([line for _, line in nonblank])
    if header_line is None:
        at = _header_line([line for _, line in nonblank], delimiter)
        header_line = nonblank[at][0] if nonblank else 1
    skipped = [line.strip() for n, line in nonblank if n < header_line]
    if header_line > 1:
        # Drop the physical lines above the header (splitlines and the csv reader agree on them:
        # a title line holds no quoted line break).
        text = "\n".join(text.splitlines()[header_line - 1 :])
    csv.field_size_limit(MAX_FIELD)
    # Cells padded with spaces (an old Garmin export writes `  "Laufen" ,`): the spaces before a
    # quote would keep it from quoting. Only then, so an unquoted "Squat, High Bar" keeps its space.
    first = text.split("\n", 1)[0].split(delimiter)
    padded = sum(f.startswith(" ") for f in first[1:]) > len(first[1:]) / 2
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=padded)
        rows = list(itertools.islice(reader, MAX_LINES + 1))
    except csv.Error as exc:
        raise IngestError(f"the CSV cannot be read: {exc}") from exc
    if len(rows) > MAX_LINES:
        raise IngestError(f"the CSV has more than {MAX_LINES:,} lines: split it into smaller files")
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise IngestError("the CSV file is empty")
    header = [h.strip().strip('"').strip() for h in rows[0]]
    return Table(header, rows[1:], delimiter, skipped, header_line)


def cell(row: Sequence[str], i: int | None) -> str | None:
    """The stripped text at column i, or None when absent or empty (`--` counts as empty)."""
    if i is None or i >= len(row):
        return None
    v = row[i].strip()
    return None if v.lower() in EMPTY else v


# --- numbers -------------------------------------------------------------------------------------


def number(text: str | None, decimal_comma: bool = False) -> float | None:
    """'1,234.5' -> 1234.5; with decimal_comma '1.234,5' -> 1234.5; '--' -> None."""
    if text is None:
        return None
    t = text.strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
    if t.lower() in EMPTY:
        return None
    if decimal_comma:
        # '1.234,5' and '62,5' carry a decimal comma; a lone point before 1-2 digits ('62.5') is
        # still a decimal point (a semicolon export may mix them), before 3 digits a thousands mark.
        if "," in t or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", t):
            t = t.replace(".", "").replace(",", ".")
    else:
        t = t.replace(",", "")
    t = re.sub(r"[^0-9eE+\-.]+$", "", t)  # a unit glued on: '12.3km'
    try:
        v = float(t)
    except ValueError:
        return None
    return v if abs(v) < MAX_NUMBER else None  # '1e999' is no distance


def looks_decimal_comma(values: Iterable[str | None]) -> bool:
    """True when numbers are written like '10,02' (a decimal comma), judged on one column whose
    values always carry decimals (a distance). '2,336' (three digits after) is a thousands mark."""
    comma = point = 0
    for v in values:
        if not v:
            continue
        if re.fullmatch(r"-?\d+,\d{1,2}", v.strip()):
            comma += 1
        elif re.fullmatch(r"-?[\d,]*\d\.\d+", v.strip()):
            point += 1
    return comma > point


# --- durations -----------------------------------------------------------------------------------

_UNITS = {"h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600, "std": 3600,
          "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
          "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1}  # fmt: skip


def duration_s(text: str | None, bare_unit_s: float = 1.0) -> float | None:
    """'1h 5m' 3900, '38min' 2280, '23:43' 1423, '1:02:03' 3723, '45:12,3' 2712.3, '1275' (bare
    number in `bare_unit_s` units). None for empty or unreadable."""
    if text is None:
        return None
    t = text.strip().lower()
    if t in EMPTY:
        return None
    if ":" in t:
        parts = t.replace(",", ".").split(":")
        try:
            nums = [float(p) for p in parts]
        except ValueError:
            return None
        total = 0.0
        for part in nums:
            total = total * 60 + part
        return total if abs(total) < MAX_NUMBER else None
    pieces = re.findall(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)", t)
    if pieces and re.fullmatch(r"(\s*\d+(?:[.,]\d+)?\s*[a-z]+\s*)+", t):
        total = 0.0
        for value, unit in pieces:
            if unit not in _UNITS:
                return None
            total += float(value.replace(",", ".")) * _UNITS[unit]
        return total if abs(total) < MAX_NUMBER else None
    n = number(t)
    return None if n is None else n * bare_unit_s


# --- dates ---------------------------------------------------------------------------------------

_FORMATS = [
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%Y-%m-%d", "%b %d, %Y, %I:%M:%S %p", "%b %d, %Y, %I:%M %p", "%d %b %Y, %H:%M",
    "%d %b %Y, %H:%M:%S", "%d %b %Y %H:%M", "%d.%m.%Y, %H:%M:%S", "%d.%m.%Y, %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
    "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d",
    "%a, %d %b %Y %H:%M:%S", "%a, %d %b %Y %H:%M", "%b %d, %Y",
]  # fmt: skip
_GERMAN_MONTHS = {"mär": "mar", "mai": "may", "okt": "oct", "dez": "dec", "märz": "mar"}
# A training date outside these years is a typo or a placeholder (and year 1 minus a UTC offset
# cannot even be computed): such a date is unreadable.
YEARS = range(1900, 2200)


def when(text: str | None) -> tuple[dt.datetime, int | None] | None:
    """A date or date-time -> (naive datetime, UTC offset in seconds if the text gave one).
    Handles Strava's 'Jan 27, 2021, 1:57:47 PM' (and its '00:00:00 PM' for a manual entry),
    Hevy's '15 Sep 2025, 07:48', ISO with 'Z' or '+02:00', and day-first European dates."""
    got = _when(text)
    return got if got is not None and got[0].year in YEARS else None


@functools.lru_cache(maxsize=4096)  # an app's log repeats a workout's start on every set row
def _when(text: str | None) -> tuple[dt.datetime, int | None] | None:
    if text is None:
        return None
    t = re.sub(r"\s+", " ", text.strip())
    if not t or t.lower() in EMPTY:
        return None
    iso = t.replace("Z", "+00:00") if t.endswith("Z") else t
    if re.fullmatch(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:?\d\d)?", iso):
        try:
            d = dt.datetime.fromisoformat(iso)
        except ValueError:
            d = None
        if d is not None:
            offset = d.utcoffset()
            if offset is not None:
                return d.replace(tzinfo=None), int(offset.total_seconds())
            return d, None
    # '00:00:00 PM': a 12-hour clock cannot say 0; Strava writes it for manual entries at noon.
    t = re.sub(r"\b00(:\d\d(:\d\d)? [AP]M)$", r"12\1", t)
    low = t.lower()
    for de, en in _GERMAN_MONTHS.items():
        low = re.sub(rf"\b{de}\b\.?", en, low)
    for fmt in _FORMATS:
        for candidate in (t, low.title()):
            try:
                return dt.datetime.strptime(candidate, fmt), None
            except ValueError:
                continue
    return None


def boolean(text: str | None) -> bool | None:
    if text is None:
        return None
    t = text.strip().lower()
    if t in ("true", "yes", "y", "1", "ja", "wahr", "x"):
        return True
    if t in ("false", "no", "n", "0", "nein", "falsch"):
        return False
    return None
