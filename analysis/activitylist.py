"""One list of every session, runs and other activities and strength sessions alike, for the
Activities table, newest first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import units
from analysis._frames import NONE, as_day, as_time, num
from analysis.keyruns import LONG_ONLY_RUN
from analysis.metrics import LOAD_METHOD_LABELS
from analysis.spikes import CATEGORIES

COLUMNS = [
    "kind",
    "activity_id",
    "session_id",
    "local_date",
    "start_time_local",
    "sport",
    "sub_sport",
    "name",
    "distance_m",
    "moving_s",
    "avg_hr",
    "ascent_m",
    "load",
    "load_method",
    "key_type",
    "long_only_run",
    "spike_ratio",
    "spike_category",
    "working_sets",
    "heavy_lower",
]


def activity_list(loads: pd.DataFrame, runs: pd.DataFrame, strength_sessions: pd.DataFrame) -> pd.DataFrame:
    """Every activity (loads: session_loads output) with its run flags (runs: key_runs + spikes)
    and its strength sets (strength_sessions: strength_sessions_summary), plus the strength
    sessions logged in an app without a watch activity. kind: 'run', 'strength' or 'other'.
    """
    a = loads.copy() if loads is not None else pd.DataFrame(columns=["activity_id"])
    for c in ("sport", "sub_sport", "name", "ascent_m", "avg_hr", "load", "load_method", "start_time_local"):
        if c not in a:
            a[c] = pd.NA
    a["kind"] = np.where(
        a.get("is_run", False), "run", np.where(a.get("is_strength", False), "strength", "other")
    )
    a["session_id"] = pd.NA
    if runs is not None and len(runs):
        cols = ["key_type", "long_only_run", "spike_ratio", "spike_category"]
        flags = runs.set_index("activity_id")[[c for c in cols if c in runs]]
        a = a.join(flags, on="activity_id")
    else:
        a = a.assign(key_type=None, spike_ratio=np.nan, spike_category=None)
    if "long_only_run" not in a:
        a["long_only_run"] = False
    st = strength_sessions if strength_sessions is not None else pd.DataFrame()
    a["working_sets"] = np.nan
    a["heavy_lower"] = pd.NA
    app_only = pd.DataFrame(columns=COLUMNS)
    if len(st):
        linked = st[pd.to_numeric(st["activity_id"], errors="coerce").notna()]
        by_act = linked.drop_duplicates("activity_id").set_index("activity_id")
        ids = a["activity_id"]
        a["session_id"] = ids.map(by_act["session_id"]).astype("Int64")
        # A session stored without sets has no set count (not 0 working sets).
        a["working_sets"] = ids.map(by_act["working_sets"].where(by_act["sets"] > 0))
        a["heavy_lower"] = ids.map(by_act["heavy_lower"])
        own = st[pd.to_numeric(st["activity_id"], errors="coerce").isna()]
        if len(own):
            app_only = pd.DataFrame(
                {
                    "kind": "strength",
                    "activity_id": pd.NA,
                    "session_id": own["session_id"].to_numpy(),
                    "local_date": own["local_date"].to_numpy(),
                    "start_time_local": own["start_time_local"].to_numpy(),
                    "sport": "strength (app)",
                    "sub_sport": pd.NA,
                    "name": own["name"].to_numpy(),
                    "distance_m": np.nan,
                    "moving_s": num(own, "duration_s").to_numpy(),
                    "avg_hr": np.nan,
                    "ascent_m": np.nan,
                    "load": num(own, "srpe").to_numpy(),
                    "load_method": np.where(num(own, "srpe").notna(), "srpe", NONE),
                    "key_type": None,
                    "long_only_run": False,
                    "spike_ratio": np.nan,
                    "spike_category": None,
                    "working_sets": own["working_sets"].where(own["sets"] > 0).to_numpy(),
                    "heavy_lower": own["heavy_lower"].to_numpy(),
                }
            )
    parts = [p for p in (a.reindex(columns=COLUMNS), app_only) if len(p)]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    out["local_date"] = as_day(out["local_date"])
    out["start_time_local"] = as_time(out["start_time_local"])
    for c in ("distance_m", "moving_s", "avg_hr", "ascent_m", "load", "spike_ratio", "working_sets"):
        out[c] = num(out, c)
    # A watch writes 0 m for a session without distance (strength, yoga): missing, not 0.
    out["distance_m"] = out["distance_m"].where(out["distance_m"] > 0)
    out["activity_id"] = out["activity_id"].astype("Int64")
    out["session_id"] = out["session_id"].astype("Int64")
    out = out.sort_values(
        ["local_date", "start_time_local"], ascending=False, na_position="last", kind="stable"
    )
    return out.reset_index(drop=True)[COLUMNS]


def method_label(method: object) -> str:
    """'hrTSS', 'session RPE', ...: a load method as people write it ('' when missing)."""
    if not isinstance(method, str):
        return ""
    return LOAD_METHOD_LABELS.get(method, method)


def kind_label(row_kind: str, sport: object, sub_sport: object) -> str:
    """'run', 'run · trail', 'strength', 'cycling': what the session was, in one short word or two."""
    sub = sub_sport.replace("_", " ") if isinstance(sub_sport, str) and sub_sport != "generic" else ""
    if row_kind == "run":
        return "run" + (f" · {sub}" if sub else "")
    if row_kind == "strength":
        return "strength"
    return sport.replace("_", " ") if isinstance(sport, str) and sport else "other"


#: The spike category of a run that is no spike: its ratio alone says it.
NO_SPIKE = CATEGORIES[0]


def spike_text(ratio: float, category: object) -> str:
    """'1.21 small', '0.84' (no spike), 'return to running' (no ratio), '' for a session that is
    not a run."""
    if not isinstance(category, str) or not category:
        return ""
    if not np.isfinite(ratio):
        return category
    return f"{ratio:.2f}" if category == NO_SPIKE else f"{ratio:.2f} {category}"


def run_type_text(key_type: object, long_only_run: object = False) -> str:
    """'long', 'quality', 'race', '' for an easy run; a long run that is its week's only run says
    so ('long (the week's only run)'): the rule made it the long run, not its length."""
    if not isinstance(key_type, str) or not key_type:
        return ""
    only = key_type == "long" and isinstance(long_only_run, (bool, np.bool_)) and bool(long_only_run)
    return f"{key_type} ({LONG_ONLY_RUN})" if only else key_type


