"""Weekly load: running distance and time per calendar week."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from analysis import units
from ui import data, filters

st.title("Weekly load")
span = filters.date_range()
if span is None:
    st.info("No runs yet: import your watch files on the Upload page or with `python -m ingest PATH`.")
    st.stop()

s = data.settings()
u = s.units_distance
res = data.results(span[1])
weekly = res.weekly
weekly = weekly[pd.to_datetime(weekly["week_start"]) >= pd.Timestamp(span[0]) - pd.Timedelta(days=6)]

fig = make_subplots(specs=[[{"secondary_y": True}]])
fig.add_bar(x=weekly["week_start"], y=units.distance(weekly["run_distance_m"], u),
            name=f"Distance ({units.distance_label(u)})", marker_color="#2a9d8f")  # fmt: skip
fig.add_trace(go.Scatter(x=weekly["week_start"], y=weekly["run_time_s"] / 3600, name="Time (h)",
                         mode="lines+markers", line={"color": "#e76f51"}), secondary_y=True)  # fmt: skip
fig.update_yaxes(title_text=units.distance_label(u), secondary_y=False)
fig.update_yaxes(title_text="hours", secondary_y=True)
fig.update_layout(height=420, margin={"t": 30}, legend={"orientation": "h"}, xaxis_title="week starting")
st.plotly_chart(fig, width="stretch")

table = pd.DataFrame({
    "week starting": pd.to_datetime(weekly["week_start"]).dt.date,
    f"distance ({units.distance_label(u)})": units.distance(weekly["run_distance_m"], u).round(1),
    "time": weekly["run_time_s"].map(units.format_duration),
    "runs": weekly["runs"],
    f"longest ({units.distance_label(u)})": units.distance(weekly["longest_run_m"], u).round(1),
})  # fmt: skip
st.dataframe(table.iloc[::-1], hide_index=True, width="stretch")
