"""Key runs: long run, quality run, race (docs/metrics.md, key runs).

- Long run: the week's longest run when it is at least 25 % of the week's distance or at least
  90 min (one per calendar week at most; ties go to the earlier run).
- Quality run: at least 10 min at or faster than threshold pace or at or above threshold HR; or at least 3 work laps alternating with rest laps (FIT
  lap.intensity: work = active/interval, rest = rest/recovery); or a name containing tempo,
  interval, threshold, fartlek, hills, track, reps. Pace reads the stream wherever there is one
  (pace_seconds: a tempo inside one long lap counts), lap averages only for a run without a stream
  (docs/metrics.md); HR reads hr_seconds. The HR criterion is left out when threshold
  HR is not set and comes from an HRmax read from too few activities (HRProfile.hr_max_thin).
- Race: flagged by the user (is_race), a name marked as a race ('race', 'parkrun'), or the longest
  run on the date of a race in the settings.
key_type gives one label per run by priority race > quality > long, None for an easy run (the
booleans stay independent: a tempo that is also the week's long run has is_long and is_quality).

The long-run rule sets no minimum distance: a week's only run is its longest and 100 % of its
distance, so it is the long run however short. The rule is kept as written; ``long_only_run``
marks such a run (the week's only run, shorter than the duration bound) so that the pages say
why a 3 km run is the week's long run (LONG_ONLY_RUN).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis._frames import NONE, as_day, num, week_start_of
from analysis.load import HRProfile
from analysis.settings import Settings

#: How the pages qualify a long run that is its week's only run (see long_only_runs).
LONG_ONLY_RUN = "the week's only run"
WORK_LAPS = frozenset({"active", "interval"})
REST_LAPS = frozenset({"rest", "recovery"})


def _name_matches(names: pd.Series, words: tuple[str, ...]) -> pd.Series:
    if not words:
        return pd.Series(False, index=names.index)
    # Word start, optional plural: "intervals", "hill reps", "Track Tuesday"; not "preps".
    pattern = r"\b(?:" + "|".join(re.escape(w.rstrip("s")) for w in words) + r")s?\b"
    return names.astype("string").str.contains(pattern, case=False, regex=True).fillna(False).astype(bool)


def long_runs(runs: pd.DataFrame, settings: Settings) -> pd.Series:
    """Boolean per run: the week's longest run meeting the 25 % / 90 min rule."""
    if len(runs) == 0:
        return pd.Series(False, index=runs.index)
    d = num(runs, "distance_m").fillna(0.0).to_numpy()
    week = week_start_of(as_day(runs["local_date"]), settings.week_start).to_numpy().astype(np.int64)
    t = pd.to_datetime(runs["start_time_utc"]).to_numpy().astype(np.int64)
    ids = runs["activity_id"].to_numpy()
    # Per week, the longest run (ties: the earlier start, then the lower id) comes first.
    order = np.lexsort((ids, t, -d, week))
    w_sorted = week[order]
    first = order[np.concatenate([[True], w_sorted[1:] != w_sorted[:-1]])]
    codes, _ = pd.factorize(week)
    week_total = np.bincount(codes, weights=d)[codes]
    moving = num(runs, "moving_s").to_numpy()
    qualifies = ((d >= settings.long_run_share * week_total) & (d > 0)) | (moving >= settings.long_run_min_s)
    is_top = np.zeros(len(runs), dtype=bool)
    is_top[first] = True
    return pd.Series(is_top & qualifies, index=runs.index)


def long_only_runs(runs: pd.DataFrame, is_long: pd.Series, settings: Settings) -> pd.Series:
    """Boolean per run: a long run that is the only run of its calendar week and shorter than the
    duration bound (a long run by the share rule alone, because nothing else was run)."""
    if len(runs) == 0:
        return pd.Series(False, index=runs.index)
    week = week_start_of(as_day(runs["local_date"]), settings.week_start)
    alone = week.map(week.value_counts()).to_numpy() == 1
    short = ~(num(runs, "moving_s").to_numpy() >= settings.long_run_min_s)
    return pd.Series(is_long.to_numpy(dtype=bool) & alone & short, index=runs.index)


def _seconds_above_threshold_hr(hr_seconds: pd.DataFrame | None, lthr: float) -> pd.Series:
    if hr_seconds is None or len(hr_seconds) == 0:
        return pd.Series(dtype=float)
    above = hr_seconds["heart_rate"].to_numpy(dtype=float) >= lthr
    secs = np.where(above, np.nan_to_num(hr_seconds["seconds"].to_numpy(dtype=float)), 0.0)
    codes, ids = pd.factorize(hr_seconds["activity_id"])
    return pd.Series(np.bincount(codes, weights=secs, minlength=len(ids)), index=ids)


def _seconds_at_threshold_pace(pace_seconds: pd.DataFrame | None, pace_s_per_km: float | None) -> pd.Series:
    """Per activity with a pace stream: seconds at or faster than the threshold pace.

    pace_seconds bins hold paces rounded up to the whole s/km, so bins <= floor(threshold) hold
    only paces at or faster than it (exact for a whole-second threshold)."""
    if pace_seconds is None or len(pace_seconds) == 0 or not pace_s_per_km or pace_s_per_km <= 0:
        return pd.Series(dtype=float)
    fast = pace_seconds["pace_s_per_km"].to_numpy(dtype=float) <= np.floor(pace_s_per_km + 1e-9)
    secs = np.where(fast, np.nan_to_num(pace_seconds["seconds"].to_numpy(dtype=float)), 0.0)
    codes, ids = pd.factorize(pace_seconds["activity_id"])
    return pd.Series(np.bincount(codes, weights=secs, minlength=len(ids)), index=ids)


