"""The phone apps' exports and the project's own files, written as the real apps write them.

Strong: the 2024 comma-separated export (quoted names, weights like 45.0, durations like 38m or
1h 5m, holds in the Seconds column, oldest first). Hevy: everything quoted, dates like
"5 Aug 2025, 07:50", warm-up sets marked, newest workout first.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta

from demo.exercises import EXERCISES
from demo.model import Plan, StrengthSession

STRONG_HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE"
HEVY_COLUMNS = [
    "title",
    "start_time",
    "end_time",
    "description",
    "exercise_title",
    "superset_id",
    "exercise_notes",
    "set_index",
    "set_type",
    "weight_kg",
    "reps",
    "distance_km",
    "duration_seconds",
    "rpe",
]
INJURY_HEADER = "onset_date,end_date,body_area,severity,time_loss,medical_visit,note"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def strong_duration(seconds: int) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60}h {minutes % 60}m" if minutes >= 60 else f"{minutes}m"


def _by_exercise(sess: StrengthSession) -> list[tuple[str, list]]:
    groups: list[tuple[str, list]] = []
    for s in sess.sets:
        if not groups or groups[-1][0] != s.exercise:
            groups.append((s.exercise, []))
        groups[-1][1].append(s)
    return groups


def strong_csv(plan: Plan) -> str:
    lines = [STRONG_HEADER]
    for sess in sorted((s for s in plan.strength if s.source == "strong"), key=lambda s: s.start_local):
        when = f"{sess.start_local:%Y-%m-%d %H:%M:%S}"
        for exercise, sets in _by_exercise(sess):
            name = EXERCISES[exercise].strong
            for order, s in enumerate(sets, start=1):
                reps = 0.0 if s.reps is None else float(s.reps)
                seconds = float(s.duration_s) if s.reps is None else 0.0
                lines.append(
                    f'{when},"{sess.name}",{strong_duration(sess.duration_s)},"{name}",{order},'
                    f"{s.weight_kg or 0.0:.1f},{reps:.1f},0,{seconds:.1f},"
                )
    return "\n".join(lines) + "\n"


def hevy_time(t: datetime) -> str:
    return f"{t.day} {MONTHS[t.month - 1]} {t.year}, {t:%H:%M}"


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def hevy_csv(plan: Plan) -> str:
    lines = [",".join(f'"{c}"' for c in HEVY_COLUMNS)]
    sessions = sorted(
        (s for s in plan.strength if s.source == "hevy"), key=lambda s: s.start_local, reverse=True
    )
    for sess in sessions:
        end = sess.start_local + timedelta(seconds=sess.duration_s)
        head = f'"{sess.name}","{hevy_time(sess.start_local)}","{hevy_time(end)}","",'
        for exercise, sets in _by_exercise(sess):
            name = EXERCISES[exercise].hevy
            for index, s in enumerate(sets):
                kind = "warmup" if s.warmup else "normal"
                duration = str(s.duration_s) if s.reps is None else "0"
                lines.append(
                    f'{head}"{name}",,"",{index},"{kind}",{_num(s.weight_kg)},{_num(s.reps)},,'
                    f"{duration},{_num(s.rpe)}"
                )
    return "\n".join(lines) + "\n"


def injuries_csv(plan: Plan) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(INJURY_HEADER.split(","))
    for inj in plan.injuries:
        writer.writerow(
            [
                inj.onset_date.isoformat(),
                inj.end_date.isoformat(),
                inj.body_area,
                inj.severity,
                str(inj.time_loss).lower(),
                str(inj.medical_visit).lower(),
                inj.note,
            ]
        )
    return buf.getvalue()


def athlete_json(plan: Plan) -> str:
    settings = {
        "sex": "female",
        "hr_rest": 48,
        "hr_max": 188,
        "threshold_pace_s_per_km": 250,
        "races": [{"date": r.date.isoformat(), "distance": r.distance, "name": r.name} for r in plan.races],
    }
    doc = {"format": "runstrong-settings", "version": 1, "settings": settings}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
