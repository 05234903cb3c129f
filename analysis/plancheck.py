"""Checks before they happen (docs/rules.md, planning ahead): a planned week against the scheduling rules of
the chosen policy, the phase's strength target, the single-run spike, the 2-week progression and
the ramp rate, each flag naming the sessions, the rule and its source, and how to fix it.

No rule is written twice: the planned sessions are laid beside the done ones in the frames the
history's functions take (analysis.schedule.schedule_violations, analysis.spikes.spikes,
analysis.forecast.forecast), and their answers are read back. Days up to ``today`` are what was
done; the days after it are the plan. A planned session takes the id ``-plan_id`` in those frames.

"Place my strength" (:func:`place_strength`) tries each day of the week (and a time after that
day's run) through the same rule check, so a placement it proposes is one the check passes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import metrics, units
from analysis._frames import DAY, as_day, num, to_ts
from analysis.articles import cite
from analysis.consistency import targets
from analysis.forecast import NO_PACE
from analysis.phases import week_phases
from analysis.plan import FOCUS_LABELS, RUN_TYPE_LABELS
from analysis.schedule import RULES, schedule_violations
from analysis.settings import Settings
from analysis.spikes import spikes

CHECKS = {
    "rule": "scheduling rule",
    "strength_target": "strength sessions against the phase's target",
    "spike": "single-run spike",
    "progression": "2-week progression",
    "ramp": "ramp rate",
}
CHECK_COLUMNS = ["date", "check", "rule", "severity", "sessions", "message", "fix", "source", "plan_ids"]
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Strength focuses to try, in the order "Place my strength" prefers them (docs/rules.md).
PLACE_ORDER = ("lower_heavy", "lower", "core", "upper")
#: After a run, strength starts this long after its planned end (easy-day policy): lift after the run.
AFTER_RUN = dt.timedelta(hours=1)
#: Under hard-day strength, this long after the hard run's end (well inside the window).
AFTER_HARD_RUN = dt.timedelta(minutes=30)
#: The weeks of done strength whose days and times count as the runner's habit.
HABIT_WEEKS = 12


@dataclass(frozen=True)
class Week:
    """Done and planned sessions around one week, in the frames the history's functions take."""

    start: pd.Timestamp
    today: pd.Timestamp
    runs: pd.DataFrame  # activity_id (-plan_id when planned), local_date, start_time_*, elapsed_s, ...
    strength: pd.DataFrame  # session_id (-plan_id when planned), local_date, start_time_*, counted, ...
    plan: pd.DataFrame  # the planned sessions ahead (analysis.forecast.estimate rows), by plan_id

    @property
    def days(self) -> list[pd.Timestamp]:
        return [self.start + i * DAY for i in range(7)]


def _at(day: pd.Timestamp, time) -> pd.Timestamp:
    if time is None or (not isinstance(time, dt.time) and pd.isna(time)):
        return pd.NaT
    return pd.Timestamp(dt.datetime.combine(day.date(), time))


def _planned_runs(plan: pd.DataFrame) -> pd.DataFrame:
    p = plan[plan["kind"] == "run"]
    days = as_day(p["planned_date"])
    rt = p["run_type"].fillna("easy")
    dur = num(p, "est_duration_s")
    return pd.DataFrame(
        {
            "activity_id": -p["plan_id"].astype("int64"),
            "local_date": days,
            "start_time_local": [_at(d, t) for d, t in zip(days, p["time_local"], strict=True)],
            "start_time_utc": pd.NaT,
            "elapsed_s": dur,
            "moving_s": dur,
            "distance_m": num(p, "est_distance_m"),
            "is_long": rt == "long",
            "is_quality": rt == "quality",
            "is_race": rt == "race",
        }
    )


def _strength_row(plan_id: int, day: pd.Timestamp, time, focus: str) -> dict:
    return {
        "session_id": -int(plan_id),
        "local_date": day,
        "start_time_local": _at(day, time),
        "start_time_utc": pd.NaT,
        "counted": True,
        "heavy_lower": focus == "lower_heavy",
        "upper_core_only": focus in ("core", "upper"),
    }


