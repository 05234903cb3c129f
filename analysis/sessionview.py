"""A session's detail beyond the run charts: the caption of facts under its title and a strength
session's sets in the runner's units (bodyweight said as such, never "0 kg")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import units
from analysis._frames import num
from analysis.keyruns import LONG_ONLY_RUN

BODYWEIGHT = "bodyweight"
RUN_TYPE_WORDS = {"long": "long run", "quality": "quality run", "race": "race"}


def _text(x: object) -> str:
    return x.strip() if isinstance(x, str) else ""


def caption(row: pd.Series) -> str:
    """'running · trail · long run', 'training · strength_training', 'strength (app)': what is
    known of the session, nothing for what is not. A long run that is its week's only run says so
    ('long run (the week's only run)')."""
    parts = [_text(row.get("sport")).replace("_", " "), _text(row.get("sub_sport")).replace("_", " ")]
    parts = [p for p in parts if p and p != "generic"]
    if row.get("kind") == "run":
        words = RUN_TYPE_WORDS.get(_text(row.get("key_type")), "")
        only = row.get("long_only_run")
        if words == RUN_TYPE_WORDS["long"] and isinstance(only, (bool, np.bool_)) and only:
            words += f" ({LONG_ONLY_RUN})"  # the rule made it the long run, not its length
        parts.append(words)
    return " · ".join(dict.fromkeys(p for p in parts if p))


def _done(x: float | None) -> bool:
    return x is not None and bool(np.isfinite(x)) and x > 0


def weight_text(kg: float | None, w: str, reps: float | None = 1.0, duration_s: float | None = None) -> str:
    """'60 kg', '132.5 lb'; a set without added weight is 'bodyweight', whether it counted reps
    (push-ups) or time (a plank); a set with neither reps nor time nor weight ''."""
    if not _done(kg):
        return BODYWEIGHT if _done(reps) or _done(duration_s) else ""
    value = float(units.weight(kg, w))
    return f"{value:.1f}".rstrip("0").rstrip(".") + f" {units.weight_label(w)}"


def sets_table(sets: pd.DataFrame, w: str) -> pd.DataFrame:
    """A session's sets, in order: set, exercise, region, type, reps, weight (text in the runner's
    units, 'bodyweight' without added weight), time, RPE. Missing numbers stay NaN; text ''."""
    s = sets.sort_values("set_index", kind="stable")
    kg = num(s, "weight_kg").to_numpy(dtype=float)
    reps = num(s, "reps").to_numpy(dtype=float)
    secs = num(s, "duration_s").to_numpy(dtype=float)

    def text(col: str) -> np.ndarray:
        return s[col].astype("string").fillna("").to_numpy() if col in s else np.full(len(s), "")

    return pd.DataFrame(
        {
            "set": (num(s, "set_index") + 1).astype("Int64").to_numpy(),
            "exercise": text("exercise"),
            "region": text("region"),
            "type": text("set_type"),
            "reps": reps,
            "weight": [weight_text(x, w, r, d) for x, r, d in zip(kg, reps, secs, strict=True)],
            "time": [units.format_duration(x) for x in num(s, "duration_s").to_numpy(dtype=float)],
            "RPE": num(s, "rpe").to_numpy(),
        }
    )
