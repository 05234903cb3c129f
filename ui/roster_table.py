"""The roster as a table: one row per athlete (analysis.roster rows, in attention order), each value
in words where the log cannot give a number, and two 12-week sparklines.

Distances are shown in one unit for every athlete (the page says which): a coach compares rows.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from analysis import SPIKE_NAMES, help_text, roster, units
from ui import fmt

#: How each warning level reads in the table (analysis.alerts.LEVELS).
LEVEL_WORDS = {"warning": "warning", "info": "note"}
NO_RUN_LOGGED = "no run logged"
NO_STRENGTH_LOGGED = "no strength logged"
NO_DATA = "no data"

ATHLETE = "athlete"
PHASE = "phase and race"
WEEK = "running this week"
MEAN = "weeks before"
SPIKE = "latest spike"
STRENGTH = "strength this week"
VERDICT = "build-up verdict"
WARNINGS = "open warnings"
MOST_SERIOUS = "most serious"
LATEST = "latest data"
SPARK_DISTANCE = "distance, 12 weeks"
SPARK_STRENGTH = "strength, 12 weeks"


def _day(d: dt.date | None) -> str:
    return "" if d is None else f"{d:%d %b %Y}"


def phase_text(row: dict[str, Any]) -> str:
    """'build-up for Hamburg Marathon (19 Apr 2026)', 'base; next race 5k (02 May 2027)', 'no data'."""
    phase = row.get("phase")
    if phase is None:
        return NO_DATA
    race = row.get("race") or "a race"
    when = _day(row.get("race_day"))
    if phase in ("build-up", "taper"):
        return f"{phase} for {race} ({when})"
    if row.get("race_day") is not None:
        return f"{phase}; next race {race} ({when})"
    return phase


def week_text(row: dict[str, Any], u: str) -> str:
    """This week's running so far, and its change on the mean of the weeks before."""
    m = row.get("week_distance_m")
    if m is None:
        return NO_RUN_LOGGED
    if not m > 0:  # a week just begun: no -100 % beside it
        return "no run yet"
    change = row.get("distance_change")
    return fmt.dist(m, u) if change is None else f"{fmt.dist(m, u)} ({change:+.0%})"


def mean_text(row: dict[str, Any], u: str) -> str:
    """'31.2 km, 4-week mean'; with fewer weeks of log, over those; none before the log's first week."""
    n = row.get("mean_weeks") or 0
    m = row.get("mean_distance_m")
    if row.get("week_distance_m") is None:
        return NO_RUN_LOGGED
    if not n or m is None:
        return "first week of the log"
    value = fmt.dist(m, u) if m > 0 else "no run"
    return f"{value}, {n}-week mean"


def spike_text(row: dict[str, Any]) -> str:
    if row.get("week_distance_m") is None:
        return NO_RUN_LOGGED
    category = row.get("spike_category")
    if category is None:
        return "none"
    return f"{SPIKE_NAMES[category]}, {_day(row.get('spike_date'))}"


def strength_text(row: dict[str, Any]) -> str:
    """'1 of 2-3 (base)', 'no strength logged'."""
    n = row.get("strength_sessions")
    if n is None:
        return NO_STRENGTH_LOGGED
    lo, hi = row.get("strength_target_min"), row.get("strength_target_max")
    if lo is None:
        return str(n)
    target = f"{lo}" if hi is None or hi == lo else f"{lo}-{hi}"
    phase = f" ({row['phase']})" if row.get("phase") else ""
    return f"{n} of {target}{phase}"


def verdict_text(row: dict[str, Any]) -> str:
    verdict = row.get("verdict")
    if verdict is None:
        return "not in a build-up"
    so_far = " so far" if row.get("verdict_in_progress") else ""
    race = f" ({row['verdict_race']})" if row.get("verdict_race") else ""
    return f"{verdict}{so_far}{race}"


def warnings_text(row: dict[str, Any]) -> str:
    parts = [fmt.plural(int(row.get(f"open_{lvl}") or 0), w) for lvl, w in LEVEL_WORDS.items()]
    parts = [p for p in parts if not p.startswith("0 ")]
    return ", ".join(parts) if parts else "none"


def latest_text(row: dict[str, Any], live: bool = True) -> str:
    """How long before the roster's date the athlete's latest data is: 'today', '3 days ago' when
    the roster is as of today (``live``); else 'on the day', '3 days before' (the date above)."""
    days = row.get("days_since_data")
    if days is None:
        return NO_DATA
    if live:
        ago = "today" if days == 0 else f"{fmt.plural(days, 'day')} ago"
    else:
        ago = "on the day" if days == 0 else f"{fmt.plural(days, 'day')} before"
    return f"{ago} ({_day(row.get('last_data'))})"


