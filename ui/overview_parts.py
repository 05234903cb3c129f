"""The Overview's cards and weekly chart (the page reads the facts, these draw them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import Settings, help_text, units
from ui import charts, fmt, palette


def mean_name(week: dict) -> str | None:
    """What the mean of the weeks before this one is over: '4-week mean', or, for a log that began
    less than four weeks before this week, '2-week mean' (weeks before the first data are not zero
    weeks, so the mean is over fewer); None when no week before this one is in the log."""
    n = week["prev4_weeks"]
    if not n or week["prev4_mean_distance_m"] is None:
        return None
    return f"{n}-week mean"


def running_cards(cols: Sequence[Any], week: dict, u: str) -> int:
    """Distance, time and runs this week, each against the mean of the (up to four) weeks before;
    one card when no run so far. Returns the number of columns used."""
    label = units.distance_label(u)
    name = mean_name(week)
    if week["runs"] == 0:  # a week just begun (or a rest week so far): said, not drawn as 0.0 and 0:00
        # The delta is one short line (a longer one was cut at the card's edge); the runs in the help.
        cols[0].metric(
            "Running this week",
            "no run yet",
            f"{name} {fmt.dist(week['prev4_mean_distance_m'], u)}" if name else None,
            delta_color="off",
            delta_arrow="off",
            border=True,
            help=f"The weeks before this one: {week['prev4_mean_runs']:.1f} runs a week on average."
            if name
            else None,
        )
        return 1
    delta = (
        None if week["distance_change"] is None or not name else f"{week['distance_change']:+.0%} vs {name}"
    )
    first = "This is your log's first week: no week before it to compare with." if not name else None
    cols[0].metric(
        f"Running distance ({label})",
        f"{units.distance(week['distance_m'], u):.1f}",
        delta,
        delta_color="off",
        border=True,
        help=first or f"{name}: {fmt.dist(week['prev4_mean_distance_m'], u)}.",
    )
    cols[1].metric(
        "Running time",
        units.format_duration(week["time_s"]),
        border=True,
        help=first or f"{name}: {units.format_duration(week['prev4_mean_time_s'])}.",
    )
    cols[2].metric(
        "Runs", week["runs"], border=True, help=first or f"{name}: {week['prev4_mean_runs']:.1f} runs."
    )
    return 3


def weekly_chart(weeks: pd.DataFrame, week: dict, u: str, week_start: int) -> None:
    """weekly_figure, drawn with its caption."""
    charts.show(weekly_figure(weeks, week, u, week_start))
    st.caption(weekly_caption())


def weekly_caption(so_far: bool = True) -> str:
    """What weekly_figure draws, in words (the Overview and the weekly report say it the same way);
    ``so_far``: the week shown dark is still under way."""
    dark = f"this week in {palette.LONG.word}" + (", so far" if so_far else "")
    return f"Weekly running ({dark}) and strength sessions (diamonds)."


def weekly_figure(weeks: pd.DataFrame, week: dict, u: str, week_start: int) -> go.Figure:
    """The last weeks' running as bars (this week dark), strength sessions as diamonds, and the
    mean of the (up to four) weeks before as a line named in the legend (an annotation would sit on
    the diamonds). ``weeks`` starts at the log's first week at the earliest (summary.recent_weeks)."""
    label = units.distance_label(u)
    km = units.distance(weeks["run_distance_m"], u)
    runs = weeks["runs"].astype(int)
    fig = go.Figure()
    hover = [f"{d:.1f} {label} ({fmt.plural(n, 'run')})" for d, n in zip(km, runs, strict=True)]
    fig.add_bar(
        x=weeks["week_start"],
        y=km,
        name=f"running ({label})",
        customdata=hover,
        marker_color=[charts.RUN_TYPES["long"] if c else charts.RUN for c in weeks["current"]],
        hovertemplate="%{customdata}<extra></extra>",
        **charts.WEEK_BAR,
    )
    name = mean_name(week)
    mean = units.distance(week["prev4_mean_distance_m"], u) if name else 0.0
    x0 = weeks["week_start"].iloc[0]
    x1 = weeks["week_start"].iloc[-1] + pd.Timedelta(days=7)
    if mean > 0:  # no line along the axis when the weeks before held no run (or there are none)
        fig.add_scatter(
            x=[x0, x1],
            y=[mean, mean],
            mode="lines",
            name=f"{name} ({mean:.1f} {label})",
            line={"color": charts.INK, "dash": "dash", "width": 1.5},
            hoverinfo="skip",
        )
    mid = weeks["week_start"] + pd.Timedelta(days=3.5)
    n = weeks["strength_sessions"].astype(int)
    fig.add_scatter(
        x=mid,
        y=n,
        name="strength sessions",
        mode="markers+text",
        textposition="top center",
        text=[str(k) if k else "" for k in n],  # a week without any: the diamond on the axis
        customdata=[fmt.plural(k, "strength session") for k in n],
        hovertemplate="%{customdata}<extra></extra>",
        marker={"color": charts.STRENGTH, "size": 10, "symbol": "diamond"},
        yaxis="y2",
    )
    charts.layout(
        fig,
        height=300,
        yaxis_title=label,
        hovermode="closest",
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "rangemode": "tozero",
            "title": "strength",
            "dtick": 1,
            "range": [0, max(4, int(n.max()) + 1)],
        },
    )
    fig.update_xaxes(range=[x0, x1])
    charts.week_axis(fig, x0, x1 - pd.Timedelta(days=1), week_start)
    return fig


def form_cards(form: dict | None, daily: pd.DataFrame, today: dt.date, s: Settings) -> None:
    """Form and fitness on ``today``, when there was training load in the fitness window before it
    (after months without any, fitness is a decayed remnant, not a reading)."""
    if form is None:
        return
    since = pd.Timestamp(today) - pd.Timedelta(days=s.ctl_days - 1)
    recent = daily[(daily["date"] >= since) & (daily["date"] <= pd.Timestamp(today))]
    if not (recent["load"].fillna(0) > 0).any():
        st.markdown(
            f"**Form and fitness:** no training load in the {s.ctl_days} days up to {fmt.day(today)}.",
            help=help_text("ctl", s),
        )
        return
    f1, f2 = st.columns(2)
    f1.metric(
        "Form (TSB)",
        f"{_signed(form['tsb'])}",
        form["tsb_band"],
        delta_color="off",
        delta_arrow="off",
        help=help_text("tsb", s),
    )
    f2.metric(
        "Fitness (CTL)",
        f"{form['ctl']:.1f}",
        f"ramp {_signed(form['ramp'])} / wk" if form["ramp"] is not None else None,
        delta_color="off",
        delta_arrow="off",
        help=help_text("ctl", s) + " " + help_text("ramp", s),
    )
    if form["ctl_warmup"]:
        st.caption(f"Fitness is still climbing from zero: the first {s.ctl_days} days of the log read low.")


def _signed(x: float) -> str:
    """'+1.2', '-3.0', and '0.0' for a value that rounds to zero (never '-0.0')."""
    r = round(float(x), 1) + 0.0
    return f"{r:+.1f}" if r else "0.0"
