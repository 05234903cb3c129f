"""Overview: this week against the last four, form, the latest spike and race, strength against its
target, the phase, and the open warnings, each linking to its page."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analysis import (
    RECENT_DAYS,
    SPIKE_NAMES,
    current_phase,
    form_on,
    help_text,
    judged_from,
    latest_race,
    latest_spike,
    open_warnings,
    race_recap,
    races_over_spike_bound,
    recent_weeks,
    runs_between,
    strength_this_week,
    this_week_vs_last_four,
)
from ui import data, filters, fmt, page, plan_parts, report_download, verdict_chart
from ui.overview_parts import form_cards, running_cards, weekly_chart

WEEKS_SHOWN = 9

span, s = page.require_data("Overview")
today = span[1]
u = s.units_distance
res = data.results(today)
week = this_week_vs_last_four(res.weekly, today, s.week_start)
strength = strength_this_week(res.weekly, today, s.week_start)
form = form_on(res.daily, today)
phase = current_phase(res.weekly, res.buildups, res.verdicts, today, s.week_start)
log = filters.span()

st.caption(
    f"As of {fmt.day(today)} (the end of the sidebar's range). This week: from {week['week_start']:%a %d %b}, "
    f"{fmt.plural(week['days_so_far'], 'day')} of 7 so far."
)

# 0. The coming week, checked before it happens (only with a plan for it).
plan_parts.coming_week_block(today, s.week_start)

# 1. How much am I running, and is it climbing too fast?
st.subheader(
    "This week against the last four" if week["prev4_weeks"] == 4 else "This week against the weeks before"
)
weeks = recent_weeks(res.weekly, today, WEEKS_SHOWN, s.week_start)
first_shown = weeks["week_start"].iloc[0].date()
recent_runs = runs_between(res.runs, week["week_start"] - dt.timedelta(weeks=4), today)
cards = st.columns(4)
used = running_cards(cards[:3], week, u) if recent_runs else 0
target = "" if strength["target_min"] is None else f"{strength['target_min']}-{int(strength['target_max'])}"
cards[used].metric(
    "Strength sessions",
    strength["sessions"],
    border=True,
    delta=(None if not target else f"target {target} ({strength['phase']})"),
    delta_color="green" if strength["on_target"] else "orange",
    delta_arrow="off",
    help=help_text("strength_sessions", s),
)

if week["prev4_weeks"] < 4 and log is not None:
    st.caption(
        f"Your log begins on {fmt.day(log['first'])}: the weeks before it are not counted as weeks without "
        + (
            f"running, so the mean is over the {fmt.plural(week['prev4_weeks'], 'week')} since, not four."
            if week["prev4_weeks"]
            else "running, and this is its first week: there is no week before it to compare with."
        )
    )
left, right = st.columns([3, 2])
with left:
    if runs_between(res.runs, first_shown, today):
        weekly_chart(weeks, week, u, s.week_start)
    else:
        page.no_runs(log, f"No run in the {WEEKS_SHOWN} weeks up to {fmt.day(today)}.", key="overview_runs")
with right:
    form_cards(form, res.daily, today, s)
    spike = latest_spike(res.runs, today)
    if spike is not None and spike["date"] >= span[0]:
        st.markdown(
            f"**Latest spike:** {fmt.day(spike['date'])} ({fmt.plural(spike['days_ago'], 'day')} ago), "
            f"{fmt.dist(spike['distance_m'], u)}, **{spike['spike_ratio']:.2f} x** the longest run of the "
            f"{s.spike_lookback_days} days before ({fmt.dist(spike['prev_longest_m'], u)}): "
            f"a *{SPIKE_NAMES[spike['spike_category']]}*.",
            help=help_text("spike_ratio", s),
        )
        page.link(
            "activities",
            "Open this run",
            icon=":material/directions_run:",
            query={"activity": f"a{spike['activity_id']}"},
        )
    elif log is not None and log["last_run"] is not None:
        races = races_over_spike_bound(res.runs, today)
        rule = (
            f"no run{' but a race' if races == 1 else ' but races' if races else ''} was more than "
            f"{s.spike_bounds[0]:g} x the longest of the {s.spike_lookback_days} days before it"
            + (" (a race is run to be long: it is shown as the race, not as a spike)" if races else "")
        )
        judged = judged_from(res.runs, s)
        if spike is None and judged is not None and judged > today:
            st.markdown(
                f"**Latest spike:** not enough history yet. A run's spike compares it with the longest run of "
                f"the {s.spike_lookback_days} days before it, and your log begins on {fmt.day(log['first_run'])}: "
                f"runs from {fmt.day(judged)} on are judged.",
                help=help_text("spike_ratio", s),
            )
        elif spike is None:
            st.markdown(
                f"**Latest spike:** none in this range, nor before it: {rule}."
                # The log's first weeks are not judged: say so when the range shows them.
                + (
                    f" Runs before {fmt.day(judged)}, the log's first {s.spike_lookback_days} days: not "
                    "enough history."
                    if judged is not None and judged > span[0]
                    else ""
                ),
                help=help_text("spike_ratio", s),
            )
        else:
            st.markdown(
                f"**Latest spike:** none in this range; the latest before it was on {fmt.day(spike['date'])}, "
                f"a *{SPIKE_NAMES[spike['spike_category']]}* ({spike['spike_ratio']:.2f} x).",
                help=help_text("spike_ratio", s),
            )
            page.link(
                "activities",
                "Open that run",
                icon=":material/directions_run:",
                query={"activity": f"a{spike['activity_id']}"},
            )
    race = latest_race(res.runs, today, span[0], s.races)
    if race is not None:
        name = fmt.md(race["name"]) or "A race"
        st.markdown(
            f"**Latest race:** {name}, {fmt.day(race['date'])} ({fmt.plural(race['days_ago'], 'day')} ago)"
            + (f", {fmt.dist(race['distance_m'], u)}." if race["distance_m"] else "."),
            help="A race is run to be long: it is shown as the race, not as a spike warning.",
        )
        page.link(
            "activities",
            "Open this race",
            icon=":material/emoji_events:",
            query={"activity": f"a{race['activity_id']}"},
        )
    if phase["phase"] in ("build-up", "taper"):
        verdict = phase.get("verdict") or "too early to say"
        zero = phase.get("zero_weeks") or []
        st.markdown(
            f"**Phase:** {phase['phase']}, week {phase['week_number']} of {phase['weeks']} before "
            f"{fmt.md(phase['name'])} ({fmt.day(phase['race_day'])}). Strength so far: "
            f"{phase.get('weeks_on_target', 0)} of {fmt.plural(phase.get('weeks_so_far', 0), 'week')} on "
            f"target, **{verdict}**" + (f" ({fmt.plural(len(zero), 'week')} without any)." if zero else "."),
            help=help_text("buildup_verdict", s),
        )
    elif phase["phase"]:
        lo, hi = s.strength_target_base
        st.markdown(
            f"**Phase:** {phase['phase']} (off-season or base): strength target {lo}-{hi} sessions a week.",
            help=help_text("buildup", s),
        )

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
    st.success(f"Nothing open: no rule breaks, spikes or flags in the last {RECENT_DAYS} days.")
icons = {"warning": ":material/warning:", "info": ":material/info:"}
for a in alerts:
    when = f"{fmt.short_day(a['date'])}: " if a["date"] else ""
    page.link(
        a["topic"],
        f"{when}{a['message']}",
        icon=icons[a["level"]],
        help=f"Source: {a['source'] or 'Runstrong'}",
    )

# The week as one HTML file to send or keep (the same file as `python -m cli report`).
st.subheader("Weekly report")
report_download.week_report_button(data.athlete(), res.weekly, today, s.week_start, key="overview_report")
