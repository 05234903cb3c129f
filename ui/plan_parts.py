"""The Plan page's pieces: the week grid, the forms that add, edit, move and delete a planned
session, "repeat last week's pattern", "Place my strength", the week's checks, the planned load per
day and the forecast chart. The logic is analysis.plan, planview, plancheck and forecast; the
writes are store.plan."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import (
    FOCUS_LABELS,
    FOCUSES,
    KINDS,
    RUN_TYPES,
    PlanRowError,
    Results,
    coming_week,
    compliance,
    pattern_from_done,
    place_strength,
    plan,
    planned_text,
    units,
    week_grid,
)
from store import plan as store_plan
from ui import charts, data, fmt, page

FLASH = "plan_flash"
PROPOSALS = "plan_proposals"


def flash(text: str, kind: str = "success") -> None:
    """A message shown once, after the rerun a write asks for."""
    st.session_state[FLASH] = (kind, text)


def show_flash() -> None:
    got = st.session_state.pop(FLASH, None)
    if got:
        kind, text = got
        (st.success if kind == "success" else st.warning)(text)


def _day_label(d: dt.date) -> str:
    return f"{d:%a %d %b}"


STATUS_MARKS = {
    compliance.DONE: ":green[done]",
    compliance.PARTLY: ":orange[partly done]",
    compliance.MISSED: ":red[missed]",
}


def grid(week: dt.date, planned: pd.DataFrame, res: Results, unit: str, matched: pd.DataFrame) -> None:
    """Seven columns, the week's days: done sessions (ticked) above planned ones; a past planned
    session says whether it was done."""
    view = week_grid(week, planned, res.runs, res.strength_sessions, res.today, unit)
    status = dict(zip(matched["plan_id"], matched["status"], strict=True)) if len(matched) else {}
    cols = st.columns(7)
    for i, col in enumerate(cols):
        day = week + dt.timedelta(days=i)
        with col:
            st.markdown(f"**{_day_label(day)}**")
            items = view[view["date"].dt.date == day]
            if len(items) == 0:
                st.caption("rest" if day <= res.today else "nothing planned")
            for r in items.itertuples():
                if r.done:
                    st.markdown(f":green[:material/check:] {fmt.md(r.text)}")
                else:
                    mark = STATUS_MARKS.get(status.get(r.plan_id, ""), "")
                    st.markdown(f":blue[:material/event:] {fmt.md(r.text)}" + (f" ({mark})" if mark else ""))


def _row_from_inputs(day: dt.date, f: dict, unit: str) -> dict:
    """The plan row of a form: its day and the inputs `_fields` returned, distance in metres."""
    distance = f["distance"]
    return {
        "planned_date": day,
        "time": f["time"],
        "kind": f["kind"],
        "run_type": f["run_type"],
        "distance_m": None if distance is None else float(units.to_metres(distance, unit)),
        "duration_min": f["duration"],
        "strength_focus": f["focus"],
        "rpe": f["rpe"],
        "note": f["note"],
    }


def _v(x):
    """None for every spelling of missing (a store row read through pandas has NaN and NaT)."""
    if x is None or isinstance(x, str | dt.time | dt.date):
        return x
    return None if pd.isna(x) else x


def _fields(prefix: str, unit: str, row: dict | None = None) -> dict:
    """The form's inputs, filled from `row` when editing. The day is asked by the caller."""
    row = {k: _v(x) for k, x in (row or {}).items()}
    t = row.get("time_local")
    c1, c2 = st.columns(2)
    time = c1.text_input(
        "Time (HH:MM, empty for any time)",
        value=f"{t:%H:%M}" if isinstance(t, dt.time) else "",
        key=f"{prefix}_time",
    )
    kind = c2.radio(
        "Kind", KINDS, index=KINDS.index(row.get("kind") or "run"), horizontal=True, key=f"{prefix}_kind"
    )
    c1, c2, c3 = st.columns(3)
    rt = row.get("run_type") or "easy"
    run_type = c1.selectbox(
        "Run type (a run)",
        list(RUN_TYPES),
        index=RUN_TYPES.index(rt),
        format_func=lambda t: plan.RUN_TYPE_LABELS[t],
        key=f"{prefix}_run_type",
    )
    dist = row.get("distance_m")
    distance = c2.number_input(
        f"Distance ({units.distance_label(unit)}, a run)",
        min_value=0.0,
        step=0.5,
        value=None if dist is None or pd.isna(dist) else round(float(units.distance(dist, unit)), 2),
        key=f"{prefix}_distance",
    )
    dur = row.get("duration_s")
    duration = c3.number_input(
        "Duration (min)",
        min_value=0.0,
        step=5.0,
        value=None if dur is None or pd.isna(dur) else float(dur) / 60.0,
        key=f"{prefix}_duration",
    )
    c1, c2, c3 = st.columns(3)
    fc = row.get("strength_focus")
    focus = c1.selectbox(
        "Strength focus (strength)",
        list(FOCUSES),
        index=FOCUSES.index(fc) if fc in FOCUSES else 0,
        format_func=lambda f: FOCUS_LABELS[f],
        key=f"{prefix}_focus",
    )
    r = row.get("rpe")
    rpe = c2.number_input(
        "RPE (0-10, optional)",
        min_value=0.0,
        max_value=10.0,
        step=1.0,
        value=None if r is None or pd.isna(r) else float(r),
        key=f"{prefix}_rpe",
    )
    n = row.get("note")
    note = c3.text_input("Note", value="" if n is None or pd.isna(n) else str(n), key=f"{prefix}_note")
    return {
        "time": time,
        "kind": kind,
        "run_type": run_type,
        "distance": distance,
        "duration": duration,
        "focus": focus,
        "rpe": rpe,
        "note": note,
    }


