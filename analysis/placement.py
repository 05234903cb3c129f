"""Place my strength (docs/rules.md, planning ahead): for a week with planned runs, days and times
for the phase's target number of strength sessions, each tried through the same rule check as the
plan's flags (analysis.schedule.schedule_violations over the week's frames), so a placement it
proposes is one the check passes; the fix a rule's flag proposes comes from the same candidates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis._frames import DAY, as_day, to_ts
from analysis.plan import FOCUS_LABELS, RUN_TYPE_LABELS
from analysis.planweek import (
    Week,
    _breaks_of,
    _day_name,
    _done_type,
    _rule,
    _strength_row,
    describe,
    strength_count,
    week_frames,
    week_target,
)
from analysis.settings import Settings

#: Strength focuses to try, in the order "Place my strength" prefers them (docs/rules.md).
PLACE_ORDER = ("lower_heavy", "lower", "core", "upper")
#: After a run, strength starts this long after its planned end (easy-day policy): lift after the run.
AFTER_RUN = dt.timedelta(hours=1)
#: Under hard-day strength, this long after the hard run's end (well inside the window).
AFTER_HARD_RUN = dt.timedelta(minutes=30)
#: The weeks of done strength whose days and times count as the runner's habit.
HABIT_WEEKS = 12


def fix_for(w: Week, sid: int, aid: int | None, s: Settings) -> str:
    """Move the planned strength session to the nearest placement the rules pass; else move the run."""
    if sid < 0:
        focus = w.plan.loc[-sid, "strength_focus"]
        best = _candidates(w, -sid, focus, s)
        ok = [c for c in best if not c["breaks"]]
        what = describe(w, "strength", sid).split(" at ")[0]
        if ok:
            day = pd.Timestamp(w.plan.loc[-sid, "planned_date"])
            c = min(ok, key=lambda c: abs((c["day"] - day).days))
            return f"Move {what} to {c['words']}: {c['why']}."
        if focus == "lower_heavy":
            return f"No day of this week takes it without a break: make {what} upper body or core, or move the key run."
        return f"No day of this week takes {what} without a break: drop it this week or move the run."
    if aid is not None and aid < 0:
        return f"Move {describe(w, 'run', aid)} to another day, or make it an easy run."
    return "Plan the run on another day."


# --- Placement ---------------------------------------------------------------------------------


def _times_on(w: Week, day: pd.Timestamp, own_time, s: Settings) -> list[tuple[object, str]]:
    """Times to try on a day: after that day's run (the rules' "run first, then lift"), else the
    session's own time. (time or None, why)."""
    r = w.runs[as_day(w.runs["local_date"]) == day]
    if len(r) == 0:
        return [(own_time, "a day without a run")]
    out: list[tuple[object, str]] = []
    for row in r.itertuples():
        start = row.start_time_local if pd.notna(row.start_time_local) else row.start_time_utc
        kind = _done_type(row._asdict())
        if pd.isna(start):
            out.append((None, f"after the {RUN_TYPE_LABELS[kind]}"))
            continue
        dur = dt.timedelta(seconds=float(row.elapsed_s) if pd.notna(row.elapsed_s) else 3600.0)
        gap = AFTER_HARD_RUN if s.policy == "hard-day" else AFTER_RUN
        at = (pd.Timestamp(start) + dur + gap).ceil("30min")
        if at.date() != day.date():
            continue
        out.append((at.time(), f"after the {RUN_TYPE_LABELS[kind]}"))
    return out or [(own_time, "")]


