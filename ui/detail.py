"""One session's detail on the Activities page: a run's streams, laps, load by each method and
spike; a strength session's sets."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from plotly.subplots import make_subplots

from analysis import units
from analysis.compute import Results
from analysis.metrics import help_text
from analysis.runview import run_streams
from analysis.settings import Settings
from ui import assumed, charts, data, fmt

METHODS = (("hrtss", "hrTSS"), ("rtss", "rTSS"), ("trimp", "TRIMP"), ("srpe", "session RPE"),
           ("time_min", "moving minutes"), ("distance_km", "km"))  # fmt: skip


def show(row: pd.Series, res: Results, s: Settings) -> None:
    u = s.units_distance
    title = fmt.md(row["name"]) or f"{row['kind'].capitalize()}"
    st.subheader(f"{title}: {fmt.day(row['local_date'])}" + (f", {row['start_time_local']:%H:%M}"
                                                              if pd.notna(row["start_time_local"]) else ""))  # fmt: skip
    st.caption(" · ".join(str(x) for x in (row["sport"], row["key_type"] and f"{row['key_type']} run") if x
                          and not pd.isna(x)))  # fmt: skip
    c = st.columns(5)
    c[0].metric("Distance", fmt.dist(row["distance_m"], u, 2) or "–")
    c[1].metric("Moving time", fmt.duration(row["moving_s"]) or "–")
    if row["kind"] == "run":
        c[2].metric("Pace", fmt.pace_of(row["distance_m"], row["moving_s"], u) or "–")
    c[3].metric("Avg HR", "–" if pd.isna(row["avg_hr"]) else f"{row['avg_hr']:.0f}")
    c[4].metric("Load", "–" if pd.isna(row["load"]) else f"{row['load']:.0f}",
                None if pd.isna(row["load_method"]) else str(row["load_method"]), delta_color="off",
                delta_arrow="off", help=help_text("load"))  # fmt: skip
    if pd.notna(row["activity_id"]):
        _streams(int(row["activity_id"]), u)
        if row["kind"] == "run":
            left, right = st.columns(2)
            with left:
                _laps(int(row["activity_id"]), u)
            with right:
                _loads(int(row["activity_id"]), res)
                _spike(row, u)
    if pd.notna(row["session_id"]) or row["kind"] == "strength":
        _sets(row, s)


def _streams(activity_id: int, u: str) -> None:
    streams = run_streams(data.records(activity_id))
    if streams.empty:
        st.caption("This file holds no record stream (a summary only).")
        return
    rows = [c for c in ("speed_mps", "heart_rate", "altitude_m", "cadence_spm") if streams[c].notna().any()]
    if not rows:
        return
    axis = st.segmented_control("Over", ["distance", "time"], default="distance", required=True,
                                key="detail_axis")  # fmt: skip
    if axis == "distance" and streams["distance_m"].notna().any():
        x, xlabel = units.distance(streams["distance_m"], u), units.distance_label(u)
    else:
        x, xlabel = streams["elapsed_s"] / 60, "minutes"
    fig = make_subplots(rows=len(rows), cols=1, shared_xaxes=True, vertical_spacing=0.04)
    colors = {"speed_mps": charts.RUN_TYPES["long"], "heart_rate": charts.ZERO, "altitude_m": "#7a8b99",
              "cadence_spm": charts.STRENGTH}  # fmt: skip
    for i, col in enumerate(rows, start=1):
        if col == "speed_mps":
            y = units.pace_s(streams[col], u) / 60.0
            name = f"pace (min/{u})"
        elif col == "altitude_m":
            y, name = units.elevation(streams[col], u), f"elevation ({units.elevation_label(u)})"
        else:
            y, name = streams[col], {"heart_rate": "heart rate (bpm)", "cadence_spm": "cadence (spm)"}[col]
        fig.add_scatter(x=x, y=y, name=name, line={"color": colors[col], "width": 1.5},
                        fill="tozeroy" if col == "altitude_m" else None, row=i, col=1)  # fmt: skip
        fig.update_yaxes(title_text=name, row=i, col=1)
        if col == "speed_mps":
            fig.update_yaxes(autorange="reversed", row=i, col=1)  # faster is higher
        if col == "altitude_m":
            lo, hi = float(pd.Series(y).min()), float(pd.Series(y).max())
            fig.update_yaxes(range=[lo - 5, hi + 5], row=i, col=1)
    charts.layout(fig, height=150 + 150 * len(rows), showlegend=False)
    fig.update_xaxes(title_text=xlabel, row=len(rows), col=1)
    charts.show(fig, key="streams")


def _laps(activity_id: int, u: str) -> None:
    laps = data.frames().laps
    lp = laps[laps["activity_id"] == activity_id]
    st.markdown("**Laps**")
    if lp.empty:
        st.caption("No laps in this file.")
        return
    table = pd.DataFrame({
        "lap": lp["lap_index"] + 1,
        f"distance ({units.distance_label(u)})": units.distance(lp["distance_m"], u).round(2),
        "time": lp["moving_s"].fillna(lp["elapsed_s"]).map(fmt.duration),
        "pace": [fmt.pace(v, u) for v in lp["avg_speed_mps"].fillna(lp["distance_m"] / lp["moving_s"].fillna(lp["elapsed_s"]))],
        "avg HR": lp["avg_hr"].round(0),
        "intensity": lp["intensity"],
    })  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch")


def _loads(activity_id: int, res: Results) -> None:
    r = res.loads[res.loads["activity_id"] == activity_id]
    st.markdown("**Load by each method**", help=help_text("load"))
    if r.empty:
        return
    r = r.iloc[0]
    ids = {"hrtss": "hrtss", "rtss": "rtss", "trimp": "trimp", "srpe": "srpe", "time_min": "time",
           "distance_km": "distance"}  # fmt: skip
    table = pd.DataFrame({
        "method": [label for _, label in METHODS],
        "value": [r[c] for c, _ in METHODS],
        "drives the charts": ["yes" if r["load_method"] == ids[c] else "" for c, _ in METHODS],
        "basis": [r["trimp_basis"] if c in ("hrtss", "trimp") else (r["rtss_basis"] if c == "rtss" else "")
                  for c, _ in METHODS],
    })  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"value": st.column_config.NumberColumn(format="%.1f")})  # fmt: skip
    st.caption(
        "Empty: this run lacks what the method needs (no heart rate: no TRIMP; no threshold pace: no rTSS)."
    )
    assumed.note(res, ("trimp", "hrtss", "rtss"))


def _spike(row: pd.Series, u: str) -> None:
    if pd.isna(row["spike_category"]):
        return
    ratio = row["spike_ratio"]
    text = (f"no run in the 30 days before: **{row['spike_category']}**" if pd.isna(ratio)
            else f"**{ratio:.2f} x** the longest run of the 30 days before: **{row['spike_category']}**")  # fmt: skip
    st.markdown("**Spike:** " + text, help=help_text("spike_ratio"))


def _sets(row: pd.Series, s: Settings) -> None:
    st.markdown("**Sets**")
    sid = row["session_id"]
    sets = data.frames().strength_sets
    one = sets[sets["session_id"] == sid] if pd.notna(sid) else sets.iloc[0:0]
    if one.empty:
        st.caption(
            "No sets recorded: a watch session counts as a strength session when it lasts 10 minutes or more."
        )
        return
    w = s.units_weight
    table = pd.DataFrame({
        "set": one["set_index"] + 1,
        "exercise": one["exercise"],
        "region": one["region"],
        "type": one["set_type"],
        "reps": one["reps"],
        f"weight ({units.weight_label(w)})": units.weight(one["weight_kg"], w).round(1),
        "time": one["duration_s"].map(fmt.duration),
        "RPE": one["rpe"],
    })  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch")
