"""The Plan page's week, day by day: what was done and what is planned, in words, and last week's
pattern as planned sessions ("repeat last week's pattern")."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis import units
from analysis._frames import DAY, as_day, num, to_ts, week_start_of
from analysis.plan import FOCUS_LABELS, RUN_TYPE_LABELS
from analysis.runmix import run_type

GRID_COLUMNS = ["date", "kind", "done", "plan_id", "text"]


def _clock(t) -> str:
    if t is None or (not isinstance(t, dt.time) and pd.isna(t)):
        return ""
    return f"{t:%H:%M} "


def _minutes(seconds) -> str:
    return "" if seconds is None or pd.isna(seconds) or seconds <= 0 else f", {seconds / 60:.0f} min"


def planned_text(row, unit: str) -> str:
    """'07:00 quality run, 10.0 km', '18:00 heavy lower body, 40 min' (a planned session)."""
    if row["kind"] == "run":
        what = RUN_TYPE_LABELS[row["run_type"] or "easy"]
        dist = row.get("distance_m")
        size = f", {units.distance(dist, unit):.1f} {unit}" if dist is not None and pd.notna(dist) else ""
        size = size or _minutes(row.get("duration_s"))
    else:
        what = FOCUS_LABELS[row["strength_focus"]]
        size = _minutes(row.get("duration_s"))
    return f"{_clock(row.get('time_local'))}{what}{size}"


def week_grid(
    week_start: dt.date,
    planned: pd.DataFrame,
    runs: pd.DataFrame,
    strength: pd.DataFrame,
    today: dt.date,
    unit: str = "km",
) -> pd.DataFrame:
    """Every done run and counted strength session (up to today) and every planned session of the
    7 days from ``week_start``, by day and time (GRID_COLUMNS; ``text`` in words)."""
    start, t = to_ts(week_start), to_ts(today)
    end = start + 6 * DAY
    rows: list[tuple] = []
    if len(runs):
        r = runs[as_day(runs["local_date"]).between(start, min(end, t))]
        kinds = run_type(r)
        for (_, x), kind in zip(r.iterrows(), kinds, strict=True):
            local = pd.Timestamp(x["start_time_local"]) if pd.notna(x.get("start_time_local")) else None
            dist = x.get("distance_m")
            size = f", {units.distance(dist, unit):.1f} {unit}" if pd.notna(dist) and dist else ""
            rows.append(
                (
                    as_day(pd.Series([x["local_date"]]))[0],
                    local,
                    "run",
                    True,
                    None,
                    f"{_clock(local.time() if local is not None else None)}{RUN_TYPE_LABELS[kind]}{size}",
                )
            )
    if len(strength):
        st = strength[strength["counted"].astype(bool)]
        st = st[as_day(st["local_date"]).between(start, min(end, t))]
        for _, x in st.iterrows():
            local = pd.Timestamp(x["start_time_local"]) if pd.notna(x.get("start_time_local")) else None
            if local is not None and local == local.normalize():
                local = None  # a bare date: no time of day
            what = "strength (heavy lower body)" if x["heavy_lower"] else "strength"
            rows.append(
                (
                    as_day(pd.Series([x["local_date"]]))[0],
                    local,
                    "strength",
                    True,
                    None,
                    f"{_clock(local.time() if local is not None else None)}{what}{_minutes(x.get('duration_s'))}",
                )
            )
    if len(planned):
        p = planned[as_day(planned["planned_date"]).between(start, end)]
        for _, x in p.iterrows():
            day = as_day(pd.Series([x["planned_date"]]))[0]
            tl = x.get("time_local")
            local = pd.Timestamp(dt.datetime.combine(day.date(), tl)) if isinstance(tl, dt.time) else None
            rows.append((day, local, x["kind"], False, int(x["plan_id"]), planned_text(x, unit)))
    frame = pd.DataFrame(rows, columns=["date", "_t", "kind", "done", "plan_id", "text"])
    frame["_t"] = pd.to_datetime(frame["_t"])
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame = frame.sort_values(["date", "done", "_t"], ascending=[True, False, True], na_position="last")
    return frame[GRID_COLUMNS].reset_index(drop=True)


def _focus_of(row) -> str:
    """The plan's focus word for a done strength session."""
    if row["heavy_lower"]:
        return "lower_heavy"
    lower, core, upper = (
        num(pd.DataFrame([row]), c).iloc[0] for c in ("lower_sets", "core_sets", "upper_sets")
    )
    if row["upper_core_only"]:
        return "upper" if (upper or 0) >= (core or 0) else "core"
    if (lower or 0) > 0 and not (upper or 0):
        return "lower"
    return "full"


def pattern_from_done(
    from_start: dt.date, to_start: dt.date, runs: pd.DataFrame, strength: pd.DataFrame
) -> list[dict]:
    """The done runs and counted strength sessions of the week from ``from_start`` as planned
    sessions on the same weekdays of the week from ``to_start`` (rows for store.plan.add_planned):
    a runner who never planned repeats what they did."""
    start, shift = to_ts(from_start), to_ts(to_start) - to_ts(from_start)
    end = start + 6 * DAY
    out = []
    if len(runs):
        r = runs[as_day(runs["local_date"]).between(start, end)]
        for (_, x), kind in zip(r.iterrows(), run_type(r), strict=True):
            local = x.get("start_time_local")
            dist, dur = x.get("distance_m"), x.get("moving_s")
            out.append(
                {
                    "planned_date": (as_day(pd.Series([x["local_date"]]))[0] + shift).date(),
                    "time": f"{pd.Timestamp(local):%H:%M}" if pd.notna(local) else None,
                    "kind": "run",
                    "run_type": kind,
                    "distance_m": float(dist) if pd.notna(dist) and dist > 0 else None,
                    "duration_s": float(dur) if pd.notna(dur) and dur > 0 else None,
                }
            )
    if len(strength):
        st = strength[strength["counted"].astype(bool)]
        st = st[as_day(st["local_date"]).between(start, end)]
        for _, x in st.iterrows():
            local = x.get("start_time_local")
            timed = pd.notna(local) and pd.Timestamp(local) != pd.Timestamp(local).normalize()
            dur = x.get("duration_s")
            out.append(
                {
                    "planned_date": (as_day(pd.Series([x["local_date"]]))[0] + shift).date(),
                    "time": f"{pd.Timestamp(local):%H:%M}" if timed else None,
                    "kind": "strength",
                    "strength_focus": _focus_of(x),
                    "duration_s": float(dur) if pd.notna(dur) and dur > 0 else None,
                }
            )
    return out


def coming_week(today: dt.date, week_start: int = 0) -> dt.date:
    """The week a runner plans next: the one holding tomorrow."""
    tomorrow = to_ts(today) + DAY
    return week_start_of(pd.Series([tomorrow]), week_start).iloc[0].date()