def add_form(week: dt.date, unit: str) -> None:
    days = [week + dt.timedelta(days=i) for i in range(7)]
    with st.form("plan_add"):
        st.markdown("**Add a session**")
        day = st.selectbox("Day", days, format_func=_day_label, key="plan_add_day")
        f = _fields("plan_add", unit)
        sent = st.form_submit_button("Add to the plan", type="primary")
    if sent:
        row = _row_from_inputs(day, f, unit)
        try:
            data.write(store_plan.add_planned, row)
        except PlanRowError as exc:
            st.error(f"Not added: {exc}.")
            return
        flash(f"Planned: {_day_label(day)}, {fmt.md(planned_text(_shown(row), unit))}.")
        st.rerun()


def _shown(row: dict) -> dict:
    """A form's row in the store's words, for its one-line description."""
    t = row.get("time")
    try:
        time = dt.time.fromisoformat(t) if t else None
    except ValueError:
        time = None
    dur = row.get("duration_min")
    return {**row, "time_local": time, "duration_s": None if dur is None else dur * 60.0}


def edit_form(week: dt.date, planned: pd.DataFrame, unit: str) -> None:
    """Pick one of the week's planned sessions; change it, move it to another day, or delete it."""
    p = planned[pd.to_datetime(planned["planned_date"]).dt.date.between(week, week + dt.timedelta(days=6))]
    if len(p) == 0:
        return
    rows = {int(r["plan_id"]): r for _, r in p.iterrows()}
    pid = st.selectbox(
        "Edit, move or delete a planned session",
        list(rows),
        format_func=lambda i: (
            f"{_day_label(pd.Timestamp(rows[i]['planned_date']).date())}: {planned_text(rows[i], unit)}"
        ),
        key="plan_edit_pick",
    )
    row = rows[pid]
    with st.form(f"plan_edit_{pid}"):
        day = st.date_input(
            "Day (move it)", value=pd.Timestamp(row["planned_date"]).date(), key=f"plan_edit_day_{pid}"
        )
        f = _fields(f"plan_edit_{pid}", unit, row.to_dict())
        c1, c2 = st.columns(2)
        save = c1.form_submit_button("Save changes", type="primary")
        delete = c2.form_submit_button("Delete this session")
    if delete:
        data.write(store_plan.delete_planned, pid)
        flash(
            f"Deleted from the plan: {_day_label(pd.Timestamp(row['planned_date']).date())}, "
            f"{fmt.md(planned_text(row, unit))}."
        )
        st.rerun()
    if save:
        new = _row_from_inputs(day, f, unit)
        try:
            data.write(store_plan.update_planned, pid, new)
        except PlanRowError as exc:
            st.error(f"Not saved: {exc}.")
            return
        flash(f"Saved: {_day_label(day)}, {fmt.md(planned_text(_shown(new), unit))}.")
        st.rerun()


