"""Schedule check: the seeds' scheduling rules per week under the chosen policy, and a week laid
out beside the seed articles' sample week (DOMAIN.md section 7)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import units
from analysis.schedule import RULES, schedule_violations
from analysis.weekview import SAMPLE_SOURCE, SAMPLE_WEEK, violations_per_week, week_view
from ui import charts, data, filters, fmt, page

span, s = page.require_data(
    "Schedule check",
    "Coaching guidance from the seed articles, each rule with its source: a check, not a verdict.",
)
u = s.units_distance
res = data.results(span[1])
lo, hi = pd.Timestamp(span[0]), pd.Timestamp(span[1])

POLICIES = {
    "easy-day": "Easy-day strength: lift on easy-run days or the day after a hard run (seeds 000, 001, 004)",
    "hard-day": "Hard-day strength: keep hard days hard, lift within 3 h after the hard session (seed 002)",
}
policy = st.radio("Policy", list(POLICIES), index=list(POLICIES).index(s.policy), format_func=POLICIES.get,
                  key="schedule_policy", help="The default is set in Settings; the two schools disagree.")  # fmt: skip
checked = res.violations if policy == res.settings.policy else schedule_violations(
    res.strength_sessions, res.runs, dataclasses.replace(res.settings, policy=policy))  # fmt: skip
v = filters.clip(checked, "date", span)

with st.expander("The rules checked", expanded=False):
    active = [1, 2, 3, 4] if policy == "easy-day" else [1, 3, -4]
    for r in active:
        label, source = RULES[r]
        st.markdown(f"**{abs(r)}.** {label} ({source})")
    if policy == "hard-day":
        st.caption(
            "Rule 2 (no strength on a long-run day) belongs to the easy-day school and is not checked."
        )
    st.caption("Upper-body and core sessions are exempt from the hard-day placement rule (seed 004). A session "
               "whose time of day is unknown is checked by date only.")  # fmt: skip

weeks = filters.clip(res.weekly, "week_start", span, pad_days=6)
per_week = violations_per_week(v, s.week_start)
c1, c2, c3 = st.columns(3)
c1.metric("Rule breaks in the range", len(v), border=True)
c2.metric("Weeks with a break", f"{per_week['week_start'].nunique()} of {len(weeks)}", border=True)
c3.metric("Strength sessions checked", int(weeks["strength_sessions"].sum()), border=True)

fig = go.Figure()
palette = {1: charts.ZERO, 2: charts.RUN_TYPES["quality"], 3: charts.STRENGTH, 4: charts.RUN_TYPES["long"]}
for rule, part in per_week.groupby("rule"):
    fig.add_bar(x=part["week_start"], y=part["count"], name=f"rule {rule}", marker_color=palette.get(int(rule)),
                hovertemplate="%{y} × " + fmt.esc(part["label"].iloc[0]) + "<extra></extra>", **charts.WEEK_BAR)  # fmt: skip
charts.layout(fig, height=300, barmode="stack", yaxis_title="breaks", xaxis_title="week starting",
              hovermode="closest")  # fmt: skip
fig.update_yaxes(dtick=1)
charts.shade_context(fig, res.buildups, res.injury_windows, lo, hi, label=False)
charts.show(fig, key="breaks_chart")

if len(v):
    table = pd.DataFrame({"date": pd.to_datetime(v["date"]).dt.date, "rule": v["rule"], "guidance": v["label"],
                          "what happened": v["detail"], "checked by": v["basis"], "source": v["source"]})  # fmt: skip
    st.dataframe(table.iloc[::-1], hide_index=True, width="stretch")
else:
    st.success("No rule broken in this range under this policy.")

# --- A week, day by day -----------------------------------------------------------------------------------
st.subheader("A week, day by day")
starts = list(pd.to_datetime(weeks["week_start"]).dt.date)[::-1]
if not starts:
    st.stop()
with_breaks = set(pd.to_datetime(per_week["week_start"]).dt.date)
busy = weeks[(weeks["runs"] > 0) | (weeks["strength_sessions"] > 0)]
latest = pd.Timestamp(busy["week_start"].max()).date() if len(busy) else starts[0]
week = st.selectbox("Week starting", starts, index=starts.index(latest), key="schedule_week",
                    format_func=lambda d: fmt.day(d) + ("  ⚠ rule break" if d in with_breaks else ""))  # fmt: skip
view = week_view(week, res.runs, res.strength_sessions, checked)


def describe(r) -> str:
    if r.kind == "rest":
        return "rest"
    when = f"{r.time_local:%H:%M} " if pd.notna(r.time_local) else ""
    if r.kind == "run":
        return f"{when}{r.label} {fmt.dist(r.distance_m, u)}, {fmt.duration(r.duration_s)}"
    return f"{when}{r.label}, {fmt.duration(r.duration_s)}"


days = view.groupby("date", sort=True)
mine = pd.DataFrame({
    "day": [g["day"].iloc[0] for _, g in days],
    "sessions": ["; ".join(describe(r) for r in g.itertuples()) for _, g in days],
    "rule breaks": [", ".join(f"rule {x}" for x in sorted({x for rules in g["rules"] for x in rules})) for _, g in days],
})  # fmt: skip
left, right = st.columns(2)
with left:
    st.markdown(f"**Your week from {fmt.day(week)}**")
    st.table(mine, hide_index=True, border="horizontal")
with right:
    st.markdown("**The seed's sample week**")
    st.table(
        pd.DataFrame(SAMPLE_WEEK, columns=["day", "session", "notes"]), hide_index=True, border="horizontal"
    )
    st.caption(f"From {SAMPLE_SOURCE}. A template, not a prescription: protect the key sessions by keeping heavy "
               "strength away from the day before.")  # fmt: skip
st.caption(
    f"Distances in {units.distance_label(u)}. Run types: long, quality or race runs are key runs (DOMAIN.md 7)."
)
