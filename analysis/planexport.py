"""The plan in the coach/spreadsheet export (docs/rules.md, planning ahead): every planned week's
checks (plan_check.csv) and the forecast through the plan's last day (forecast.csv), built without
touching files; cli/export.py and the Settings page's zip write them."""

from __future__ import annotations

import pandas as pd

from analysis._frames import as_day, to_ts, week_start_of
from analysis.compute import Results
from analysis.forecast import estimate, forecast
from analysis.plancheck import check_week, planned_run_spikes

PLAN_CHECK = ["date", "session", "check", "severity", "message", "source"]
FORECAST = [
    "date",
    "planned",
    "load",
    "load_estimate",
    "ctl",
    "atl",
    "tsb",
    "acwr_uncoupled",
    "acwr_coupled",
    "acwr_ewma",
    "spike_ratio",
    "spike_category",
]


def _iso(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s).dt.strftime("%Y-%m-%d")


def plan_frames(results: Results, planned: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """{'plan_check.csv': one row per flag of every week holding a planned session after today
    (check: rule_1..rule_4, strength_target, spike, progression, ramp); 'forecast.csv': one row per
    day, the done days then the planned ones through the plan's last day, with a planned run's
    spike ratio and category (the longest planned run of the day)}. Empty (with the columns)
    without a plan ahead."""
    s = results.settings
    est = estimate(planned, results.runs, results.today, s)
    fc = forecast(results.daily, est, results.today, s)
    t = to_ts(results.today)
    ahead = est[as_day(est["planned_date"]) > t] if len(est) else est
    weeks = sorted(set(week_start_of(as_day(ahead["planned_date"]), s.week_start))) if len(ahead) else []
    flags = [
        check_week(
            w.date(), est, results.runs, results.strength_sessions, results.buildups, fc, results.today, s
        )
        for w in weeks
    ]  # one week at a time, as the Plan page shows it
    c = pd.concat([f for f in flags if len(f)], ignore_index=True) if any(len(f) for f in flags) else None
    checks = pd.DataFrame(columns=PLAN_CHECK)
    if c is not None:
        kind = c["check"].where(c["check"] != "rule", "rule_" + c["rule"].fillna(0).astype(int).astype(str))
        checks = pd.DataFrame(
            {
                "date": _iso(c["date"]),
                "session": c["sessions"],
                "check": kind,
                "severity": c["severity"],
                "message": c["message"],
                "source": c["source"],
            }
        )
    sp = planned_run_spikes(est, results.runs, results.today, s)
    if len(sp):
        sp = sp.sort_values("distance_m").drop_duplicates("local_date", keep="last")
    out = fc.rename(columns={"load_basis": "load_estimate"})
    out = (
        out.merge(
            sp[["local_date", "spike_ratio", "spike_category"]].rename(columns={"local_date": "date"}),
            on="date",
            how="left",
        )
        if len(sp)
        else out.assign(spike_ratio=float("nan"), spike_category=None)
    )
    if not len(ahead):
        out = out.iloc[0:0]
    out = out[FORECAST].copy()
    out["date"] = _iso(out["date"])
    return {"plan_check.csv": checks.reset_index(drop=True), "forecast.csv": out.reset_index(drop=True)}