def table(shown: pd.DataFrame, u: str) -> pd.DataFrame:
    """The Activities table of ``shown`` (activity_list rows) in the runner's units, narrow enough
    for a laptop screen. Numbers stay numbers (so columns sort) and missing stays missing (NaN,
    drawn blank by the page); text columns are '' when missing; pace and spike only for runs."""
    run = (shown["kind"] == "run").to_numpy()
    dist = shown["distance_m"].to_numpy(dtype=float)
    moving = shown["moving_s"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(run & (dist > 0) & (moving > 0), dist / moving, np.nan)
    pace = [units.format_pace(p, u) for p in units.pace_s(speed, u)]
    day = shown["local_date"].dt.strftime("%Y-%m-%d").fillna("")
    start = shown["start_time_local"].dt.strftime(" %H:%M").fillna("")
    ratio = shown["spike_ratio"].to_numpy(dtype=float)
    spike = [
        spike_text(r, c) if k else "" for r, c, k in zip(ratio, shown["spike_category"], run, strict=True)
    ]
    out = pd.DataFrame(
        {
            "when": (day + start).to_numpy(),  # ISO text: sorts as time does
            "kind": [
                kind_label(k, sp, sub)
                for k, sp, sub in zip(shown["kind"], shown["sport"], shown["sub_sport"], strict=True)
            ],
            "name": shown["name"].astype("string").fillna("").to_numpy(),
            f"distance ({units.distance_label(u)})": units.distance(dist, u),
            "time": [units.format_duration(x) for x in moving],
            "pace": pace,
            "avg HR": shown["avg_hr"].to_numpy(dtype=float),
            "load": shown["load"].to_numpy(dtype=float),
            "method": [method_label(m) for m in shown["load_method"]],
            "run type": [
                run_type_text(k, o) for k, o in zip(shown["key_type"], shown["long_only_run"], strict=True)
            ],
            "spike": spike,
            "sets": shown["working_sets"].to_numpy(dtype=float),
        }
    )
    return out.reset_index(drop=True)


def row_keys(acts: pd.DataFrame) -> list[str]:
    """One stable key per activity_list row: 'a<activity_id>' for an activity, 's<session_id>'
    for a strength session logged without one (the key a link to the row carries)."""
    a = acts["activity_id"].astype("Int64").astype("string")
    sid = acts["session_id"].astype("Int64").astype("string")
    return ("a" + a).fillna("s" + sid).fillna("").tolist()
