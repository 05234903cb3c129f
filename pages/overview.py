"""Overview: this week against the last four."""

from __future__ import annotations

import streamlit as st

from analysis import units
from analysis.overview import this_week_vs_last_four
from ui import data, filters

st.title("Overview")
span = filters.date_range()
if span is None:
    st.info("No training yet. Import your watch files with `python -m ingest PATH` (or the Upload page), "
            "or start with the demo athlete: `make run` loads it into an empty database.")  # fmt: skip
    st.stop()

today = span[1]
s = data.settings()
res = data.results(today)
week = this_week_vs_last_four(res.weekly, today, s.week_start)
u = s.units_distance

st.subheader(
    f"This week (from {week['week_start']:%a %d %b}, {week['days_so_far']} of 7 days) against the last four"
)
c1, c2, c3 = st.columns(3)
delta = None if week["distance_change"] is None else f"{week['distance_change']:+.0%} vs 4-week mean"
c1.metric(f"Running distance ({units.distance_label(u)})", f"{units.distance(week['distance_m'], u):.1f}",
          delta, delta_color="off",
          help=f"4-week mean: {units.distance(week['prev4_mean_distance_m'], u):.1f} {units.distance_label(u)}.")  # fmt: skip
c2.metric("Running time", units.format_duration(week["time_s"]),
          help=f"4-week mean: {units.format_duration(week['prev4_mean_time_s'])}.")  # fmt: skip
c3.metric("Runs", week["runs"], help=f"4-week mean: {week['prev4_mean_runs']:.1f} runs.")
