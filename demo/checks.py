"""Hand computations over the plan, by the definitions of docs/metrics.md and docs/rules.md: spikes,
key runs, heavy sessions, scheduling-rule breaks. They feed expected.json and keep the story
honest: `validate` fails when the plan shows a spike or a rule break that the story did not intend.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, timedelta

from demo.model import Cardio, Plan
from demo.strength import is_heavy

LONG_SHARE = 0.25
LONG_MIN_S = 90 * 60


def spike_category(ratio: float | None) -> str:
    if ratio is None:
        return "return_to_running"
    if ratio <= 1.10:
        return "reference"
    if ratio <= 1.30:
        return "small"
    if ratio <= 2.00:
        return "moderate"
    return "large"


def spike_ratios(
    runs: list[Cardio], window_days: int = 30
) -> list[tuple[Cardio, float | None, Cardio | None]]:
    """(run, distance / longest run of the `window_days` local days before, that longest run)."""
    ordered = sorted(runs, key=lambda r: r.local_date)
    days = [r.local_date for r in ordered]
    out = []
    for run in runs:
        lo = bisect_left(days, run.local_date - timedelta(days=window_days))
        hi = bisect_left(days, run.local_date)
        longest = max(ordered[lo:hi], key=lambda r: r.distance_cm, default=None)
        out.append((run, run.distance_cm / longest.distance_cm if longest else None, longest))
    return out


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def key_runs(runs: list[Cardio]) -> dict[str, str]:
    """run key -> 'race' | 'long' | 'quality' (docs/metrics.md, key runs)."""
    keys: dict[str, str] = {}
    weeks: dict[date, list[Cardio]] = {}
    for run in runs:
        weeks.setdefault(week_of(run.local_date), []).append(run)
        if run.kind == "race":
            keys[run.key] = "race"
        elif run.kind in ("tempo", "intervals"):
            keys[run.key] = "quality"
    for week_runs in weeks.values():
        total = sum(r.distance_cm for r in week_runs)
        longest = max(week_runs, key=lambda r: r.distance_cm)
        if longest.key not in keys and (
            longest.distance_cm >= LONG_SHARE * total or longest.timer_s >= LONG_MIN_S
        ):
            keys[longest.key] = "long"
    return keys


def rule_breaks(plan: Plan) -> list[dict]:
    """Breaks of scheduling rules 1-3 (docs/rules.md), one dict per break."""
    runs = plan.runs
    keys = key_runs(runs)
    by_day: dict[date, list[tuple[Cardio, datetime]]] = {}
    for run in runs:
        by_day.setdefault(run.local_date, []).append((run, run.start_utc))
    out = []
    for sess in plan.strength:
        heavy = is_heavy(sess)
        sess_utc = sess.start_utc
        near = [x for d in range(-1, 3) for x in by_day.get(sess.local_date + timedelta(days=d), [])]
        for run, run_utc in near:
            kind = keys.get(run.key)
            gap_h = (run_utc - sess_utc).total_seconds() / 3600.0
            if heavy and kind and 0 < gap_h <= 24:
                out.append(
                    {
                        "rule": 1,
                        "strength_start_local": sess.start_local.isoformat(),
                        "run_start_local": run.start_local.isoformat(),
                        "key_run": kind,
                        "hours_before": round(gap_h, 2),
                    }
                )
            if run.local_date == sess.local_date:
                if kind in ("long", "race"):
                    out.append(
                        {
                            "rule": 2,
                            "strength_start_local": sess.start_local.isoformat(),
                            "run_start_local": run.start_local.isoformat(),
                            "key_run": kind,
                        }
                    )
                if sess_utc < run_utc:
                    out.append(
                        {
                            "rule": 3,
                            "strength_start_local": sess.start_local.isoformat(),
                            "run_start_local": run.start_local.isoformat(),
                        }
                    )
    return sorted(out, key=lambda b: (b["strength_start_local"], b["rule"]))


def validate(plan: Plan) -> None:
    """Fail when the plan's numbers tell a different story than the one intended."""
    problems = []
    runs = plan.runs
    by_window = [spike_ratios(runs, w) for w in (29, 30, 31)]
    for (run, r30, _), (_, r29, _), (_, r31, _) in zip(by_window[1], by_window[0], by_window[2], strict=True):
        cats = {spike_category(r) for r in (r29, r30, r31)}
        if len(cats) > 1:
            problems.append(f"{run.start_local}: spike category depends on the window edge {cats}")
        if (
            r30 is not None
            and r30 > 1.10
            and run.kind != "race"
            and run.local_date.isoformat() != "2025-07-26"
        ):
            problems.append(f"{run.start_local}: unplanned spike {r30:.2f} ({run.kind})")
    intended = {(s.start_local.isoformat(), s.designated) for s in plan.strength if s.designated}
    for brk in rule_breaks(plan):
        label = {1: "rule1_heavy_before_key_run", 2: "rule2_same_day_as_long_run", 3: "rule3_lift_before_run"}
        if (brk["strength_start_local"], label[brk["rule"]]) not in intended:
            problems.append(f"unplanned rule break {brk}")
    if problems:
        raise AssertionError("the plan does not tell the intended story:\n" + "\n".join(problems))
