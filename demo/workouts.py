"""Turn a planned run or ride (kind, distance, day) into timed segments at realistic paces.

Paces are set for a runner with threshold pace 4:10 /km: easy 5:22-5:45, long 5:25-5:40,
marathon pace 4:36, tempo 4:02-4:07, 1-km reps 3:42-3:50, jog recoveries 6:40-7:15.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time

from demo.model import Cardio, Race, Segment


@dataclass
class RunSlot:
    day: date
    start: time
    kind: str  # easy, recovery, long, tempo, intervals, race, spike
    km: float
    route: str
    sub_sport: str = "generic"
    tz: str = "Europe/Berlin"
    mp_km: float = 0.0  # marathon-pace finish of a long run
    race: Race | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def allow_spike(self) -> bool:
        return self.kind in ("race", "spike")


def _seg(
    meters: float, pace_s_per_km: float, intensity: str = "active", trigger: str = "distance"
) -> Segment:
    distance_cm = round(meters * 100)
    duration = max(1, round(meters / 1000.0 * pace_s_per_km))
    return Segment(duration, distance_cm, intensity, trigger)


def run_segments(slot: RunSlot, rng: random.Random) -> tuple[tuple[Segment, ...], bool]:
    """(segments, structured) for a run slot."""
    k = slot.kind
    meters = slot.km * 1000.0 + rng.randint(-40, 60)
    if k == "race":
        assert slot.race is not None
        full = 42195.0 if slot.race.distance == "marathon" else 21097.5
        base = 272.0 if slot.race.distance == "marathon" else 252.0
        half = full / 2
        return (_seg(half, base - 2.5), _seg(full - half, base + 3.5)), False
    if k == "tempo":
        minutes = rng.choice((20, 24, 25, 30))
        pace = rng.uniform(242, 247)
        tempo_m = minutes * 60 * 1000.0 / pace
        return (
            _seg(2500 + rng.randint(-50, 80), rng.uniform(335, 345), "warmup", "manual"),
            Segment(minutes * 60, round(tempo_m * 100), "active", "time"),
            _seg(2000 + rng.randint(-60, 60), rng.uniform(340, 355), "cooldown", "manual"),
        ), True
    if k == "intervals":
        rep_m, reps = rng.choice(((1000, 6), (800, 8), (1200, 5), (1000, 5), (1600, 4)))
        pace = rng.uniform(222, 230) if rep_m <= 1200 else rng.uniform(230, 236)
        rest_s = 90 if rep_m <= 1000 else 120
        segs = [_seg(2500 + rng.randint(-50, 80), rng.uniform(335, 345), "warmup", "manual")]
        for i in range(reps):
            segs.append(_seg(rep_m, pace + rng.uniform(-2, 2)))
            if i + 1 < reps:
                jog = rest_s * 1000.0 / rng.uniform(400, 435)
                segs.append(Segment(rest_s, round(jog * 100), "rest", "time"))
        segs.append(_seg(2000 + rng.randint(-60, 60), rng.uniform(340, 355), "cooldown", "manual"))
        return tuple(segs), True
    if k == "recovery":
        return (_seg(meters, rng.uniform(350, 368)),), False
    if k in ("long", "spike"):
        pace = rng.uniform(325, 340) if slot.sub_sport != "trail" else rng.uniform(352, 365)
        if slot.mp_km:
            easy = meters - slot.mp_km * 1000
            return (_seg(easy, pace), _seg(slot.mp_km * 1000, rng.uniform(275, 278))), False
        return (_seg(meters, pace),), False
    pace = rng.uniform(322, 345) if slot.sub_sport != "trail" else rng.uniform(348, 362)
    if slot.sub_sport == "treadmill":
        pace = rng.choice((330.0, 333.0, 336.0))  # the belt runs at a set speed
    return (_seg(meters, pace),), False


def make_run(slot: RunSlot, rng: random.Random, device: str, has_hr: bool) -> Cardio:
    segments, structured = run_segments(slot, rng)
    pauses: tuple[tuple[int, int], ...] = ()
    timer = sum(s.duration_s for s in segments)
    if slot.kind in ("long", "spike") and slot.km >= 18 and rng.random() < 0.6:
        pauses = ((timer // 2 + rng.randint(-120, 120), rng.randint(60, 150)),)  # a drink
    elif slot.kind in ("easy", "long") and slot.sub_sport == "generic" and rng.random() < 0.2:
        pauses = ((rng.randint(300, max(301, timer - 300)), rng.randint(25, 70)),)  # a red light
    return Cardio(
        start_local=datetime.combine(slot.day, slot.start),
        tz=slot.tz,
        sport="running",
        sub_sport=slot.sub_sport,
        kind="long" if slot.kind == "spike" else slot.kind,
        segments=segments,
        route=slot.route,
        structured=structured,
        has_hr=has_hr,
        pauses=pauses,
        device=device,
        race_name=slot.race.name if slot.race else None,
        note=slot.note,
        day_offset_bpm=rng.uniform(-2.5, 2.5) + (2.0 if slot.kind == "race" else 0.0),
    )


def make_ride(day: date, start: time, minutes: int, indoor: bool, rng: random.Random, device: str) -> Cardio:
    speed = rng.uniform(7.4, 8.2) if not indoor else rng.uniform(8.6, 9.2)
    seconds = minutes * 60
    return Cardio(
        start_local=datetime.combine(day, start),
        tz="Europe/Berlin",
        sport="cycling",
        sub_sport="indoor_cycling" if indoor else "road",
        kind="ride",
        segments=(Segment(seconds, round(seconds * speed * 100)),),
        route="trainer" if indoor else "wannsee",
        device=device,
        day_offset_bpm=rng.uniform(-2, 2),
    )
