"""Schedule check: the coaching articles' scheduling rules per week under the chosen policy, and a
week laid out beside an article's sample week. The rules, policies and their sources live in
analysis.schedule; the hours in them come from Settings."""

from __future__ import annotations

import dataclasses

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import (
    BASIS_LABELS,
    POLICY_INFO,
    SAMPLE_ARTICLE,
    SAMPLE_WEEK,
    cite,
    rule_notes,
    rule_of,
    rules_for,
    schedule_violations,
    units,
    violations_per_week,
    week_view,
)
from ui import assumed, charts, data, filters, fmt, page, palette

span, s = page.require_data(
    "Schedule check",
    "Coaching guidance from articles on strength training for runners, each rule with its source: "
    "a check, not a verdict.",
)
u = s.units_distance
res = data.results(span[1])
lo, hi = pd.Timestamp(span[0]), pd.Timestamp(span[1])

policy = st.radio(
    "Policy",
    list(POLICY_INFO),
    index=list(POLICY_INFO).index(s.policy),
    format_func=lambda p: POLICY_INFO[p].label(s),
    key="schedule_policy",
    help="The default is set in Settings; the two schools disagree.",
)
checked = (
    res.violations
    if policy == res.settings.policy
    else schedule_violations(
        res.strength_sessions, res.runs, dataclasses.replace(res.settings, policy=policy)
    )
)
v = filters.clip(checked, "date", span)

with st.expander("The rules checked, with their sources", expanded=False):
    for rule in rules_for(policy):
        st.markdown(f"**{rule.number}.** {fmt.md(rule.label(s))} ({fmt.md(rule.source())})")
    for note in rule_notes(policy):
        st.caption(note)
    st.caption(f"This policy follows {cite(*POLICY_INFO[policy].articles)}.")

weeks = filters.clip(res.weekly, "week_start", span, pad_days=6)
runs_in = filters.clip(res.runs, "local_date", span) if len(res.runs) else res.runs
sessions = res.strength_sessions
lifts = sessions[sessions["counted"].astype(bool)] if len(sessions) else sessions
lifts_in = filters.clip(lifts, "local_date", span) if len(lifts) else lifts
per_week = violations_per_week(v, s.week_start)


def empty_check(
    runs_in: pd.DataFrame, lifts_in: pd.DataFrame, runs: pd.DataFrame, lifts: pd.DataFrame
) -> str:
    """Why nothing is checked in this range, and where the missing kind of session is."""
    missing = [w for w, d in (("strength sessions", lifts_in), ("runs", runs_in)) if len(d) == 0]
    text = f"No {' and no '.join(missing)} in this range: the rules weigh strength sessions against runs."
    for word, inside, every in (("run", runs_in, runs), ("strength session", lifts_in, lifts)):
        before = pd.to_datetime(every["local_date"]) if len(every) else pd.Series(dtype="datetime64[ns]")
        before = before[before < lo]
        if len(inside) == 0 and len(before):
            text += f" Your latest {word} before it is on {fmt.day(before.max())}."
        elif len(inside) == 0:
            text += f" There is no {word} before it."
    return text


if len(lifts_in) == 0 or len(runs_in) == 0:
    st.info(empty_check(runs_in, lifts_in, res.runs, lifts), icon=":material/info:")
else:
    c1, c2, c3 = st.columns(3)
    c1.metric("Rule breaks in the range", len(v), border=True)
    c2.metric("Weeks with a break", f"{per_week['week_start'].nunique()} of {len(weeks)}", border=True)
    c3.metric("Strength sessions checked", len(lifts_in), border=True)
    if len(v):
        fig = go.Figure()
        # Every break in the warning colour; the rules told apart by their hatching.
        patterns = {1: "", 2: "/", 3: "x", 4: "."}
        for rule, part in per_week.groupby("rule"):
            fig.add_bar(
                x=part["week_start"],
                y=part["count"],
                name=rule_of(int(rule), policy).name,
                marker={
                    "color": palette.WARNING.hex,
                    "pattern": {"shape": patterns.get(abs(int(rule)), "")},
                    "line": {"color": "white", "width": 1},
                },
                hovertemplate="week of %{x|%d %b %Y}: %{y} × "
                + fmt.esc(part["label"].iloc[0])
                + "<extra></extra>",
                **charts.WEEK_BAR,
            )
        charts.layout(
            fig,
            height=300,
            barmode="stack",
            yaxis_title="rule breaks",
            xaxis_title="week starting",
            hovermode="closest",
            showlegend=True,  # the rules' names, even when only one was broken
        )
        fig.update_yaxes(dtick=1)
        charts.shade_context(fig, res.buildups, res.injury_windows, lo, hi, label=False)
        charts.week_axis(fig, lo, hi, s.week_start)
        charts.show(fig, key="breaks_chart")
        table = pd.DataFrame(
            {
                "date": pd.to_datetime(v["date"]).dt.date,
                "rule": v["name"],
                "guidance": v["label"],
                "what happened": v["detail"],
                "checked by": v["basis"].map(BASIS_LABELS),
            }
        )
        st.dataframe(
            table.iloc[::-1],
            hide_index=True,
            width="stretch",
            column_config={"date": st.column_config.DateColumn(format="YYYY-MM-DD")},
        )
    else:
        st.success("No rule broken in this range under this policy.")

# --- A week, day by day -----------------------------------------------------------------------------------
st.subheader("A week, day by day")
starts = list(pd.to_datetime(weeks["week_start"]).dt.date)[::-1]
if not starts:
    st.caption("No week of the range holds a run or a strength session.")
    st.stop()
with_breaks = set(pd.to_datetime(per_week["week_start"]).dt.date)
busy = weeks[(weeks["runs"] > 0) | (weeks["strength_sessions"] > 0)]
latest = pd.Timestamp(busy["week_start"].max()).date() if len(busy) else starts[0]
week = st.selectbox(
    "Week starting",
    starts,
    index=starts.index(latest),
    key="schedule_week",
    format_func=lambda d: fmt.day(d) + ("  ⚠ rule break" if d in with_breaks else ""),
)
view = week_view(week, res.runs, res.strength_sessions, checked)


days = view.groupby("date", sort=True)
mine = pd.DataFrame(
    {
        "day": [g["day"].iloc[0] for _, g in days],
        "sessions": ["; ".join(fmt.day_entry(r, u) for r in g.itertuples()) for _, g in days],
        "rule breaks": [
            "; ".join(rule_of(x, policy).name for x in sorted({x for rules in g["rules"] for x in rules}))
            for _, g in days
        ],
    }
)
left, right = st.columns(2)
with left:
    st.markdown(f"**Your week from {fmt.day(week)}**")
    st.table(mine, hide_index=True, border="horizontal")
with right:
    st.markdown("**A sample week that works**")
    st.table(
        pd.DataFrame(SAMPLE_WEEK, columns=["day", "session", "notes"]), hide_index=True, border="horizontal"
    )
    st.caption(
        f"From {cite(SAMPLE_ARTICLE)}. A template, not a prescription: protect the key sessions by "
        "keeping heavy strength away from the day before."
    )
st.caption(
    f"Distances in {units.distance_label(u)}. Key runs: the long run (the week's longest, when it is at least "
    f"{s.long_run_share:.0%} of the week's distance or {s.long_run_min_s / 60:.0f} min), quality runs and races."
)
if len(runs_in):  # quality runs are found by threshold pace and heart rate
    assumed.note(res, ("quality",))
