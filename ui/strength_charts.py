"""The Strength page's balance donut and progression chart (the page reads the facts, these draw
them; testable without Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis import strength, units
from ui import charts, fmt, palette

E1RM_NAME = "estimated 1-rep max"
PLANNED_NAME = "planned"
# Room above the highest point of a line, so that a marker is not cut by the top of the plot.
HEADROOM = 1.15


def balance_figure(bal: pd.DataFrame) -> go.Figure:
    """Working sets per body region as a donut: whole percentages that sum to 100, no label on a
    slice that rounds to 0 % (its share is in the hover), the lower + core share in the hole.
    bal: analysis.strength.balance (region, sets, pct)."""
    shown = bal[bal["sets"] > 0]
    pct = shown["pct"].astype(int).tolist()
    fig = go.Figure(
        go.Pie(
            labels=shown["region"],
            values=shown["sets"],
            hole=0.55,
            sort=False,
            marker={"colors": [charts.REGIONS[r] for r in shown["region"]]},
            text=[f"{p} %" if p else "under 1 %" for p in pct],
            texttemplate=["%{label}<br>%{text}" if p else "" for p in pct],
            textposition="outside",
            hovertemplate="%{label}: %{value} working sets (%{text})<extra></extra>",
        )
    )
    share = strength.lower_core_share(bal)
    fig.add_annotation(text=f"{fmt.pct(share)}<br>lower + core", showarrow=False, font={"size": 16})
    return charts.layout(fig, height=320, showlegend=False)


def progression_figure(one: pd.DataFrame, w: str) -> go.Figure:
    """One exercise's sessions: volume load as bars, the estimated 1-rep max as a line on the right
    axis. A session without a weighted set has neither (a gap in the line, never 0), and the right
    axis reaches above the line's highest point."""
    label = units.weight_label(w)
    volume = pd.Series(units.weight(one["volume_load_kg"].astype(float), w)).to_numpy(dtype=float)
    e1rm = pd.Series(units.weight(one["e1rm_kg"].astype(float), w)).to_numpy(dtype=float)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_bar(
        x=one["local_date"],
        y=volume,
        name="volume load",
        marker_color=palette.STRENGTH_LIGHT,
        hovertemplate="%{x|%d %b %Y}: volume load %{y:.0f} " + label + "<extra></extra>",
    )
    fig.add_scatter(
        x=one["local_date"],
        y=e1rm,
        name=E1RM_NAME,
        mode="lines+markers",
        connectgaps=False,
        hovertemplate="%{x|%d %b %Y}: " + E1RM_NAME + " %{y:.1f} " + label + "<extra></extra>",
        line={"color": charts.STRENGTH},
        cliponaxis=False,
        secondary_y=True,
    )
    charts.layout(fig, height=320, hovermode="closest")
    fig.update_yaxes(title_text=f"volume load ({label})", secondary_y=False, tickformat=".0f")
    top = float(np.nanmax(e1rm)) if np.isfinite(e1rm).any() else 1.0
    fig.update_yaxes(
        title_text=f"1-rep max ({label})",
        secondary_y=True,
        showgrid=False,
        tickformat=".0f",
        range=[0, top * HEADROOM],
        tickmode="auto",
    )
    return fig


