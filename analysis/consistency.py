"""Strength consistency and the build-up verdict, "was strength kept?" (docs/metrics.md, strength).

Targets per week (the coaching articles of docs/rules.md; Blagrove et al. 2018; Ronnestad 2010;
Spiering 2021): base or off-season 2-3 sessions (a new lifter: 1-3), race build-up and taper 1-2,
never 0 ("reduce it, don't remove it"). A week is on target when its counted sessions reach the lower bound (more than
the upper bound is not "off target": the bound is guidance, not a cap).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from analysis._frames import DAY, to_ts
from analysis.phases import days_inside
from analysis.settings import Settings

VERDICT_KEPT = "kept"
VERDICT_PARTLY = "partly kept"
VERDICT_NOT_KEPT = "not kept"
VERDICT_NO_DATA = "no strength data"
VERDICT_TOO_EARLY = "too early to say"

# The state of one week of a build-up (buildup_weeks).
WEEK_ON_TARGET = "on target"
WEEK_ABOVE = "above the advised range"
WEEK_BELOW = "below target"
WEEK_NONE = "no session"
WEEK_TO_COME = "to come"
WEEK_NOT_LOGGED = "before the log"
WEEK_STATES = (WEEK_ON_TARGET, WEEK_ABOVE, WEEK_BELOW, WEEK_NONE, WEEK_TO_COME, WEEK_NOT_LOGGED)


def targets(phases: pd.Series, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper weekly target for each phase label."""
    base_lo, base_hi = settings.strength_target_base
    if settings.new_lifter:
        base_lo = 1
    bu_lo, bu_hi = settings.strength_target_buildup
    in_buildup = phases.isin(["build-up", "taper"]).to_numpy()
    return np.where(in_buildup, bu_lo, base_lo), np.where(in_buildup, bu_hi, base_hi)


