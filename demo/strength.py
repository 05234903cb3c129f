"""Strength sessions: templates, loads that progress and fade, and the set-by-set timeline.

Heavy lower-body templates (external load) alternate with bodyweight core and runner circuits,
mostly lower body and core as the coaching articles advise. Loads grow about 1 % per heavy session and decay
3 % per week without one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time

from demo.exercises import EXERCISES
from demo.model import StrengthSession, StrengthSet

# exercise, sets, reps (or seconds for holds), base load kg (None = bodyweight), load step kg
TEMPLATES: dict[str, list[tuple[str, int, int, float | None, float]]] = {
    "lower_a": [
        ("back_squat", 3, 6, 45.0, 2.5),
        ("rdl", 3, 8, 45.0, 2.5),
        ("split_squat", 3, 8, 10.0, 2.0),
        ("calf_raise", 3, 12, 14.0, 2.0),
        ("plank", 2, 45, None, 0),
    ],
    "lower_b": [
        ("deadlift", 3, 5, 55.0, 2.5),
        ("step_up_db", 3, 8, 8.0, 2.0),
        ("hip_thrust", 3, 10, 50.0, 2.5),
        ("sl_calf_raise", 3, 15, None, 0),
        ("side_plank", 2, 30, None, 0),
    ],
    "core_upper": [
        ("plank", 3, 50, None, 0),
        ("side_plank", 2, 30, None, 0),
        ("bicycle_crunch", 3, 16, None, 0),
        ("push_up", 3, 12, None, 0),
        ("db_row", 3, 10, 12.0, 2.0),
        ("pull_up", 2, 6, None, 0),
        ("superman", 2, 12, None, 0),
    ],
    "circuit": [
        ("step_up", 3, 12, None, 0),
        ("sl_glute_bridge", 3, 12, None, 0),
        ("sl_calf_raise", 3, 15, None, 0),
        ("band_walk", 2, 15, None, 0),
        ("plank", 2, 45, None, 0),
        ("side_plank", 2, 30, None, 0),
    ],
    "rehab": [
        ("heel_drop", 3, 15, 8.0, 2.0),
        ("sl_glute_bridge", 3, 12, None, 0),
        ("band_walk", 2, 15, None, 0),
        ("plank", 2, 45, None, 0),
        ("side_plank", 2, 30, None, 0),
    ],
}
# apps' own core moves where the watch has none
APP_SWAPS = {"bicycle_crunch": "dead_bug", "superman": "bird_dog"}
HEAVY_TEMPLATES = {"lower_a", "lower_b"}

NAMES = {
    "strong": {
        "lower_a": "Lower A",
        "lower_b": "Lower B",
        "core_upper": "Core & Upper",
        "circuit": "Runner Circuit",
        "rehab": "Achilles Rehab",
    },
    "hevy": {
        "lower_a": "Legs // Heavy A",
        "lower_b": "Legs // Heavy B",
        "core_upper": "Core + Upper",
        "circuit": "Runner circuit",
        "rehab": "Rehab",
    },
    "garmin": {
        "lower_a": "Strength",
        "lower_b": "Strength",
        "core_upper": "Strength",
        "circuit": "Strength",
        "rehab": "Strength",
    },
}


@dataclass
class StrengthSlot:
    day: date
    start: time
    template: str
    tz: str = "Europe/Berlin"
    designated: str = ""
    note: str = ""
    extra_rest_s: int = 0  # chatting between sets


def _round_to(value: float, step: float) -> float:
    return round(round(value / step) * step, 2)


def build_session(
    slot: StrengthSlot, source: str, device: str, level: float, rng: random.Random
) -> StrengthSession:
    t = rng.randint(120, 240)  # mobility before the first set
    sets: list[StrengthSet] = []
    heavy = slot.template in HEAVY_TEMPLATES
    for n, (exercise, n_sets, amount, base_kg, step) in enumerate(TEMPLATES[slot.template]):
        if source != "garmin":
            exercise = APP_SWAPS.get(exercise, exercise)
        timed = EXERCISES[exercise].timed
        weight = _round_to(base_kg * level, step) if base_kg is not None else None
        if source == "hevy" and heavy and n == 0 and weight is not None:
            for frac, warm_reps in ((0.5, 8), (0.75, 5)):  # warm-up sets, only Hevy marks them
                dur = warm_reps * 3 + rng.randint(2, 6)
                sets.append(
                    StrengthSet(exercise, t, dur, warm_reps, _round_to(weight * frac, step), True, 5.0)
                )
                t += dur + rng.randint(50, 80)
        reps: int | None
        for _ in range(n_sets):
            if timed:
                dur, reps = amount + rng.choice((-5, 0, 0, 5)), None
            else:
                reps = amount + rng.choice((0, 0, 0, -1, 1)) if weight is None else amount
                dur = reps * (3 if weight else 2) + rng.randint(3, 9)
            rpe = None
            if source == "hevy":
                rpe = float(rng.choice((7, 7.5, 8))) if heavy else float(rng.choice((5, 5.5, 6)))
            sets.append(StrengthSet(exercise, t, dur, reps, weight, False, rpe))
            t += dur + (rng.randint(75, 120) if heavy else rng.randint(30, 70)) + slot.extra_rest_s // 15
        t += rng.randint(30, 80)  # set up the next exercise
    duration = t + rng.randint(30, 120)
    return StrengthSession(
        start_local=datetime.combine(slot.day, slot.start),
        tz=slot.tz,
        source=source,
        name=NAMES[source][slot.template],
        template=slot.template,
        sets=tuple(sets),
        duration_s=duration,
        device=device,
        designated=slot.designated,
        note=slot.note,
    )


def is_heavy(sess: StrengthSession) -> bool:
    """docs/metrics.md, strength: >= 40 % of working sets lower body, with external load on them."""
    working = [s for s in sess.sets if not s.warmup]
    lower = [s for s in working if EXERCISES[s.exercise].region == "lower"]
    if not working or len(lower) / len(working) < 0.4:
        return False
    return any(s.weight_kg for s in lower) or any((s.rpe or 0) >= 7 for s in working)
