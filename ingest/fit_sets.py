"""Watch strength sets: FIT `set` messages -> a strength session per strength activity.

Each active set becomes a row of strength_sets with its exercise (named from the FIT profile),
reps, weight, duration and start time; rest sets go to strength_rests, apart from the work. Every
strength activity gets its session, with or without sets (docs/metrics.md, strength: a watch session
without sets still counts). In a multisport file each set goes to the session it started in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ingest import exercises
from ingest.model import REST_COLUMNS, SET_COLUMNS, Activity, StrengthSession, empty_frame

STRENGTH_SUB_SPORTS = {"strength_training"}
STRENGTH_SPORTS = {"strength_training"}


def is_strength(activity: dict[str, Any]) -> bool:
    return activity.get("sub_sport") in STRENGTH_SUB_SPORTS or activity.get("sport") in STRENGTH_SPORTS


def _first(value: Any) -> Any:
    """category/category_subtype are arrays: the watch's best guess comes first."""
    if isinstance(value, tuple | list):
        return value[0] if value else None
    return value


def _set_row(msg: dict[str, Any], to_utc: Callable[[Any], dt.datetime | None]) -> dict[str, Any]:
    category = exercises.fit_category_name(_first(msg.get("category")))
    sub = exercises.fit_exercise_name(category, _first(msg.get("category_subtype")))
    if category is None:
        name = exercises.UNKNOWN
    else:
        name = exercises.display_name(sub or category)
    region = exercises.region_table().for_fit(category, name) if category else None
    return {
        "exercise": name,
        "region": region,
        "set_type": "warmup" if category == "warm_up" else "working",
        "reps": _num(msg.get("repetitions")),
        "weight_kg": _num(msg.get("weight")),
        "duration_s": _num(msg.get("duration")),
        "rpe": None,
        "start_time_utc": to_utc(msg.get("start_time")) or to_utc(msg.get("timestamp")),
    }


def _num(v: Any) -> float | None:
    if v is None or isinstance(v, str | tuple | list):
        return None
    v = float(v)
    return v if np.isfinite(v) else None


def attach_sets(
    activities: list[Activity],
    set_msgs: list[dict[str, Any]],
    app: str | None,
    to_utc: Callable[[Any], dt.datetime | None],
) -> None:
    """Give each strength activity (or, when a file has sets but no strength session, the
    activity the sets fall in) a StrengthSession holding its sets and rests."""
    targets = [i for i, a in enumerate(activities) if is_strength(a.activity)]
    if not targets and set_msgs:
        targets = list(range(len(activities)))
    if not targets:
        return
    starts = [activities[i].activity["start_time_utc"] for i in targets]
    sets: list[list[dict[str, Any]]] = [[] for _ in targets]
    rests: list[list[dict[str, Any]]] = [[] for _ in targets]
    for order, msg in enumerate(set_msgs):
        kind = str(msg.get("set_type") or "active")
        start = to_utc(msg.get("start_time")) or to_utc(msg.get("timestamp"))
        if start is None:
            k = min(order * len(targets) // max(len(set_msgs), 1), len(targets) - 1)
        else:
            k = max((j for j, s in enumerate(starts) if s <= start), default=0)
        if kind in ("rest", "0"):
            rests[k].append({"start_time_utc": start, "duration_s": _num(msg.get("duration"))})
        else:
            sets[k].append(_set_row(msg, to_utc))
    for k, i in enumerate(targets):
        act = activities[i].activity
        set_frame = pd.DataFrame(sets[k], columns=[c for c in SET_COLUMNS if c != "set_index"])
        set_frame.insert(0, "set_index", range(len(set_frame)))
        rest_frame = pd.DataFrame(rests[k], columns=[c for c in REST_COLUMNS if c != "rest_index"])
        rest_frame.insert(0, "rest_index", range(len(rest_frame)))
        activities[i].strength = StrengthSession(
            {
                "start_time_utc": act["start_time_utc"],
                "start_time_local": act["start_time_local"],
                "local_date": act["local_date"],
                "name": act.get("name"),
                "duration_s": act.get("moving_s") or act.get("elapsed_s"),
                "rpe": act.get("rpe"),
                "app": app or "watch",
            },
            set_frame if len(set_frame) else empty_frame(SET_COLUMNS),
            rest_frame if len(rest_frame) else empty_frame(REST_COLUMNS),
        )