def strength_weeks(weekly: pd.DataFrame, phases: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Per calendar week: week_start, sessions, phase, buildup_id, target_min, target_max, on_target.

    weekly: weekly_series output (week_start, strength_sessions); phases: phases.week_phases.
    """
    out = pd.DataFrame(
        {"week_start": weekly["week_start"].to_numpy(), "sessions": weekly["strength_sessions"].to_numpy()}
    )
    out = out.merge(phases, on="week_start", how="left")
    out["phase"] = out["phase"].fillna("base")
    lo, hi = targets(out["phase"], settings)
    out["target_min"] = lo.astype(int)
    out["target_max"] = hi.astype(int)
    out["on_target"] = out["sessions"] >= out["target_min"]
    return out


def strength_consistency(
    weeks: pd.DataFrame, session_dates: pd.Series, today: dt.date, start: dt.date | None = None
) -> dict[str, Any]:
    """Consistency as of today, over complete weeks (a week is complete when its last day <= today).

    share_8w / share_12w: share of the last 8 / 12 complete weeks on target (weeks_8w / weeks_12w
    say how many weeks were available). streak_weeks: consecutive weeks on target ending with the
    current week when it is already on target, else with the last complete week. The gaps:
    longest_gap(session_dates, start, today); current_gap_days: days since the last session.
    """
    t = to_ts(today)
    complete = weeks[weeks["week_start"] + 6 * DAY <= t]
    out: dict[str, Any] = {}
    for n in (8, 12):
        last = complete.tail(n)
        out[f"weeks_{n}w"] = len(last)
        out[f"share_{n}w"] = float(last["on_target"].mean()) if len(last) else float("nan")
    current = weeks[(weeks["week_start"] <= t) & (weeks["week_start"] + 6 * DAY > t)]
    seq = complete["on_target"].to_numpy()
    if len(current) and bool(current["on_target"].iloc[0]):
        seq = np.append(seq, True)
    off = np.nonzero(~seq)[0]
    out["streak_weeks"] = int(len(seq) - (off[-1] + 1 if len(off) else 0))
    days = _days(session_dates, t)
    out["sessions"] = len(days)
    out.update(longest_gap(session_dates, start, today))
    out["current_gap_days"] = int((t - days.iloc[-1]) / DAY) if len(days) else None
    return out


def _days(session_dates: pd.Series, t: pd.Timestamp) -> pd.Series:
    days = pd.Series(pd.to_datetime(session_dates)).dropna().dt.normalize()
    return days[days <= t].drop_duplicates().sort_values().reset_index(drop=True)


def longest_gap(session_dates: pd.Series, start: dt.date | None, end: dt.date) -> dict[str, Any]:
    """The most days in a row without a counted session between start and end (inclusive).

    A gap that began before start counts from start, one still open counts up to end; days
    before the first session ever logged are not a gap (the log had not begun). Returns
    longest_gap_days (None without any session up to end), gap_from and gap_to (its first and
    last day; None when there is no gap), gap_open (True while it runs up to end).
    """
    t = to_ts(end)
    days = _days(session_dates, t)
    none = {"longest_gap_days": None, "gap_from": None, "gap_to": None, "gap_open": False}
    if len(days) == 0:
        return none
    lo = max(to_ts(start), days.iloc[0]) if start is not None else days.iloc[0]
    if lo > t:
        return none
    inside = days[days >= lo]
    # Each gap lies between two bounds: the day before the range (or the first session), the
    # sessions inside it, and the day after its end.
    bounds = pd.concat([pd.Series([lo - DAY]), inside, pd.Series([t + DAY])], ignore_index=True)
    if days.iloc[0] >= lo:  # the first session ever opens the log: no gap before it
        bounds = bounds.iloc[1:].reset_index(drop=True)
    gaps = (bounds.diff() / DAY - 1).iloc[1:].clip(lower=0)
    k = int(gaps.to_numpy().argmax())
    longest = int(gaps.iloc[k])
    if longest == 0:
        return {**none, "longest_gap_days": 0}
    return {
        "longest_gap_days": longest,
        "gap_from": (bounds.iloc[k] + DAY).date(),
        "gap_to": (bounds.iloc[k + 1] - DAY).date(),
        "gap_open": bool(k + 1 == len(bounds) - 1),
    }


def buildup_verdicts(
    buildups: pd.DataFrame, weeks: pd.DataFrame, today: dt.date, settings: Settings
) -> pd.DataFrame:
    """ "Was strength kept?" for each build-up, over its weeks up to today.

    A block's weeks are judged once complete (last day <= today); the current week also counts
    when it is already on target, so a week is never called a failure before it has ended.
    Columns: buildup_id, name, start, end, in_progress (started, and a block week is not complete
    yet), weeks
    (judged), weeks_on_target, share_on_target, zero_weeks (week starts with 0 sessions),
    off_target_weeks, sessions_per_week_before (the 8 weeks just before the block, as far as the
    history goes), sessions_per_week_during, verdict: 'kept' (every week on target: never 0 in a
    build-up), 'partly kept' (share on target >= buildup_kept_share, 75 % by default, a
    heuristic), 'not kept' (below), 'no strength data' (no session logged at all up to the block's
    end: the log cannot tell), or 'too early to say' (no week judged yet).
    """
    t = to_ts(today)
    ws = weeks["week_start"].to_numpy(dtype="datetime64[ns]")
    sessions = weeks["sessions"].to_numpy()
    on_target = weeks["on_target"].to_numpy(dtype=bool)
    t64 = np.datetime64(t, "ns")
    complete = ws + 6 * DAY <= t64
    judged = complete | ((ws <= t64) & on_target)
    logged_before = np.cumsum(sessions)  # sessions logged up to and including each week
    rows = []
    for b in buildups.itertuples():
        # The block's own weeks by the majority rule (not by week_phases' buildup_id, which gives
        # a week shared by two overlapping build-ups to the later race only).
        block = days_inside(weeks["week_start"], b.start, b.end) >= 4
        idx = np.nonzero(block & judged)[0]
        n = len(idx)
        first = (
            int(np.nonzero(block)[0][0])
            if block.any()
            else int(np.searchsorted(ws, np.datetime64(b.start, "ns")))
        )
        before = sessions[max(first - settings.buildup_before_weeks, 0) : first]
        last = idx[-1] if n else first - 1
        on = int(on_target[idx].sum())
        share = on / n if n else float("nan")
        if n == 0:
            verdict = VERDICT_TOO_EARLY
        elif logged_before[last] == 0:
            verdict = VERDICT_NO_DATA
        elif on == n:
            verdict = VERDICT_KEPT
        elif share >= settings.buildup_kept_share:
            verdict = VERDICT_PARTLY
        else:
            verdict = VERDICT_NOT_KEPT
        block_days = pd.DatetimeIndex(ws[idx])
        rows.append(
            {
                "buildup_id": b.buildup_id,
                "name": b.name,
                "start": b.start,
                "end": b.end,
                "in_progress": bool(b.start <= t) and bool(b.end > t or (block & ~complete).any()),
                "weeks": n,
                "weeks_on_target": on,
                "share_on_target": share,
                "zero_weeks": [d.date() for d in block_days[sessions[idx] == 0]],
                "off_target_weeks": [d.date() for d in block_days[~on_target[idx]]],
                "sessions_per_week_before": float(before.mean()) if len(before) else float("nan"),
                "sessions_per_week_during": float(sessions[idx].mean()) if n else float("nan"),
                "verdict": verdict,
            }
        )
    cols = [
        "buildup_id",
        "name",
        "start",
        "end",
        "in_progress",
        "weeks",
        "weeks_on_target",
        "share_on_target",
        "zero_weeks",
        "off_target_weeks",
        "sessions_per_week_before",
        "sessions_per_week_during",
        "verdict",
    ]
    return pd.DataFrame(rows, columns=cols)


def buildup_weeks(
    buildups: pd.DataFrame, weeks: pd.DataFrame, today: dt.date, settings: Settings
) -> pd.DataFrame:
    """Every week of every build-up, the weeks still to come included, for drawing the verdicts.

    Columns: buildup_id, week_start, weeks_to_race (0 = the block's last week, the race week),
    sessions (NaN when not known: a week to come or before the log), target_min, target_max and
    state (WEEK_STATES): on target, above the advised range (more than a build-up's band: the
    articles advise reducing it, which is not a failure to keep strength), below target, no
    session, to come (not over yet), before the log (the log had not begun).
    """
    cols = ["buildup_id", "week_start", "weeks_to_race", "sessions", "target_min", "target_max", "state"]
    if len(buildups) == 0:
        return pd.DataFrame(columns=cols)
    t = to_ts(today)
    known = weeks.set_index("week_start")
    first_known = weeks["week_start"].min() if len(weeks) else t + DAY
    bu_lo, bu_hi = settings.strength_target_buildup
    parts = []
    for b in buildups.itertuples():
        s0, s1 = to_ts(b.start), to_ts(b.end)
        offset = (s0.day_of_week - settings.week_start) % 7
        cand = pd.Series(pd.date_range(s0 - offset * DAY, s1, freq="7D").astype("datetime64[ns]"))
        ws = cand[days_inside(cand, s0, s1) >= 4].reset_index(drop=True)
        part = pd.DataFrame({"buildup_id": b.buildup_id, "week_start": ws})
        part["weeks_to_race"] = np.arange(len(ws))[::-1]
        row = known.reindex(ws)
        part["sessions"] = row["sessions"].to_numpy(dtype=float)
        part["target_min"] = row["target_min"].fillna(bu_lo).to_numpy(dtype=int)
        part["target_max"] = row["target_max"].fillna(bu_hi).to_numpy(dtype=int)
        on = row["on_target"].fillna(False).to_numpy(dtype=bool)
        over = ws.to_numpy(dtype="datetime64[ns]") + 6 * DAY <= np.datetime64(t, "ns")
        n = part["sessions"].to_numpy()
        state = np.select(
            [
                ws.to_numpy() < np.datetime64(first_known, "ns"),
                ~(over | on) | np.isnan(n),
                n == 0,
                n < part["target_min"],
                n > part["target_max"],
            ],
            [WEEK_NOT_LOGGED, WEEK_TO_COME, WEEK_NONE, WEEK_BELOW, WEEK_ABOVE],
            WEEK_ON_TARGET,
        )
        part["state"] = state
        parts.append(part)
    return pd.concat(parts, ignore_index=True)[cols]


def race_recap(
    buildups: pd.DataFrame, verdicts: pd.DataFrame, today: dt.date, days: int = 28
) -> dict[str, Any] | None:
    """After a race, how strength went in its build-up: the latest race (a build-up from a race
    date) on today or in the ``days`` before it, with its verdict row as a dict plus race_day
    and days_since. None when no race is that recent."""
    if len(buildups) == 0 or len(verdicts) == 0:
        return None
    t = to_ts(today)
    races = buildups[buildups["source"] == "race"]
    end = pd.to_datetime(races["end"])
    recent = races[(end <= t) & (end >= t - days * DAY)]
    if recent.empty:
        return None
    b = recent.sort_values("end").iloc[-1]
    v = verdicts[verdicts["buildup_id"] == b["buildup_id"]]
    if v.empty:
        return None
    out = v.iloc[0].to_dict()
    out["race_day"] = to_ts(b["end"]).date()
    out["days_since"] = int((t - to_ts(b["end"])) / DAY)
    return out


def buildups_to_show(
    buildups: pd.DataFrame, start: dt.date, end: dt.date, today: dt.date
) -> list[tuple[object, str | None]]:
    """The build-ups a page judges for the range start..end: those that overlap it and have
    begun by today, and the latest one begun even when it lies outside the range (a default range
    may hide the last race's build-up). Newest first, each as (buildup_id, where) with where None
    inside the range, else 'before the range' or 'after the range'."""
    if len(buildups) == 0:
        return []
    t, lo, hi = to_ts(today), to_ts(start), to_ts(end)
    b = buildups[pd.to_datetime(buildups["start"]) <= t].sort_values("end", ascending=False)
    if b.empty:
        return []
    s0, s1 = pd.to_datetime(b["start"]), pd.to_datetime(b["end"])
    overlap = (s0 <= hi) & (s1 >= lo)
    out: list[tuple[object, str | None]] = [(i, None) for i in b.loc[overlap, "buildup_id"]]
    latest = b.iloc[0]
    if not overlap.iloc[0]:
        where = "after the range" if to_ts(latest["start"]) > hi else "before the range"
        out.insert(0, (latest["buildup_id"], where))
    return out
