"""The Load page's weekly chart by run type and its caption, drawn from the same list of the run
types present, so that the caption never describes colours the chart does not show."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import Settings, runmix, units
from ui import charts, fmt, palette

#: Stacking order, bottom first: the long run at the bottom of its week, labelled.
STACK = ("long", "quality", "easy", "race")


def present_types(mix: pd.DataFrame) -> list[str]:
    """The run types that have a run in ``mix`` (analysis.runmix.weekly_run_mix), in stack order."""
    found = set(mix["run_type"]) if len(mix) else set()
    return [t for t in STACK if t in found]


def weekly_mix_figure(mix: pd.DataFrame, by_time: bool, u: str) -> go.Figure:
    """Weekly distance (or hours) stacked by run type: one trace per type present, each named in
    the legend (shown even when there is one, so that a single colour is still named)."""
    unit_label = "hours" if by_time else units.distance_label(u)
    fig = go.Figure()
    for t in present_types(mix):
        part = mix[mix["run_type"] == t]
        y = part["time_s"] / 3600 if by_time else units.distance(part["distance_m"], u)
        amount = (
            part["time_s"].map(units.format_duration) if by_time else y.map(lambda v: f"{v:.1f} {unit_label}")
        )
        hover = [f"{a} ({fmt.plural(int(n), 'run')})" for a, n in zip(amount, part["runs"], strict=True)]
        fig.add_bar(
            x=part["week_start"],
            y=y,
            name=runmix.RUN_TYPE_LABELS[t],
            marker_color=palette.RUN_TYPES[t].hex,
            customdata=hover,
            hovertemplate="%{customdata}",
            **charts.WEEK_BAR,
            # The long run's own segment carries its amount.
            text=y.round(1) if t == "long" else None,
            textposition="inside",
            insidetextanchor="start",
            textfont={"color": "white", "size": 10},
        )
    return charts.layout(
        fig,
        height=400,
        barmode="stack",
        yaxis_title=unit_label,
        xaxis_title="week starting",
        legend_traceorder="normal",
        showlegend=True,
    )


def long_only_note(runs: pd.DataFrame, s: Settings) -> str:
    """' A week with a single run ... however short.' when a shown long run is its week's only run
    (keyruns.long_only_runs: the rule sets no minimum distance), else ''."""
    if "long_only_run" not in runs or not runs["long_only_run"].astype("boolean").fillna(False).any():
        return ""
    return (
        f" A week with a single run shorter than {s.long_run_min_s / 60:g} min has that run as its long run "
        f"(the week's longest, {s.long_run_share:.0%} or more of its distance), however short."
    )


def weekly_mix_caption(mix: pd.DataFrame, context: str | None = None) -> str:
    """What the colours of weekly_mix_figure are, for the types it shows, then the context's
    (charts.context_legend of what the chart shades; all of it when not given)."""
    types = present_types(mix)
    named = [f"{runmix.RUN_TYPE_LABELS[t]} in {palette.RUN_TYPES[t].word}" for t in types]
    if len(types) == 1:
        text = f"Each week's running: every run in this range is counted among the {named[0]}."
    else:
        text = "Each week's running by run type: " + ", ".join(named) + "."
    if "long" in types:
        text += " The week's long run sits at the bottom of its bar, labelled with its amount."
    context = charts.context_legend() if context is None else context
    return f"{text} {context}".rstrip()


def ratio_gap(daily: pd.DataFrame, column: str, span: tuple, chronic_days: int) -> str | None:
    """One sentence in place of an acute:chronic chart that would be empty over ``span``, saying
    why and when the first ratio comes; None when the range holds a ratio. ``daily`` is the whole
    log's daily frame (analysis Results.daily), so the sentence can point outside the range."""
    lo, hi = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    dates = pd.to_datetime(daily["date"])
    ratio = daily[column]
    if ratio[(dates >= lo) & (dates <= hi)].notna().any():
        return None
    loaded = dates[daily["load"].fillna(0) > 0]
    if ratio.notna().any():
        first = dates[ratio.notna()].min()
        where = "after this range" if first > hi else "before this range"
        return (
            f"No acute:chronic ratio between {fmt.day(lo)} and {fmt.day(hi)}: it needs training load in "
            f"the {chronic_days} days before each day. The log's ratios begin on {fmt.day(first)}, {where}."
        )
    start = fmt.day(loaded.min()) if len(loaded) else "no day yet"
    return (
        f"No acute:chronic ratio yet: it compares a week with the {chronic_days} days before it, and the "
        f"log's training load begins on {start}. The first ratio comes once {chronic_days} days of "
        "training are behind a day."
    )
