"""The Load page's weekly chart by run type and its caption, drawn from the same list of the run
types present, so that the caption never describes colours the chart does not show."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis import Settings, load_label, runmix, units
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


def fitness_figure(daily: pd.DataFrame, s: Settings, u: str, ahead: pd.DataFrame | None = None) -> go.Figure:
    """Daily load as bars with fitness (CTL, dotted while it warms up from zero) and fatigue (ATL)
    above, form (TSB) on its bands below; the plan ahead dashed when ``ahead`` (a forecast's days)
    has rows. daily: analysis Results.daily rows. The distance method's load is drawn in the
    runner's unit (the ratios do not change)."""
    load_name = load_label(s.load_method, u)
    k = units.distance(1000.0, u) if s.load_method == "distance" else 1.0
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.05)
    fig.add_bar(
        x=daily["date"],
        y=daily["load"] * k,
        name=f"daily load ({load_name})",
        marker_color=palette.LOAD_BAR,
        hovertemplate="%{y:.0f} " + load_name,
        **charts.DAY_BAR,
        row=1,
        col=1,
    )
    warm = daily["ctl_warmup"].astype(bool)
    per_day = "%{y:.1f} " + load_name + " / day"
    fig.add_scatter(
        x=daily["date"],
        y=(daily["ctl"] * k).where(~warm),
        name="fitness (CTL)",
        hovertemplate=per_day,
        line={"color": charts.FITNESS["ctl"], "width": 2.5},
        row=1,
        col=1,
    )
    if warm.any():
        fig.add_scatter(
            x=daily["date"],
            y=(daily["ctl"] * k).where(warm),
            name="fitness, warming up",
            hovertemplate=per_day,
            line={"color": palette.MUTED, "width": 2, "dash": "dot"},
            row=1,
            col=1,
        )
    fig.add_scatter(
        x=daily["date"],
        y=daily["atl"] * k,
        name="fatigue (ATL)",
        hovertemplate=per_day,
        line={"color": charts.FITNESS["atl"], "width": 1.5},
        row=1,
        col=1,
    )
    bands = [b * k for b in s.tsb_bands]
    tsb = daily["tsb"] * k
    charts.tsb_bands(fig, bands, float(tsb.min()), float(tsb.max()), row=2)
    fig.add_scatter(
        x=daily["date"],
        y=tsb,
        name="form (TSB)",
        hovertemplate="%{y:+.1f} " + load_name + " / day",
        line={"color": charts.FITNESS["tsb"], "width": 2},
        row=2,
        col=1,
    )
    if ahead is not None and len(ahead):
        for col, row, name in (("ctl", 1, "fitness"), ("atl", 1, "fatigue"), ("tsb", 2, "form")):
            fig.add_scatter(
                x=ahead["date"],
                y=ahead[col] * k,
                name=f"{name}, planned",
                hovertemplate="%{y:.1f} " + load_name + " / day (planned)",
                line={"color": charts.FITNESS[col], "width": 1.5, "dash": "dash"},
                row=row,
                col=1,
            )
    charts.layout(fig, height=520)
    fig.update_yaxes(title_text=load_name, row=1, col=1)
    fig.update_yaxes(title_text="form (TSB)", row=2, col=1)
    return fig


def form_bands_caption(s: Settings, u: str) -> str:
    """What the form bands of fitness_figure are (TrainingPeaks, intervals.icu; heuristic)."""
    k = units.distance(1000.0, u) if s.load_method == "distance" else 1.0
    b_lo, b_mid, b_hi = (b * k for b in s.tsb_bands)
    return (
        f"Form bands (TrainingPeaks, intervals.icu; heuristic), shaded: below {b_lo:g} high fatigue, {b_lo:g} to "
        f"{b_mid:g} building, {b_mid:g} to {b_hi:+g} neutral, above {b_hi:+g} fresh."
    )


def acwr_figure(daily: pd.DataFrame, method: str, s: Settings, u: str, reference: bool) -> go.Figure:
    """The acute:chronic ratio of ``method`` above (with the reference lines when ``reference``:
    Gabbett 2016's band and Hulin 2016's line, from Settings), the acute and chronic loads below it
    as a week's load (EWMA loads are per day: x 7). daily: analysis Results.daily rows."""
    load_name = load_label(s.load_method, u)
    k = units.distance(1000.0, u) if s.load_method == "distance" else 1.0
    r_lo, r_hi = s.acwr_reference
    acute, chronic = ("ewma_acute", "ewma_chronic") if method == "ewma" else ("acute", "chronic")
    scale = (7.0 if method == "ewma" else 1.0) * k  # EWMA loads are per day: x 7 reads as a week
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.5, 0.5], vertical_spacing=0.06)
    fig.add_scatter(
        x=daily["date"],
        y=daily[f"acwr_{method}"],
        name="ratio",
        hovertemplate="%{y:.2f}",
        line={"color": charts.INK, "width": 2},
        row=1,
        col=1,
    )
    if reference:
        fig.add_hrect(
            y0=r_lo,
            y1=r_hi,
            fillcolor=palette.ON_TARGET.rgba(0.10),
            line_width=0,
            row=1,
            col=1,
            annotation_text=f"{r_lo:g}-{r_hi:g} (Gabbett 2016)",
            annotation_position="top left",
        )
        fig.add_hline(
            y=s.acwr_danger,
            line_dash="dash",
            line_color=charts.ZERO,
            row=1,
            col=1,
            annotation_text=f"{s.acwr_danger:g} (Hulin 2016)",
            annotation_position="top left",
        )
    for column, name, colour in (
        (acute, f"acute (last {s.acwr_acute_days} days)", charts.FITNESS["atl"]),
        (chronic, f"chronic (weekly mean of {s.acwr_chronic_days} days)", charts.FITNESS["ctl"]),
    ):
        fig.add_scatter(
            x=daily["date"],
            y=daily[column] * scale,
            name=name,
            hovertemplate="%{y:.0f} " + load_name,
            line={"color": colour},
            row=2,
            col=1,
        )
    charts.layout(fig, height=460)
    fig.update_yaxes(title_text="ratio", row=1, col=1)
    fig.update_yaxes(title_text=f"{load_name} / week", row=2, col=1)
    return fig