def _candidates(w: Week, plan_id: int, focus: str, s: Settings, habit: dict | None = None) -> list[dict]:
    """Each day ahead in the week (and a time on it) for planned strength session ``plan_id`` with
    ``focus``: the rules it would break there (checked by schedule_violations)."""
    own = w.plan.loc[plan_id] if plan_id in w.plan.index else None
    own_time = own["time_local"] if own is not None else None
    if own_time is not None and not isinstance(own_time, dt.time) and pd.isna(own_time):
        own_time = None
    others = w.strength[w.strength["session_id"] != -plan_id]
    out = []
    for day in w.days:
        if day <= w.today:
            continue
        for time, why in _times_on(w, day, own_time or (habit or {}).get("time"), s):
            trial = Week(
                w.start,
                w.today,
                w.runs,
                pd.concat(
                    [others, pd.DataFrame([_strength_row(plan_id, day, time, focus)])], ignore_index=True
                ),
                w.plan,
            )
            breaks = _breaks_of(trial, -plan_id, s)
            when = f"{_day_name(day)}" + (f" at {time:%H:%M}" if time else "")
            out.append(
                {
                    "day": day,
                    "time": time,
                    "focus": focus,
                    "breaks": breaks,
                    "words": when,
                    "why": why or "no rule against it",
                }
            )
    return out


def habit(strength: pd.DataFrame, today: dt.date, weeks: int = HABIT_WEEKS) -> dict:
    """The runner's habitual strength weekdays (count per weekday) and time over the last weeks."""
    t = to_ts(today)
    st = strength[strength["counted"].astype(bool)] if len(strength) else strength
    st = st[as_day(st["local_date"]).between(t - weeks * 7 * DAY, t)] if len(st) else st
    if len(st) == 0:
        return {"weekdays": {}, "time": None}
    days = as_day(st["local_date"]).dt.day_of_week.value_counts().to_dict()
    clock = pd.to_datetime(st.get("start_time_local"), errors="coerce").dropna()
    clock = clock[clock != clock.dt.normalize()]
    time = None
    if len(clock):
        minutes = int(np.median(clock.dt.hour * 60 + clock.dt.minute) // 30 * 30)
        time = dt.time(minutes // 60, minutes % 60)
    return {"weekdays": {int(k): int(v) for k, v in days.items()}, "time": time}


def place_strength(
    week_start: dt.date,
    estimates: pd.DataFrame,
    runs: pd.DataFrame,
    strength: pd.DataFrame,
    buildups: pd.DataFrame,
    today: dt.date,
    settings: Settings | None = None,
) -> list[dict]:
    """Proposals for the strength sessions the week lacks against its phase's target: each a dict
    with day, time, focus, duration_s, breaks (the rules it still breaks: empty when none can be
    kept... the least harmful), why (one line). Sessions already planned stay where they are."""
    s = settings or Settings()
    w = week_frames(week_start, estimates, runs, strength, today, s.spike_lookback_days)
    _, lo, _ = week_target(week_start, buildups, s)
    done, planned = strength_count(w)
    missing = lo - done - planned
    h = habit(strength, today)
    out: list[dict] = []
    for k in range(max(0, missing)):
        plan_id = 10_000_000 + k  # a trial id no stored plan uses
        best = None
        for focus in PLACE_ORDER:
            cands = [
                c for c in _candidates(w, plan_id, focus, s, h) if c["day"] not in {p["day"] for p in out}
            ]
            if not cands:
                continue
            cands.sort(key=lambda c: (len(c["breaks"]), -h["weekdays"].get(c["day"].weekday(), 0), c["day"]))
            if best is None or len(cands[0]["breaks"]) < len(best["breaks"]):
                best = cands[0]
            if not best["breaks"]:
                break
        if best is None:
            break
        why = best["why"]
        if h["weekdays"].get(best["day"].weekday()):
            why += f"; you lifted on {best['day']:%A}s {h['weekdays'][best['day'].weekday()]} times in {HABIT_WEEKS} weeks"
        if best["breaks"]:
            why = "every day breaks a rule; least harmful: " + ", ".join(
                _rule(b, s).name for b in best["breaks"]
            )
        elif best["focus"] != "lower_heavy":
            why += (
                f"; {FOCUS_LABELS[best['focus']]}, as heavy lower-body work breaks a rule on every free day"
            )
        proposal = {**best, "why": why, "duration_s": 40 * 60.0}
        out.append(proposal)
        row = _strength_row(plan_id, best["day"], best["time"], best["focus"])
        w = Week(
            w.start, w.today, w.runs, pd.concat([w.strength, pd.DataFrame([row])], ignore_index=True), w.plan
        )
    return out
