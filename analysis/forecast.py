"""The plan's load and the forecast: done days followed by planned days (docs/rules.md, planning ahead).

Planned load: a planned run's load is its planned duration (from its distance at the runner's
median pace for that run type over the last 8 weeks, when only a distance is given) times the
runner's median load per minute for that run type over the last 8 weeks; else session RPE from its
RPE (RPE x minutes); else its minutes. Each planned session says which estimate it uses.

A planned run given only its minutes gets a distance (for the spike check and the forecast) at the
runner's recent pace: that run type's median over the last 30 days, else all runs' of those days;
without a run with a pace in them, the typical easy pace of the last 12 weeks, then of the whole
log. Each says which pace it used; with none at all the run keeps no distance and says why.

The forecast runs the history's own functions (analysis.fitness.fitness, analysis.ratios.acwr and
progression) over the done days followed by the planned days, so over the done days it is the
history exactly: no second copy of a formula.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from analysis import ratios, units
from analysis._frames import DAY, as_day, num, to_ts
from analysis.fitness import fitness
from analysis.plan import RUN_TYPE_LABELS
from analysis.runmix import run_type
from analysis.settings import Settings

#: The weeks of done runs whose medians set a planned run's pace and load per minute.
HABIT_WEEKS = 8
BASIS_TYPE = "your median load per minute of {what} over the last {weeks} weeks"
BASIS_ALL = "your median load per minute of all runs over the last {weeks} weeks"
BASIS_RPE = "session RPE (RPE x planned minutes)"
BASIS_MINUTES = "planned minutes (no load per minute or RPE to go on)"
BASIS_NONE = "no estimate: give a duration or a distance"
BASIS_NO_PACE = "no estimate: no run of the last {weeks} weeks gives your pace, so give a duration"
BASIS_STRENGTH = "strength stays out of the running fitness curve"
#: A run given only its minutes: its distance at the pace of the runs of these days up to today...
RECENT_PACE_DAYS = 30
#: ...else at the typical easy pace of these weeks, else of the whole log.
TYPICAL_PACE_WEEKS = 12
PACE_RECENT = "{pace}, your median pace of {what} over the last {days} days"
PACE_TYPICAL = "{pace}, {what} over the last {weeks} weeks, as no run of your last {days} days has a pace"
PACE_LOG = "{pace}, {what} over your whole log, as no run of the last {weeks} weeks has a pace"
NO_PACE = "no run in your log has both a distance and a time to give your pace"
PLAN_COLUMNS = [
    "plan_id",
    "planned_date",
    "time_local",
    "kind",
    "run_type",
    "distance_m",
    "duration_s",
    "strength_focus",
    "rpe",
    "note",
]
ESTIMATE_COLUMNS = [
    *PLAN_COLUMNS,
    "est_distance_m",
    "est_duration_s",
    "distance_estimated",
    "duration_estimated",
    "est_load",
    "load_basis",
    "distance_basis",
]


def habits(runs: pd.DataFrame, today: dt.date, weeks: int = HABIT_WEEKS) -> pd.DataFrame:
    """Per run type ('all' too) over the ``weeks`` up to today: median speed (m/s) and median
    load per minute of the done runs that have them (NaN when none)."""
    t = to_ts(today)
    cols = ["run_type", "speed_mps", "load_per_min", "runs"]
    if runs is None or len(runs) == 0:
        return pd.DataFrame(columns=cols)
    days = as_day(runs["local_date"])
    r = runs[(days > t - weeks * 7 * DAY) & (days <= t)]
    moving = num(r, "moving_s").fillna(num(r, "elapsed_s"))
    moving = moving.where(moving > 0)
    speed = _speed(r)
    per_min = num(r, "load") / (moving / 60.0) if "load" in r else pd.Series(np.nan, index=r.index)
    frame = pd.DataFrame({"run_type": run_type(r), "speed": speed, "per_min": per_min.where(per_min > 0)})
    out = [("all", frame["speed"].median(), frame["per_min"].median(), len(frame))]
    for kind, g in frame.groupby("run_type"):
        out.append((kind, g["speed"].median(), g["per_min"].median(), len(g)))
    return pd.DataFrame(out, columns=cols)


def _speed(runs: pd.DataFrame) -> pd.Series:
    """Metres per second of each run (moving time, else elapsed); NaN without a distance or a time."""
    moving = num(runs, "moving_s").fillna(num(runs, "elapsed_s"))
    dist = num(runs, "distance_m")
    return (dist / moving.where(moving > 0)).where(dist > 0)


def paces(runs: pd.DataFrame | None, today: dt.date) -> pd.DataFrame:
    """The done runs up to today that have a pace: date, run_type, speed (m/s)."""
    if runs is None or len(runs) == 0:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "run_type": [], "speed": []})
    days = as_day(runs["local_date"])
    r = runs[days <= to_ts(today)]
    frame = pd.DataFrame({"date": as_day(r["local_date"]), "run_type": run_type(r), "speed": _speed(r)})
    return frame.dropna(subset=["speed"]).reset_index(drop=True)


def run_pace(p: pd.DataFrame, today: dt.date, kind: str, unit: str = "km") -> tuple[float | None, str]:
    """(speed in m/s, the pace it is in words) for a planned run of type ``kind`` given only its
    minutes, from ``p`` (:func:`paces`): the run type's median over the last RECENT_PACE_DAYS days,
    else all runs' of those days; else the easy runs' median (all runs' without an easy one) over
    the last TYPICAL_PACE_WEEKS weeks, then over the whole log. (None, why) without any pace."""
    t = to_ts(today)
    recent = p[p["date"] > t - RECENT_PACE_DAYS * DAY]
    own = recent[recent["run_type"] == kind]
    for frame, what in ((own, RUN_TYPE_LABELS[kind] + "s"), (recent, "all runs")):
        if len(frame):
            speed = float(frame["speed"].median())
            pace = units.format_pace(units.pace_s(speed, unit), unit)
            return speed, PACE_RECENT.format(what=what, days=RECENT_PACE_DAYS, pace=pace)
    typical = p[p["date"] > t - TYPICAL_PACE_WEEKS * 7 * DAY]
    for frame, words in ((typical, PACE_TYPICAL), (p, PACE_LOG)):
        if len(frame) == 0:
            continue
        easy = frame[frame["run_type"] == "easy"]
        speed = float((easy if len(easy) else frame)["speed"].median())
        what = "your typical easy pace" if len(easy) else "your median pace of all runs"
        pace = units.format_pace(units.pace_s(speed, unit), unit)
        return speed, words.format(what=what, weeks=TYPICAL_PACE_WEEKS, days=RECENT_PACE_DAYS, pace=pace)
    return None, NO_PACE


def _plan_frame(planned: pd.DataFrame | None) -> pd.DataFrame:
    if planned is None or len(planned) == 0:
        return pd.DataFrame(columns=PLAN_COLUMNS)
    p = planned[[c for c in PLAN_COLUMNS if c in planned]].copy()
    p["planned_date"] = as_day(p["planned_date"])
    return p.reset_index(drop=True)


def estimate(
    planned: pd.DataFrame | None, runs: pd.DataFrame, today: dt.date, settings: Settings | None = None
) -> pd.DataFrame:
    """Each planned session with its estimated distance, duration and load, and the basis of the
    load estimate in words (ESTIMATE_COLUMNS). A run given only its minutes takes its distance at
    :func:`run_pace`, which ``distance_basis`` says (or why it has none). Strength adds load only
    when the runner's setting puts strength in the fitness curve (session RPE then)."""
    s = settings or Settings()
    p = _plan_frame(planned)
    h = habits(runs, today).set_index("run_type") if runs is not None else pd.DataFrame()
    done_paces = paces(runs, today)
    pace_of: dict[str, tuple[float | None, str]] = {}  # per run type: one look at the log each
    rows = []
    for r in p.to_dict("records"):
        dist, dur, rpe = (
            None if pd.isna(r.get(c)) else float(r[c]) for c in ("distance_m", "duration_s", "rpe")
        )
        out: dict[str, Any] = {
            "est_distance_m": dist,
            "est_duration_s": dur,
            "distance_estimated": False,
            "duration_estimated": False,
            "est_load": np.nan,
            "load_basis": BASIS_NONE,
            "distance_basis": None,
        }
        if r["kind"] == "run":
            kind = r.get("run_type") or "easy"
            speed = _habit(h, kind, "speed_mps")
            if dur is None and dist and speed:
                out["est_duration_s"], out["duration_estimated"] = dist / speed, True
            if dist is None and dur:
                if kind not in pace_of:
                    pace_of[kind] = run_pace(done_paces, today, kind, s.units_distance)
                pace, words = pace_of[kind]
                if pace:
                    out["est_distance_m"], out["distance_estimated"] = dur * pace, True
                    out["distance_basis"] = f"its {dur / 60:.0f} minutes at {words}"
                else:
                    out["distance_basis"] = f"no distance: {NO_PACE}"
            minutes = (out["est_duration_s"] or 0.0) / 60.0
            own = _value(h, kind, "load_per_min")
            every = _value(h, "all", "load_per_min")
            if minutes and own:
                what = RUN_TYPE_LABELS[kind] + "s"
                out["est_load"], out["load_basis"] = (
                    minutes * own,
                    BASIS_TYPE.format(what=what, weeks=HABIT_WEEKS),
                )
            elif minutes and every:
                out["est_load"], out["load_basis"] = minutes * every, BASIS_ALL.format(weeks=HABIT_WEEKS)
            elif minutes and rpe is not None:
                out["est_load"], out["load_basis"] = minutes * rpe, BASIS_RPE
            elif minutes:
                out["est_load"], out["load_basis"] = minutes, BASIS_MINUTES
            elif dist:
                out["load_basis"] = BASIS_NO_PACE.format(weeks=HABIT_WEEKS)
        else:
            out["est_distance_m"] = None
            if not s.load_include_strength:
                out["est_load"], out["load_basis"] = 0.0, BASIS_STRENGTH
            elif dur and rpe is not None:
                out["est_load"], out["load_basis"] = dur / 60.0 * rpe, BASIS_RPE
            elif dur:
                out["est_load"], out["load_basis"] = dur / 60.0, BASIS_MINUTES
        rows.append({**r, **out})
    return pd.DataFrame(rows, columns=ESTIMATE_COLUMNS)


def _value(h: pd.DataFrame, kind: str, col: str) -> float | None:
    if len(h) == 0 or kind not in h.index:
        return None
    v = h.loc[kind, col]
    return None if pd.isna(v) or v <= 0 else float(v)


def _habit(h: pd.DataFrame, kind: str, col: str) -> float | None:
    """The run type's own median, else all runs'."""
    return _value(h, kind, col) or _value(h, "all", col)


FORECAST_COLUMNS = [
    "date",
    "planned",
    "run_distance_m",
    "longest_run_m",
    "load",
    "load_basis",
    "distance_basis",
    "ctl",
    "atl",
    "tsb",
    "ramp",
    "ramp_aggressive",
    "acwr_uncoupled",
    "acwr_coupled",
    "acwr_ewma",
    "last_7d",
    "prev_7d",
    "progression",
    "progression_high",
]


def forecast(
    daily: pd.DataFrame, estimates: pd.DataFrame, today: dt.date, settings: Settings | None = None
) -> pd.DataFrame:
    """One row per day: the done days of ``daily`` (analysis.daily.daily_series, up to today)
    followed by every day from tomorrow to the plan's last day (``planned`` True), their distance
    and load the planned sessions' estimates (0 on a day without one: a rest day is a real zero).
    CTL, ATL, TSB, ramp, the ACWRs and the 2-week progression come from the history's functions.
    ``load_basis`` says which estimate a planned day's load uses, ``distance_basis`` the pace that
    gave a run given only its minutes its distance (or why it has none)."""
    s = settings or Settings()
    t = to_ts(today)
    done = (
        pd.DataFrame({"date": pd.to_datetime(daily["date"]).astype("datetime64[ns]")}) if len(daily) else None
    )
    if done is not None:
        done["run_distance_m"] = daily["run_distance_m"].to_numpy(dtype=float)
        done["longest_run_m"] = daily["longest_run_m"].to_numpy(dtype=float)
        done["load"] = daily["load"].to_numpy(dtype=float)
        done = done[done["date"] <= t]
    ahead = estimates[as_day(estimates["planned_date"]) > t] if len(estimates) else estimates
    last = as_day(ahead["planned_date"]).max() if len(ahead) else t
    days = pd.date_range(t + DAY, last, freq="D") if last > t else pd.DatetimeIndex([])
    day = as_day(ahead["planned_date"]) if len(ahead) else pd.Series(dtype="datetime64[ns]")
    is_run = (ahead["kind"] == "run") if len(ahead) else pd.Series(dtype=bool)
    dist = (
        pd.to_numeric(ahead.get("est_distance_m"), errors="coerce") if len(ahead) else pd.Series(dtype=float)
    )
    load = pd.to_numeric(ahead.get("est_load"), errors="coerce") if len(ahead) else pd.Series(dtype=float)
    plan_days = pd.DataFrame({"date": days})
    plan_days["run_distance_m"] = (
        plan_days["date"].map(dist[is_run].groupby(day[is_run].values).sum()).fillna(0.0)
    )
    plan_days["longest_run_m"] = plan_days["date"].map(dist[is_run].groupby(day[is_run].values).max())
    plan_days["load"] = plan_days["date"].map(load.groupby(day.values).sum()).fillna(0.0)
    basis = (
        ahead.groupby(day.values)["load_basis"].agg(lambda b: "; ".join(dict.fromkeys(b)))
        if len(ahead)
        else {}
    )
    plan_days["load_basis"] = plan_days["date"].map(basis) if len(ahead) else None
    said = ahead[ahead["distance_basis"].notna()] if len(ahead) and "distance_basis" in ahead else None
    plan_days["distance_basis"] = (
        plan_days["date"].map(
            said.groupby(as_day(said["planned_date"]).values)["distance_basis"].agg(
                lambda b: "; ".join(dict.fromkeys(b))
            )
        )
        if said is not None and len(said)
        else None
    )
    plan_days["planned"] = True
    frames = [f for f in (done, plan_days) if f is not None and len(f)]
    if not frames:
        return pd.DataFrame(columns=FORECAST_COLUMNS)
    if done is not None and len(done):
        done = done.assign(planned=False, load_basis=None, distance_basis=None)
    df = pd.concat([f for f in (done, plan_days) if f is not None and len(f)], ignore_index=True)
    fit = fitness(df, s).drop(columns=["date", "load"])
    ac = ratios.acwr(df, s)
    prog = ratios.progression(df, s)
    out = pd.concat(
        [df.reset_index(drop=True), fit, ac.drop(columns=["date"]), prog.drop(columns=["date"])], axis=1
    )
    return out[FORECAST_COLUMNS]
