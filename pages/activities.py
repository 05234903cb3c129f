"""Activities: every session in a filterable, sortable table, and the detail of the one picked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis import units
from analysis.activitylist import activity_list
from analysis.metrics import help_text
from ui import data, detail, filters, fmt, page

span, s = page.require_data("Activities")
u = s.units_distance
res = data.results(span[1])
everything = activity_list(res.loads, res.runs, res.strength_sessions)
every_key = ("a" + everything["activity_id"].astype("string")).fillna(
    "s" + everything["session_id"].astype("string")
)
acts = filters.clip(everything, "local_date", span)

c1, c2 = st.columns([2, 3])
kinds = c1.multiselect(
    "Show", ["run", "strength", "other"], default=["run", "strength", "other"], key="act_kinds"
)
text = c2.text_input("Name contains", key="act_name", placeholder="e.g. tempo")
shown = acts[acts["kind"].isin(kinds)]
if text:
    shown = shown[shown["name"].astype("string").str.contains(text, case=False, regex=False).fillna(False)]
st.caption(
    f"{fmt.plural(len(shown), 'session')} in the range. Click a row for its detail; click a header to sort."
)

keys = ("a" + shown["activity_id"].astype("string")).fillna("s" + shown["session_id"].astype("string"))
table = pd.DataFrame({
    "date": shown["local_date"].dt.date,
    "start": shown["start_time_local"].dt.strftime("%H:%M"),
    "kind": shown["kind"],
    "sport": shown["sport"],
    "name": shown["name"],
    f"distance ({units.distance_label(u)})": units.distance(shown["distance_m"], u),
    "time": shown["moving_s"].map(fmt.duration),
    "pace": [fmt.pace_of(m, t, u) if k == "run" else "" for m, t, k in
             zip(shown["distance_m"], shown["moving_s"], shown["kind"], strict=True)],
    "avg HR": shown["avg_hr"],
    "load": shown["load"],
    "method": shown["load_method"],
    "run type": shown["key_type"],
    "spike": shown["spike_category"],
    "spike ratio": shown["spike_ratio"],
    "sets": shown["working_sets"],
}).reset_index(drop=True)  # fmt: skip
for col in ("sport", "name", "method", "run type", "spike"):  # text: blank rather than "None"
    table[col] = table[col].astype("string").fillna("")
event = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=380,
    on_select="rerun",
    selection_mode="single-row",
    key="act_table",
    column_config={
        f"distance ({units.distance_label(u)})": st.column_config.NumberColumn(format="%.2f"),
        "avg HR": st.column_config.NumberColumn(format="%.0f"),
        "load": st.column_config.NumberColumn(format="%.0f", help=help_text("load")),
        "spike ratio": st.column_config.NumberColumn(format="%.2f", help=help_text("spike_ratio")),
        "sets": st.column_config.NumberColumn(
            format="%d", help="Working sets (warm-ups and rests left out)."
        ),
    },
)

# The detail: the row clicked, else ?activity=ID (links from other pages), else the newest.
picked = event.selection.rows if event is not None and hasattr(event, "selection") else []
key = None
if picked:
    key = keys.iloc[picked[0]]
    st.query_params["activity"] = key
elif st.query_params.get("activity") in set(every_key):  # a link may point outside the range
    key = st.query_params["activity"]
elif len(keys):
    key = keys.iloc[0]
if key is None:
    page.empty_state("No sessions in this range or filter.")
    st.stop()
row = everything.iloc[int((every_key == key).to_numpy().nonzero()[0][0])]
st.divider()
if key not in set(keys):
    st.caption("This session is outside the sidebar's range or filter.")
detail.show(row, res, s)