def _planned_strength(plan: pd.DataFrame) -> pd.DataFrame:
    p = plan[plan["kind"] == "strength"]
    rows = [
        _strength_row(r.plan_id, pd.Timestamp(r.planned_date), r.time_local, r.strength_focus)
        for r in p.itertuples()
    ]
    return pd.DataFrame(rows, columns=list(_strength_row(0, pd.Timestamp(0), None, "core")))


RUN_COLS = [
    "activity_id",
    "local_date",
    "start_time_local",
    "start_time_utc",
    "elapsed_s",
    "moving_s",
    "distance_m",
    "is_long",
    "is_quality",
    "is_race",
]
STRENGTH_COLS = [
    "session_id",
    "local_date",
    "start_time_local",
    "start_time_utc",
    "counted",
    "heavy_lower",
    "upper_core_only",
]


def week_frames(
    week_start: dt.date,
    estimates: pd.DataFrame,
    runs: pd.DataFrame,
    strength: pd.DataFrame,
    today: dt.date,
    lookback_days: int = 30,
) -> Week:
    """The done runs and counted strength sessions up to today, then the planned ones after it,
    from ``lookback_days`` before the week to the day after it (a spike looks 30 days back)."""
    start, t = to_ts(week_start), to_ts(today)
    lo, hi = start - lookback_days * DAY, start + 7 * DAY
    plan = estimates[(as_day(estimates["planned_date"]) > t)] if len(estimates) else estimates
    plan = plan[as_day(plan["planned_date"]).between(lo, hi)] if len(plan) else plan
    done_r = runs[as_day(runs["local_date"]).between(lo, min(t, hi))] if len(runs) else runs
    parts = [done_r[[c for c in RUN_COLS if c in done_r]].assign(local_date=as_day(done_r["local_date"]))]
    if len(plan):
        parts.append(_planned_runs(plan))
    r = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    st = strength[strength["counted"].astype(bool)] if len(strength) else strength
    st = st[as_day(st["local_date"]).between(start - DAY, min(t, hi))] if len(st) else st
    sparts = [st[[c for c in STRENGTH_COLS if c in st]].assign(local_date=as_day(st["local_date"]))]
    if len(plan):
        sparts.append(_planned_strength(plan))
    s = pd.concat([p for p in sparts if len(p)], ignore_index=True) if any(len(p) for p in sparts) else None
    return Week(
        start,
        t,
        r if r is not None else pd.DataFrame(columns=RUN_COLS),
        s if s is not None else pd.DataFrame(columns=STRENGTH_COLS),
        plan.set_index("plan_id", drop=False) if len(plan) else plan,
    )


# --- Words -----------------------------------------------------------------------------------------


def _day_name(day) -> str:
    return DAY_NAMES[pd.Timestamp(day).weekday()]


def _clock(ts) -> str:
    return "" if ts is None or pd.isna(ts) else f" at {pd.Timestamp(ts):%H:%M}"


def describe(w: Week, kind: str, ident: int) -> str:
    """'Tuesday's heavy lower-body session at 18:00 (planned)', 'Wednesday's quality run (done)'."""
    if kind == "strength":
        row = w.strength[w.strength["session_id"] == ident].iloc[0]
        if ident < 0:
            focus = FOCUS_LABELS[w.plan.loc[-ident, "strength_focus"]]
            what = f"{focus} session"
        else:
            what = "heavy lower-body session" if row["heavy_lower"] else "strength session"
    else:
        row = w.runs[w.runs["activity_id"] == ident].iloc[0]
        rt = w.plan.loc[-ident, "run_type"] if ident < 0 else _done_type(row)
        what = RUN_TYPE_LABELS.get(rt or "easy", "run")
    when = _clock(row["start_time_local"] if ident < 0 else None)
    return f"{_day_name(row['local_date'])}'s {what}{when}" + ("" if ident < 0 else " (done)")


def _done_type(row) -> str:
    for flag, name in (("is_race", "race"), ("is_quality", "quality"), ("is_long", "long")):
        if bool(row.get(flag)):
            return name
    return "easy"


def _dist(m: float, unit: str) -> str:
    return f"{units.distance(m, unit):.1f} {unit}"


# --- The scheduling rules ----------------------------------------------------------------------


