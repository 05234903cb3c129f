"""Strength sessions: which count, which are heavy lower-body, balance and progression (docs/metrics.md).

- A working set is any set that is not a warm-up or a rest (set_type working, failure, dropset,
  normal, or not given).
- A session counts when it has at least one working set or, having no sets at all (a watch session
  without sets), it lasted at least 10 minutes.
- Heavy lower-body session: at least 40 % of its working sets are lower body and either external
  load is used on them (weight_kg > 0 on a lower-body working set) or the session RPE is 7 or more.
  Bodyweight core and upper-body work is never heavy. Session RPE: the session's own, else the
  mean RPE of its working sets.
- Balance: share of working sets per body region (lower and core are the coaching articles' priority).
- Progression: per exercise and session, volume load = sum of reps x kg over working sets, and the
  estimated 1RM by Epley, kg x (1 + reps / 30), the best set of the session.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis._frames import as_day, as_time, is_strength_activity, moving_seconds, num
from analysis.settings import Settings

NOT_WORKING = frozenset({"warmup", "warm-up", "warm_up", "rest"})
REGIONS = ("lower", "core", "upper", "full")

SESSION_COLUMNS = [
    "session_id",
    "activity_id",
    "local_date",
    "start_time_local",
    "start_time_utc",
    "duration_s",
    "name",
    "rpe",
    "sets",
    "working_sets",
    "lower_sets",
    "core_sets",
    "upper_sets",
    "full_sets",
    "unknown_sets",
    "lower_loaded",
    "counted",
    "heavy_lower",
    "upper_core_only",
    "srpe",
]


_EMPTY_SETS = pd.DataFrame(
    {c: pd.Series(dtype=float) for c in ("session_id", "reps", "weight_kg", "rpe")}
    | {c: pd.Series(dtype=object) for c in ("exercise", "region", "set_type")}
)


def _lower(df: pd.DataFrame, col: str) -> np.ndarray:
    """A text column stripped and lower-cased, as a numpy object array ('' when missing)."""
    if col not in df or len(df) == 0:
        return np.full(len(df), "", dtype=object)
    return df[col].astype("string").str.strip().str.lower().fillna("").to_numpy(dtype=object)


def working_sets(sets: pd.DataFrame | None) -> pd.DataFrame:
    """The working sets (warm-ups and rest sets excluded), region lower-cased."""
    if sets is None or len(sets) == 0:
        return _EMPTY_SETS.copy()
    kind = sets["set_type"].astype("string").str.strip().str.lower() if "set_type" in sets else None
    w = sets if kind is None else sets[~kind.isin(NOT_WORKING).fillna(False).astype(bool)]
    w = w.copy()
    w["region"] = w["region"].astype("string").str.strip().str.lower()
    return w


def strength_sessions_summary(
    sessions: pd.DataFrame,
    sets: pd.DataFrame | None,
    settings: Settings,
    activities: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per strength session (SESSION_COLUMNS), sorted by date, start time, session_id.

    Watch strength activities that have no strength_sessions row are added as sessions without
    sets (session_id NA), so a session is never lost because only the activity was stored.
    """
    s = sessions.copy() if sessions is not None else pd.DataFrame()
    for c in ("session_id", "activity_id", "local_date", "start_time_local", "start_time_utc"):
        if c not in s:
            s[c] = pd.NA
    s["duration_s"] = num(s, "duration_s")
    s["rpe"] = num(s, "rpe")
    if "name" not in s:
        s["name"] = pd.NA
    if activities is not None and len(activities):
        watch = activities[is_strength_activity(activities)]
        linked = set(pd.to_numeric(s["activity_id"], errors="coerce").dropna().astype(int))
        watch = watch[~watch["activity_id"].isin(linked)]
        if len(watch):
            extra = pd.DataFrame(
                {
                    "session_id": pd.NA,
                    "activity_id": watch["activity_id"].to_numpy(),
                    "local_date": watch["local_date"].to_numpy(),
                    "start_time_local": watch.get("start_time_local"),
                    "start_time_utc": watch.get("start_time_utc"),
                    "duration_s": moving_seconds(watch).to_numpy(),
                    "name": watch.get("name"),
                    "rpe": num(watch, "rpe").to_numpy(),
                }
            )
            s = pd.concat([s[extra.columns], extra], ignore_index=True) if len(s) else extra
    if len(s) == 0:
        return pd.DataFrame(columns=SESSION_COLUMNS)
    s["local_date"] = as_day(s["local_date"])
    s["start_time_local"] = as_time(s["start_time_local"])
    s["start_time_utc"] = as_time(s["start_time_utc"])

    # Per-session counts with one bincount each: sets are placed by their session's row.
    all_sets = sets if sets is not None and len(sets) else _EMPTY_SETS
    n = len(s)
    # Watch sessions stored without a strength_sessions row have no session_id (and no sets):
    # only the rows with an id can own sets, and several missing ids must not collide.
    sid = pd.to_numeric(s["session_id"], errors="coerce")
    rows = np.flatnonzero(sid.notna().to_numpy())
    found = pd.Index(sid.iloc[rows].to_numpy()).get_indexer(
        pd.to_numeric(all_sets["session_id"], errors="coerce")
    )
    pos = np.full(len(found), -1, dtype=np.int64)
    pos[found >= 0] = rows[found[found >= 0]]
    kind = _lower(all_sets, "set_type")
    working = (pos >= 0) & ~np.isin(kind, list(NOT_WORKING))
    region = _lower(all_sets, "region")
    region = np.where(np.isin(region, REGIONS), region, "unknown")

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(pos[mask & (pos >= 0)], minlength=n)[:n]

    s["sets"] = count(np.ones(len(pos), dtype=bool))
    s["working_sets"] = count(working)
    for r in (*REGIONS, "unknown"):
        s[f"{r}_sets"] = count(working & (region == r))
    kg = num(all_sets, "weight_kg").to_numpy()
    s["lower_loaded"] = count(working & (region == "lower") & (kg > 0)) > 0
    set_rpe = num(all_sets, "rpe").to_numpy()
    has_rpe = working & np.isfinite(set_rpe)
    rpe_sum = np.bincount(pos[has_rpe], weights=set_rpe[has_rpe], minlength=n)[:n]
    rpe_n = count(has_rpe)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_rpe = np.where(rpe_n > 0, rpe_sum / np.maximum(rpe_n, 1), np.nan)
    rpe = s["rpe"].fillna(pd.Series(mean_rpe, index=s.index))
    s["counted"] = (s["working_sets"] >= 1) | (
        (s["sets"] == 0) & (s["duration_s"] >= settings.strength_min_session_s)
    )
    share = (s["lower_sets"] / s["working_sets"]).where(s["working_sets"] > 0)
    s["heavy_lower"] = (
        ((share >= settings.heavy_lower_share) & (s["lower_loaded"] | (rpe >= settings.heavy_rpe)))
        .fillna(False)
        .astype(bool)
    )
    s["upper_core_only"] = (s["working_sets"] > 0) & (
        s["lower_sets"] + s["full_sets"] + s["unknown_sets"] == 0
    )
    s["srpe"] = rpe * s["duration_s"] / 60.0
    s["rpe"] = rpe
    s = s.sort_values(["local_date", "start_time_utc", "session_id"], kind="stable", na_position="last")
    return s[SESSION_COLUMNS].reset_index(drop=True)


