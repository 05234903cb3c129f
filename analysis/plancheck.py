"""Checks before they happen (docs/rules.md, planning ahead): a planned week against the scheduling rules of
the chosen policy, the phase's strength target, the single-run spike, the 2-week progression and
the ramp rate, each flag naming the sessions, the rule and its source, and how to fix it.

No rule is written twice: the planned sessions are laid beside the done ones in the frames the
history's functions take (analysis.planweek: analysis.schedule.schedule_violations,
analysis.spikes.spikes, analysis.forecast.forecast), and their answers are read back. Days up to
``today`` are what was done; the days after it are the plan. A rule's fix is a placement the same
check passes (analysis.placement, which also holds "Place my strength").
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis import metrics
from analysis._frames import DAY, as_day, to_ts
from analysis.articles import cite
from analysis.forecast import NO_PACE
from analysis.placement import fix_for
from analysis.planweek import (
    Week,
    _day_name,
    _dist,
    _planned_runs,
    _rule,
    _rule_rows,
    describe,
    strength_count,
    week_frames,
    week_target,
)
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


def rule_checks(w: Week, s: Settings) -> list[dict]:
    out = []
    v = _rule_rows(w, s)
    for r in v.itertuples():
        sid, aid = int(r.session_id), (None if pd.isna(r.activity_id) else int(r.activity_id))
        names = [describe(w, "strength", sid)] + ([describe(w, "run", aid)] if aid is not None else [])
        rule = _rule(int(r.rule), s)
        fix = fix_for(w, sid, aid, s)
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


# --- Strength against the phase's target ---------------------------------------------------------


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
