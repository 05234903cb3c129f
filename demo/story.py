"""The demo athlete's dated story: races, the spike and the injury it brings, a trip, the strength
that fades in the marathon build-up and is kept in the half-marathon one, and a few deliberate
breaks of the scheduling rules.

The weekly pattern (demo.plan) fills every week; this module only says where the story departs
from it. Dates outside a generated range are simply ignored, so `--years 10` keeps this story as
the last 18 months of a longer log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from demo.model import Injury, Race

NEW_YORK = "America/New_York"

STORY_RACES = [
    Race(date(2026, 4, 19), "marathon", "Hamburg Marathon", 16),
    Race(date(2026, 10, 4), "half", "Köln Halbmarathon", 12),
]

INJURIES = [
    Injury(
        date(2025, 7, 29),
        date(2025, 8, 17),
        "left Achilles",
        "moderate",
        True,
        True,
        "Achilles tendinopathy three days after a 24 km trail run with friends; physio, no running for "
        "almost three weeks, cycling instead",
    ),
    Injury(
        date(2025, 11, 12),
        date(2025, 11, 14),
        "left knee",
        "niggle",
        False,
        False,
        "sore on the stairs after a hilly run, gone in three days",
    ),
    Injury(
        date(2026, 3, 10),
        date(2026, 3, 13),
        "right calf",
        "niggle",
        False,
        False,
        "tight calf, swapped the interval session for an easy run",
    ),
    Injury(
        date(2026, 5, 26),
        date(2026, 6, 5),
        "right foot (plantar fascia)",
        "minor",
        True,
        False,
        "heel pain in the morning, a few short runs only, new shoes",
    ),
    Injury(
        date(2026, 8, 20),
        date(2026, 8, 21),
        "left hamstring",
        "niggle",
        False,
        False,
        "tight after the interval session",
    ),
]

# Weekly running volume (km) where the story sets it; `False` = no quality session that week.
WEEK_KM: dict[date, tuple[float, bool]] = {
    date(2025, 5, 19): (36, True),
    date(2025, 5, 26): (38, True),
    date(2025, 6, 2): (40, True),
    date(2025, 6, 9): (36, True),
    date(2025, 6, 16): (41, True),
    date(2025, 6, 23): (42, True),
    date(2025, 6, 30): (43, True),
    date(2025, 7, 7): (38, True),
    date(2025, 7, 14): (43, True),
    # back from the Achilles injury
    date(2025, 8, 18): (22, False),
    date(2025, 8, 25): (29, False),
    date(2025, 9, 1): (36, True),
    date(2025, 9, 8): (40, True),
    date(2025, 9, 15): (43, True),
    # after the marathon
    date(2026, 4, 20): (20, False),
    date(2026, 4, 27): (30, False),
    date(2026, 5, 4): (36, True),
    date(2026, 5, 11): (40, True),
    date(2026, 5, 18): (43, True),
    # back from the plantar fascia
    date(2026, 6, 8): (30, False),
    date(2026, 6, 15): (38, True),
    date(2026, 6, 22): (42, True),
    date(2026, 6, 29): (44, True),
    # after the half marathon
    date(2026, 10, 5): (24, False),
    date(2026, 10, 12): (34, False),
    date(2026, 10, 19): (40, True),
    date(2026, 10, 26): (42, True),
    date(2026, 11, 2): (44, True),
    date(2026, 11, 9): (38, True),
}


@dataclass(frozen=True)
class Day:
    """A story day's runs (kind, start, km, route, sub_sport, tz) replacing the pattern's runs."""

    runs: tuple[tuple, ...] = ()
    note: str = ""


B = "Europe/Berlin"
RUN_DAYS: dict[date, Day] = {
    # the long-run spike: a 24 km trail run with friends, after weeks of long runs near 13-14 km
    date(2025, 7, 26): Day(
        (("spike", time(9, 5), 24.0, "grunewald", "trail", B),),
        "24 km trail run with friends: far beyond the usual long run",
    ),
    date(2025, 7, 27): Day(),
    date(2025, 7, 29): Day(
        (("easy", time(7, 2), 4.2, "landwehrkanal", "generic", B),), "Achilles pain, stopped after 4 km"
    ),
    **{date(2025, 7, d): Day() for d in (30, 31)},
    **{date(2025, 8, d): Day() for d in range(1, 17)},
    date(2025, 8, 17): Day((("easy", time(9, 10), 5.0, "tempelhof", "generic", B),), "first run back"),
    # long run on Saturday, family day on Sunday (the heavy session of Friday evening breaks rule 1)
    date(2025, 9, 20): Day((("long", time(8, 5), 15.5, "spree", "generic", B),)),
    date(2025, 9, 21): Day(),
    # a week in New York
    date(2025, 10, 4): Day((("easy", time(7, 30), 8.0, "tempelhof", "generic", B),), "flight to New York"),
    date(2025, 10, 5): Day((("long", time(7, 15), 15.0, "central_park", "generic", NEW_YORK),)),
    date(2025, 10, 7): Day(
        (("easy", time(20, 45), 8.5, "hudson", "generic", NEW_YORK),),
        "after dinner: UTC date is already the 8th",
    ),
    date(2025, 10, 8): Day((("intervals", time(6, 30), 0.0, "central_park", "generic", NEW_YORK),)),
    date(2025, 10, 9): Day((("easy", time(6, 45), 9.0, "central_park", "generic", NEW_YORK),)),
    date(2025, 10, 10): Day(),
    date(2025, 10, 11): Day((("easy", time(7, 0), 14.0, "hudson", "generic", NEW_YORK),)),
    date(2025, 10, 12): Day((), "overnight flight home"),
    # the lift came before the run
    date(2025, 11, 6): Day((("easy", time(18, 30), 8.5, "landwehrkanal", "generic", B),)),
    date(2025, 11, 13): Day((), "knee niggle"),
    date(2026, 3, 11): Day(
        (("easy", time(7, 5), 9.0, "landwehrkanal", "generic", B),), "calf niggle: easy instead of intervals"
    ),
    # plantar fascia: a few short runs only
    date(2026, 5, 26): Day((("easy", time(7, 0), 8.0, "landwehrkanal", "generic", B),), "heel pain"),
    **{date(2026, 5, d): Day() for d in range(27, 32)},
    date(2026, 6, 1): Day((("recovery", time(7, 10), 3.5, "tempelhof", "generic", B),)),
    date(2026, 6, 2): Day(),
    date(2026, 6, 3): Day((("recovery", time(7, 10), 4.0, "tempelhof", "generic", B),)),
    date(2026, 6, 4): Day(),
    date(2026, 6, 5): Day((("easy", time(7, 0), 5.0, "tempelhof", "generic", B),), "pain-free again"),
    date(2026, 6, 6): Day(),
    date(2026, 6, 7): Day((("easy", time(8, 40), 8.0, "tiergarten", "generic", B),)),
    # rides replace the Saturday run
    date(2026, 6, 13): Day(),
    date(2026, 6, 27): Day(),
}

# (local start, minutes, indoor)
RIDES: list[tuple[date, time, int, bool]] = [
    (date(2025, 7, 31), time(18, 10), 45, True),
    (date(2025, 8, 2), time(9, 0), 75, False),
    (date(2025, 8, 5), time(18, 20), 50, True),
    (date(2025, 8, 9), time(8, 45), 90, False),
    (date(2025, 8, 12), time(18, 0), 50, True),
    (date(2025, 8, 14), time(17, 40), 70, False),
    (date(2026, 5, 28), time(18, 15), 50, True),
    (date(2026, 5, 31), time(9, 15), 80, False),
    (date(2026, 6, 13), time(8, 30), 100, False),
    (date(2026, 6, 27), time(8, 40), 90, False),
]

# runs recorded without the chest strap (no heart rate at all)
NO_HR: set[date] = {
    date(2025, 6, 12),
    date(2025, 9, 2),
    date(2025, 12, 9),
    date(2026, 2, 17),
    date(2026, 7, 7),
    date(2026, 9, 13),
}

# dark, icy winter evenings: the Thursday easy run goes to the treadmill
TREADMILL: set[date] = {
    date(2026, 1, 8),
    date(2026, 1, 15),
    date(2026, 1, 29),
    date(2026, 2, 5),
    date(2026, 2, 12),
}

# Strength sessions per week during the marathon build-up: it fades, then stops for weeks.
MARATHON_STRENGTH = [2, 1, 2, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0]
# ... and during the half-marathon build-up it is kept: 1-2 every week.
HALF_STRENGTH = [2, 1, 2, 2, 1, 2, 1, 2, 1, 2, 1, 1]

# Strength days that depart from the pattern:
# (start, template, tz, designated rule, note[, extra minutes of rest spread over the session])
STRENGTH_DAYS: dict[date, tuple[tuple, ...]] = {
    # a long Monday at the gym with a friend: Strong writes its duration as "1h 5m"
    date(2025, 6, 16): ((time(17, 30, 12), "lower_a", B, "", "long session with a friend", 24),),
    # injury weeks: rehab instead of heavy work
    date(2025, 7, 28): ((time(18, 5), "core_upper", B, "", ""),),
    date(2025, 7, 31): ((time(19, 20), "rehab", B, "", "Achilles rehab"),),
    date(2025, 8, 4): ((time(18, 0), "rehab", B, "", "Achilles rehab"),),
    date(2025, 8, 7): ((time(18, 30), "rehab", B, "", "Achilles rehab"),),
    date(2025, 8, 11): ((time(18, 0), "rehab", B, "", "Achilles rehab"),),
    date(2025, 8, 14): ((time(19, 0), "core_upper", B, "", ""),),
    # rule 1: a heavy lower-body session the evening before the Saturday long run
    date(2025, 9, 18): (),
    date(2025, 9, 19): (
        (
            time(19, 0),
            "lower_a",
            B,
            "rule1_heavy_before_key_run",
            "heavy legs the evening before the long run",
        ),
    ),
    # New York: hotel gym
    date(2025, 10, 6): ((time(18, 0), "core_upper", NEW_YORK, "", "hotel gym"),),
    date(2025, 10, 7): (),
    date(2025, 10, 9): ((time(21, 15), "circuit", NEW_YORK, "", "hotel gym; UTC date is the 10th"),),
    # rule 2: strength on the long-run day (and no Tuesday session that week: three in all)
    date(2025, 10, 14): (),
    date(2025, 10, 19): ((time(17, 0), "circuit", B, "rule2_same_day_as_long_run", ""),),
    # rule 3: the lift before the run
    date(2025, 11, 4): (),
    date(2025, 11, 6): ((time(7, 0), "lower_b", B, "rule3_lift_before_run", "gym before work, run after"),),
    # plantar-fascia week
    date(2026, 5, 25): ((time(18, 0), "core_upper", B, "", ""),),
    date(2026, 5, 28): ((time(19, 30), "rehab", B, "", "foot rehab"),),
    # rule 1 in the half build-up: heavy legs the evening before the interval session
    date(2026, 8, 17): (),
    date(2026, 8, 18): (
        (
            time(18, 30),
            "lower_a",
            B,
            "rule1_heavy_before_key_run",
            "heavy legs the evening before the intervals",
        ),
    ),
}

DESIGNATED_SPIKE = date(2025, 7, 26)


def strength_source(day: date) -> str:
    """Which app logged the strength work: Strong, then the watch, Hevy for a summer, the watch."""
    if date(2025, 5, 19) <= day < date(2025, 8, 18):
        return "strong"
    if date(2026, 6, 1) <= day <= date(2026, 8, 30):
        return "hevy"
    return "garmin"


def device_on(day: date) -> str:
    return "fr245" if day < date(2025, 12, 1) else "fr965"