def _rule_rows(w: Week, s: Settings) -> pd.DataFrame:
    """schedule_violations over the week's frames: the rows involving a planned session."""
    if len(w.strength) == 0 or len(w.runs) == 0:
        return pd.DataFrame()
    v = schedule_violations(w.strength, w.runs.assign(key_type=None), s)
    if len(v) == 0:
        return v
    sid = pd.to_numeric(v["session_id"], errors="coerce")
    aid = pd.to_numeric(v["activity_id"], errors="coerce")
    planned = (sid < 0) | (aid < 0)
    in_week = as_day(v["date"]).between(w.start - DAY, w.start + 6 * DAY)
    return v[planned & in_week].reset_index(drop=True)


def _rule(number: int, s: Settings):
    """The rule a number names under the policy (the hard-day school's own rule 4)."""
    return RULES[-4 if number == 4 and s.policy == "hard-day" else number]


def _breaks_of(w: Week, session_id: int, s: Settings) -> list[int]:
    v = _rule_rows(w, s)
    if len(v) == 0:
        return []
    return sorted(set(v.loc[pd.to_numeric(v["session_id"]) == session_id, "rule"].astype(int)))


def rule_checks(w: Week, s: Settings) -> list[dict]:
    out = []
    v = _rule_rows(w, s)
    for r in v.itertuples():
        sid, aid = int(r.session_id), (None if pd.isna(r.activity_id) else int(r.activity_id))
        names = [describe(w, "strength", sid)] + ([describe(w, "run", aid)] if aid is not None else [])
        rule = _rule(int(r.rule), s)
        fix = _fix_for(w, sid, aid, s)
        out.append(
            {
                "date": pd.Timestamp(r.date),
                "check": "rule",
                "rule": int(r.rule),
                "severity": "warning",
                "sessions": "; ".join(names),
                "message": f"Rule {rule.number}: {rule.label(s)}. {' and '.join(names)} ({r.detail}).",
                "fix": fix,
                "source": rule.source(),
                "plan_ids": tuple(-i for i in (sid, aid) if i is not None and i < 0),
            }
        )
    return out


def _fix_for(w: Week, sid: int, aid: int | None, s: Settings) -> str:
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


# --- Strength against the phase's target ---------------------------------------------------------


def week_target(week_start: dt.date, buildups: pd.DataFrame, s: Settings) -> tuple[str, int, int]:
    """The week's phase and its strength target (lower, upper)."""
    ph = week_phases(pd.Series([to_ts(week_start)]), buildups)
    phase = ph["phase"].iloc[0]
    lo, hi = targets(ph["phase"], s)
    return phase, int(lo[0]), int(hi[0])


def strength_count(w: Week) -> tuple[int, int]:
    """(done, planned) counted strength sessions in the week."""
    st = w.strength[as_day(w.strength["local_date"]).between(w.start, w.start + 6 * DAY)]
    planned = int((pd.to_numeric(st["session_id"]) < 0).sum())
    return len(st) - planned, planned


def target_checks(w: Week, buildups: pd.DataFrame, s: Settings) -> list[dict]:
    phase, lo, hi = week_target(w.start.date(), buildups, s)
    done, planned = strength_count(w)
    n = done + planned
    source = metrics.get("strength_sessions").source
    in_buildup = phase in ("build-up", "taper")
    words = "race build-up" if in_buildup else "base phase"
    counted = f"{n} strength session{'s' if n != 1 else ''}" + (f" ({done} done)" if done else "")
    if n < lo:
        severity = "warning" if in_buildup or n == 0 else "info"
        extra = " In a build-up, reduce strength work, don't remove it." if in_buildup and n == 0 else ""
        return [
            {
                "date": w.start,
                "check": "strength_target",
                "rule": None,
                "severity": severity,
                "sessions": "",
                "message": f"{counted} this week; the {words} target is {lo}-{hi}.{extra}",
                "fix": f"Plan {lo - n} more (Place my strength proposes days that keep the rules).",
                "source": source,  # the registry's source cites every article by title and author
                "plan_ids": (),
            }
        ]
    if in_buildup and n > hi:
        return [
            {
                "date": w.start,
                "check": "strength_target",
                "rule": None,
                "severity": "info",
                "sessions": "",
                "message": f"{counted} this week: above the advised {lo}-{hi} of a {words}.",
                "fix": f"The articles advise reducing it to {hi} in a build-up, keeping the heavy lower-body work.",
                "source": cite("middle_age_marathoner", "run_smarter"),
                "plan_ids": (),
            }
        ]
    return []


