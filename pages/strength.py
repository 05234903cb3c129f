"""Strength: did I keep my strength work going, above all in the build-up?

A calendar of sessions beside the runs, sessions per week against the phase's target, the
build-up verdicts, body-region balance, progression per exercise, and the exercises to assign.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from plotly.subplots import make_subplots

from analysis import calendar_grid, cite, consistency, help_text, strength, units
from store import edits
from ui import charts, data, filters, fmt, page, palette, strength_charts, verdict_chart, whole_log

span, s = page.require_data("Strength", "Did I keep my strength work going, above all in the race build-up?")
u, w = s.units_distance, s.units_weight
lo, hi = pd.Timestamp(span[0]), pd.Timestamp(span[1])
# The verdicts are over whole build-ups, whatever the range: the results are as of today and the
# range only chooses what is drawn.
now = whole_log.today()
# "Reduce it, don't remove it": the build-up target of the coaching articles.
cite_reduce = cite("middle_age_marathoner", "run_smarter")
res = data.results(now)
daily = filters.clip(res.daily, "date", span)
weeks = filters.clip(res.strength_weeks, "week_start", span, pad_days=6)
sessions = filters.clip(res.strength_sessions, "local_date", span)
counted_all = res.strength_sessions[res.strength_sessions["counted"].astype(bool)]

if counted_all.empty:
    # The log holds other training (the page would not run without), so not the "no training" state.
    st.info(
        "No strength sessions yet: import a watch strength activity, or a Strong, Hevy or FitNotes export, "
        "and this page shows whether you kept it going, above all in a race build-up.",
        icon=":material/fitness_center:",
    )
    page.link("upload", "Import strength sessions", icon=":material/upload:")
    st.stop()
first_session = pd.Timestamp(counted_all["local_date"].min())

# --- Consistency at a glance (as of the range's end) -----------------------------------------------------
c = consistency.strength_consistency(res.strength_weeks, counted_all["local_date"], span[1], start=span[0])
c1, c2, c3, c4 = st.columns(4)
c1.metric(
    "Weeks on target, last 8",
    fmt.pct(c.get("share_8w")),
    None if c["weeks_8w"] in (0, 8) else f"of only {fmt.plural(c['weeks_8w'], 'week')} so far",
    delta_color="off",
    delta_arrow="off",
    border=True,
    help=f"Of the 8 complete weeks up to {fmt.day(span[1])}. " + help_text("strength_sessions", s),
)
c2.metric(
    "Weeks on target, last 12",
    fmt.pct(c.get("share_12w")),
    None if c["weeks_12w"] in (0, 12) else f"of only {fmt.plural(c['weeks_12w'], 'week')} so far",
    delta_color="off",
    delta_arrow="off",
    border=True,
    help=f"Of the 12 complete weeks up to {fmt.day(span[1])}.",
)
c3.metric(
    "Current streak",
    fmt.plural(int(c.get("streak_weeks") or 0), "week"),
    border=True,
    help="Consecutive weeks on target, up to the range's end (its week counts once on target).",
)
gap = c.get("longest_gap_days")
gap_days: str | None
if c.get("gap_open") and c["gap_to"] == now:
    gap_days = f"since {fmt.day(c['gap_from'])[4:]}"  # still open today
else:
    gap_days = fmt.span_text(c["gap_from"], c["gap_to"]) if c.get("gap_from") else None
c4.metric(
    "Longest gap in the range",
    "–" if gap is None else fmt.plural(int(gap), "day"),
    border=True,
    delta=None if not c.get("gap_from") else gap_days,
    delta_color="off",
    delta_arrow="off",
    help="The most days in a row without a counted strength session in the range shown (a gap that "
    "began before the range counts from its start).",
)

# --- Build-up verdicts ------------------------------------------------------------------------------------
st.subheader("Was strength kept in each build-up?", help=help_text("buildup_verdict", s))
shown = consistency.buildups_to_show(res.buildups, span[0], span[1], now)
v = res.verdicts
if not shown:
    st.info(
        "No build-up yet: add your race dates in Settings, or build for "
        f"{s.detect_min_weeks}+ weeks of rising fitness.",
        icon=":material/flag:",
    )
    page.link("settings", "Add a race in Settings", icon=":material/settings:")
else:
    bweeks = consistency.buildup_weeks(res.buildups, res.strength_weeks, now, s)
    plan = data.strength_plan(now)  # empty without planned strength: the chart as without a plan
    fig = verdict_chart.verdict_figure(shown, res.buildups, v, bweeks, s, plan)
    charts.show(fig, key="verdicts")
    for line in verdict_chart.plan_lines(shown, res.buildups, bweeks, plan):
        st.markdown(line)
    band = s.strength_target_buildup
    st.caption(
        f"Each square is a week of the build-up, with its number of sessions: the target is {band[0]}-{band[1]} "
        f"a week, never 0 ({cite_reduce}). The band behind each row is the verdict over the whole build-up, "
        f"whatever the range: kept when every week was on target, partly kept from "
        f"{fmt.pct(s.buildup_kept_share)} of weeks, else not kept. A week still going counts once on target."
    )
    for bid, where in shown:
        if where:
            row = v[v["buildup_id"] == bid].iloc[0]
            st.caption(
                f"{fmt.md(row['name'])} ({fmt.span_text(row['start'], row['end'])}) lies {where} shown: "
                "it is the latest build-up, so its verdict is here."
            )
    with st.expander("Every build-up in the log, in numbers"):
        started = v[pd.to_datetime(v["start"]) <= pd.Timestamp(now)].iloc[::-1]
        table = pd.DataFrame(
            {
                "build-up": started["name"],
                "race day / end": pd.to_datetime(started["end"]).dt.date,
                "verdict": started["verdict"] + started["in_progress"].map({True: " (so far)", False: ""}),
                "weeks on target": [
                    f"{a} of {b}" for a, b in zip(started["weeks_on_target"], started["weeks"], strict=True)
                ],
                "share": started["share_on_target"].map(fmt.pct),
                "weeks without any": started["zero_weeks"].map(len),
                "per week before": started["sessions_per_week_before"].map(
                    lambda x: "–" if pd.isna(x) else f"{x:.1f}"
                ),
                "per week during": started["sessions_per_week_during"].map(
                    lambda x: "–" if pd.isna(x) else f"{x:.1f}"
                ),
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                "per week before": st.column_config.TextColumn(
                    help=f"Sessions per week in the {s.buildup_before_weeks} weeks just before the build-up."
                ),
                "per week during": st.column_config.TextColumn(
                    help="Sessions per week in the build-up's weeks so far."
                ),
            },
        )

# --- Calendar ------------------------------------------------------------------------------------
st.subheader("Calendar")
cal_s = calendar_grid(daily, "strength_sessions", s.week_start)
cal_r = calendar_grid(daily, "run_distance_m", s.week_start)
days = [fmt.weekday_name((s.week_start + i) % 7)[:3] for i in range(7)]
# Without a run in the range the running rows would be an empty grid: drawn only with runs.
has_runs = bool((daily["run_distance_m"].fillna(0) > 0).any())
fig = make_subplots(
    rows=2 if has_runs else 1,
    cols=1,
    shared_xaxes=True,
    vertical_spacing=0.08,
    subplot_titles=("Strength sessions", f"Running ({units.distance_label(u)})")[: 2 if has_runs else 1],
)
fig.add_heatmap(
    z=cal_s.to_numpy(),
    x=list(cal_s.columns),
    y=days,
    zmin=0,
    zmax=2,
    xgap=2,
    ygap=2,
    colorscale=[[0, palette.EMPTY], [0.5, palette.STRENGTH_LIGHT], [1, charts.STRENGTH]],
    showscale=False,
    hovertemplate="%{y} of the week of %{x|%d %b %Y}: %{z} session(s)<extra></extra>",
    row=1,
    col=1,
)
km = units.distance(cal_r, u)
if has_runs:
    fig.add_heatmap(
        z=km.to_numpy(),
        x=list(km.columns),
        y=days,
        zmin=0,
        xgap=2,
        ygap=2,
        colorscale=[[0, palette.EMPTY], [0.0001, palette.RUN_LIGHT], [1, charts.RUN_TYPES["long"]]],
        showscale=False,
        hovertemplate="%{y} of the week of %{x|%d %b %Y}: %{z:.1f} "
        + units.distance_label(u)
        + "<extra></extra>",
        row=2,
        col=1,
    )
charts.layout(fig, height=380 if has_runs else 220, hovermode="closest")
fig.update_yaxes(autorange="reversed", showgrid=False)
fig.update_xaxes(showgrid=False)
if len(cal_s.columns):
    charts.week_axis(fig, min(cal_s.columns), max(cal_s.columns), s.week_start, centre=False)
charts.show(fig, key="calendar")
if not has_runs and len(res.runs):
    run_days = pd.to_datetime(res.runs["local_date"])
    st.caption(f"No run in this range. Your runs: {fmt.span_text(run_days.min(), run_days.max())}.")
    filters.show_runs_button(filters.span(), key="strength_show_runs")

# --- Sessions per week against the target ---------------------------------------------------------------
st.subheader("Sessions per week against the target", help=help_text("strength_sessions", s))
logged = weeks[weeks["week_start"] + pd.Timedelta(days=6) >= first_session]
fig = strength_charts.sessions_figure(
    weeks, first_session, pd.Timestamp(min(span[1], now)), data.strength_plan(now)
)
charts.shade_context(fig, res.buildups, res.injury_windows, lo, hi)
charts.week_axis(fig, lo, hi, s.week_start)
charts.show(fig, key="sessions_chart")
base, bu = s.strength_target_base, s.strength_target_buildup
st.caption(
    f"{palette.ON_TARGET.word.capitalize()}: on target; {palette.BELOW_TARGET.word}: below it; "
    f"{palette.WARNING.word}: no session"
    + (f"; {palette.PLANNED.word} diamond: sessions planned" if strength_charts.has_planned(fig) else "")
    + f". Target {base[0]}-{base[1]} a week off-season, "
    f"{bu[0]}-{bu[1]} in a build-up and taper ({cite_reduce}: reduce it, don't remove it). "
    + (
        ""
        if logged.equals(weeks)
        else f"Your first logged strength session is from {fmt.day(first_session)}: the weeks "
        "before it are not marked. "
    )
    + charts.context_legend(res.buildups, res.injury_windows, lo, hi)
)

left, right = st.columns(2)
# --- Balance ------------------------------------------------------------------------------------------
with left:
    st.subheader("Body-region balance", help=help_text("balance", s))
    bal = strength.balance(res.strength_sessions, lo, hi)
    total = int(bal["sets"].sum())
    if total == 0:
        st.caption(
            "No working sets with exercises in this range (watch sessions without sets count as sessions only)."
        )
    else:
        fig = strength_charts.balance_figure(bal)
        charts.show(fig, key="balance")
        st.caption(
            f"{fmt.plural(total, 'working set')} in the range. Lower body and core come first "
            f"({cite('run_smarter')})."
        )

# --- Progression ---------------------------------------------------------------------------------------
with right:
    st.subheader("Progression per exercise", help=help_text("volume_load", s) + " " + help_text("e1rm", s))
    prog = filters.clip(res.exercise_progression, "local_date", span)
    loaded = prog[prog["volume_load_kg"].notna()]
    if loaded.empty:
        st.caption("No loaded sets in this range: progression needs weights.")
    else:
        names = loaded["exercise"].value_counts().index.tolist()
        name = st.selectbox("Exercise", names, key="progress_exercise")
        # Every session of the exercise: one without a weighted set is a gap, not a 0.
        fig = strength_charts.progression_figure(prog[prog["exercise"] == name], w)
        charts.show(fig, key="progression")

# --- Exercises without a region -------------------------------------------------------------------------
st.subheader("Exercises without a body region")
unknown = res.unknown_exercises
if unknown.empty:
    st.caption("Every exercise has a body region. Change one in Settings → Exercise regions.")
else:
    st.caption(
        "These names are not in the built-in list of exercises: pick a region and save; it applies to every "
        "session."
    )
    edited = st.data_editor(
        unknown.assign(region="–"),
        hide_index=True,
        width="stretch",
        disabled=["exercise", "sets"],
        column_config={
            "region": st.column_config.SelectboxColumn("region", options=["–", *strength.REGIONS])
        },
        key="unknown_regions",
    )
    picked = {r.exercise: r.region for r in edited.itertuples() if r.region in strength.REGIONS}
    if st.button("Save regions", disabled=not picked, type="primary"):
        data.write(edits.save_exercise_regions, picked)
        st.toast(f"Saved {fmt.plural(len(picked), 'region')}.")
        st.rerun()
