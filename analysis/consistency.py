"""Strength consistency and the build-up verdict, "was strength kept?" (DOMAIN.md section 6).

Targets per week (seeds 000-004; Blagrove et al. 2018; Ronnestad 2010; Spiering 2021): base or
off-season 2-3 sessions (a new lifter: 1-3), race build-up and taper 1-2, never 0 ("reduce it,
don't remove it"). A week is on target when its counted sessions reach the lower bound (more than
the upper bound is not "off target": the bound is guidance, not a cap).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from analysis._frames import DAY, to_ts
from analysis.phases import days_inside
from analysis.settings import Settings

VERDICT_KEPT = "kept"
VERDICT_PARTLY = "partly kept"
VERDICT_NOT_KEPT = "not kept"
VERDICT_NO_DATA = "no strength data"


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


def strength_consistency(weeks: pd.DataFrame, session_dates: pd.Series, today: dt.date) -> dict[str, object]:
    """Consistency as of today, over complete weeks (a week is complete when its last day <= today).

    share_8w / share_12w: share of the last 8 / 12 complete weeks on target (weeks_8w / weeks_12w
    say how many weeks were available). streak_weeks: consecutive weeks on target ending with the
    current week when it is already on target, else with the last complete week. longest_gap_days:
    the most days without a counted session between two sessions, or from the last one to today
    (gap_from, gap_to: the first and last day without); current_gap_days: days since the last one.
    """
    t = to_ts(today)
    complete = weeks[weeks["week_start"] + 6 * DAY <= t]
    out: dict[str, object] = {}
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
    days = pd.Series(pd.to_datetime(session_dates)).dropna()
    days = days[days <= t].drop_duplicates().sort_values()
    out["sessions"] = len(days)
    if len(days) == 0:
        out.update(longest_gap_days=None, gap_from=None, gap_to=None, current_gap_days=None)
        return out
    ends = pd.concat([days, pd.Series([t + DAY])], ignore_index=True)  # open gap up to today
    gaps = (ends.diff() / DAY - 1).iloc[1:]
    k = int(gaps.to_numpy().argmax())
    longest = int(gaps.iloc[k])
    out["longest_gap_days"] = longest
    out["gap_from"] = (ends.iloc[k] + DAY).date() if longest > 0 else None
    out["gap_to"] = (ends.iloc[k + 1] - DAY).date() if longest > 0 else None
    out["current_gap_days"] = int((t - days.iloc[-1]) / DAY)
    return out


def buildup_verdicts(
    buildups: pd.DataFrame, weeks: pd.DataFrame, today: dt.date, settings: Settings
) -> pd.DataFrame:
    """ "Was strength kept?" for each build-up, over its weeks up to today.

    Columns: buildup_id, name, start, end, in_progress, weeks, weeks_on_target, share_on_target,
    zero_weeks (week starts with 0 sessions), off_target_weeks, sessions_per_week_before (the 8
    weeks just before the block, as far as the history goes), sessions_per_week_during,
    verdict: 'kept' (every week on target: never 0 in a build-up), 'partly kept' (share on target
    >= buildup_kept_share, 75 % by default, a heuristic), 'not kept' (below), or 'no strength data'
    (no session logged at all up to the block's end: the log cannot tell).
    """
    t = to_ts(today)
    ws = weeks["week_start"].to_numpy(dtype="datetime64[ns]")
    sessions = weeks["sessions"].to_numpy()
    on_target = weeks["on_target"].to_numpy(dtype=bool)
    logged_before = np.cumsum(sessions)  # sessions logged up to and including each week
    rows = []
    for b in buildups.itertuples():
        # The block's own weeks by the majority rule (not by week_phases' buildup_id, which gives
        # a week shared by two overlapping build-ups to the later race only).
        inside = (days_inside(weeks["week_start"], b.start, b.end) >= 4) & (ws <= np.datetime64(t, "ns"))
        idx = np.nonzero(inside)[0]
        n = len(idx)
        first = idx[0] if n else int(np.searchsorted(ws, np.datetime64(b.start, "ns")))
        before = sessions[max(first - settings.buildup_before_weeks, 0) : first]
        last = idx[-1] if n else first - 1
        on = int(on_target[idx].sum())
        share = on / n if n else float("nan")
        if n == 0:
            verdict = None
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
                "in_progress": bool(b.end > t),
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
    cols = ["buildup_id", "name", "start", "end", "in_progress", "weeks", "weeks_on_target",
            "share_on_target", "zero_weeks", "off_target_weeks", "sessions_per_week_before",
            "sessions_per_week_during", "verdict"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)