def _spark(values: list, scale) -> list[float] | None:
    """A sparkline's values; None (a blank cell) when the log holds none of that kind. Weeks before
    the log's first week are left out at the front (the line starts where the log does)."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    first = next(i for i, v in enumerate(values) if v is not None)
    return [float(scale(v)) for v in values[first:]]


def table(rows: list[dict[str, Any]], u: str, live: bool = True) -> pd.DataFrame:
    """The rows (each with 'name') as the table's text, in the order given; ``live``: the roster
    is as of today (latest_text)."""
    out = []
    for r in rows:
        out.append(
            {
                ATHLETE: str(r["name"]),
                WARNINGS: warnings_text(r),
                LATEST: latest_text(r, live),
                PHASE: phase_text(r),
                WEEK: week_text(r, u),
                MEAN: mean_text(r, u),
                SPARK_DISTANCE: _spark(r["spark_distance_m"], lambda m: units.distance(m, u)),
                SPIKE: spike_text(r),
                STRENGTH: strength_text(r),
                SPARK_STRENGTH: _spark(r["spark_strength"], float),
                VERDICT: verdict_text(r),
                MOST_SERIOUS: r.get("first_warning") or "",
            }
        )
    # What needs a look first, then this week against the weeks before beside their sparklines.
    columns = [
        ATHLETE,
        WARNINGS,
        LATEST,
        WEEK,
        SPARK_DISTANCE,
        STRENGTH,
        SPARK_STRENGTH,
        PHASE,
        VERDICT,
        SPIKE,
        MEAN,
        MOST_SERIOUS,
    ]
    return pd.DataFrame(out, columns=columns)


def show(rows: list[dict[str, Any]], u: str, key: str, live: bool = True) -> int | None:
    """Draw the table; the index (in ``rows``) of the row the coach clicked, or None."""
    label = units.distance_label(u)
    frame = table(rows, u, live)
    top = max((v for x in frame[SPARK_DISTANCE] if x for v in x), default=0.0)
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        placeholder="",
        column_config={
            ATHLETE: st.column_config.TextColumn(pinned=True, width=110),
            WARNINGS: st.column_config.TextColumn(
                help="Rule breaks, spikes and flags of the last two weeks, as on each athlete's Overview.",
                width=130,
            ),
            LATEST: st.column_config.TextColumn(
                help="The latest day with an activity or a strength session, up to the date above.", width=215
            ),
            PHASE: st.column_config.TextColumn(help=help_text("buildup"), width=180),
            WEEK: st.column_config.TextColumn(
                help="Running distance from the week's first day up to the date above, and its change on "
                "the mean of the weeks before.",
                width=130,
            ),
            MEAN: st.column_config.TextColumn(width=140),
            SPARK_DISTANCE: st.column_config.BarChartColumn(
                help=f"Running distance per week ({label}), the last {roster.SPARK_WEEKS} weeks, this week last.",
                y_min=0.0,
                y_max=float(top) or None,
                width=100,
            ),
            SPIKE: st.column_config.TextColumn(help=help_text("spike_ratio"), width=160),
            STRENGTH: st.column_config.TextColumn(help=help_text("strength_sessions"), width=120),
            SPARK_STRENGTH: st.column_config.BarChartColumn(
                help=f"Strength sessions per week, the last {roster.SPARK_WEEKS} weeks, this week last.",
                y_min=0.0,
                width=100,
            ),
            VERDICT: st.column_config.TextColumn(help=help_text("buildup_verdict"), width=180),
            MOST_SERIOUS: st.column_config.TextColumn(width=320),
        },
    )
    picked = event.selection.rows if event is not None and hasattr(event, "selection") else []
    picked = [i for i in picked if 0 <= i < len(rows)]
    return picked[0] if picked else None


def progress_in(slot: Any, after_s: float = 0.3) -> Callable[[int, int], None]:
    """A progress callback for data.roster_rows, drawing a bar into ``slot`` once the work has taken
    over ``after_s`` seconds: rows read back from what was kept take hundredths, and no bar flashes."""
    started = time.perf_counter()

    def tell(done: int, total: int) -> None:
        if done < total and time.perf_counter() - started > after_s:
            slot.progress(done / total, text=f"Reading each athlete's log: {done} of {total} athletes")

    return tell


def open_athlete(athlete_id: int, overview: str = "pages/overview.py") -> None:
    """Choose the athlete and open their Overview (the sidebar follows the choice: ui.data.athlete)."""
    st.session_state["athlete_id"] = int(athlete_id)
    st.switch_page(overview)
