"""Strength: did I keep my strength work going, above all in the build-up?

A calendar of sessions beside the runs, sessions per week against the phase's target, the
build-up verdicts, body-region balance, progression per exercise, and the exercises to assign.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from analysis import strength, units
from analysis.metrics import help_text
from analysis.summary import calendar_grid
from store import write
from ui import charts, data, filters, fmt, page

span, s = page.require_data("Strength", "Did I keep my strength work going, above all in the race build-up?")
u, w = s.units_distance, s.units_weight
res = data.results(span[1])
lo, hi = pd.Timestamp(span[0]), pd.Timestamp(span[1])
daily = filters.clip(res.daily, "date", span)
weeks = filters.clip(res.strength_weeks, "week_start", span, pad_days=6)
sessions = filters.clip(res.strength_sessions, "local_date", span)
counted = sessions[sessions["counted"].astype(bool)]

if res.strength_sessions.empty:
    page.empty_state(
        "No strength sessions yet: upload a Garmin strength activity or a Strong, Hevy or FitNotes export."
    )

# --- Consistency at a glance ------------------------------------------------------------------------
c = res.strength_consistency
c1, c2, c3, c4 = st.columns(4)
share8 = c.get("share_8w")
c1.metric("Weeks on target, last 8", "–" if pd.isna(share8) else f"{share8:.0%}", border=True,
          help=help_text("strength_sessions"))  # fmt: skip
share12 = c.get("share_12w")
c2.metric("Weeks on target, last 12", "–" if pd.isna(share12) else f"{share12:.0%}", border=True)
c3.metric("Current streak", fmt.plural(int(c.get("streak_weeks") or 0), "week"), border=True,
          help="Consecutive weeks on target, up to this week when it is already on target.")  # fmt: skip
gap = c.get("longest_gap_days")
c4.metric("Longest gap", "–" if gap is None else fmt.plural(int(gap), "day"), border=True,
          delta=None if not c.get("gap_from") else f"{fmt.short_day(c['gap_from'])} – {fmt.short_day(c['gap_to'])}",
          delta_color="off", delta_arrow="off",
          help="The most days without a counted strength session, up to today.")  # fmt: skip

# --- Calendar ------------------------------------------------------------------------------------
st.subheader("Calendar")
cal_s = calendar_grid(daily, "strength_sessions", s.week_start)
cal_r = calendar_grid(daily, "run_distance_m", s.week_start)
days = [fmt.weekday_name((s.week_start + i) % 7)[:3] for i in range(7)]
fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                    subplot_titles=("Strength sessions", f"Running ({units.distance_label(u)})"))  # fmt: skip
fig.add_heatmap(z=cal_s.to_numpy(), x=list(cal_s.columns), y=days, zmin=0, zmax=2, xgap=2, ygap=2,
                colorscale=[[0, "#eef0f3"], [0.5, "#b59fd0"], [1, charts.STRENGTH]], showscale=False,
                hovertemplate="week of %{x|%d %b}, %{y}: %{z} session(s)<extra></extra>", row=1, col=1)  # fmt: skip
km = units.distance(cal_r, u)
fig.add_heatmap(z=km.to_numpy(), x=list(km.columns), y=days, zmin=0, xgap=2, ygap=2,
                colorscale=[[0, "#eef0f3"], [0.0001, "#d6e6f4"], [1, charts.RUN_TYPES["long"]]], showscale=False,
                hovertemplate="week of %{x|%d %b}, %{y}: %{z:.1f} " + units.distance_label(u) + "<extra></extra>",
                row=2, col=1)  # fmt: skip
charts.layout(fig, height=380, hovermode="closest")
fig.update_yaxes(autorange="reversed", showgrid=False)
fig.update_xaxes(showgrid=False)
charts.show(fig, key="calendar")

# --- Sessions per week against the target ---------------------------------------------------------------
st.subheader("Sessions per week against the target", help=help_text("strength_sessions"))
fig = go.Figure()
x = weeks["week_start"]
# The band is a step per week; one more step closes the last week.
band = pd.concat([weeks, weeks.tail(1).assign(week_start=weeks["week_start"].tail(1) + pd.Timedelta(days=7))])
fig.add_scatter(x=band["week_start"], y=band["target_max"], mode="lines", line={"width": 0, "shape": "hv"}, showlegend=False,
                hoverinfo="skip")  # fmt: skip
fig.add_scatter(x=band["week_start"], y=band["target_min"], mode="lines", line={"width": 0, "shape": "hv"}, fill="tonexty",
                fillcolor="rgba(42,157,143,0.15)", name="target band (by phase)", hoverinfo="skip")  # fmt: skip
colors = [charts.ZERO if n == 0 else (charts.ON_TARGET if ok else charts.OFF_TARGET)
          for n, ok in zip(weeks["sessions"], weeks["on_target"], strict=True)]  # fmt: skip
fig.add_bar(x=x, y=weeks["sessions"], marker_color=colors, name="sessions", customdata=weeks["phase"],
            hovertemplate="%{y} session(s), %{customdata}<extra></extra>", **charts.WEEK_BAR)  # fmt: skip
charts.layout(fig, height=320, yaxis_title="sessions", xaxis_title="week starting", hovermode="closest")
fig.update_yaxes(dtick=1)
charts.shade_context(fig, res.buildups, res.injury_windows, lo, hi)
charts.show(fig, key="sessions_chart")
st.caption(
    f"Green: on target; yellow: below it; red: none. Target {s.strength_target_base[0]}-{s.strength_target_base[1]} "
    f"a week off-season, {s.strength_target_buildup[0]}-{s.strength_target_buildup[1]} in a build-up and taper "
    "(seeds 002, 004: reduce it, don't remove it). " + charts.context_legend()
)

# --- Build-up verdicts ------------------------------------------------------------------------------------
st.subheader("Was strength kept in each build-up?", help=help_text("buildup_verdict"))
v = res.verdicts
if v.empty:
    st.info("No build-up yet: add your race dates in Settings, or build for 4+ weeks of rising fitness.")
else:
    table = pd.DataFrame({
        "build-up": v["name"],
        "verdict": v["verdict"].fillna("not started") + v["in_progress"].map({True: " (so far)", False: ""}),
        "race day": pd.to_datetime(v["end"]).dt.date,
        "weeks on target": v["weeks_on_target"].astype(str) + " of " + v["weeks"].astype(str),
        "share": v["share_on_target"],
        "weeks without any": v["zero_weeks"].map(len),
        "per week before": v["sessions_per_week_before"],
        "per week during": v["sessions_per_week_during"],
    })  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "share": st.column_config.ProgressColumn("share on target", format="percent", min_value=0, max_value=1),
        "per week before": st.column_config.NumberColumn(format="%.1f", help="Sessions per week in as many weeks "
                                                         "just before the build-up."),
        "per week during": st.column_config.NumberColumn(format="%.1f"),
    })  # fmt: skip

left, right = st.columns(2)
# --- Balance ------------------------------------------------------------------------------------------
with left:
    st.subheader("Body-region balance", help=help_text("balance"))
    bal = strength.balance(res.strength_sessions, lo, hi)
    total = int(bal["sets"].sum())
    if total == 0:
        st.caption(
            "No working sets with exercises in this range (watch sessions without sets count as sessions only)."
        )
    else:
        shown = bal[bal["sets"] > 0]
        fig = go.Figure(go.Pie(labels=shown["region"], values=shown["sets"], hole=0.55, sort=False,
                               marker={"colors": [charts.REGIONS[r] for r in shown["region"]]},
                               texttemplate="%{label}<br>%{percent:.0%}", textposition="outside"))  # fmt: skip
        share = strength.lower_core_share(bal)
        fig.add_annotation(text=f"{share:.0%}<br>lower + core", showarrow=False, font={"size": 16})
        charts.layout(fig, height=320, showlegend=False)
        charts.show(fig, key="balance")
        st.caption(f"{total} working sets in the range. The seeds' priority: lower body and core.")

# --- Progression ---------------------------------------------------------------------------------------
with right:
    st.subheader("Progression per exercise", help=help_text("volume_load") + " " + help_text("e1rm"))
    prog = filters.clip(res.exercise_progression, "local_date", span)
    loaded = prog[prog["volume_load_kg"].notna()]
    if loaded.empty:
        st.caption("No loaded sets in this range: progression needs weights.")
    else:
        names = loaded["exercise"].value_counts().index.tolist()
        name = st.selectbox("Exercise", names, key="progress_exercise")
        one = loaded[loaded["exercise"] == name]
        fig = make_subplots(specs=[[{"secondary_y": True}]])
        fig.add_bar(x=one["local_date"], y=units.weight(one["volume_load_kg"], w), name="volume load",
                    marker_color="#c9b8dd")  # fmt: skip
        fig.add_scatter(x=one["local_date"], y=units.weight(one["e1rm_kg"], w), name="estimated 1RM",
                        mode="lines+markers", line={"color": charts.STRENGTH}, secondary_y=True)  # fmt: skip
        charts.layout(fig, height=320, hovermode="closest")
        fig.update_yaxes(
            title_text=f"volume load ({units.weight_label(w)})", secondary_y=False, tickformat=".0f"
        )
        fig.update_yaxes(
            title_text=f"e1RM ({units.weight_label(w)})",
            secondary_y=True,
            showgrid=False,
            tickformat=".0f",
            rangemode="tozero",
            tickmode="auto",
        )
        charts.show(fig, key="progression")

# --- Exercises without a region -------------------------------------------------------------------------
st.subheader("Exercises without a body region")
unknown = res.unknown_exercises
if unknown.empty:
    st.caption("Every exercise has a body region. Change one in Settings → Exercise regions.")
else:
    st.caption(
        "These names are not in the shipped table: pick a region and save; it applies to every session."
    )
    edited = st.data_editor(
        unknown.assign(region=None),
        hide_index=True,
        width="stretch",
        disabled=["exercise", "sets"],
        column_config={"region": st.column_config.SelectboxColumn("region", options=list(strength.REGIONS))},
        key="unknown_regions",
    )
    picked = {r.exercise: r.region for r in edited.itertuples() if r.region in strength.REGIONS}
    if st.button("Save regions", disabled=not picked, type="primary"):
        data.write(write.save_exercise_regions, picked)
        st.toast(f"Saved {fmt.plural(len(picked), 'region')}.")
        st.rerun()
