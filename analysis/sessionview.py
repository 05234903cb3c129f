"""A session's detail beyond the run charts: the caption of facts under its title and a strength
session's sets in the runner's units (bodyweight said as such, never "0 kg")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import units
from analysis._frames import num

BODYWEIGHT = "bodyweight"
RUN_TYPE_WORDS = {"long": "long run", "quality": "quality run", "race": "race"}


def _text(x: object) -> str:
    return x.strip() if isinstance(x, str) else ""


def caption(row: pd.Series) -> str:
    """'running · trail · long run', 'training · strength_training', 'strength (app)': what is
    known of the session, nothing for what is not."""
    parts = [_text(row.get("sport")).replace("_", " "), _text(row.get("sub_sport")).replace("_", " ")]
    parts = [p for p in parts if p and p != "generic"]
    if row.get("kind") == "run":
        parts.append(RUN_TYPE_WORDS.get(_text(row.get("key_type")), ""))
    return " · ".join(dict.fromkeys(p for p in parts if p))


def weight_text(kg: float | None, w: str, reps: float | None = 1.0) -> str:
    """'60 kg', '132.5 lb'; a set of reps without added weight is 'bodyweight'; a set with
    neither (a timed warm-up) ''."""
    if kg is None or not np.isfinite(kg) or kg <= 0:
        return BODYWEIGHT if reps is not None and np.isfinite(reps) and reps > 0 else ""
    value = float(units.weight(kg, w))
    return f"{value:.1f}".rstrip("0").rstrip(".") + f" {units.weight_label(w)}"


def sets_table(sets: pd.DataFrame, w: str) -> pd.DataFrame:
    """A session's sets, in order: set, exercise, region, type, reps, weight (text in the runner's
    units, 'bodyweight' without added weight), time, RPE. Missing numbers stay NaN; text ''."""
    s = sets.sort_values("set_index", kind="stable")
    kg = num(s, "weight_kg").to_numpy(dtype=float)
    reps = num(s, "reps").to_numpy(dtype=float)

    def text(col: str) -> np.ndarray:
        return s[col].astype("string").fillna("").to_numpy() if col in s else np.full(len(s), "")

    return pd.DataFrame(
        {
            "set": (num(s, "set_index") + 1).astype("Int64").to_numpy(),
            "exercise": text("exercise"),
            "region": text("region"),
            "type": text("set_type"),
            "reps": reps,
            "weight": [weight_text(x, w, r) for x, r in zip(kg, reps, strict=True)],
            "time": [units.format_duration(x) for x in num(s, "duration_s").to_numpy(dtype=float)],
            "RPE": num(s, "rpe").to_numpy(),
        }
    )