# --- Spike, progression, ramp -------------------------------------------------------------------


def planned_run_spikes(
    estimates: pd.DataFrame, runs: pd.DataFrame, today: dt.date, settings: Settings | None = None
) -> pd.DataFrame:
    """Each planned run after today against the longest run, done or planned, of the 30 days before
    it (analysis.spikes.spikes over the done runs followed by the planned ones): plan_id, local_date,
    distance_m, prev_longest_m, spike_ratio, spike_category."""
    s = settings or Settings()
    t = to_ts(today)
    ahead = estimates[as_day(estimates["planned_date"]) > t] if len(estimates) else estimates
    cols = ["plan_id", "local_date", "distance_m", "prev_longest_m", "spike_ratio", "spike_category"]
    if len(ahead) == 0 or not (ahead["kind"] == "run").any():
        return pd.DataFrame(columns=cols)
    done = runs[as_day(runs["local_date"]) <= t] if len(runs) else runs
    parts = [done[["activity_id", "local_date", "start_time_utc", "distance_m"]]] if len(done) else []
    planned = _planned_runs(ahead)
    parts.append(
        planned.assign(start_time_utc=planned["start_time_local"])[
            list(parts[0].columns) if parts else ["activity_id", "local_date", "start_time_utc", "distance_m"]
        ]
    )
    frame = pd.concat(parts, ignore_index=True)
    sp = spikes(frame.assign(local_date=as_day(frame["local_date"])), s)
    sp = sp[pd.to_numeric(sp["activity_id"]) < 0].merge(planned[["activity_id", "local_date", "distance_m"]])
    sp["plan_id"] = -pd.to_numeric(sp["activity_id"]).astype("int64")
    return sp[cols].sort_values(["local_date", "plan_id"]).reset_index(drop=True)


def spike_checks(w: Week, s: Settings) -> list[dict]:
    """Each planned run of the week (races aside: a race is run to be long) against the longest
    run, done or planned, of the 30 days before it (analysis.spikes.spikes)."""
    r = w.runs.assign(start_time_utc=w.runs["start_time_local"])
    sp = spikes(r, s)
    blind = r[(pd.to_numeric(r["activity_id"]) < 0) & r["distance_m"].isna()]
    out = [_blind_spike(w, int(aid)) for aid in blind["activity_id"] if _in_week(w, blind, aid)]
    if len(sp) == 0:
        return out
    sp = sp.merge(w.runs[["activity_id", "local_date", "distance_m", "is_race"]], on="activity_id")
    sp = sp[
        (pd.to_numeric(sp["activity_id"]) < 0) & as_day(sp["local_date"]).between(w.start, w.start + 6 * DAY)
    ]
    sp = sp[~sp["is_race"].astype(bool) & sp["spike_category"].isin(["small", "moderate", "large"])]
    unit = s.units_distance
    source = metrics.get("spike_ratio").source
    for r in sp.itertuples():
        aid = int(r.activity_id)
        basis = w.plan.loc[-aid, "distance_basis"] if w.plan.loc[-aid, "distance_estimated"] else None
        safe = r.prev_longest_m * s.spike_bounds[0]
        out.append(
            {
                "date": pd.Timestamp(r.local_date),
                "check": "spike",
                "rule": None,
                "severity": "info" if r.spike_category == "small" else "warning",
                "sessions": describe(w, "run", aid),
                "message": (
                    f"{describe(w, 'run', aid)}, {_dist(r.distance_m, unit)}"
                    + (f" (from {basis})" if basis else "")
                    + f", is {r.spike_ratio:.2f} x the longest run of the {s.spike_lookback_days} days before it "
                    f"({_dist(r.prev_longest_m, unit)}): a {r.spike_category} spike."
                ),
                "fix": f"Keep it to {_dist(safe, unit)} or less, and lengthen the long run step by step.",
                "source": source,
                "plan_ids": (-aid,),
            }
        )
    return out


def _in_week(w: Week, runs: pd.DataFrame, aid) -> bool:
    day = as_day(runs.loc[runs["activity_id"] == aid, "local_date"]).iloc[0]
    return bool(w.start <= day <= w.start + 6 * DAY) and not w.plan.loc[-aid, "run_type"] == "race"


