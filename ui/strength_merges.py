"""The Import page's list of strength workouts joined from the watch and an app, with the undo.

A watch strength session and the same workout logged in Hevy, Strong or FitNotes are one session
(ingest.strength_merge). The runner sees each pair, what came from which file, and can keep a
pair apart: it becomes two sessions again, and neither a re-import nor a rebuild joins it.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from ingest import CSV_FORMATS
from store import Connection, read, strength_join
from ui import fmt

_APP_LABELS = {
    "template": "the strength template",
    **{f.id.removesuffix("_csv"): f.label for f in CSV_FORMATS},
}
COLUMNS = ["date", "workout", "watch file", "app file", "from the watch", "from the app"]
_DONE = "strength_merge_split"


def app_label(app: object) -> str:
    """'Hevy', 'Strong', 'FitNotes'; a watch's maker as 'Garmin watch'."""
    if fmt.missing(app) or not str(app):
        return "the app"
    return _APP_LABELS.get(str(app), str(app).capitalize())


def watch_label(maker: object) -> str:
    if fmt.missing(maker) or str(maker) in ("", "watch"):
        return "the watch"
    return f"{str(maker).capitalize()} watch"


def _base(name: object) -> str:
    """A file's own name, without the folder it was imported from (the table stays readable)."""
    return "" if fmt.missing(name) else re.split(r"[/\\]", str(name))[-1]


def _from_watch(row: pd.Series) -> str:
    parts = [
        f"duration {fmt.duration(row['watch_duration_s'])}"
        if not fmt.missing(row["watch_duration_s"])
        else "its times"
    ]
    if not fmt.missing(row["watch_avg_hr"]):
        parts.append(f"heart rate (average {row['watch_avg_hr']:.0f} bpm)")
    if not fmt.missing(row["watch_calories_kcal"]):
        parts.append(f"{row['watch_calories_kcal']:.0f} kcal")
    return ", ".join(parts)


def _from_app(row: pd.Series) -> str:
    text = f"{fmt.plural(int(row['app_sets']), 'set')}, the workout's name and RPE"
    if int(row["watch_sets"]):
        text += f" (the watch's {fmt.plural(int(row['watch_sets']), 'set')} set aside)"
    return text


def join_table(joins: pd.DataFrame) -> pd.DataFrame:
    """One row per joined workout: the day, the two files, and what came from each."""
    rows = [
        {
            "date": fmt.day(r["local_date"]),
            "workout": "" if fmt.missing(r["name"]) else str(r["name"]),
            "watch file": f"{_base(r['watch_file'])} ({watch_label(r['watch_app'])})",
            "app file": f"{_base(r['app_file'])} ({app_label(r['app'])})",
            "from the watch": _from_watch(r),
            "from the app": _from_app(r),
        }
        for _, r in joins.iterrows()
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def _choice(row: pd.Series) -> str:
    """'Tue 04 Mar 2025 18:00 Leg day: Garmin watch and Hevy' (the start tells two of a day apart)."""
    at = "" if pd.isna(row["start_time_local"]) else f" {pd.Timestamp(row['start_time_local']):%H:%M}"
    name = "" if fmt.missing(row["name"]) else f" {row['name']}"
    return (
        f"{fmt.day(row['local_date'])}{at}{name}: {watch_label(row['watch_app'])} and {app_label(row['app'])}"
    )


def _split(con: Connection, athlete: int, app_session_id: int | None, label: str) -> None:
    if app_session_id is not None and strength_join.split(con, athlete, int(app_session_id)):
        st.session_state[_DONE] = label


def strength_merges(con: Connection, athlete: int) -> None:
    """The athlete's joined strength workouts, in an expander, with a way to keep one pair apart."""
    done = st.session_state.pop(_DONE, None)
    if done:
        st.success(f"Kept apart: {done}. They are two sessions again, and stay two after a re-import.")
    joins = read.strength_joins(con, athlete)
    if not len(joins):
        return
    title = (
        f"Strength workouts joined ({len(joins)}): the watch's session and the same workout logged in an app"
    )
    # Open while a pair is picked: the rerun the pick starts must not fold the button away.
    with st.expander(title, expanded=st.session_state.get("strength_merge_pick") is not None):
        st.caption(
            "Each pair counts as one session: the sets, the workout's name and its RPE come from the app; "
            "the heart rate, duration and calories from the watch. If a pair were two different workouts, "
            "keep them apart."
        )
        st.dataframe(join_table(joins), hide_index=True, width="stretch")
        ids = {_choice(r): int(r["app_session_id"]) for _, r in joins.iterrows()}
        pick = st.selectbox(
            "Two different workouts?",
            list(ids),
            index=None,
            placeholder="Choose a joined workout",
            key="strength_merge_pick",
        )
        st.button(
            "Keep them apart",
            disabled=pick is None,
            key="strength_merge_undo",
            on_click=_split,
            args=(con, athlete, ids.get(pick) if pick else None, pick or ""),
        )
