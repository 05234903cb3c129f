"""The training plan for N years ending on a given Sunday, from a seed.

Each week gets a phase from the race calendar (base, build-up, recovery), a volume, a pattern of
runs (easy Tue/Thu/Sat, quality Wed, long Sun) and of strength (Mon and Thu, Tue in base weeks);
then demo.story rewrites the days where the demo athlete's story departs from the pattern.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from demo import story
from demo.checks import key_runs
from demo.model import HOME_TZ, Cardio, Plan, Race
from demo.strength import HEAVY_TEMPLATES, StrengthSlot, build_session
from demo.workouts import RunSlot, make_ride, make_run

END = date(2026, 11, 15)

MARATHON_KM = [50, 55, 59, 48, 62, 66, 70, 56, 72, 76, 80, 64, 78, 60, 45]
MARATHON_LONG = [18, 19.5, 21, 16, 22.5, 24, 26, 18, 28, 30, 32, 24, 32, 24, 16]
MARATHON_MP = {9: 8.0, 10: 10.0, 11: 12.0, 13: 12.0}
HALF_KM = [46, 50, 53, 44, 56, 58, 60, 50, 62, 55, 42]
HALF_LONG = [14, 15, 16, 13, 17, 18, 19, 15, 19, 16, 12]
RECOVERY_KM = {"marathon": [20, 30, 36], "half": [24, 34]}
RACE_PLACE = {"marathon": ("hamburg", time(9, 0)), "half": ("koeln", time(9, 30))}
EASY_ROUTES = ("tempelhof", "landwehrkanal", "tiergarten", "spree")
LONG_ROUTES = ("spree", "landwehrkanal", "tiergarten")
QUALITY_MAX_KM = 13.0  # the longest a tempo or interval session gets with warm-up and cool-down
SPIKE_CAP = 1.095  # pattern runs grow at most this much over the longest run of the last 30 days


def plan_start(end: date, years: float) -> date:
    day = end - timedelta(days=round(years * 365.25))
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _sunday_on_or_after(day: date) -> date:
    return day + timedelta(days=(6 - day.weekday()) % 7)


def all_races(start: date) -> list[Race]:
    """The story's races, and for longer logs a spring marathon and an autumn half every year."""
    races = list(story.STORY_RACES)
    year = 2025
    while True:
        marathon = _sunday_on_or_after(date(year, 4, 15))
        half = _sunday_on_or_after(date(year - 1, 10, 1))
        if marathon < start - timedelta(weeks=4):
            break
        races.append(Race(marathon, "marathon", f"Frühjahrsmarathon {year}", 16))
        races.append(Race(half, "half", f"Herbst-Halbmarathon {year - 1}", 12))
        year -= 1
    return sorted(races, key=lambda r: r.date)


def phase_of(monday: date, races: list[Race]) -> tuple[str, int, Race | None]:
    for race in races:
        race_monday = race.date - timedelta(days=race.date.weekday())
        k = (monday - race_monday).days // 7
        if -(race.build_weeks - 1) <= k <= 0:
            return "build", race.build_weeks + k, race
        if 1 <= k <= len(RECOVERY_KM[race.distance]):
            return "recovery", k, race
    return "base", 0, None


