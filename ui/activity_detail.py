"""The body of the Activities page (pages/activities.py) below its table: one session's detail,
the cards that apply to its kind, the runner's session RPE and note, a run's streams, route,
laps, load by each method and spike, a strength session's sets and heart rate."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from analysis import (
    NOT_ENOUGH_HISTORY,
    SPIKE_NAMES,
    Results,
    Settings,
    caption,
    help_text,
    laps_table,
    loads_table,
    method_label,
    missing_loads,
    pace_label,
    pace_ticks,
    route,
    route_aspect,
    run_streams,
    sets_table,
    stream_avg_hr,
    units,
)
from store import edits
from ui import assumed, charts, data, fmt, palette

MISSING = "–"
STREAM_NAMES = {"heart_rate": "heart rate (bpm)", "cadence_spm": "cadence (spm)"}


def show(row: pd.Series, res: Results, s: Settings) -> None:
    u = s.units_distance
    kind = row["kind"]
    aid = int(row["activity_id"]) if pd.notna(row["activity_id"]) else None
    records = data.records(aid) if aid is not None else pd.DataFrame()
    title = fmt.md(row["name"]) or str(kind).capitalize()
    start = f", {row['start_time_local']:%H:%M}" if pd.notna(row["start_time_local"]) else ""
    st.subheader(f"{title}: {fmt.day(row['local_date'])}{start}")
    if text := caption(row):
        st.caption(fmt.md(text))
    _cards(row, records, u)
    _note_editor(row)
    if kind == "strength":
        _sets(row, s)
        if aid is not None:
            _streams(records, u, ("heart_rate",), over_distance=False)
        return
    if aid is None:
        return
    # Pace is a runner's measure: a ride or a swim shows heart rate, elevation and cadence.
    wanted = ("speed_mps",) if kind == "run" else ()
    _streams(records, u, (*wanted, "heart_rate", "altitude_m", "cadence_spm"), over_distance=True)
    _route(records)
    if kind == "run":
        left, right = st.columns(2)
        with left:
            _laps(aid, u)
        with right:
            _loads(aid, res, s, records)
            _spike(row, s.spike_lookback_days)


def _cards(row: pd.Series, records: pd.DataFrame, u: str) -> None:
    """Run: distance, time, pace, HR, load. Strength: duration, HR, working sets, load. Other: the
    distance only when it has one. Avg HR from the record stream when the session gave none."""
    hr, hr_help = row["avg_hr"], None
    if pd.isna(hr):
        hr = stream_avg_hr(records)
        hr_help = "The mean of the heart-rate stream (the file's summary gave no average)."
    cards: list[tuple[str, str, str | None]] = []
    if row["kind"] == "strength":
        cards.append(("Duration", fmt.duration(row["moving_s"]), None))
    else:
        if pd.notna(row["distance_m"]):
            cards.append(("Distance", fmt.dist(row["distance_m"], u, 2), None))
        cards.append(("Moving time", fmt.duration(row["moving_s"]), None))
    if row["kind"] == "run":
        cards.append(("Pace", fmt.pace_of(row["distance_m"], row["moving_s"], u), None))
    no_hr = hr is None or pd.isna(hr)
    if not (no_hr and row["kind"] == "strength"):  # a strength log without a watch has no HR to miss
        cards.append(("Avg HR", "" if no_hr else f"{hr:.0f} bpm", hr_help))
    if row["kind"] == "strength":
        sets = row["working_sets"]
        cards.append(("Working sets", "" if pd.isna(sets) else f"{sets:.0f}", "Warm-ups and rests left out."))
    columns = st.columns(len(cards) + 1)
    for col, (label, value, help_) in zip(columns, cards, strict=False):
        col.metric(label, value or MISSING, help=help_)
    load = row["load"]
    load_help = help_text("load")
    if pd.isna(load):
        load_help = "No load: enter a session RPE under Session RPE and note. " + load_help
    columns[-1].metric(
        "Load",
        MISSING if pd.isna(load) else f"{load:.0f}",
        method_label(row["load_method"]) or None,
        delta_color="off",
        delta_arrow="off",
        help=load_help,
    )


def _current_note(row: pd.Series) -> tuple[float | None, str]:
    f = data.frames()
    if pd.notna(row["activity_id"]):
        one = f.activities[f.activities["activity_id"] == row["activity_id"]]
    else:
        one = f.strength_sessions[f.strength_sessions["session_id"] == row["session_id"]]
    if one.empty:
        return None, ""
    rpe = one["rpe"].iloc[0]
    note = one["note"].iloc[0] if "note" in one else None
    return (None if pd.isna(rpe) else float(rpe)), ("" if fmt.missing(note) or note is None else str(note))


def _note_editor(row: pd.Series) -> None:
    """The runner's session RPE (0-10) and a note, saved in the store: the RPE fills the session
    RPE load (RPE x moving minutes), and a re-import or a rebuild keeps both."""
    rpe, note = _current_note(row)
    key = f"a{row['activity_id']}" if pd.notna(row["activity_id"]) else f"s{row['session_id']}"
    label = (
        "Session RPE and note" + (f": RPE {rpe:g}" if rpe is not None else "") + (" · note" if note else "")
    )
    with st.expander(label, expanded=False), st.form(f"note_form_{key}", border=False):
        c1, c2 = st.columns([1, 3])
        new_rpe = c1.number_input(
            "Session RPE (0-10)",
            min_value=0.0,
            max_value=10.0,
            step=0.5,
            value=rpe,
            placeholder="not given",
            key=f"rpe_{key}",
            help=help_text("srpe"),
        )
        new_note = c2.text_area("Note", value=note, key=f"note_{key}", height=68, max_chars=2000)
        if st.form_submit_button("Save", key=f"save_{key}"):
            aid = int(row["activity_id"]) if pd.notna(row["activity_id"]) else None
            sid = int(row["session_id"]) if pd.notna(row["session_id"]) and aid is None else None
            data.write(edits.save_session_note, new_rpe, new_note, activity_id=aid, session_id=sid)
            said = "session RPE " + (f"{new_rpe:g}" if new_rpe is not None else "cleared")
            st.toast(f"Saved: {said}" + (", note" if (new_note or "").strip() else ", no note") + ".")
            st.rerun()
    if note:
        st.caption("Note: " + fmt.md(note))


def _streams(records: pd.DataFrame, u: str, wanted: tuple[str, ...], over_distance: bool) -> None:
    streams = run_streams(records)
    if streams.empty:
        st.caption("This file holds no record stream (a summary only).")
        return
    rows = [c for c in wanted if streams[c].notna().any()]
    if not rows:
        return
    axis = "time"
    if over_distance and streams["distance_m"].notna().any():
        axis = st.segmented_control(
            "Over", ["distance", "time"], default="distance", required=True, key="detail_axis"
        )
    if axis == "distance":
        x, xlabel = units.distance(streams["distance_m"], u), units.distance_label(u)
    else:
        x, xlabel = streams["elapsed_s"] / 60, "minutes"
    fig = make_subplots(rows=len(rows), cols=1, shared_xaxes=True, vertical_spacing=0.04)
    colors = {
        "speed_mps": palette.PACE.hex,
        "heart_rate": palette.HEART_RATE.hex,
        "altitude_m": palette.ELEVATION.hex,
        "cadence_spm": palette.CADENCE.hex,
    }
    for i, col in enumerate(rows, start=1):
        line = {"color": colors[col], "width": 1.5}
        if col == "speed_mps":
            y = pd.Series(units.pace_s(streams[col], u))
            name = f"pace (min/{u})"
            fig.add_scatter(
                x=x,
                y=y,
                name=name,
                line=line,
                row=i,
                col=1,
                customdata=[pace_label(v) for v in y],
                hovertemplate=f"%{{customdata}} /{u}<extra></extra>",
            )
            values, labels = pace_ticks(y)
            # Faster is higher; ticks in min:ss as a watch shows pace.
            fig.update_yaxes(autorange="reversed", tickvals=values, ticktext=labels, row=i, col=1)
        elif col == "altitude_m":
            y, name = units.elevation(streams[col], u), f"elevation ({units.elevation_label(u)})"
            unit = units.elevation_label(u)
            fig.add_scatter(
                x=x,
                y=y,
                name=name,
                line=line,
                fill="tozeroy",
                row=i,
                col=1,
                hovertemplate=f"%{{y:.0f}} {unit}<extra></extra>",
            )
            lo, hi = float(pd.Series(y).min()), float(pd.Series(y).max())
            fig.update_yaxes(range=[lo - 5, hi + 5], row=i, col=1)
        else:
            y, name = streams[col], STREAM_NAMES[col]
            unit = name.split("(")[1].rstrip(")")
            fig.add_scatter(
                x=x,
                y=y,
                name=name,
                line=line,
                row=i,
                col=1,
                hovertemplate=f"%{{y:.0f}} {unit}<extra></extra>",
            )
        fig.update_yaxes(title_text=name, row=i, col=1)
    charts.layout(fig, height=150 + 150 * len(rows), showlegend=False)
    fig.update_xaxes(title_text=xlabel, row=len(rows), col=1)
    charts.show(fig, key="streams")


def _route(records: pd.DataFrame) -> None:
    """The GPS track drawn from latitude and longitude, one degree of latitude as long on screen
    as it is on the ground (no map tiles: nothing leaves the machine)."""
    track = route(records)
    if track.empty:
        return
    st.markdown("**Route**")
    fig = charts.layout(go.Figure(), height=420, hovermode=False, margin={"t": 36, "b": 8, "l": 8, "r": 8})
    fig.add_scatter(
        x=track["lon_deg"],
        y=track["lat_deg"],
        mode="lines",
        name="route",
        line={"color": palette.ROUTE.hex, "width": 2.5},
    )
    # Start and finish named in the legend, not beside the points: on a loop they coincide.
    for i, name, color in ((0, "start", palette.ROUTE_START.hex), (-1, "finish", charts.INK)):
        end = track.iloc[[i]]
        fig.add_scatter(
            x=end["lon_deg"], y=end["lat_deg"], mode="markers", name=name, marker={"size": 10, "color": color}
        )
    fig.update_xaxes(visible=False)
    # Equal aspect: a degree of longitude is cos(latitude) of a degree of latitude.
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / route_aspect(track))
    charts.show(fig, key="route")


def _laps(activity_id: int, u: str) -> None:
    laps = data.frames().laps
    lp = laps[laps["activity_id"] == activity_id]
    st.markdown("**Laps**")
    if lp.empty:
        st.caption("No laps in this file.")
        return
    table = laps_table(lp, u)
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        placeholder=MISSING,
        column_config={
            f"distance ({units.distance_label(u)})": st.column_config.NumberColumn(format="%.2f"),
            "avg HR": st.column_config.NumberColumn(format="%.0f"),
        },
    )


def _loads(activity_id: int, res: Results, s: Settings, records: pd.DataFrame) -> None:
    one = res.loads[res.loads["activity_id"] == activity_id]
    st.markdown("**Load by each method**", help=help_text("load"))
    if one.empty:
        return
    r = one.iloc[0]
    st.dataframe(
        loads_table(r, s.units_distance),
        hide_index=True,
        width="stretch",
        placeholder=MISSING,
        column_config={"value": st.column_config.NumberColumn(format="%.1f")},
    )
    has_hr = pd.notna(r["avg_hr"]) or stream_avg_hr(records) is not None
    if why := missing_loads(r, has_hr, s.threshold_speed_mps is not None):
        st.caption("Empty: " + "; ".join(why) + ".")
    assumed.note(res, ("trimp", "hrtss", "rtss"), loads=one)  # this activity's loads only


def _spike(row: pd.Series, days: int) -> None:
    if pd.isna(row["spike_category"]):
        return
    ratio = row["spike_ratio"]
    name = SPIKE_NAMES.get(row["spike_category"], row["spike_category"])
    if row["spike_category"] == NOT_ENOUGH_HISTORY:
        text = (
            f"**not enough history**: your log begins less than {days} days before this run, so the "
            f"longest run of the {days} days before it is not known (not flagged)"
        )
    elif pd.isna(ratio):
        text = f"no run in the {days} days before: **{name}**"
    else:
        text = f"**{ratio:.2f} x** the longest run of the {days} days before: **{name}**"
    st.markdown("**Spike:** " + text, help=help_text("spike_ratio"))


def _sets(row: pd.Series, s: Settings) -> None:
    st.markdown("**Sets**")
    sid = row["session_id"]
    sets = data.frames().strength_sets
    one = sets[sets["session_id"] == sid] if pd.notna(sid) else sets.iloc[0:0]
    if one.empty:
        minutes = s.strength_min_session_s / 60
        st.caption(
            f"No sets recorded: a watch session counts as a strength session when it lasts {minutes:g} minutes or more."
        )
        return
    st.dataframe(
        sets_table(one, s.units_weight),
        hide_index=True,
        width="stretch",
        placeholder=MISSING,
        column_config={"reps": st.column_config.NumberColumn(format="%.0f")},
    )
