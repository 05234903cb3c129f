"""Load: how much am I running, and is it climbing too fast?

Weekly distance or time stacked by run type with the long run marked; fitness, fatigue and form;
the acute:chronic ratio with its caveat; monotony and strain. Build-ups and injuries on every axis.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

from analysis import (
    ACWR_CAVEAT,
    ACWR_EXPLAINED,
    ACWR_LABELS,
    LOAD_METHOD_LABELS,
    acwr_label,
    acwr_methods_help,
    help_text,
    own_percentile,
    units,
    week_end_values,
    weekly_run_mix,
)
from ui import assumed, charts, data, filters, fmt, load_parts, page, palette, plan_parts

span, s = page.require_data("Load", "How much am I running, and is my load climbing too fast?")
u = s.units_distance
res = data.results(span[1])
lo, hi = pd.Timestamp(span[0]), pd.Timestamp(span[1])
weekly = filters.clip(res.weekly, "week_start", span, pad_days=6)
daily = filters.clip(res.daily, "date", span)
runs = filters.clip(res.runs, "local_date", span)
# The charts start at the first week shown (the week of the range's start, or of the log's first
# data when the range begins before it: weeks before the first data are not weeks without running).
x0 = pd.to_datetime(weekly["week_start"]).min() if len(weekly) else lo
injuries = res.injury_windows
# The distance method's load is in km: shown in the runner's unit (the ratios do not change).
k = units.distance(1000.0, u) if s.load_method == "distance" else 1.0
has_load = bool((daily["load"].fillna(0) > 0).any())


def context(fig: go.Figure, label: bool = True) -> go.Figure:
    return charts.shade_context(fig, res.buildups, injuries, x0, hi, label=label)


if runs.empty and not has_load:
    page.no_runs(
        filters.span(),
        f"No run and no training load between {fmt.day(span[0])} and {fmt.day(span[1])}.",
        key="load_runs",
    )
    st.stop()

# --- Weekly volume -------------------------------------------------------------------------------
st.subheader("Weekly running")
measure = st.segmented_control(
    "Show", ["Distance", "Time"], default="Distance", required=True, key="load_measure"
)
by_time = measure == "Time"
if runs.empty:
    page.no_runs(
        filters.span(), f"No run between {fmt.day(span[0])} and {fmt.day(span[1])}.", key="load_runs"
    )
else:
    mix = weekly_run_mix(filters.clip(res.runs, "local_date", span, pad_days=6), s.week_start)
    fig = load_parts.weekly_mix_figure(mix, by_time, u)
    context(fig)
    charts.week_axis(fig, x0, hi, s.week_start)
    charts.show(fig, key="weekly_chart")
    st.caption(
        load_parts.weekly_mix_caption(mix, charts.context_legend(res.buildups, injuries, x0, hi))
        + load_parts.long_only_note(runs, s),
        help=help_text("long_run", s) + " " + help_text("quality_run", s),
    )

with st.expander("Weekly numbers"):
    dist = units.distance(weekly["run_distance_m"], u)
    longest = units.distance(weekly["longest_run_m"].where(weekly["runs"] > 0), u)
    table = pd.DataFrame(
        {
            "week starting": pd.to_datetime(weekly["week_start"]).dt.date,
            f"distance ({units.distance_label(u)})": dist.round(1),
            "time": weekly["run_time_s"].map(fmt.duration),
            "runs": weekly["runs"],
            f"longest ({units.distance_label(u)})": longest.round(1),
            "change": weekly["week_change"],
            "phase": weekly["phase"],
            "strength": weekly["strength_sessions"],
        }
    )
    # A week without a run has no longest run (and no change): a dash, not Streamlit's "None".
    st.dataframe(
        table.iloc[::-1],
        hide_index=True,
        width="stretch",
        placeholder="–",
        column_config={
            "change": st.column_config.NumberColumn(format="percent", help=help_text("week_change", s))
        },
    )

if not has_load:
    st.info(
        f"No training load between {fmt.day(span[0])} and {fmt.day(span[1])}: the fitness, ratio and "
        "monotony charts need some.",
        icon=":material/info:",
    )
    st.stop()

# --- Fitness, fatigue, form ------------------------------------------------------------------------
st.subheader("Fitness, fatigue and form", help=help_text("ctl", s) + "\n\n" + help_text("tsb", s))
# The plan ahead, dashed: the same formulas over the planned days' estimated load (Plan page).
ahead = plan_parts.planned_forecast(span[1], s.week_start) if span[1] == res.today else pd.DataFrame()
fig = load_parts.fitness_figure(daily, s, u, ahead)
context(fig)
if len(ahead):  # the axis reaches the plan's last day
    fig.update_xaxes(range=[x0, pd.Timestamp(ahead["date"].max()) + pd.Timedelta(days=1)])
charts.show(fig, key="fitness_chart")
st.caption(
    load_parts.form_bands_caption(s, u)
    + f" The dotted line: the first {s.ctl_days} days, while fitness climbs from zero."
    + (" Dashed: the days ahead, from your plan's estimated load (see the Plan page)." if len(ahead) else "")
)
# The profile values the load above (and the weekly chart's quality runs) rests on, when not set.
assumed.note(res, ("trimp", "hrtss", "rtss", "quality"), driving=True)

# --- Acute:chronic ratio -----------------------------------------------------------------------------
st.subheader("Acute:chronic ratio", help=help_text(f"acwr_{s.injury_acwr_method}", s))
st.caption(ACWR_EXPLAINED.format(acute=s.acwr_acute_days, chronic=s.acwr_chronic_days))
c1, c2 = st.columns([3, 1])
# The method the Injury signal counts is shown first, so the two pages show the same ratio.
method = c1.radio(
    "Compare",
    list(ACWR_LABELS),
    index=list(ACWR_LABELS).index(s.injury_acwr_method),
    format_func=lambda m: acwr_label(m, s),
    horizontal=True,
    key="acwr_method",
    help=acwr_methods_help(s),
)
r_lo, r_hi = s.acwr_reference
show_ref = c2.toggle(
    "Reference lines",
    value=s.acwr_show_reference,
    key="acwr_ref",
    help=f"Gabbett 2016 ({r_lo:g}-{r_hi:g}) and {s.acwr_danger:g} (Hulin 2016): drawn from team sports.",
)
st.warning(ACWR_CAVEAT, icon="⚖️")
ratio = daily[f"acwr_{method}"]
gap = load_parts.ratio_gap(res.daily, f"acwr_{method}", span, s.acwr_chronic_days)
if gap:  # an empty ratio chart is a sentence instead
    st.info(gap)
fig = load_parts.acwr_figure(daily, method, s, u, show_ref)
context(fig, label=False)
if not gap:
    charts.show(fig, key="acwr_chart")
now = ratio.dropna()
if len(now):
    pct = own_percentile(res.daily[f"acwr_{method}"].loc[res.daily["date"] <= hi])
    st.caption(
        f"On {fmt.day(daily['date'].iloc[-1])} the ratio is {now.iloc[-1]:.2f}; {pct:.0f} % of your own days "
        "so far had a ratio at or below it. Read it with the absolute loads below it. The Injury signal counts "
        f"the days above {s.acwr_danger:g} on the '{acwr_label(s.injury_acwr_method, s)}' ratio (Settings), "
        "leaving out the days inside an injury or just after a return.",
        help=help_text("acwr_percentile", s),
    )

# --- Monotony and strain ------------------------------------------------------------------------------
st.subheader("Monotony and strain", help=help_text("monotony", s) + "\n\n" + help_text("strain", s))
ends = week_end_values(daily, ["monotony", "strain", "strain_high", "monotony_level"], s.week_start)
fig = make_subplots(specs=[[{"secondary_y": True}]])
colors = [charts.ZERO if bool(h) else palette.LOAD_BAR for h in ends["strain_high"]]
fig.add_bar(
    x=ends["week_start"],
    y=ends["strain"] * k,
    name="strain",
    marker_color=colors,
    **charts.WEEK_BAR,
    hovertemplate="%{y:.0f}",
)
fig.add_scatter(
    x=ends["week_start"],
    y=ends["monotony"],
    name="monotony",
    mode="lines+markers",
    hovertemplate="%{y:.2f}",
    line={"color": charts.INK},
    secondary_y=True,
)
if len(ends):
    x_ends = [
        pd.Timestamp(ends["week_start"].min()),
        pd.Timestamp(ends["week_start"].max()) + pd.Timedelta(days=7),
    ]
    for level, dash, what in ((s.monotony_warn, "dot", "warn"), (s.monotony_flag, "dash", "flag")):
        fig.add_scatter(
            x=x_ends,
            y=[level, level],
            mode="lines",
            name=f"monotony: {what} above {level:g}",
            line={"color": charts.INK, "width": 1, "dash": dash},
            hoverinfo="skip",
            secondary_y=True,
        )
charts.layout(fig, height=360, xaxis_title="week starting")
fig.update_yaxes(title_text="strain", secondary_y=False)
top = max(s.monotony_flag + 0.5, float(ends["monotony"].max()) * 1.1 if ends["monotony"].notna().any() else 0)
fig.update_yaxes(title_text="monotony", secondary_y=True, showgrid=False, range=[0, top], tickmode="auto")
context(fig, label=False)
charts.week_axis(fig, x0, hi, s.week_start)
charts.show(fig, key="monotony_chart")
st.caption(
    f"Each week's 7 days to its last day. Monotony (Foster 1998): the lines at {s.monotony_warn:g} (warn) and "
    f"{s.monotony_flag:g} (flag). {palette.WARNING.word.capitalize()} bars: strain above your own {s.strain_percentile:.0f}th percentile."
)

with st.expander("How the load is computed"):
    st.markdown(help_text("load", s))
    cov = res.coverage.assign(method=res.coverage["method"].map(lambda m: LOAD_METHOD_LABELS.get(m, m)))
    st.dataframe(
        cov,
        hide_index=True,
        width="stretch",
        column_config={
            "share": st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1),
            "activities": "activities with it",
            "used": "times it drove the chart",
        },
    )
