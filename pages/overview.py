"""Overview: this week against the last four, form, the latest spike, strength against its target,
the phase, and the open warnings, each linking to its page."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import units
from analysis.alerts import open_warnings
from analysis.consistency import race_recap
from analysis.metrics import help_text
from analysis.overview import this_week_vs_last_four
from analysis.summary import current_phase, form_on, latest_spike, recent_weeks, strength_this_week
from ui import charts, data, fmt, page, verdict_chart

span, s = page.require_data("Overview")
today = span[1]
u = s.units_distance
res = data.results(today)
week = this_week_vs_last_four(res.weekly, today, s.week_start)
strength = strength_this_week(res.weekly, today, s.week_start)
form = form_on(res.daily, today)
spike = latest_spike(res.runs, today)
phase = current_phase(res.weekly, res.buildups, res.verdicts, today, s.week_start)

st.caption(
    f"As of {fmt.day(today)} (the end of the sidebar's range). This week: from {week['week_start']:%a %d %b}, "
    f"{fmt.plural(week['days_so_far'], 'day')} of 7 so far."
)

# 1. How much am I running, and is it climbing too fast?
st.subheader("This week against the last four")
c1, c2, c3, c4 = st.columns(4)
delta = None if week["distance_change"] is None else f"{week['distance_change']:+.0%} vs 4-week mean"
c1.metric(f"Running distance ({units.distance_label(u)})", f"{units.distance(week['distance_m'], u):.1f}",
          delta, delta_color="off", border=True,
          help=f"4-week mean: {units.distance(week['prev4_mean_distance_m'], u):.1f} {units.distance_label(u)}.")  # fmt: skip
c2.metric("Running time", units.format_duration(week["time_s"]), border=True,
          help=f"4-week mean: {units.format_duration(week['prev4_mean_time_s'])}.")  # fmt: skip
c3.metric("Runs", week["runs"], border=True, help=f"4-week mean: {week['prev4_mean_runs']:.1f} runs.")
target = "" if strength["target_min"] is None else f"{strength['target_min']}-{int(strength['target_max'])}"
c4.metric("Strength sessions", strength["sessions"], border=True,
          delta=(None if not target else f"target {target} ({strength['phase']})"),
          delta_color="green" if strength["on_target"] else "orange", delta_arrow="off",
          help=help_text("strength_sessions"))  # fmt: skip

weeks = recent_weeks(res.weekly, today, 9, s.week_start)
left, right = st.columns([3, 2])
with left:
    fig = go.Figure()
    colors = [charts.RUN_TYPES["long"] if c else charts.RUN for c in weeks["current"]]
    fig.add_bar(x=weeks["week_start"], y=units.distance(weeks["run_distance_m"], u), marker_color=colors,
                name=f"distance ({units.distance_label(u)})", **charts.WEEK_BAR,
                hovertemplate="%{y:.1f} " + units.distance_label(u))  # fmt: skip
    mean = units.distance(week["prev4_mean_distance_m"], u)
    fig.add_hline(y=mean, line_dash="dash", line_color=charts.INK, annotation_text="4-week mean",
                  annotation_position="top right")  # fmt: skip
    mid = weeks["week_start"] + pd.Timedelta(days=3.5)
    fig.add_scatter(x=mid, y=weeks["strength_sessions"], name="strength sessions",
                    mode="markers+text", text=weeks["strength_sessions"].astype(int), textposition="top center",
                    marker={"color": charts.STRENGTH, "size": 10, "symbol": "diamond"}, yaxis="y2")  # fmt: skip
    charts.layout(fig, height=300, yaxis_title=units.distance_label(u),
                  yaxis2={"overlaying": "y", "side": "right", "showgrid": False, "rangemode": "tozero",
                          "title": "strength", "dtick": 1,
                          "range": [0, max(4, float(weeks["strength_sessions"].max()) + 1)]})  # fmt: skip
    fig.update_xaxes(tickvals=mid, ticktext=[f"{d:%d %b}" for d in weeks["week_start"]])
    charts.show(fig)
    st.caption("Weekly running (this week in dark blue, so far) and strength sessions (diamonds).")
with right:
    if form is not None:
        f1, f2 = st.columns(2)
        f1.metric(
            "Form (TSB)",
            f"{form['tsb']:+.1f}",
            form["tsb_band"],
            delta_color="off",
            delta_arrow="off",
            help=help_text("tsb"),
        )
        f2.metric("Fitness (CTL)", f"{form['ctl']:.1f}", f"ramp {form['ramp']:+.1f} / wk", delta_color="off", delta_arrow="off",
                  help=help_text("ctl") + " " + help_text("ramp"))  # fmt: skip
        if form["ctl_warmup"]:
            st.caption(
                f"Fitness is still climbing from zero: the first {s.ctl_days} days of the log read low."
            )
    if spike is None:
        st.markdown(
            "**Latest spike:** none in the log: no run longer than 1.1 x the longest of the 30 days before it."
        )
    else:
        st.markdown(
            f"**Latest spike:** {fmt.day(spike['date'])} ({fmt.plural(spike['days_ago'], 'day')} ago), "
            f"{fmt.dist(spike['distance_m'], u)}, **{spike['spike_ratio']:.2f} x** the longest run of the 30 days "
            f"before ({fmt.dist(spike['prev_longest_m'], u)}): a *{spike['spike_category']}* spike.",
            help=help_text("spike_ratio"),
        )
        page.link("activities", "Open this run", icon=":material/directions_run:",
                  query={"activity": f"a{spike['activity_id']}"})  # fmt: skip
    if phase["phase"] in ("build-up", "taper"):
        verdict = phase.get("verdict") or "too early to say"
        st.markdown(
            f"**Phase:** {phase['phase']}, week {phase['week_number']} of {phase['weeks']} before "
            f"{fmt.md(phase['name'])} ({fmt.day(phase['race_day'])}). Strength so far: "
            f"{phase.get('weeks_on_target', 0)} of {phase.get('weeks_so_far', 0)} weeks on target, "
            f"**{verdict}**" + (f" ({fmt.plural(len(phase['zero_weeks']), 'week')} without any)." if phase.get("zero_weeks") else "."),
            help=help_text("buildup_verdict"),
        )  # fmt: skip
    elif phase["phase"]:
        st.markdown(f"**Phase:** {phase['phase']} (off-season or base): strength target "
                    f"{s.strength_target_base[0]}-{s.strength_target_base[1]} sessions a week.",
                    help=help_text("buildup"))  # fmt: skip

# After a race, for four weeks: was strength kept in its build-up? (the Strength page draws it)
recap = race_recap(res.buildups, res.verdicts, today)
if recap is not None:
    boxes = {"kept": st.success, "partly kept": st.warning, "not kept": st.warning}
    box = boxes.get(recap["verdict"], st.info)
    ago = "today" if recap["days_since"] == 0 else f"{fmt.plural(recap['days_since'], 'day')} ago"
    zero = len(recap["zero_weeks"])
    box(
        f"**After {fmt.md(recap['name'])}** ({fmt.day(recap['race_day'])}, {ago}): strength in its build-up was "
        f"**{verdict_chart.verdict_words(pd.Series(recap))}**"
        + (f", {fmt.plural(zero, 'week')} without any session." if zero else "."),
        icon=":material/flag:",
    )
    page.link("strength", "See each week of the build-up on Strength", icon=":material/fitness_center:")

st.subheader("Open warnings")
alerts = open_warnings(res)
if not alerts:
    st.success("Nothing open: no rule breaks, spikes or flags in the last two weeks.")
icons = {"warning": ":material/warning:", "info": ":material/info:"}
for a in alerts:
    when = f"{fmt.short_day(a['date'])}: " if a["date"] else ""
    source = f" ({a['source']})" if a["source"] else ""
    page.link(
        a["topic"],
        f"{when}{a['message']}",
        icon=icons[a["level"]],
        help=f"Source: {source.strip(' ()') or 'Runstrong'}",
    )