def _blind_spike(w: Week, aid: int) -> dict:
    """A planned run given only its minutes, with no pace in the log to make them a distance."""
    minutes = w.plan.loc[-aid, "est_duration_s"] / 60.0
    return {
        "date": pd.Timestamp(w.plan.loc[-aid, "planned_date"]),
        "check": "spike",
        "rule": None,
        "severity": "info",
        "sessions": describe(w, "run", aid),
        "message": f"The spike check of {describe(w, 'run', aid)} ({minutes:.0f} minutes) could not run: "
        f"it has no distance, and {NO_PACE} to estimate one.",
        "fix": "Give it a distance too, and the check runs.",
        "source": metrics.get("spike_ratio").source,
        "plan_ids": (-aid,),
    }


def load_checks(w: Week, fc: pd.DataFrame, s: Settings) -> list[dict]:
    """The 2-week progression and the ramp rate over the planned days of the week (the forecast)."""
    if fc is None or len(fc) == 0:
        return []
    days = fc[fc["planned"].astype(bool) & as_day(fc["date"]).between(w.start, w.start + 6 * DAY)]
    if len(days) == 0:
        return []
    unit = s.units_distance
    out = []
    high = days[days["progression_high"].astype(bool)]
    if len(high):
        d = high.loc[high["progression"].idxmax()]
        cap = d["prev_7d"] * (1 + s.progression_threshold)
        out.append(
            {
                "date": pd.Timestamp(d["date"]),
                "check": "progression",
                "rule": None,
                "severity": "info",
                "sessions": "",
                "message": (
                    f"The 7 days to {_day_name(d['date'])} would hold {_dist(d['last_7d'], unit)}, "
                    f"{d['progression']:.0%} more than the 7 days before ({_dist(d['prev_7d'], unit)}): "
                    f"above {s.progression_threshold:.0%}."
                ),
                "fix": f"Keep those 7 days under {_dist(cap, unit)}: shorten or drop a run.",
                "source": metrics.get("progression").source,
                "plan_ids": (),
            }
        )
    ramp = days[days["ramp"] > s.ramp_aggressive_per_week]
    if len(ramp):
        d = ramp.loc[ramp["ramp"].idxmax()]
        two = bool(d["ramp_aggressive"])
        out.append(
            {
                "date": pd.Timestamp(d["date"]),
                "check": "ramp",
                "rule": None,
                "severity": "warning" if two else "info",
                "sessions": "",
                "message": (
                    f"Fitness (CTL) would rise by {d['ramp']:.1f} in the 7 days to {_day_name(d['date'])}: "
                    f"above {s.ramp_aggressive_per_week:g} a week"
                    + (", for the second week running (aggressive)." if two else ".")
                ),
                "fix": "Ease the planned load: shorten a run or make a quality run easy.",
                "source": metrics.get("ramp").source + " (heuristic)",
                "plan_ids": (),
            }
        )
    return out


def check_week(
    week_start: dt.date,
    estimates: pd.DataFrame,
    runs: pd.DataFrame,
    strength: pd.DataFrame,
    buildups: pd.DataFrame,
    forecast: pd.DataFrame,
    today: dt.date,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Every flag of the week from ``week_start`` (CHECK_COLUMNS), warnings first, by date.

    estimates: analysis.forecast.estimate rows; runs: Results.runs; strength:
    Results.strength_sessions; buildups: Results.buildups; forecast: analysis.forecast.forecast.
    A week with nothing planned after today gives no flag (it is the history's to judge)."""
    s = settings or Settings()
    w = week_frames(week_start, estimates, runs, strength, today, s.spike_lookback_days)
    ahead = (
        w.plan[as_day(w.plan["planned_date"]).between(w.start, w.start + 6 * DAY)] if len(w.plan) else w.plan
    )
    if len(ahead) == 0:
        return pd.DataFrame(columns=CHECK_COLUMNS)
    rows = (
        rule_checks(w, s) + target_checks(w, buildups, s) + spike_checks(w, s) + load_checks(w, forecast, s)
    )
    out = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    out["_o"] = (out["severity"] != "warning").astype(int)
    return out.sort_values(["_o", "date"], kind="stable").drop(columns="_o").reset_index(drop=True)


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
