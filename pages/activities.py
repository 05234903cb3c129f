"""Activities: every session in a filterable, sortable table, and the detail of the one picked."""

from __future__ import annotations

import hashlib

import streamlit as st

from analysis import activity_list, help_text, row_keys, table, units
from ui import activity_detail, data, filters, fmt, page

KINDS = ["run", "strength", "other"]

span, s = page.require_data("Activities")
u = s.units_distance
res = data.results(span[1])
everything = activity_list(res.loads, res.runs, res.strength_sessions)
every_key = row_keys(everything)
acts = filters.clip(everything, "local_date", span)

c1, c2 = st.columns([2, 3])
kinds = c1.multiselect("Show", KINDS, default=KINDS, key="act_kinds")
text = c2.text_input("Name contains", key="act_name", placeholder="e.g. tempo")
shown = acts[acts["kind"].isin(kinds)]
if text:
    shown = shown[shown["name"].astype("string").str.contains(text, case=False, regex=False).fillna(False)]
keys = row_keys(shown)
st.caption(
    f"{fmt.plural(len(shown), 'session')} in the range. Click a row for its detail; click a header to sort."
)

# The table's widget key follows the rows it shows: a selection belongs to one list of rows, and
# a new filter or range starts with none (the detail keeps the session picked, by its key).
rows_id = hashlib.sha1("|".join(keys).encode()).hexdigest()[:12]
dist_col = f"distance ({units.distance_label(u)})"
event = st.dataframe(
    table(shown, u),
    hide_index=True,
    width="stretch",
    height=380,
    on_select="rerun",
    selection_mode="single-row",
    key=f"act_table_{rows_id}",
    placeholder="",
    # Narrow columns, so the whole row fits a laptop screen (the table scrolls in place on a phone).
    column_config={
        "when": st.column_config.TextColumn(width=112, pinned=True),
        "kind": st.column_config.TextColumn(width=72),
        "name": st.column_config.TextColumn(width=95),
        dist_col: st.column_config.NumberColumn(format="%.2f", width=88),
        "time": st.column_config.TextColumn(width=60),
        "pace": st.column_config.TextColumn(width=70),
        "avg HR": st.column_config.NumberColumn(format="%.0f", width=55),
        "load": st.column_config.NumberColumn(format="%.0f", help=help_text("load"), width=48),
        "method": st.column_config.TextColumn(width=82),
        "run type": st.column_config.TextColumn(width=62),
        "spike": st.column_config.TextColumn(help=help_text("spike_ratio"), width=115),
        "sets": st.column_config.NumberColumn(
            format="%d", help="Working sets (warm-ups and rests left out).", width=45
        ),
    },
)

# The detail: the row clicked, else ?activity=KEY (links from other pages, or the row clicked
# before the filter changed), else the newest shown.
picked = event.selection.rows if event is not None and hasattr(event, "selection") else []
picked = [i for i in picked if 0 <= i < len(keys)]
key = None
if picked:
    key = keys[picked[0]]
    st.query_params["activity"] = key
elif st.query_params.get("activity") in set(every_key):  # a link may point outside the range
    key = st.query_params["activity"]
elif keys:
    key = keys[0]
if key is None:
    if len(acts):
        st.info("No session in this range matches the filter.", icon=":material/filter_alt:")
    else:
        dates = data.data_dates()
        where = f": your log runs from {fmt.day(dates[0])} to {fmt.day(dates[1])}" if dates else ""
        st.info(
            f"No session in this range{where}.",
            icon=":material/date_range:",
        )
    st.stop()
row = everything.iloc[every_key.index(key)]
st.divider()
if key not in set(keys):
    st.caption("This session is outside the sidebar's range or the filter above.")
activity_detail.show(row, res, s)