def repeat_last_week(week: dt.date, planned: pd.DataFrame, res: Results) -> None:
    """Copy the week before into this one: its plan, or what was done in it when it had no plan."""
    prev = week - dt.timedelta(days=7)
    had_plan = (
        pd.to_datetime(planned["planned_date"]).dt.date.between(prev, week - dt.timedelta(days=1)).any()
    )
    if had_plan:
        n = data.write(store_plan.copy_week, prev, week)
        flash(
            f"{fmt.plural(n, 'session')} planned from the week of {_day_label(prev)}'s plan."
            if n
            else "Every session of last week's plan is already in this week."
        )
    else:
        rows = pattern_from_done(prev, week, res.runs, res.strength_sessions)
        if not rows:
            flash(
                f"Nothing to repeat: the week of {_day_label(prev)} has no plan and no training.", "warning"
            )
            return
        n, problems = data.write(store_plan.add_many, rows)
        text = f"{fmt.plural(n, 'session')} planned from what you did in the week of {_day_label(prev)}."
        flash(
            text + (" Not repeated: " + "; ".join(problems) + "." if problems else ""),
            "warning" if problems else "success",
        )


def place(week: dt.date, view, res: Results) -> None:
    """'Place my strength': proposals for the sessions the week lacks, each with its why; accepted,
    they go into the plan."""
    s = res.settings
    if st.button(
        "Place my strength",
        key="plan_place",
        help="Proposes days and times for the strength "
        "sessions this week lacks against its target, breaking no scheduling rule where one can be kept.",
    ):
        got = place_strength(
            week, view.estimates, res.runs, res.strength_sessions, res.buildups, res.today, s
        )
        st.session_state[PROPOSALS] = (week, got)
    stored = st.session_state.get(PROPOSALS)
    if not stored or stored[0] != week:
        return
    got = stored[1]
    if not got:
        st.info("This week already reaches its strength target: nothing to place.")
        return
    lines = [
        f"- **{p['words']}**, {FOCUS_LABELS[p['focus']]}, {p['duration_s'] / 60:.0f} min: {fmt.md(p['why'])}"
        for p in got
    ]
    st.markdown("**Proposed strength sessions**\n" + "\n".join(lines))
    if st.button("Add these to the plan", type="primary", key="plan_place_accept"):
        rows = [
            {
                "planned_date": p["day"].date(),
                "time": f"{p['time']:%H:%M}" if p["time"] else None,
                "kind": "strength",
                "strength_focus": p["focus"],
                "duration_s": p["duration_s"],
            }
            for p in got
        ]
        n, _ = data.write(store_plan.add_many, rows)
        st.session_state.pop(PROPOSALS, None)
        flash(f"{fmt.plural(n, 'strength session')} added to the plan.")
        st.rerun()


def checks(c: pd.DataFrame, empty: str) -> None:
    """Each flag: what, how to fix it, and its source (our own words only: no user text in them)."""
    if len(c) == 0:
        st.success(empty)
        return
    for r in c.itertuples():
        box = st.warning if r.severity == "warning" else st.info
        box(
            f"{r.message}  \n**Fix:** {r.fix}  \n*Source: {r.source}*",
            icon=":material/warning:" if r.severity == "warning" else ":material/info:",
        )


def load_table(week: dt.date, fc: pd.DataFrame, unit: str) -> None:
    """The planned distance and load per day of the week, with the estimate each uses."""
    days = fc[
        fc["planned"].astype(bool)
        & pd.to_datetime(fc["date"]).dt.date.between(week, week + dt.timedelta(days=6))
    ]
    if len(days) == 0:
        return
    table = pd.DataFrame(
        {
            "day": [_day_label(d) for d in pd.to_datetime(days["date"]).dt.date],
            "planned distance": [fmt.dist(m, unit) if m else "–" for m in days["run_distance_m"]],
            "planned load": [f"{x:.0f}" if x else "–" for x in days["load"]],
            "how the load is estimated": [
                b if isinstance(b, str) and b else "rest day" for b in days["load_basis"]
            ],
        }
    )
    said = days["distance_basis"] if "distance_basis" in days else pd.Series(dtype=object)
    if said.notna().any():  # a run given only its minutes: the pace that made them a distance
        table["how the distance is estimated"] = [b if isinstance(b, str) and b else "–" for b in said]
    st.table(table, hide_index=True, border="horizontal")