def _at(hour: int, minute: int, rng: random.Random, spread: int = 20) -> time:
    total = hour * 60 + minute + rng.randint(0, spread)
    return time(total // 60, total % 60, rng.randint(0, 59))


def week_runs(monday: date, rng: random.Random, races: list[Race]) -> list[RunSlot]:
    phase, k, race = phase_of(monday, races)
    day = [monday + timedelta(days=i) for i in range(7)]
    iso_week = monday.isocalendar().week
    if phase == "build" and race is not None and k == race.build_weeks:
        route, start = RACE_PLACE[race.distance]
        return [
            RunSlot(day[1], _at(7, 0, rng), "easy", 8.0, "tempelhof"),
            RunSlot(day[3], _at(7, 0, rng), "easy", 6.0, "tempelhof"),
            RunSlot(race.date, start, "race", 0.0, route, race=race),
        ]
    mp = 0.0
    week_km: float
    long_km: float
    if phase == "build" and race is not None:
        marathon = race.distance == "marathon"
        week_km = (MARATHON_KM if marathon else HALF_KM)[k - 1]
        long_km = (MARATHON_LONG if marathon else HALF_LONG)[k - 1]
        mp = MARATHON_MP.get(k, 0.0) if marathon else 0.0
        quality = True
    elif phase == "recovery" and race is not None:
        week_km = RECOVERY_KM[race.distance][k - 1]
        quality = k >= 3
        long_km = 0.3 * week_km
    else:
        default = 46.0 * (0.88 if iso_week % 4 == 0 else 1.0)
        week_km, quality = story.WEEK_KM.get(monday, (default, True))
        week_km *= rng.uniform(0.96, 1.04)
        long_km = min(17.0, 0.32 * week_km)
    slots = [RunSlot(day[6], _at(8, 30, rng, 25), "long", long_km, rng.choice(LONG_ROUTES), mp_km=mp)]
    rest_km = week_km - long_km
    easy_days = [1, 3, 5]
    if quality:
        kind = "intervals" if (k if phase == "build" else iso_week) % 2 else "tempo"
        slots.append(
            RunSlot(day[2], _at(6, 45, rng), kind, 11.0, "tempelhof" if kind == "intervals" else "tiergarten")
        )
        rest_km -= 11.0
    if rest_km > 36:
        easy_days.append(4)
    for i in easy_days:
        km = min(14.0, max(5.0, rest_km / len(easy_days) * rng.uniform(0.9, 1.1)))
        if i == 5 and phase == "base" and iso_week % 3 == 0:
            slots.append(RunSlot(day[i], _at(8, 30, rng), "easy", km, "grunewald", "trail"))
            continue
        start = _at(8, 0, rng, 50) if i == 5 else _at(6, 50, rng, 30)
        slots.append(RunSlot(day[i], start, "easy", km, rng.choice(EASY_ROUTES)))
    return slots


def week_strength(monday: date, rng: random.Random, races: list[Race]) -> list[StrengthSlot]:
    phase, k, race = phase_of(monday, races)
    day = [monday + timedelta(days=i) for i in range(7)]
    odd = monday.isocalendar().week % 2 == 1
    heavy = "lower_a" if odd else "lower_b"
    mon = StrengthSlot(day[0], _at(18, 0, rng, 30), heavy)
    tue = StrengthSlot(day[1], _at(19, 0, rng), "core_upper")
    thu = StrengthSlot(day[3], _at(18, 30, rng), "circuit" if odd else "lower_b")
    if phase == "build" and race is not None:
        if race in story.STORY_RACES:
            n = (story.MARATHON_STRENGTH if race.distance == "marathon" else story.HALF_STRENGTH)[k - 1]
        else:
            n = rng.choice((1, 2))
        if k > race.build_weeks - 2:  # taper: keep it light
            mon.template = "core_upper"
        thu.template = "core_upper" if odd else "circuit"
        if n == 2:
            return [mon, thu]
        if n == 1:
            return [mon] if k <= 6 else [thu]
        return []
    if phase == "recovery":
        if k == 1:
            thu.template = "core_upper"
            return [thu]
        mon.template = "circuit"
        return [mon, thu]
    return [mon, tue, thu] if rng.random() < 0.5 else [mon, thu]


def _story_runs(start: date, end: date) -> dict[date, list[RunSlot]]:
    out: dict[date, list[RunSlot]] = {}
    for day, spec in story.RUN_DAYS.items():
        if start <= day <= end:
            out[day] = [
                RunSlot(day, t, kind, km, route, sub, tz, note=spec.note)
                for kind, t, km, route, sub, tz in spec.runs
            ]
    return out


def _longest_before(history: list[tuple[date, float]], day: date) -> float:
    lo = day - timedelta(days=30)
    return max((m for d, m in history if lo <= d < day), default=0.0)


def make_plan(seed: int = 7, years: float = 1.5, end: date = END) -> Plan:
    start = plan_start(end, years)
    rng = random.Random(seed)
    races = all_races(start)
    plan = Plan(start=start, end=end, seed=seed, races=[r for r in races if start <= r.date <= end])
    plan.injuries = [i for i in story.INJURIES if start <= i.onset_date <= end]

    run_slots: list[RunSlot] = []
    strength_slots: list[StrengthSlot] = []
    monday = start
    while monday <= end:
        run_slots += week_runs(monday, rng, races)
        strength_slots += week_strength(monday, rng, races)
        monday += timedelta(days=7)

    story_days = _story_runs(start, end)
    run_slots = [s for s in run_slots if s.day not in story_days] + [
        s for v in story_days.values() for s in v
    ]
    run_slots.sort(key=lambda s: (s.day, s.start))
    if run_slots and run_slots[0].day not in story_days:
        # the log starts mid-training: its first run is a usual long run, so that the first
        # weeks are not read as spikes over a history the log does not hold
        run_slots[0].kind, run_slots[0].km = "long", 13.0
    for slot in run_slots:
        if slot.day in story.TREADMILL and slot.kind == "easy":
            slot.route, slot.sub_sport, slot.start = "treadmill", "treadmill", time(18, 30, 12)
        if slot.day == story.DESIGNATED_SPIKE:
            slot.kind = "spike"

    history: list[tuple[date, float]] = []
    no_hr_done: set[date] = set()
    for slot in run_slots:
        longest = _longest_before(history, slot.day)
        if slot.kind in ("tempo", "intervals") and longest and QUALITY_MAX_KM > SPIKE_CAP * longest / 1000.0:
            slot.kind = "easy"  # not ready for a full session yet: an easy run instead
        if not slot.allow_spike and slot.kind in ("easy", "long", "recovery") and longest:
            slot.km = min(slot.km, SPIKE_CAP * longest / 1000.0 - 0.06)
        has_hr = not (slot.day in story.NO_HR and slot.day not in no_hr_done)
        if not has_hr:
            no_hr_done.add(slot.day)
        run = make_run(slot, rng, story.device_on(slot.day), has_hr)
        history.append((slot.day, run.distance_cm / 100.0))
        plan.cardio.append(run)
    missing = {d for d in story.NO_HR if start <= d <= end} - no_hr_done
    assert not missing, f"no run on the no-heart-rate days {sorted(missing)}"

    for day, t, minutes, indoor in story.RIDES:
        if start <= day <= end:
            plan.cardio.append(make_ride(day, t, minutes, indoor, rng, story.device_on(day)))
    plan.cardio.sort(key=lambda c: c.start_utc)

    _add_strength(plan, strength_slots, rng)
    return plan


def _add_strength(plan: Plan, slots: list[StrengthSlot], rng: random.Random) -> None:
    edits = {d: v for d, v in story.STRENGTH_DAYS.items() if plan.start <= d <= plan.end}
    slots = [s for s in slots if s.day not in edits]
    for day, specs in edits.items():
        for t, template, tz, designated, note, *extra in specs:
            slots.append(StrengthSlot(day, t, template, tz, designated, note, 60 * extra[0] if extra else 0))
    slots.sort(key=lambda s: (s.day, s.start))
    runs_by_day: dict[date, list[Cardio]] = {}
    for run in plan.runs:
        runs_by_day.setdefault(run.local_date, []).append(run)
    keys = key_runs(plan.runs)

    level = 1.0
    week_had_heavy = True
    current_week = plan.start
    for slot in slots:
        monday = slot.day - timedelta(days=slot.day.weekday())
        while current_week < monday:
            if not week_had_heavy:
                level = max(0.85, level * 0.97)
            week_had_heavy = False
            current_week += timedelta(days=7)
        if not slot.designated:
            _follow_rules(slot, runs_by_day, keys, rng)
        source = story.strength_source(slot.day)
        sess = build_session(slot, source, story.device_on(slot.day), level, rng)
        if slot.template in HEAVY_TEMPLATES:
            level = min(1.35, level + 0.01)
            week_had_heavy = True
        plan.strength.append(sess)
    assert all(s.tz == HOME_TZ or s.source == "garmin" for s in plan.strength)


def _follow_rules(
    slot: StrengthSlot, runs_by_day: dict[date, list[Cardio]], keys: dict[str, str], rng: random.Random
) -> None:
    """Place a pattern session the way the coaching articles advise (the story's deliberate breaks skip this):
    not on a long-run day, after the day's run, no heavy legs in the 24 h before a key run."""
    if any(keys.get(r.key) in ("long", "race") for r in runs_by_day.get(slot.day, [])):
        slot.day += timedelta(days=1)
    start = datetime.combine(slot.day, slot.start)
    for act in runs_by_day.get(slot.day, []):
        act_end = act.start_local + timedelta(seconds=act.elapsed_s)
        if act.start_local - timedelta(hours=1) <= start <= act_end + timedelta(minutes=20):
            start = act_end + timedelta(minutes=25 + rng.randint(0, 20))
    slot.start = start.time()
    if slot.template in HEAVY_TEMPLATES:
        for day in (slot.day, slot.day + timedelta(days=1)):
            for act in runs_by_day.get(day, []):
                gap = act.start_local - start
                if keys.get(act.key) and timedelta(0) < gap <= timedelta(hours=26):
                    slot.template = "core_upper"
