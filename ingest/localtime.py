"""The athlete's wall clock -> UTC, for CSV times that carry no offset (docs/formats.md).

Activity and strength CSVs (Garmin Connect's, Strong's, Hevy's, the templates) write the phone's
wall clock. Its zone is the athlete's: the `timezone` setting, else the zone their FIT files show
(the IANA zone whose offsets match the watch's local_timestamp offsets, summer and winter), else
this machine's. A time the clock skips at the spring change is read as the offset before it; a time
it repeats in autumn as the first of the two (fold 0).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ingest.model import ParseResult

#: Bases of activities whose start is a CSV wall clock of unknown zone (ingest.csv_activities).
WALL_CLOCK_BASIS = "csv_local"
#: Zones tried first when several zones fit the FIT files' offsets equally (same clocks for those
#: dates): the common names, so Settings shows "Europe/Berlin" rather than "Africa/Ceuta".
PREFERRED = (
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Amsterdam",
    "Europe/Zurich",
    "Europe/Vienna",
    "Europe/Stockholm",
    "Europe/Helsinki",
    "Europe/Athens",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Vancouver",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Australia/Sydney",
    "Australia/Melbourne",
    "Australia/Brisbane",
    "Australia/Perth",
    "Pacific/Auckland",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Singapore",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Africa/Johannesburg",
    "Africa/Nairobi",
    "UTC",
)


def zone_or_none(name: str | None) -> ZoneInfo | None:
    if not name or not str(name).strip():
        return None
    try:
        return ZoneInfo(str(name).strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


@functools.cache
def _candidates() -> tuple[str, ...]:
    rest = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return tuple(dict.fromkeys([*PREFERRED, *rest]))


def zone_of_offsets(samples: Iterable[tuple[dt.datetime, int]]) -> str | None:
    """The zone whose UTC offset at each (UTC start, offset seconds) sample matches the most samples
    (ties: PREFERRED first, then by name); None without samples or when no zone matches half."""
    return _zone_of(tuple((t, o) for t, o in samples if t is not None and o is not None))


@functools.lru_cache(maxsize=32)
def _zone_of(samples: tuple[tuple[dt.datetime, int], ...]) -> str | None:
    # A batch of CSV files asks again and again with the same watch history: answered once.
    pts = [(t.replace(tzinfo=dt.UTC), int(o)) for t, o in samples]
    if not pts:
        return None
    best, best_hits = None, 0
    for name in _candidates():
        z = ZoneInfo(name)
        hits = sum(1 for t, o in pts if t.astimezone(z).utcoffset() == dt.timedelta(seconds=o))
        if hits > best_hits:
            best, best_hits = name, hits
            if hits == len(pts):
                break
    return best if best_hits * 2 >= len(pts) else None


def machine_zone() -> str:
    """This computer's zone: TZ, else what /etc/localtime links to, else UTC."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if zone_or_none(tz) is not None:
        return tz
    link = Path("/etc/localtime")
    try:
        target = str(link.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        name = target.split("zoneinfo/", 1)[1]
        if zone_or_none(name) is not None:
            return name
    return "UTC"


def athlete_zone(setting: str | None, fit_offsets: Iterable[tuple[dt.datetime, int]]) -> tuple[str, str]:
    """(zone name, where it came from: 'setting' | 'fit files' | 'this computer')."""
    if zone_or_none(setting) is not None:
        return str(setting).strip(), "setting"
    found = zone_of_offsets(fit_offsets)
    if found is not None:
        return found, "fit files"
    return machine_zone(), "this computer"


def wall_to_utc(local: dt.datetime, zone: ZoneInfo) -> tuple[dt.datetime, int]:
    """A naive wall-clock time in `zone` -> (naive UTC, offset seconds)."""
    aware = local.replace(tzinfo=zone, fold=0)
    offset = aware.utcoffset() or dt.timedelta(0)
    return local - offset, int(offset.total_seconds())


def needs_zone(result: ParseResult) -> bool:
    """Whether the file gave wall-clock times that the athlete's zone must place."""
    return any(a.activity.get("local_time_basis") == WALL_CLOCK_BASIS for a in result.activities) or any(
        s.session.get("start_time_local") is not None and s.session.get("start_time_utc") is None
        for s in result.strength_sessions
    )


def localise(result: ParseResult, zone_name: str) -> None:
    """Give wall-clock activities and app strength sessions their UTC start in the athlete's zone.

    Local times and dates stay as the file wrote them. Activities keep the basis 'csv_local' (a
    wall clock placed by the athlete's zone), which also lets the duplicate rule compare them with
    a watch's copy on the local clock when the runner was travelling."""
    zone = ZoneInfo(zone_name)
    for act in result.activities:
        row = act.activity
        if row.get("local_time_basis") != WALL_CLOCK_BASIS or row.get("start_time_local") is None:
            continue
        row["start_time_utc"], row["utc_offset_s"] = wall_to_utc(_naive(row["start_time_local"]), zone)
    for session in result.strength_sessions:
        row = session.session
        if row.get("start_time_local") is None or row.get("start_time_utc") is not None:
            continue
        row["start_time_utc"] = wall_to_utc(_naive(row["start_time_local"]), zone)[0]


def _naive(value) -> dt.datetime:
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    return value.replace(tzinfo=None)


def place_stored(con, athlete: int) -> int:
    """Place every stored wall-clock row of the athlete's again in their zone as it is known now (after an
    import: a watch file may have told the zone since; after the setting changed). Returns how
    many rows moved."""
    from store import read, wallclock  # the writer's side only: parsing never needs the store

    zone_name, _ = athlete_zone(*read.zone_hints(con, athlete))
    zone = ZoneInfo(zone_name)
    acts, sessions = wallclock.wall_clock_rows(con, athlete)
    moved_acts = []
    for activity_id, local, utc in acts:
        new, offset = wall_to_utc(_naive(local), zone)
        if utc is None or _naive(utc) != new:
            moved_acts.append((activity_id, new, offset))
    moved_sessions = []
    for session_id, local, utc in sessions:
        new = wall_to_utc(_naive(local), zone)[0]
        if utc is None or _naive(utc) != new:
            moved_sessions.append((session_id, new))
    wallclock.set_utc_starts(con, athlete, moved_acts, moved_sessions)
    return len(moved_acts) + len(moved_sessions)