def forecast_chart(fc: pd.DataFrame, res: Results, weeks_back: int = 12) -> None:
    """Fitness, fatigue and form over the last weeks and the plan, the planned part dashed."""
    if len(fc) == 0 or not fc["planned"].any():
        return
    lo = pd.Timestamp(res.today) - pd.Timedelta(weeks=weeks_back)
    f = fc[pd.to_datetime(fc["date"]) >= lo]
    done, ahead = f[~f["planned"].astype(bool)], f[f["planned"].astype(bool)]
    no_runs = len(res.runs) == 0
    if no_runs:  # weeks of a flat zero say nothing: the curves start from the last day, at zero
        done = done.tail(1)
    # The dashed part starts at the last done day, so the two lines meet.
    ahead = pd.concat([done.tail(1), ahead]) if len(done) else ahead
    fig = go.Figure()
    names = {"ctl": "fitness (CTL)", "atl": "fatigue (ATL)", "tsb": "form (TSB)"}
    for col, name in names.items():
        colour = charts.FITNESS.get(col)
        fig.add_scatter(
            x=done["date"],
            y=done[col],
            name=name,
            line={"color": colour},
            hovertemplate="%{x|%d %b %Y}: %{y:.0f}<extra>" + name + "</extra>",
        )
        fig.add_scatter(
            x=ahead["date"],
            y=ahead[col],
            name=f"{name}, planned",
            line={"color": colour, "dash": "dash"},
            hovertemplate="%{x|%d %b %Y}: %{y:.0f} (planned)<extra>" + name + "</extra>",
        )
    charts.layout(fig, height=320, yaxis_title="load per day", hovermode="x unified")
    charts.show(fig, key="plan_forecast")
    if no_runs:
        st.caption("No run in your log yet: fitness, fatigue and form start from zero with the plan.")


def planned_between(planned: pd.DataFrame, first: dt.date, last: dt.date) -> bool:
    days = pd.to_datetime(planned["planned_date"]).dt.date
    return bool(((days >= first) & (days <= last)).any())


def coming_week_block(today: dt.date, week_start: int) -> None:
    """The Overview's first block: the coming week's checks, only when a plan exists for it (a
    runner without a plan sees the Overview as before)."""
    week = coming_week(today, week_start)
    after = today + dt.timedelta(days=1)
    if not planned_between(data.planned(), after, week + dt.timedelta(days=6)):
        return
    st.subheader("The coming week")
    view = data.plan_view(today, week)
    st.caption(f"Your plan from {fmt.day(after)}, checked before it happens.")
    checks(
        view.checks,
        "No flag in the coming week's plan: every rule, the strength target and the load checks pass.",
    )
    page.link("plan", "Open the plan", icon=":material/edit_calendar:")


def compliance_line(c: dict | None) -> None:
    """'Planned against done: runs 3 of 4 done (1 partly), strength 1 of 2; 1 unplanned run.'"""
    if not c:
        return
    parts, extra = [], []
    for kind, word in (("run", "run"), ("strength", "strength session")):
        k = c[kind]
        if k["planned"]:
            partly = f" ({k['partly']} partly)" if k["partly"] else ""
            parts.append(
                f"{fmt.plural(k['planned'], 'planned ' + word)}: {k['done'] + k['partly']} done{partly}"
            )
        if k["unplanned"]:
            extra.append(fmt.plural(k["unplanned"], "unplanned " + word))
    text = "**Planned against done** (up to your last logged day): " + "; ".join(parts)
    st.markdown(text + (f". Also {', '.join(extra)}." if extra else "."))


def planned_forecast(today: dt.date, week_start: int) -> pd.DataFrame:
    """The forecast's planned days after today, led by today (so a dashed line starts where the
    done one ends); empty without a plan ahead. For the Load page's fitness chart."""
    if not planned_between(data.planned(), today + dt.timedelta(days=1), dt.date.max):
        return pd.DataFrame()
    fc = data.plan_view(today, coming_week(today, week_start)).forecast
    d = pd.to_datetime(fc["date"]).dt.date
    return fc[d >= today].reset_index(drop=True)
