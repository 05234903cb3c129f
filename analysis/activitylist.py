"""One list of every session, runs and other activities and strength sessions alike, for the
Activities table, newest first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis._frames import as_day, as_time, num

COLUMNS = ["kind", "activity_id", "session_id", "local_date", "start_time_local", "sport", "sub_sport",
           "name", "distance_m", "moving_s", "avg_hr", "ascent_m", "load", "load_method", "key_type",
           "spike_ratio", "spike_category", "working_sets", "heavy_lower"]  # fmt: skip


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
        flags = runs.set_index("activity_id")[["key_type", "spike_ratio", "spike_category"]]
        a = a.join(flags, on="activity_id")
    else:
        a = a.assign(key_type=None, spike_ratio=np.nan, spike_category=None)
    st = strength_sessions if strength_sessions is not None else pd.DataFrame()
    a["working_sets"] = np.nan
    a["heavy_lower"] = pd.NA
    app_only = pd.DataFrame(columns=COLUMNS)
    if len(st):
        linked = st[pd.to_numeric(st["activity_id"], errors="coerce").notna()]
        by_act = linked.drop_duplicates("activity_id").set_index("activity_id")
        ids = a["activity_id"]
        a["session_id"] = ids.map(by_act["session_id"]).astype("Int64")
        a["working_sets"] = ids.map(by_act["working_sets"])
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
                    "load_method": np.where(num(own, "srpe").notna(), "srpe", None),
                    "key_type": None,
                    "spike_ratio": np.nan,
                    "spike_category": None,
                    "working_sets": own["working_sets"].to_numpy(),
                    "heavy_lower": own["heavy_lower"].to_numpy(),
                }
            )
    parts = [p for p in (a.reindex(columns=COLUMNS), app_only) if len(p)]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    out["local_date"] = as_day(out["local_date"])
    out["start_time_local"] = as_time(out["start_time_local"])
    for c in ("distance_m", "moving_s", "avg_hr", "ascent_m", "load", "spike_ratio", "working_sets"):
        out[c] = num(out, c)
    out["activity_id"] = out["activity_id"].astype("Int64")
    out["session_id"] = out["session_id"].astype("Int64")
    out = out.sort_values(
        ["local_date", "start_time_local"], ascending=False, na_position="last", kind="stable"
    )
    return out.reset_index(drop=True)[COLUMNS]