def sessions_figure(
    weeks: pd.DataFrame, first_session: pd.Timestamp, until: pd.Timestamp, plan: pd.DataFrame | None = None
) -> go.Figure:
    """Counted strength sessions per week against the phase's target band: a bar per week with a
    session (green on target, yellow off it), a coral mark on the axis for an ended week without any
    (weeks before ``first_session`` are not marked), and, with a plan (analysis.compliance.
    strength_weeks), a diamond at each planned week's planned count beside its done bar.
    weeks: Results.strength_weeks over the range; until: the last day whose weeks have ended."""
    fig = go.Figure()
    # The band is a step per week; one more step closes the last week.
    last = weeks.tail(1).assign(week_start=weeks["week_start"].tail(1) + pd.Timedelta(days=7))
    band = pd.concat([weeks, last])
    fig.add_scatter(
        x=band["week_start"],
        y=band["target_max"],
        mode="lines",
        line={"width": 0, "shape": "hv"},
        showlegend=False,
        hoverinfo="skip",
    )
    fig.add_scatter(
        x=band["week_start"],
        y=band["target_min"],
        mode="lines",
        line={"width": 0, "shape": "hv"},
        fill="tonexty",
        fillcolor=palette.ON_TARGET.rgba(0.15),
        name="target band (by phase)",
        hoverinfo="skip",
    )
    logged = weeks[weeks["week_start"] + pd.Timedelta(days=6) >= first_session]
    some = logged[logged["sessions"] > 0]
    fig.add_bar(
        x=some["week_start"],
        y=some["sessions"],
        marker_color=[charts.ON_TARGET if ok else charts.OFF_TARGET for ok in some["on_target"]],
        name="sessions",
        customdata=some[["phase", "target_min", "target_max"]].to_numpy(),
        hovertemplate="week of %{x|%d %b %Y}: %{y} session(s), target %{customdata[1]}-%{customdata[2]} "
        "(%{customdata[0]})<extra></extra>",
        **charts.WEEK_BAR,
    )
    ended = logged["week_start"] + pd.Timedelta(days=6) <= until
    none = logged[(logged["sessions"] == 0) & ended]  # a week still going is not a week without
    if len(none):
        # A week without any session has no bar: a mark in the warning colour on the axis shows it.
        fig.add_scatter(
            x=none["week_start"] + pd.Timedelta(days=3.5),
            y=[0] * len(none),
            mode="markers",
            name="no session",
            marker={"color": charts.ZERO, "symbol": "square", "size": 9},
            customdata=none[["phase", "target_min", "target_max"]].to_numpy(),
            hovertemplate="week of %{x|%d %b %Y}: no session, target %{customdata[1]}-%{customdata[2]} "
            "(%{customdata[0]})<extra></extra>",
            cliponaxis=False,
        )
    planned = _planned_sessions(weeks, plan)
    if planned is not None:
        fig.add_trace(planned)
    charts.layout(fig, height=320, yaxis_title="sessions", xaxis_title="week starting", hovermode="closest")
    fig.update_yaxes(dtick=1, rangemode="tozero")
    return fig


def _planned_sessions(weeks: pd.DataFrame, plan: pd.DataFrame | None) -> go.Scatter | None:
    """One diamond per shown week holding planned strength, at its planned count, in the middle of
    the week's bar: the bar is what was done, the diamond what was planned. None without a plan."""
    if plan is None or len(plan) == 0 or len(weeks) == 0:
        return None
    pw = weeks[["week_start"]].merge(plan, on="week_start", how="inner")
    if pw.empty:
        return None
    told = [
        f"week of {d:%d %b %Y}: {fmt.plural(int(n), 'strength session')} planned, "
        + ("all still ahead" if pd.isna(done) else f"{int(done)} of the {int(due)} due done as planned")
        for d, n, due, done in zip(pw["week_start"], pw["planned"], pw["due"], pw["done"], strict=True)
    ]
    return go.Scatter(
        x=pw["week_start"] + charts.WEEK_MID,
        y=pw["planned"].astype(int).tolist(),
        mode="markers",
        name=PLANNED_NAME,
        marker={
            "symbol": "diamond-open",
            "size": 12,
            "color": palette.PLANNED.hex,
            "line": {"width": 2, "color": palette.PLANNED.hex},
        },
        customdata=told,
        hovertemplate="%{customdata}<extra></extra>",
        cliponaxis=False,
    )


def has_planned(fig: go.Figure) -> bool:
    """Whether the sessions chart shows planned sessions (its caption then names their colour)."""
    return any(t.name == PLANNED_NAME for t in fig.data)
