"""The volume-versus-injury signal for one runner, told honestly (docs/injury-signal.md).

Which injuries count (Yamato 2015): running stopped or restricted for 7 days or more (end_date -
onset_date, or from onset_date to today inclusive while ongoing; an injury marked time_loss = False restricted
nothing), or a medical visit. Shorter ones are niggles: listed, but outcomes only when the runner
includes them (``injury_include_niggles``).

Exposures, fixed before looking at outcomes, each with its unit:
- spike (primary; unit: the run): each spike category vs the reference category (section 5).
- progression (unit: the day): 2-week progression above 30 % (Nielsen 2014).
- acwr (unit: the day, exploratory): the chosen ACWR above the chosen reference (1.5).
- strength (unit: the day): fewer counted strength sessions in the 28 days before the day than
  the phase targets ask for over those days (the coaching articles' claim); undefined until 28
  days after the first logged session (before it, the log cannot tell).

Window W (7 days primary; 14 and 28 as sensitivity): a unit on day d is "followed by an injury"
when a counted injury's onset falls on day d or within the W days after it, i.e. the exposures
attributed to an injury are those of the W days before its onset and of the onset day itself (an
injury that happens during a run is logged on that run's day).

Not at risk, and left out of every cell: the injured period and the 28 days after return, that is
the days after onset up to end_date + 28 (up to today while ongoing); and those of the last W days
before today whose outcome is not known yet. A day whose window already holds an injury's onset
has a known outcome and stays in, above all the onset day itself (docs/injury-signal.md: an
injury is attributed the exposures of its onset day and the W days before it); the days after
that onset are not at risk anyway, so keeping it biases nothing. A unit whose exposure is undefined (a run
without a distance; a day without the history a ratio needs) is left out too. Each result also
counts the exposed units left out, by why (``exposed_not_at_risk``, ``exposed_too_recent``), so
that a page can say why a day drawn above a line elsewhere is not in the counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from analysis import riskratio
from analysis._frames import DAY, as_day, nan_to_none, to_ts
from analysis.articles import cite
from analysis.settings import Settings
from analysis.spikes import POPULATION_HR
from analysis.spikes import SOURCE as SPIKE_SOURCE

SPIKE_LEVELS = ("small", "moderate", "large", "any spike", "return to running")
SEVERITY = {
    "not enough history": -1,
    "reference": 0,
    "return to running": 1,
    "small": 2,
    "moderate": 3,
    "large": 4,
}
SOURCES = {
    "spike": SPIKE_SOURCE,
    "progression": "Nielsen et al. 2014, JOSPT 44:739",
    "acwr": "Gabbett 2016 BJSM 50:273; contested: Impellizzeri 2020, 2021 (exploratory)",
    "strength": "the claim of the coaching articles: "
    + cite("fitzgerald", "revel", "middle_age_marathoner", "balancing", "run_smarter"),
}


def classify_injuries(injuries: pd.DataFrame, today: dt.date, settings: Settings) -> pd.DataFrame:
    """The logged injuries up to today with: onset, end (NaT while ongoing), ongoing, days (an
    ongoing one counts from onset to today), counted (Yamato 2015), included (an outcome in the
    estimate), reason (why counted or not, in words), sorted by onset."""
    cols = [
        "injury_id",
        "onset",
        "end",
        "ongoing",
        "days",
        "counted",
        "included",
        "reason",
        "body_area",
        "severity",
    ]
    if injuries is None or len(injuries) == 0:
        return pd.DataFrame(columns=cols)
    t = to_ts(today)
    j = injuries.copy()
    j["onset"] = as_day(j["onset_date"])
    j["end"] = as_day(j["end_date"]) if "end_date" in j else pd.NaT
    j = j[j["onset"].notna() & (j["onset"] <= t)]
    j["ongoing"] = j["end"].isna() | (j["end"] > t)
    # Days restricted: from onset up to the day before the return to normal running; while
    # ongoing, up to and including today (the runner has not returned today).
    last = j["end"].where(~j["ongoing"], t + DAY)
    j["days"] = ((last - j["onset"]) / DAY).astype(int)
    time_loss = j["time_loss"] if "time_loss" in j else pd.Series(pd.NA, index=j.index)
    restricted = time_loss.astype("boolean").fillna(True).astype(bool)
    medical = j["medical_visit"] if "medical_visit" in j else pd.Series(False, index=j.index)
    medical = medical.astype("boolean").fillna(False).astype(bool)
    long_enough = j["days"] >= settings.injury_counted_min_days
    j["counted"] = medical | (restricted & long_enough)
    j["included"] = j["counted"] | settings.injury_include_niggles
    j["reason"] = np.select(
        [
            medical.to_numpy(),
            (restricted & long_enough).to_numpy(),
            ~restricted.to_numpy(),
            j["ongoing"].to_numpy(),
        ],
        [
            "medical visit",
            f"running stopped or restricted {settings.injury_counted_min_days}+ days",
            "ran normally",
            f"ongoing, under {settings.injury_counted_min_days} days so far",
        ],
        f"under {settings.injury_counted_min_days} days",
    )
    for c in ("body_area", "severity"):
        if c not in j:
            j[c] = pd.NA
    return j.sort_values(["onset", "injury_id"]).reset_index(drop=True)[cols]


def day_exposures(
    daily: pd.DataFrame,
    progression: pd.DataFrame,
    acwr: pd.DataFrame,
    strength_weeks: pd.DataFrame,
    settings: Settings,
) -> pd.DataFrame:
    """Per day: progression_high, acwr_high, strength_low as 1.0 / 0.0, NaN where undefined."""
    out = pd.DataFrame({"date": daily["date"].to_numpy()})
    p = progression["progression"].to_numpy(dtype=float)
    out["progression_high"] = np.where(np.isnan(p), np.nan, p > settings.progression_threshold)
    a = acwr[f"acwr_{settings.injury_acwr_method}"].to_numpy(dtype=float)
    out["acwr_high"] = np.where(np.isnan(a), np.nan, a > settings.acwr_danger)
    days = 7 * settings.injury_strength_weeks
    week_target = strength_weeks.set_index("week_start")["target_min"]
    ws = daily["date"] - pd.to_timedelta((daily["date"].dt.day_of_week - settings.week_start) % 7, "D")
    per_day = ws.map(week_target).to_numpy(dtype=float) / 7.0
    sessions = daily["strength_sessions"].to_numpy(dtype=float)
    c_s = np.concatenate([[0.0], np.cumsum(sessions)])
    c_t = np.concatenate([[0.0], np.cumsum(np.nan_to_num(per_day))])
    n = len(out)
    low = np.full(n, np.nan)
    if n > days:
        i = np.arange(days, n)  # the days d-28 .. d-1 all lie inside the series
        got = c_s[i] - c_s[i - days]
        need = c_t[i] - c_t[i - days]
        low[days:] = got < need - 1e-9
    # Before the first logged session the log cannot tell (a runner who began logging strength in
    # 2025 was not "below target" in 2015): a day counts once its whole window follows that session.
    logged = np.flatnonzero(sessions > 0)
    low[: (logged[0] + days) if len(logged) else n] = np.nan
    out["strength_low"] = low
    return out


def _at_risk(n: int, start: pd.Timestamp, inj: pd.DataFrame, settings: Settings) -> np.ndarray:
    ok = np.ones(n, dtype=bool)
    for r in inj[inj["included"]].itertuples():
        first = int((r.onset - start) / DAY) + 1
        end = r.end if not r.ongoing else start + (n - 1) * DAY
        last = int((end - start) / DAY) + (0 if r.ongoing else settings.injury_after_return_days)
        ok[max(first, 0) : max(min(last + 1, n), 0)] = False
    return ok


def _cells(day_idx, exposed, valid, outcome, usable, onsets, window, at_risk) -> dict[str, int]:
    keep = valid & usable[day_idx]
    e = exposed & keep
    u = ~exposed & keep
    hit = outcome[day_idx]
    cells = {
        "a": int((e & hit).sum()),
        "b": int((e & ~hit).sum()),
        "c": int((u & hit).sum()),
        "d": int((u & ~hit).sum()),
    }
    exp_inj = unexp_inj = 0
    for o in onsets:
        inside = (day_idx >= o - window) & (day_idx <= o)
        exp_inj += bool((e & inside).any())
        unexp_inj += bool((u & inside).any())
    cells["exposed_injuries"] = exp_inj
    cells["unexposed_injuries"] = unexp_inj
    left_out = exposed & valid & ~keep
    cells["exposed_not_at_risk"] = int((left_out & ~at_risk[day_idx]).sum())
    cells["exposed_too_recent"] = int((left_out & at_risk[day_idx]).sum())
    return cells


def injury_signal(
    injuries: pd.DataFrame,
    runs: pd.DataFrame,
    exposures: pd.DataFrame,
    today: dt.date,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """2x2 counts, risk ratio and 95 % CI (or why none) per exposure and window, JSON-ready.

    runs: activity_id, local_date, spike_category (analysis.spikes). exposures: day_exposures().
    The series' days are exposures['date'] (first day with data .. today).
    """
    s = settings or Settings()
    inj = classify_injuries(injuries, today, s)
    dates = exposures["date"]
    n = len(dates)
    start = dates.iloc[0] if n else to_ts(today)
    inc = inj[inj["included"]]
    onsets = ((inc["onset"] - start) / DAY).astype(int).to_numpy() if len(inc) else np.array([], int)
    onsets = onsets[(onsets >= 0) & (onsets < n)]
    at_risk = _at_risk(n, start, inj, s) if n else np.zeros(0, bool)
    r_idx = ((as_day(runs["local_date"]) - start) / DAY).to_numpy() if len(runs) else np.array([])
    in_range = (r_idx >= 0) & (r_idx < n)
    r_idx = r_idx[in_range].astype(int)
    cat = runs["spike_category"].to_numpy(dtype=object)[in_range] if len(runs) else np.array([])
    day_idx = np.arange(n)
    results = []
    for w in (s.injury_window_days, *s.injury_sensitivity_windows):
        onset_ind = np.zeros(n + w + 1)
        np.add.at(onset_ind, onsets, 1)
        csum = np.concatenate([[0.0], np.cumsum(onset_ind)])
        outcome = (csum[np.minimum(day_idx + w + 1, n + w + 1)] - csum[day_idx]) > 0
        # A day's outcome is known once its whole window has passed, or once an injury began in it.
        usable = at_risk & ((day_idx + w <= n - 1) | outcome)
        args = (outcome, usable, onsets, w, at_risk)
        primary = w == s.injury_window_days
        ref = cat == "reference"
        for level in SPIKE_LEVELS:
            if level == "any spike":
                exp = np.isin(cat, ["small", "moderate", "large"])
            else:
                exp = cat == level
            cells = _cells(r_idx, exp, exp | ref, *args)
            pop = POPULATION_HR.get(level)
            results.append(_result("spike", level, "run", w, primary, cells, s, pop))
        for name, col in (
            ("progression", "progression_high"),
            ("acwr", "acwr_high"),
            ("strength", "strength_low"),
        ):
            v = exposures[col].to_numpy(dtype=float)
            cells = _cells(day_idx, v == 1.0, ~np.isnan(v), *args)
            results.append(_result(name, col, "day", w, primary, cells, s, None))
    return {
        "as_of": to_ts(today).date().isoformat(),
        "definition": {
            "primary_window_days": s.injury_window_days,
            "sensitivity_windows_days": list(s.injury_sensitivity_windows),
            "counted_injury": f"running stopped or restricted >= {s.injury_counted_min_days} days, "
            "or a medical visit (Yamato 2015)",
            "niggles_included": s.injury_include_niggles,
            "not_at_risk": f"from the day after onset to {s.injury_after_return_days} days after "
            "return; and, of the last window of days before today, those without an injury in their "
            "window so far (outcome not known yet)",
            "min_injuries_per_group": s.injury_min_injuries,
            "acwr": f"{s.injury_acwr_method} above {s.acwr_danger}",
        },
        "injuries": {
            "logged": len(inj),
            "counted": int(inj["counted"].sum()),
            "included": int(inj["included"].sum()),
            "niggles_excluded": int((~inj["included"]).sum()),
            "ongoing": int(inj["ongoing"].sum()),
        },
        "results": results,
        "wording": riskratio.WORDING,
        "confounders": list(riskratio.CONFOUNDERS),
        "other_view": riskratio.OTHER_VIEW,
    }


def _result(exposure, level, unit, window, primary, cells, s, population) -> dict[str, Any]:
    est = riskratio.estimate(
        cells["a"],
        cells["b"],
        cells["c"],
        cells["d"],
        cells["exposed_injuries"],
        cells["unexposed_injuries"],
        s.injury_min_injuries,
    )
    out = {
        "exposure": exposure,
        "level": level,
        "unit": unit,
        "window_days": window,
        "primary": bool(primary and exposure == "spike"),
        **cells,
        **est,
    }
    out["source"] = SOURCES[exposure]
    out["population"] = (
        {
            "hazard_ratio": population[0],
            "ci_low": population[1],
            "ci_high": population[2],
            "source": SPIKE_SOURCE,
        }
        if population
        else None
    )
    return {k: nan_to_none(v) if not isinstance(v, dict) else v for k, v in out.items()}


def injury_windows(
    injuries: pd.DataFrame,
    runs: pd.DataFrame,
    exposures: pd.DataFrame,
    today: dt.date,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """Each logged injury with what its primary window (W days before onset + onset day) held,
    counted as injury_signal() counts: a day inside an earlier injury or the days after its return
    (not at risk) is left out here too, so that these counts add up to the signal's tables.

    Columns: the classify_injuries() columns, window_days, runs_in_window, top_spike_category (the
    most severe: large > moderate > small > return to running > reference), top_spike_ratio,
    top_spike_activity_id, top_spike_date, progression_high_days, acwr_high_days,
    strength_low_at_onset (1.0 / 0.0 / NaN when undefined), days_not_at_risk (days of the window
    left out).
    """
    s = settings or Settings()
    inj = classify_injuries(injuries, today, s)
    w = s.injury_window_days
    ex_day = exposures["date"].to_numpy(dtype="datetime64[ns]")
    start = pd.Timestamp(ex_day[0]) if len(ex_day) else to_ts(today)
    at_risk = _at_risk(len(ex_day), start, inj, s) if len(ex_day) else np.zeros(0, bool)
    known = runs["spike_category"].notna().to_numpy() if len(runs) else np.zeros(0, bool)
    if len(runs) and len(ex_day):
        r_at = ((as_day(runs["local_date"]) - start) / DAY).to_numpy()
        inside_series = (r_at >= 0) & (r_at < len(ex_day))
        idx = np.where(inside_series, r_at, 0).astype(int)
        known = known & (~inside_series | at_risk[idx])
    r_day = as_day(runs["local_date"]).to_numpy()[known] if len(runs) else np.array([], "datetime64[ns]")
    r_cat = runs["spike_category"].to_numpy(dtype=object)[known] if len(runs) else np.array([], object)
    r_sev = np.array([SEVERITY.get(c, -1) for c in r_cat], dtype=float)
    r_ratio = (
        np.nan_to_num(runs["spike_ratio"].to_numpy(dtype=float)[known], nan=-1.0) if len(runs) else r_sev
    )
    r_id = runs["activity_id"].to_numpy()[known] if len(runs) else np.array([])
    # Most severe first, then the highest ratio, then the latest day: one lexsort, then per injury
    # the first run inside its window in that order.
    order = np.lexsort((r_day, r_ratio, r_sev))[::-1]
    prog = exposures["progression_high"].to_numpy(dtype=float)
    acwr = exposures["acwr_high"].to_numpy(dtype=float)
    low = exposures["strength_low"].to_numpy(dtype=float)
    rows = []
    for j in inj.itertuples():
        onset = np.datetime64(j.onset, "ns")
        lo = onset - np.timedelta64(w, "D")
        inside = (r_day >= lo) & (r_day <= onset)
        in_order = order[inside[order]]
        top = in_order[0] if len(in_order) else None
        win = (ex_day >= lo) & (ex_day <= onset)
        out = win & ~at_risk
        win = win & at_risk
        at = np.nonzero(ex_day == onset)[0]
        rows.append(
            {
                "injury_id": j.injury_id,
                "window_days": w,
                "runs_in_window": int(inside.sum()),
                "top_spike_category": r_cat[top] if top is not None else None,
                "top_spike_ratio": float(r_ratio[top]) if top is not None and r_ratio[top] >= 0 else np.nan,
                "top_spike_activity_id": r_id[top] if top is not None else None,
                "top_spike_date": pd.Timestamp(r_day[top]) if top is not None else pd.NaT,
                "progression_high_days": int((prog[win] == 1).sum()),
                "acwr_high_days": int((acwr[win] == 1).sum()),
                "strength_low_at_onset": float(low[at[0]]) if len(at) and at_risk[at[0]] else np.nan,
                "days_not_at_risk": int(out.sum()),
            }
        )
    extra = pd.DataFrame(
        rows,
        columns=[
            "injury_id",
            "window_days",
            "runs_in_window",
            "top_spike_category",
            "top_spike_ratio",
            "top_spike_activity_id",
            "top_spike_date",
            "progression_high_days",
            "acwr_high_days",
            "strength_low_at_onset",
            "days_not_at_risk",
        ],
    )
    return inj.merge(extra, on="injury_id", how="left")


def log_today(
    clock: dt.date, last_data: dt.date | None, injuries: pd.DataFrame | None, stale_days: int
) -> dt.date:
    """The day a whole-log answer is given as of. The calendar's day while the log is kept (its
    last activity, session or injury onset within ``stale_days``), or while an injury is still
    open (an injured runner may log nothing for weeks, and the injury counts up to today); else
    the log's last day (the empty years after an old export are no part of the runner's log)."""
    days = [pd.Timestamp(last_data)] if last_data is not None else []
    ongoing = False
    if injuries is not None and len(injuries):
        onset = as_day(injuries["onset_date"])
        days += list(onset.dropna())
        end = (
            as_day(injuries["end_date"])
            if "end_date" in injuries
            else pd.Series(pd.NaT, index=injuries.index)
        )
        ongoing = bool((end.isna() & (onset <= to_ts(clock))).any())
    if not days:
        return clock
    last = max(days).date()
    if ongoing or (clock - last).days <= stale_days:
        return max(clock, last)
    return last
