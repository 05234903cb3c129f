"""compute_all: every metric from the store's frames in one call (pages and the benchmark use it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analysis import consistency, injury, keyruns, phases, ratios, strength
from analysis._frames import DAY, as_day, to_ts, week_start_of
from analysis.daily import daily_series, weekly_series
from analysis.fitness import fitness
from analysis.load import HRProfile, hr_profile, load_coverage, session_loads
from analysis.schedule import schedule_violations
from analysis.settings import Settings
from analysis.spikes import spikes

ACTIVITY_COLUMNS = [
    "activity_id",
    "sport",
    "sub_sport",
    "name",
    "start_time_utc",
    "start_time_local",
    "local_date",
    "moving_s",
    "elapsed_s",
    "distance_m",
]


@dataclass(frozen=True)
class Results:
    """Everything the dashboard shows. Frames are described in each producing function."""

    settings: Settings
    today: dt.date
    profile: HRProfile  # HR profile in force; .defaults / .notes say what was assumed
    loads: pd.DataFrame  # load.session_loads: one row per activity, every method
    coverage: pd.DataFrame  # load.load_coverage
    runs: pd.DataFrame  # runs with spike_ratio, spike_category, is_long/is_quality/is_race, key_type
    daily: pd.DataFrame  # one row per local day: volume, load, fitness, ratios, monotony, progression
    weekly: pd.DataFrame  # one row per calendar week: volume, run-type mix, strength, target, phase
    buildups: pd.DataFrame  # phases.buildups
    strength_sessions: pd.DataFrame  # strength.strength_sessions_summary
    strength_weeks: pd.DataFrame  # consistency.strength_weeks
    strength_consistency: dict  # consistency.strength_consistency
    verdicts: pd.DataFrame  # consistency.buildup_verdicts
    balance_12w: pd.DataFrame  # strength.balance over the last 12 weeks
    exercise_progression: pd.DataFrame  # strength.exercise_progression
    unknown_exercises: pd.DataFrame  # strength.unknown_exercises
    violations: pd.DataFrame  # schedule.schedule_violations
    exposures: pd.DataFrame  # injury.day_exposures
    injury_signal: dict  # injury.injury_signal (JSON-ready)
    injury_windows: pd.DataFrame  # injury.injury_windows
    acwr_percentile: dict  # per ACWR method: today's value and its percentile in the runner's history


def _frame(df: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    if df is None:
        return pd.DataFrame(columns=columns)
    return df


def compute_all(
    activities: pd.DataFrame,
    hr_seconds: pd.DataFrame | None = None,
    laps: pd.DataFrame | None = None,
    strength_sessions: pd.DataFrame | None = None,
    strength_sets: pd.DataFrame | None = None,
    injuries: pd.DataFrame | None = None,
    settings: Settings | None = None,
    today: dt.date | None = None,
    pace_seconds: pd.DataFrame | None = None,
) -> Results:
    """Run the whole engine as of ``today`` (required in spirit: pass the runner's local date;
    when None, the last day with data is used so the function never reads the clock).

    Frames have the store's table columns (store.read); anything after ``today`` is left out.
    """
    s = settings or Settings()
    acts = _frame(activities, ACTIVITY_COLUMNS)
    if today is None:
        dates = as_day(acts["local_date"]).dropna()
        today = dates.max().date() if len(dates) else dt.date(2000, 1, 1)
    t = to_ts(today)
    acts = acts[as_day(acts["local_date"]) <= t]
    profile = hr_profile(s, acts)
    loads = session_loads(acts, hr_seconds, s, profile)
    st = strength.strength_sessions_summary(
        _frame(strength_sessions, ["session_id", "local_date"]), strength_sets, s, acts
    )
    st = st[st["local_date"] <= t].reset_index(drop=True)

    run_rows = loads[loads["is_run"]]
    sp = spikes(run_rows, s)
    runs = keyruns.key_runs(run_rows, s, profile, laps, hr_seconds, pace_seconds).merge(
        sp, on="activity_id", how="left"
    )

    daily = daily_series(loads, today, st)
    daily["srpe_all"] = _srpe_all(loads, st, daily)
    fit = fitness(daily, s)
    ac = ratios.acwr(daily, s)
    mono = ratios.monotony_strain(daily, s)
    prog = ratios.progression(daily, s)
    weekly = weekly_series(daily, s.week_start, runs)
    ws = week_start_of(daily["date"], s.week_start)
    ctl_week_end = fit["ctl"].groupby(ws.values).last().reindex(weekly["week_start"]).to_numpy()
    builds = phases.buildups(
        s, weekly, pd.Series(ctl_week_end), daily["date"].iloc[0] if len(daily) else None
    )
    ph = phases.week_phases(weekly["week_start"], builds)
    sweeks = consistency.strength_weeks(weekly, ph, s)
    weekly = weekly.merge(
        sweeks[["week_start", "phase", "buildup_id", "target_min", "target_max", "on_target"]],
        on="week_start",
        how="left",
    )
    weekly = weekly.rename(columns={"target_min": "strength_target", "target_max": "strength_target_max"})

    daily = daily.merge(fit.drop(columns=["load"]), on="date").merge(ac, on="date")
    daily = daily.merge(mono, on="date").merge(prog, on="date")
    daily["in_buildup"] = phases.buildup_days(daily["date"], builds)

    counted = st[st["counted"].astype(bool)]  # an empty object column would select columns
    exposures = injury.day_exposures(daily, prog, ac, sweeks, s)
    return Results(
        settings=s,
        today=t.date(),
        profile=profile,
        loads=loads,
        coverage=load_coverage(loads),
        runs=runs,
        daily=daily,
        weekly=weekly,
        buildups=builds,
        strength_sessions=st,
        strength_weeks=sweeks,
        strength_consistency=consistency.strength_consistency(sweeks, counted["local_date"], today),
        verdicts=consistency.buildup_verdicts(builds, sweeks, today, s),
        balance_12w=strength.balance(st, t - (12 * 7 - 1) * DAY, t),
        exercise_progression=strength.exercise_progression(st, strength_sets),
        unknown_exercises=strength.unknown_exercises(strength_sets),
        violations=schedule_violations(st, runs, s),
        exposures=exposures,
        injury_signal=injury.injury_signal(injuries, runs, exposures, today, s),
        injury_windows=injury.injury_windows(injuries, runs, exposures, today, s),
        acwr_percentile=_acwr_percentile(daily),
    )


def _acwr_percentile(daily: pd.DataFrame) -> dict:
    """{'uncoupled': {'value': today's ratio, 'percentile': 0-100 among all days so far}, ...}
    (None when today's ratio is not defined)."""
    out: dict = {}
    for m in ("uncoupled", "coupled", "ewma"):
        col = daily[f"acwr_{m}"] if len(daily) else pd.Series(dtype=float)
        value = float(col.iloc[-1]) if len(col) and pd.notna(col.iloc[-1]) else None
        pct = ratios.own_percentile(col, value) if value is not None else None
        out[m] = {"value": value, "percentile": pct}
    return out


def _srpe_all(loads: pd.DataFrame, st: pd.DataFrame, daily: pd.DataFrame) -> pd.Series:
    """The optional "all training" session-RPE curve: every activity's and every strength
    session's RPE x minutes (a strength session recorded by a watch counted once)."""
    own = st[pd.to_numeric(st["activity_id"], errors="coerce").isna()]
    parts = [
        loads["srpe"].groupby(loads["local_date"].values).sum(),
        own["srpe"].groupby(own["local_date"].values).sum(),
    ]
    total = pd.concat(parts).groupby(level=0).sum()
    return daily["date"].map(total).fillna(0.0).to_numpy()
