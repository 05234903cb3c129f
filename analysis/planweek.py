"""A planned week in the frames the history's functions take (docs/rules.md, planning ahead): the
done runs and strength sessions up to ``today``, then the planned ones after it (a planned session
takes the id ``-plan_id``), with the words that name them, the scheduling rules they break
(analysis.schedule.schedule_violations) and the week's strength target. Shared by the checks
(analysis.plancheck) and "Place my strength" (analysis.placement)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analysis import units
from analysis._frames import DAY, as_day, num, to_ts
from analysis.consistency import targets
from analysis.phases import week_phases
from analysis.plan import FOCUS_LABELS, RUN_TYPE_LABELS
from analysis.schedule import RULES, schedule_violations
from analysis.settings import Settings

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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


# --- The scheduling rules and the strength target ------------------------------------------------


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