def balance(summary: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Working sets per body region between start and end (inclusive), with shares.

    Rows: lower, core, upper, full, unknown; columns region, sets, share. The coaching articles' priority is
    lower body and core: ``lower_core_share`` = the lower + core rows' share.
    """
    s = summary
    if start is not None:
        s = s[s["local_date"] >= pd.Timestamp(start)]
    if end is not None:
        s = s[s["local_date"] <= pd.Timestamp(end)]
    regions = [*REGIONS, "unknown"]
    sets = np.array([int(s[f"{r}_sets"].sum()) for r in regions])
    total = sets.sum()
    share = sets / total if total else np.full(len(regions), np.nan)
    return pd.DataFrame({"region": regions, "sets": sets, "share": share, "pct": whole_percentages(sets)})


def whole_percentages(counts) -> list[int]:
    """Whole percentages of ``counts`` that sum to exactly 100 (the largest remainder method:
    each share rounded down, the points left over go to the largest remainders), so that a
    donut never reads 101 %. All zero (or empty): all 0."""
    c = np.asarray(counts, dtype=float)
    total = c.sum()
    if len(c) == 0 or total <= 0:
        return [0] * len(c)
    exact = 100.0 * c / total
    floor = np.floor(exact).astype(int)
    left = 100 - int(floor.sum())
    # Ties in the remainder go to the larger count, then to the first: the result is deterministic.
    order = sorted(range(len(c)), key=lambda i: (-(exact[i] - floor[i]), -c[i], i))
    for i in order[:left]:
        floor[i] += 1
    return [int(x) for x in floor]


def lower_core_share(bal: pd.DataFrame) -> float:
    known = bal[bal["region"] != "unknown"]
    total = known["sets"].sum()
    return (
        float(known[known["region"].isin(["lower", "core"])]["sets"].sum() / total) if total else float("nan")
    )


def exercise_progression(summary: pd.DataFrame, sets: pd.DataFrame | None) -> pd.DataFrame:
    """Per session and exercise: working sets, reps, volume load (kg), best set's Epley e1RM (kg).

    Columns: local_date, session_id, exercise, region, sets, reps, volume_load_kg, top_weight_kg,
    e1rm_kg. Sets without a weight count as sets and reps but add no volume load and no e1RM.
    """
    cols = [
        "local_date",
        "session_id",
        "exercise",
        "region",
        "sets",
        "reps",
        "volume_load_kg",
        "top_weight_kg",
        "e1rm_kg",
    ]
    w = working_sets(sets)
    if len(w) == 0 or len(summary) == 0:
        return pd.DataFrame(columns=cols)
    w = w.copy()
    w["exercise"] = w["exercise"].astype("string").str.strip().str.lower()
    reps = num(w, "reps")
    kg = num(w, "weight_kg")
    w["reps_"] = reps
    # A set without added weight (bodyweight) or without reps (a timed hold) has no volume load and
    # no estimated 1-rep max: missing, never 0.
    lifted = (kg > 0) & (reps > 0)
    w["vl"] = (reps * kg).where(lifted)
    w["kg"] = kg.where(kg > 0)
    w["e1rm"] = (kg * (1.0 + reps / 30.0)).where(lifted)
    g = w.groupby(["session_id", "exercise"], dropna=False)
    out = pd.DataFrame(
        {
            "region": g["region"].first(),
            "sets": g.size(),
            "reps": g["reps_"].sum(min_count=1),
            "volume_load_kg": g["vl"].sum(min_count=1),
            "top_weight_kg": g["kg"].max(),
            "e1rm_kg": g["e1rm"].max(),
        }
    ).reset_index()
    dates = summary.dropna(subset=["session_id"]).set_index("session_id")["local_date"]
    out["local_date"] = out["session_id"].map(dates)
    out = out.dropna(subset=["local_date"])
    return out.sort_values(["local_date", "session_id", "exercise"]).reset_index(drop=True)[cols]


def unknown_exercises(sets: pd.DataFrame | None) -> pd.DataFrame:
    """Exercise names without a body region, with their set counts (for the user to assign)."""
    if sets is None or len(sets) == 0:
        return pd.DataFrame(columns=["exercise", "sets"])
    region = sets["region"].astype("string").str.strip().str.lower()
    unknown = sets[~region.isin(REGIONS).fillna(False).astype(bool)]
    names = unknown["exercise"].astype("string").str.strip().str.lower().fillna("unknown")
    out = names.value_counts().rename_axis("exercise").reset_index(name="sets")
    return out.sort_values(["sets", "exercise"], ascending=[False, True]).reset_index(drop=True)
