"""The watch's view of one activity: a 1-Hz simulation, and the seconds it keeps as records.

The simulation runs at 1 Hz whatever the recording interval, as a watch does: laps and the session
summary come from the 1-Hz data, records are a subset ("smart recording"), and every lap boundary,
pause and the last second are always recorded so that records and summaries agree.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from demo.model import Cardio, StrengthSession
from demo.routes import ROUTES

HR_REST = 48.0
HR_MAX = 188.0
THRESHOLD_SPEED_MPS = 1000.0 / 250.0  # 4:10 /km
THRESHOLD_HR = HR_REST + 0.85 * (HR_MAX - HR_REST)  # 167
BIKE_REFERENCE_SPEED_MPS = 10.5


@dataclass
class Stream:
    """Per timer second i = 0..T (index 0 is the start)."""

    dist_m: list[float]
    speed: list[float]
    alt: list[float] | None
    hr: list[int] | None
    cad: list[int] | None
    pos: list[tuple[float, float]] | None
    wall_s: list[int]  # seconds since the start on the wall clock (pauses included)
    lap_ends: list[int]  # timer seconds at which laps end; the last one is T
    lap_kinds: list[tuple[str, str]]  # (intensity, trigger) per lap
    samples: list[int]  # timer seconds that are written as records
    secs_above_thr_hr: int = 0
    secs_at_thr_pace: int = 0


def _wall_offsets(T: int, pauses: tuple[tuple[int, int], ...]) -> list[int]:
    wall = list(range(T + 1))
    for at, length in pauses:
        for i in range(at + 1, T + 1):
            wall[i] += length
    return wall


def _sample_times(T: int, interval: int, forced: set[int], rng: random.Random) -> list[int]:
    if interval <= 1:
        return list(range(T + 1))
    times = set(forced) | {0, T}
    t = 0
    while True:
        t += rng.randint(max(1, interval - 1), interval + 2)
        if t >= T:
            break
        times.add(t)
    return sorted(times)


def _speeds(act: Cardio, rng: random.Random) -> list[float]:
    """Speed for each timer second 1..T, each segment hitting its planned distance exactly."""
    route = ROUTES[act.route]
    total_m = act.distance_cm / 100.0
    indoor = route.shape == "indoor"
    bike = act.sport == "cycling"
    sigma = 0.004 if indoor else (0.016 if bike else 0.009)
    grade_k = 0.0 if indoor else (7.0 if bike else 2.0)
    speeds: list[float] = []
    done_m = 0.0
    for seg in act.segments:
        vbar = seg.speed_mps
        raw: list[float] = []
        e = 0.0
        d = done_m
        for _ in range(seg.duration_s):
            e = 0.93 * e + rng.gauss(0.0, sigma)
            v = vbar * (1.0 + e)
            if grade_k:
                g = (route.altitude(d + 10.0, total_m) - route.altitude(d - 10.0, total_m)) / 20.0
                v *= min(1.3, max(0.6, 1.0 - grade_k * g))
            raw.append(v)
            d += v
        seg_m = seg.distance_cm / 100.0
        scale = seg_m / sum(raw)
        speeds.extend(v * scale for v in raw)
        done_m += seg_m
    return speeds


def simulate_cardio(act: Cardio, interval: int, rng: random.Random) -> Stream:
    route = ROUTES[act.route]
    total_m = act.distance_cm / 100.0
    T = act.timer_s
    v = _speeds(act, rng)
    # cumulative distance, snapped to the exact planned distance at each segment end
    dist = [0.0] * (T + 1)
    i = 0
    cum_cm = 0
    for seg in act.segments:
        start_m = cum_cm / 100.0
        acc = start_m
        for k in range(seg.duration_s):
            acc += v[i + k]
            dist[i + k + 1] = acc
        cum_cm += seg.distance_cm
        dist[i + seg.duration_s] = cum_cm / 100.0
        i += seg.duration_s
    speed = [v[0], *v]
    indoor = route.shape == "indoor"
    alt = [route.altitude(d, total_m) for d in dist] if not indoor else [route.alt_base_m] * (T + 1)
    pos = None if indoor else [route.position(d, total_m) for d in dist]

    hr: list[int] | None = None
    secs_hr = 0
    if act.has_hr:
        hr = []
        h = 82.0 + rng.uniform(0, 12)
        ref = BIKE_REFERENCE_SPEED_MPS if act.sport == "cycling" else THRESHOLD_SPEED_MPS
        for t in range(T + 1):
            d = dist[t]
            g = 0.0 if indoor else (route.altitude(d + 10, total_m) - route.altitude(d - 10, total_m)) / 20
            r = speed[t] / ref * (1.0 + 3.0 * g)
            frac = 0.65 + 0.8 * (r - 0.75)
            drift = 0.03 * max(0.0, t / 60.0 - 30.0)
            target = HR_REST + (HR_MAX - HR_REST) * frac + drift + act.day_offset_bpm
            if act.sport == "cycling":
                target -= 6.0
            target = min(HR_MAX - 2, max(75.0, target))
            tau = 22.0 if target > h else 38.0
            h += (target - h) * (1.0 - math.exp(-1.0 / tau))
            beat = round(h + rng.gauss(0.0, 0.6))
            hr.append(beat)
            if beat >= THRESHOLD_HR and t > 0:
                secs_hr += 1
    if act.sport == "cycling":
        cad = [max(0, round(87 + rng.gauss(0.0, 2.5))) for _ in range(T + 1)]
    else:
        cad = [round(80.0 + 6.5 * (s - 2.5) + rng.gauss(0.0, 0.6)) for s in speed]

    lap_ends, lap_kinds = _laps(act, dist)
    forced = set(lap_ends)
    for at, _ in act.pauses:
        forced.update((at, at + 1))
    return Stream(
        dist_m=dist,
        speed=speed,
        alt=alt,
        hr=hr,
        cad=cad,
        pos=pos,
        wall_s=_wall_offsets(T, act.pauses),
        lap_ends=lap_ends,
        lap_kinds=lap_kinds,
        samples=_sample_times(T, interval, forced, rng),
        secs_above_thr_hr=secs_hr,
        secs_at_thr_pace=sum(1 for s in speed[1:] if s >= THRESHOLD_SPEED_MPS),
    )


def _laps(act: Cardio, dist: list[float]) -> tuple[list[int], list[tuple[str, str]]]:
    T = len(dist) - 1
    if act.structured:
        ends, kinds, t = [], [], 0
        for seg in act.segments:
            t += seg.duration_s
            ends.append(t)
            kinds.append((seg.intensity, seg.trigger))
        kinds[-1] = (kinds[-1][0], "session_end")
        return ends, kinds
    split = 5000.0 if act.sport == "cycling" else 1000.0
    ends, kinds = [], []
    k = 1
    for t in range(1, T + 1):
        if dist[t] >= k * split:
            ends.append(t)
            kinds.append(("active", "distance"))
            k += 1
    if not ends or ends[-1] != T:
        ends.append(T)
        kinds.append(("active", "session_end"))
    else:
        kinds[-1] = ("active", "session_end")
    return ends, kinds


def simulate_strength(sess: StrengthSession, interval: int, rng: random.Random) -> Stream:
    """Heart rate only: up during working sets, down in the rests."""
    T = sess.duration_s
    load = [0.0] * (T + 1)
    for st in sess.sets:
        effort = 0.55 if st.warmup else (0.8 if st.weight_kg else 0.65)
        for t in range(st.start_offset_s, min(T, st.start_offset_s + st.duration_s) + 1):
            load[t] = effort
    hr = []
    h = 78.0 + rng.uniform(0, 8)
    for t in range(T + 1):
        target = 92.0 + 70.0 * load[t]
        tau = 15.0 if target > h else 45.0
        h += (target - h) * (1.0 - math.exp(-1.0 / tau))
        hr.append(round(h + rng.gauss(0.0, 0.8)))
    return Stream(
        dist_m=[0.0] * (T + 1),
        speed=[0.0] * (T + 1),
        alt=None,
        hr=hr,
        cad=None,
        pos=None,
        wall_s=list(range(T + 1)),
        lap_ends=[T],
        lap_kinds=[("active", "session_end")],
        samples=_sample_times(T, interval, set(), rng),
    )
