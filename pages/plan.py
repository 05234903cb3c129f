"""Plan: the week ahead in a grid (Monday to Sunday, or the runner's own week start), sessions
added, moved, edited and deleted, last week's pattern repeated, strength placed, and the week
checked before it happens: the scheduling rules under the chosen policy, the strength target, the
single-run spike, the 2-week progression and the ramp rate. A plan is never an activity."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analysis import POLICY_INFO, cite, coming_week
from ingest import template
from ui import data, fmt, page, plan_parts

span, s = page.require_data(
    "Plan",
    "The week before it happens: plan runs and strength, and see what the coaching articles' rules, the "
    "strength target and the load checks say before you do it. A plan is never counted as training done.",
)
today = span[1]
u = s.units_distance
res = data.results(today)
planned = data.planned()
plan_parts.show_flash()

first = coming_week(today, s.week_start)
planned_weeks = sorted(
    {
        first + dt.timedelta(days=7 * ((d - first).days // 7))
        for d in pd.to_datetime(planned["planned_date"]).dt.date
    }
)
weeks = sorted({first + dt.timedelta(days=7 * k) for k in range(-4, 9)} | set(planned_weeks))
week = st.selectbox(
    "Week starting",
    weeks,
    index=weeks.index(first),
    format_func=lambda d: (
        fmt.day(d) + (" (coming week)" if d == first else "") + ("  · planned" if d in planned_weeks else "")
    ),
    key="plan_week",
)
view = data.plan_view(today, week)

st.caption(
    f"As of {fmt.day(today)}, the end of the sidebar's range: days up to it show what you did, "
    f"later days what you plan. Rules checked under {POLICY_INFO[s.policy].label(s)} (change it in Settings)."
)
plan_parts.grid(week, planned, res, u, view.matched)
plan_parts.compliance_line(view.compliance)

c1, c2 = st.columns(2)
with c1:
    if st.button(
        "Repeat last week's pattern",
        key="plan_repeat",
        help="Copies last week's plan into this week, or what you did last week when it had no plan.",
    ):
        plan_parts.repeat_last_week(week, planned, res)
        st.rerun()
with c2:
    plan_parts.place(week, view, res)

st.subheader("Checks before they happen")
week_end = week + dt.timedelta(days=6)
if week_end <= today:
    st.info(
        f"This week is over by {fmt.day(today)}: the grid shows what was done, beside the plan when there "
        "was one; the checks look at the days ahead.",
        icon=":material/event:",
    )
elif not plan_parts.planned_between(planned, max(week, today + dt.timedelta(days=1)), week_end):
    st.info(
        f"Nothing planned after {fmt.day(today)} in this week: add sessions below, repeat last week's "
        "pattern, or import a plan, and they are checked here.",
        icon=":material/event:",
    )
else:
    plan_parts.checks(
        view.checks, "No flag this week: every rule, the strength target and the load checks pass."
    )
    plan_parts.load_table(week, view.forecast, u)
    st.caption(f"The rules come from {cite(*POLICY_INFO[s.policy].articles)}; each flag names its source.")

plan_parts.add_form(week, u)
plan_parts.edit_form(week, planned, u)

if view.forecast["planned"].any() if len(view.forecast) else False:
    st.subheader("Fitness, fatigue and form with the plan")
    plan_parts.forecast_chart(view.forecast, res)
    st.caption(
        "Dashed: the days ahead, from the planned sessions' estimated load (the table above says how each "
        "is estimated), by the same formulas as your history."
    )

with st.expander("Plan from a spreadsheet"):
    st.markdown(
        "Fill one row per planned session in the plan template and import it on the Import page: a row that "
        "cannot be read is refused with its row number and the reason, the others go in."
    )
    st.download_button(
        "plan.csv (the plan template)", template("plan.csv"), file_name="plan.csv", mime="text/csv"
    )
