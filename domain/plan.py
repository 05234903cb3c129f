"""A planned session's row (docs/rules.md, planning ahead): its vocabulary and the one check of a
row, shared by the plan template's reader (ingest.planfile), the store's plan edits (store.plan)
and the Plan page; analysis.plan adds how each is said on screen.

A plan is never an activity: done training only comes from exports. Planned rows live in the
store's ``planned_sessions`` table and meet the history only in analysis.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

#: A run's type, done (analysis.runmix) or planned: the same words for both.
RUN_TYPES = ("easy", "long", "quality", "race")
KINDS = ("run", "strength")
FOCUSES = ("lower_heavy", "lower", "core", "upper", "full")
#: The plan template's header (ingest/templates/plan.csv).
TEMPLATE_COLUMNS = (
    "planned_date",
    "time",
    "kind",
    "run_type",
    "distance_km",
    "duration_min",
    "strength_focus",
    "rpe",
    "note",
)
#: The store's columns of a planned session, as check_row returns them.
COLUMNS = (
    "planned_date",
    "time_local",
    "kind",
    "run_type",
    "distance_m",
    "duration_s",
    "strength_focus",
    "rpe",
    "note",
)


class PlanRowError(ValueError):
    """A planned session that cannot be kept: the message names the field and what to do."""


def _blank(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def _word(v: Any) -> str | None:
    return None if _blank(v) else str(v).strip().lower().replace(" ", "_").replace("-", "_")


def _number(v: Any, field: str) -> float | None:
    if _blank(v):
        return None
    try:
        x = float(str(v).strip().replace(",", ".")) if isinstance(v, str) else float(v)
    except (TypeError, ValueError):
        raise PlanRowError(f"{field} {v!r} is not a number") from None
    if math.isnan(x) or x < 0:
        raise PlanRowError(f"{field} {v!r} is not a number of zero or more")
    return x


def _date(v: Any) -> dt.date:
    if _blank(v):
        raise PlanRowError("planned_date is missing (write it as YYYY-MM-DD)")
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if hasattr(v, "date") and callable(v.date):  # a pandas Timestamp
        return v.date()
    try:
        return dt.date.fromisoformat(str(v).strip()[:10])
    except ValueError:
        raise PlanRowError(
            f"planned_date {str(v).strip()!r} is not a date (write it as YYYY-MM-DD)"
        ) from None


def _time(v: Any) -> dt.time | None:
    if _blank(v):
        return None
    if isinstance(v, dt.time):
        return v.replace(second=0, microsecond=0)
    text = str(v).strip()
    for fmt in ("%H:%M", "%H:%M:%S", "%H.%M"):
        try:
            return dt.datetime.strptime(text, fmt).time()
        except ValueError:
            continue
    raise PlanRowError(f"time {text!r} is not a time of day (write it as HH:MM, or leave it empty)")


def check_row(row: dict[str, Any]) -> dict[str, Any]:
    """One planned session in the store's columns (SI units), or PlanRowError saying why not.

    ``row`` may use the template's names (distance_km, duration_min, time) or the store's
    (distance_m, duration_s, time_local). A run needs a distance or a duration; strength needs a
    focus. Fields of the other kind are dropped (a run has no focus, strength no run type)."""
    day = _date(row.get("planned_date"))
    time = _time(row.get("time_local", row.get("time")))
    kind = _word(row.get("kind"))
    if kind is None:
        raise PlanRowError(f"kind is missing: write one of {', '.join(KINDS)}")
    if kind not in KINDS:
        raise PlanRowError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if "distance_m" in row:
        distance_m = _number(row.get("distance_m"), "distance_m")
    else:
        km = _number(row.get("distance_km"), "distance_km")
        distance_m = None if km is None else km * 1000.0
    if "duration_s" in row:
        duration_s = _number(row.get("duration_s"), "duration_s")
    else:
        minutes = _number(row.get("duration_min"), "duration_min")
        duration_s = None if minutes is None else minutes * 60.0
    rpe = _number(row.get("rpe"), "rpe")
    if rpe is not None and rpe > 10:
        raise PlanRowError(f"rpe {rpe:g} is not on the 0-10 scale")
    run_type = focus = None
    if kind == "run":
        run_type = _word(row.get("run_type")) or "easy"
        if run_type not in RUN_TYPES:
            raise PlanRowError(f"run_type {run_type!r} is not one of {', '.join(RUN_TYPES)}")
        if not distance_m and not duration_s:
            raise PlanRowError("a planned run needs a distance (distance_km) or a duration (duration_min)")
    else:
        focus = _word(row.get("strength_focus"))
        if focus is None:
            raise PlanRowError(f"a strength session needs its strength_focus: one of {', '.join(FOCUSES)}")
        if focus not in FOCUSES:
            raise PlanRowError(f"strength_focus {focus!r} is not one of {', '.join(FOCUSES)}")
        distance_m = None
    note = None if _blank(row.get("note")) else str(row.get("note")).strip()
    return {
        "planned_date": day,
        "time_local": time,
        "kind": kind,
        "run_type": run_type,
        "distance_m": distance_m,
        "duration_s": duration_s,
        "strength_focus": focus,
        "rpe": rpe,
        "note": note,
    }


def same_session(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two checked rows that plan the same session (the note aside): a second copy is not added."""
    return all(a.get(c) == b.get(c) for c in COLUMNS if c != "note")
