"""Dates and times as spreadsheets write them: the order of day, month and year inferred from a
column (and asked when every value fits more than one), two-digit years, 12-hour clocks, and
whether a duration like 1:05 is hours and minutes or minutes and seconds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ingest.textcsv import MAX_NUMBER, YEARS, when

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
    got = read_when(text, order)
    return None if got is None else got[0]


def read_when(text: str | None, order: str) -> tuple[dt.datetime, int | None] | None:
    """As read_date, with the UTC offset in seconds when the text gives one ('...T07:30:00+02:00')."""
    if text is None:
        return None
    t = text.strip()
    m = _NUMERIC_DATE.match(t)
    if m and len(m.group(1)) == 4 and (iso := when(t)) is not None:
        return iso  # ISO, perhaps with 'Z' or an offset
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
        if day.year not in YEARS:
            return None
        if not rest:
            return day, None
        clock = read_time(rest)
        return None if clock is None else (dt.datetime.combine(day.date(), clock), None)
    return when(t)


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


CLOCKS = {"mm:ss": "minutes:seconds (52:30)", "h:mm": "hours:minutes (1:05)"}
_TWO_PART = re.compile(r"\s*(\d+):(\d{2})\s*")


def clock_of(values: Iterable[str | None]) -> str:
    """How a duration column writes two-part times: 'h:mm' when every first part is an hour count
    (0-5, as '0:45', '1:05', '2:30' of a runner's log), else 'mm:ss'."""
    firsts = [int(m.group(1)) for v in values if v and (m := _TWO_PART.fullmatch(v))]
    return "h:mm" if firsts and max(firsts) <= 5 else "mm:ss"


def two_part_seconds(text: str | None, clock: str) -> float | None:
    """'1:05' as 3900 s under 'h:mm'; None when the text is no two-part time or the clock mm:ss."""
    if clock != "h:mm" or text is None or not (m := _TWO_PART.fullmatch(text)):
        return None
    seconds = int(m.group(1)) * 3600 + int(m.group(2)) * 60
    return seconds if seconds < MAX_NUMBER else None
