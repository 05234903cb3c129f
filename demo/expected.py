"""expected.json: the demo athlete's numbers computed by hand from the plan (never from the files).

Ingest and page tests compare the database against it. Distances are the planned whole
centimetres (exactly what the FIT files hold), times the planned whole seconds.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from demo.checks import key_runs, rule_breaks, spike_category, spike_ratios, week_of
from demo.exercises import EXERCISES
from demo.fitwriter import file_name
from demo.model import Cardio, Plan, StrengthSession
from demo.strength import is_heavy

SOURCES = ("garmin", "strong", "hevy")
BEFORE_WEEKS = 8  # "sessions per week before" a build-up: the 8 weeks before it


def _mondays(start: date, end: date) -> list[date]:
    out, d = [], week_of(start)
    while d <= end:
        out.append(d)
        d += timedelta(days=7)
    return out


def _weeks(plan: Plan) -> list[dict]:
    rows = []
    for monday in _mondays(plan.start, plan.end):
        sunday = monday + timedelta(days=6)
        runs = [r for r in plan.runs if monday <= r.local_date <= sunday]
        strength = [s for s in plan.strength if monday <= s.local_date <= sunday]
        rows.append(
            {
                "week_start": monday.isoformat(),
                "distance_m": sum(r.distance_cm for r in runs) / 100.0,
                "time_s": sum(r.timer_s for r in runs),
                "elapsed_s": sum(r.elapsed_s for r in runs),
                "runs": len(runs),
                # The longest of no run is missing (null), not 0 (docs/metrics.md).
                "longest_run_m": max(r.distance_cm for r in runs) / 100.0 if runs else None,
                "strength_sessions": len(strength),
                "strength_by_source": {src: sum(1 for s in strength if s.source == src) for src in SOURCES},
                "heavy_lower_sessions": sum(1 for s in strength if is_heavy(s)),
            }
        )
    return rows


def _buildups(plan: Plan, weeks: list[dict]) -> list[dict]:
    per_week = {w["week_start"]: w["strength_sessions"] for w in weeks}
    out = []
    for race in plan.races:
        first = race.date - timedelta(weeks=race.build_weeks) + timedelta(days=1)
        mondays = [week_of(first) + timedelta(weeks=i) for i in range(race.build_weeks)]
        counts = [per_week.get(m.isoformat()) for m in mondays]
        week_counts = [
            per_week.get((mondays[0] - timedelta(weeks=i)).isoformat()) for i in range(1, BEFORE_WEEKS + 1)
        ]
        before = [c for c in week_counts if c is not None]
        on_target = sum(1 for c in counts if c is not None and 1 <= c <= 2)
        out.append(
            {
                "race": race.name,
                "distance": race.distance,
                "race_date": race.date.isoformat(),
                "first_day": first.isoformat(),
                "weeks": [
                    {"week_start": m.isoformat(), "strength_sessions": c}
                    for m, c in zip(mondays, counts, strict=True)
                ],
                "zero_strength_weeks": [
                    m.isoformat() for m, c in zip(mondays, counts, strict=True) if c == 0
                ],
                "weeks_on_target": on_target,
                "sessions_per_week_during": round(sum(c or 0 for c in counts) / len(counts), 4),
                "sessions_per_week_before": round(sum(before) / len(before), 4) if before else None,
                "kept": all(c is not None and c >= 1 for c in counts),
            }
        )
    return out


def expected(plan: Plan) -> dict:
    runs = plan.runs
    weeks = _weeks(plan)
    keys = key_runs(runs)
    ratios = spike_ratios(runs)
    # The start of a log is not a return: a run whose 30 days before reach back past the first run
    # has no known longest run before it ("not enough history", no spike; docs/metrics.md).
    judged_from = min(r.local_date for r in runs) + timedelta(days=30) if runs else None
    spikes = []
    for run, ratio, longest in ratios:
        if judged_from is not None and run.local_date < judged_from:
            continue
        if ratio is None or ratio > 1.10:
            spikes.append(
                {
                    "date": run.local_date.isoformat(),
                    "start_local": run.start_local.isoformat(),
                    "kind": run.kind,
                    "distance_m": run.distance_cm / 100.0,
                    "ratio": None if ratio is None else round(ratio, 4),
                    "category": spike_category(ratio),
                    "prior_longest_m": None if longest is None else longest.distance_cm / 100.0,
                    "prior_longest_date": None if longest is None else longest.local_date.isoformat(),
                }
            )
    designated = (
        next(s for s in spikes if s["date"] == "2025-07-26")
        if any(s["date"] == "2025-07-26" for s in spikes)
        else None
    )
    sessions: list[tuple[str, Cardio | StrengthSession]] = [
        *(("run", r) for r in runs),
        *(("strength", s) for s in plan.strength),
    ]
    local_vs_utc = [
        {
            "what": what,
            "start_local": a.start_local.isoformat(),
            "start_utc": a.start_utc.isoformat(),
            "tz": a.tz,
        }
        for what, a in sessions
        if a.start_local.date() != a.start_utc.date()
    ]
    return {
        "athlete": {
            "sex": "female",
            "hr_rest": 48,
            "hr_max": 188,
            "threshold_pace_s_per_km": 250,
            "home_tz": "Europe/Berlin",
        },
        "generator": {
            "seed": plan.seed,
            "first_day": plan.start.isoformat(),
            "last_day": plan.end.isoformat(),
        },
        "totals": {
            "runs": len(runs),
            "run_distance_m": sum(r.distance_cm for r in runs) / 100.0,
            "run_time_s": sum(r.timer_s for r in runs),
            "rides": sum(1 for c in plan.cardio if c.sport == "cycling"),
            "ride_distance_m": sum(c.distance_cm for c in plan.cardio if c.sport == "cycling") / 100.0,
            "strength_sessions": len(plan.strength),
            "strength_by_source": {src: sum(1 for s in plan.strength if s.source == src) for src in SOURCES},
            "strength_working_sets": sum(1 for s in plan.strength for x in s.sets if not x.warmup),
            "fit_files": len(plan.cardio) + sum(1 for s in plan.strength if s.source == "garmin"),
            "runs_without_hr": sum(1 for r in runs if not r.has_hr),
            "treadmill_runs": sum(1 for r in runs if r.sub_sport == "treadmill"),
            "trail_runs": sum(1 for r in runs if r.sub_sport == "trail"),
        },
        "weeks": weeks,
        "spike": designated,
        "spikes": spikes,
        "injuries": [
            {
                "onset_date": i.onset_date.isoformat(),
                "end_date": i.end_date.isoformat(),
                "body_area": i.body_area,
                "severity": i.severity,
                "time_loss": i.time_loss,
                "medical_visit": i.medical_visit,
                "days": (i.end_date - i.onset_date).days,
                "counted": i.medical_visit or (i.time_loss and (i.end_date - i.onset_date).days >= 7),
            }
            for i in plan.injuries
        ],
        "races": [{"date": r.date.isoformat(), "distance": r.distance, "name": r.name} for r in plan.races],
        "buildups": _buildups(plan, weeks),
        "rule_breaks": rule_breaks(plan),
        "key_runs": {k: sum(1 for v in keys.values() if v == k) for k in ("long", "quality", "race")},
        "runs_without_hr": [r.start_local.isoformat() for r in runs if not r.has_hr],
        "local_date_differs_from_utc": local_vs_utc,
        "strength_sessions": [
            {
                "start_local": s.start_local.isoformat(),
                "source": s.source,
                "name": s.name,
                "file": file_name(s.start_local) if s.source == "garmin" else None,
                "duration_s": s.duration_s,
                "working_sets": sum(1 for x in s.sets if not x.warmup),
                "warmup_sets": sum(1 for x in s.sets if x.warmup),
                "heavy_lower": is_heavy(s),
                "lower_core_upper_sets": [
                    sum(1 for x in s.sets if not x.warmup and EXERCISES[x.exercise].region == g)
                    for g in ("lower", "core", "upper")
                ],
                "designated_rule_break": s.designated or None,
            }
            for s in plan.strength
        ],
    }


def expected_json(plan: Plan) -> str:
    return json.dumps(expected(plan), indent=1, ensure_ascii=False) + "\n"