def _lap_signals(laps: pd.DataFrame | None, v_thr: float | None) -> pd.DataFrame:
    """Per activity: seconds in laps at or faster than threshold speed, and alternating work laps."""
    cols = ["fast_s", "work_laps"]
    if laps is None or len(laps) == 0:
        return pd.DataFrame(columns=cols, dtype=float)
    lp = laps.sort_values(["activity_id", "lap_index"], kind="stable")
    speed = num(lp, "avg_speed_mps")
    dur = num(lp, "moving_s").fillna(num(lp, "elapsed_s"))
    speed = speed.fillna(num(lp, "distance_m") / dur)
    fast = (dur.where(speed >= v_thr, 0.0) if v_thr else dur * 0.0).fillna(0.0)
    kind = lp["intensity"].astype("string").str.lower() if "intensity" in lp else None
    out = pd.DataFrame({"fast_s": fast.groupby(lp["activity_id"]).sum()})
    if kind is None:
        out["work_laps"] = 0
        return out
    work = kind.isin(WORK_LAPS).fillna(False).to_numpy()
    rest = kind.isin(REST_LAPS).fillna(False).to_numpy()
    same = lp["activity_id"].to_numpy()[1:] == lp["activity_id"].to_numpy()[:-1]
    # A work lap alternates when the lap right before or after it (same activity) is a rest lap.
    rest_next = np.concatenate([rest[1:] & same, [False]])
    rest_prev = np.concatenate([[False], rest[:-1] & same])
    alternating = work & (rest_next | rest_prev)
    out["work_laps"] = pd.Series(alternating.astype(int), index=lp.index).groupby(lp["activity_id"]).sum()
    return out


def _ids(frame: pd.DataFrame | None) -> pd.Index:
    if frame is None or len(frame) == 0:
        return pd.Index([])
    return pd.Index(frame["activity_id"].unique())


def key_runs(
    runs: pd.DataFrame,
    settings: Settings,
    profile: HRProfile,
    laps: pd.DataFrame | None = None,
    hr_seconds: pd.DataFrame | None = None,
    pace_seconds: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Flag the key runs among ``runs`` (session_loads rows with is_run).

    ``pace_seconds`` (the store's table) is the pace stream; a run without rows there is judged on
    its laps' average paces.

    Returns the runs with added columns: is_long, long_only_run, is_quality, quality_reason,
    is_race, key_type.
    """
    r = runs.copy()
    ids = r["activity_id"]
    names = r["name"] if "name" in r else pd.Series(pd.NA, index=r.index)
    r["is_long"] = long_runs(r, settings)
    r["long_only_run"] = long_only_runs(r, r["is_long"], settings)

    # A threshold HR derived from an HRmax read from too few activities (the runner set neither) is
    # too low: easy runs would be "quality". The other criteria (pace, laps, name) still apply.
    hr_usable = settings.threshold_hr is not None or not profile.hr_max_thin
    above_hr = ids.map(_seconds_above_threshold_hr(hr_seconds if hr_usable else None, profile.threshold_hr))
    above_hr = above_hr.fillna(0.0)
    lap_sig = _lap_signals(laps, settings.threshold_speed_mps)
    fast = ids.map(lap_sig["fast_s"]).fillna(0.0) if len(lap_sig) else pd.Series(0.0, index=r.index)
    stream_fast = ids.map(_seconds_at_threshold_pace(pace_seconds, settings.threshold_pace_s_per_km))
    fast = stream_fast.where(ids.isin(_ids(pace_seconds)), fast).fillna(0.0)
    work = ids.map(lap_sig["work_laps"]).fillna(0) if len(lap_sig) else pd.Series(0, index=r.index)
    by_name = _name_matches(names, settings.quality_keywords)
    reasons = np.select(
        [
            fast >= settings.quality_min_s,
            above_hr >= settings.quality_min_s,
            work >= settings.quality_min_work_laps,
            by_name,
        ],
        ["threshold pace", "threshold HR", "work laps", "name"],
        default=NONE,
    )
    r["quality_reason"] = pd.Series(reasons, index=r.index, dtype=object)
    r["is_quality"] = r["quality_reason"].notna()

    flagged = r["is_race"].fillna(False).astype(bool) if "is_race" in r else False
    race = flagged | _name_matches(names, settings.race_keywords)
    if settings.races:
        days = as_day(r["local_date"])
        race_days = pd.DatetimeIndex([pd.Timestamp(x.date) for x in settings.races])
        on_day = days.isin(race_days)
        d = num(r, "distance_m").fillna(0.0)
        longest = d.groupby(days).transform("max")
        race = race | (on_day & (d == longest) & (d > 0))
    r["is_race"] = race
    r["key_type"] = pd.Series(
        np.select([r["is_race"], r["is_quality"], r["is_long"]], ["race", "quality", "long"], NONE),
        index=r.index,
        dtype=object,
    )
    return r
