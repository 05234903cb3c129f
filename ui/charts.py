"""One look for every chart: colours, layout, and the context every time axis carries (build-ups
shaded, injuries marked)."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import week_start_of
from ui import fmt, palette

# The colours, by meaning, live in ui.palette; these names are what the pages draw with.
INK = palette.INK
GRID = palette.GRID
RUN_TYPES = {k: c.hex for k, c in palette.RUN_TYPES.items()}
FITNESS = {"ctl": palette.FITNESS.hex, "atl": palette.FATIGUE.hex, "tsb": palette.FORM.hex}
STRENGTH = palette.STRENGTH.hex
RUN = palette.EASY.hex
ON_TARGET = palette.ON_TARGET.hex
OFF_TARGET = palette.BELOW_TARGET.hex
ZERO = palette.WARNING.hex
SPIKES = {k: c.hex for k, c in palette.SPIKES.items()}
REGIONS = {k: c.hex for k, c in palette.REGIONS.items()}
BUILDUP_FILL = palette.BUILDUP.rgba(0.12)
TAPER_FILL = palette.BUILDUP.rgba(0.24)
INJURY_FILL = palette.INJURY.rgba(0.10)
INJURY_LINE = palette.INJURY.hex
# TSB reference bands (TrainingPeaks / intervals.icu, heuristic), lowest first: strong enough to
# read on a white page; high fatigue in the warning colour (red is for injuries).
TSB_BANDS = (
    ("high fatigue", palette.WARNING.rgba(0.16)),
    ("building", palette.FORM.rgba(0.16)),
    ("neutral", palette.NEUTRAL_BAND),
    ("fresh", palette.EASY.rgba(0.22)),
)
CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
DAY_MS = 86_400_000
#: A week's bar covers its days (x = the week's first day), whatever the number of weeks shown.
WEEK_BAR = {"width": 6 * DAY_MS, "offset": 0.5 * DAY_MS}
#: The middle of a week's bar, where its label goes.
WEEK_MID = pd.Timedelta(days=3.5)
#: Weeks between two labelled weeks: the first that keeps the labels to WEEK_TICKS at most.
WEEK_STEPS = (1, 2, 4, 8, 13, 26, 52, 104, 208, 520)
WEEK_TICKS = 12
DAY_BAR = {"width": 0.8 * DAY_MS, "offset": -0.4 * DAY_MS}


def layout(fig: go.Figure, height: int = 380, **kwargs) -> go.Figure:
    base = {
        "template": "plotly_white",
        "height": height,
        "margin": {"t": 36, "b": 36, "l": 56, "r": 24},
        "font": {"color": INK, "size": 13},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        "hovermode": "x unified",
        "bargap": 0.15,
    }
    fig.update_layout(**{**base, **kwargs})
    fig.update_xaxes(gridcolor=GRID)
    fig.update_yaxes(gridcolor=GRID, zerolinecolor=GRID)
    return fig


def _axis(start, end, min_days: int = 28) -> tuple[pd.Timestamp, pd.Timestamp]:
    lo, hi = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    if (hi - lo).days < min_days:
        # Widened after the end, never before the start: the start is where the data begins, and
        # days before a log's first data drawn empty would read as days without training.
        hi = lo + pd.Timedelta(days=min_days)
    return lo, hi


def time_axis(fig: go.Figure, start, end, min_days: int = 28) -> go.Figure:
    """Fix every x axis to the range shown (at least `min_days` wide, so a log of one run does not
    zoom to milliseconds; a shorter range is widened after its end, never before its start)."""
    fig.update_xaxes(range=list(_axis(start, end, min_days)))
    return fig


def week_ticks(start, end, week_start: int, max_ticks: int = WEEK_TICKS) -> pd.DatetimeIndex:
    """The first days of the weeks to label between start and end: weeks begin on the runner's
    week start (Settings; analysis.week_start_of, as every weekly frame does), one in every
    1, 2, 4, 8, 13, 26, 52... weeks so that at most ``max_ticks`` are labelled, counted from a fixed
    week so that a label stays on its week when the range moves."""
    first = week_start_of(pd.Series([pd.Timestamp(start).normalize()]), week_start).iloc[0]
    weeks = pd.date_range(first, pd.Timestamp(end), freq="7D")
    step = next((k for k in WEEK_STEPS if len(weeks) <= k * max_ticks), WEEK_STEPS[-1])
    number = (weeks - pd.Timestamp("1970-01-05")) // pd.Timedelta(days=7)
    return weeks[number % step == 0]


def week_axis(fig: go.Figure, start, end, week_start: int, centre: bool = True) -> go.Figure:
    """Label a weekly chart's x axis by the weeks' first days (with the year where it changes):
    under the middle of each week's bar (``centre``, for WEEK_BAR bars) or under the week's own x
    (a calendar's columns). Plotly's own date ticks fall on Sundays whatever the week."""
    weeks = week_ticks(start, end, week_start)
    years = weeks.year.to_numpy()
    text = [
        f"{d:%d %b}" + (f"<br>{d:%Y}" if i == 0 or years[i] != years[i - 1] else "")
        for i, d in enumerate(weeks)
    ]
    fig.update_xaxes(tickvals=list(weeks + WEEK_MID) if centre else list(weeks), ticktext=text)
    return fig


def tsb_bands(fig: go.Figure, bounds: list[float], lo: float, hi: float, row: int = 1) -> go.Figure:
    """Shade the form (TSB) bands on subplot ``row`` behind its line, each labelled at the left
    edge inside it (the right edge holds the latest values). bounds: Settings.tsb_bands (3 values);
    lo, hi: the series' extremes, so the outer bands reach past the line."""
    b_lo, b_mid, b_hi = bounds
    pad = max(5.0, (b_hi - b_lo) / 4)
    lo = min(lo, b_lo - pad) if lo == lo else b_lo - pad  # NaN (no day): the bands alone
    hi = max(hi, b_hi + pad) if hi == hi else b_hi + pad
    yref = "y" if row == 1 else f"y{row}"
    xref = ("x" if row == 1 else f"x{row}") + " domain"
    shapes, notes = [], []
    for (name, color), (y0, y1) in zip(
        TSB_BANDS, ((lo, b_lo), (b_lo, b_mid), (b_mid, b_hi), (b_hi, hi)), strict=True
    ):
        shapes.append(
            {
                "type": "rect",
                "xref": xref,
                "yref": yref,
                "x0": 0,
                "x1": 1,
                "y0": y0,
                "y1": y1,
                "fillcolor": color,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        notes.append(
            {
                "xref": xref,
                "yref": yref,
                "x": 0.005,
                "y": (y0 + y1) / 2,
                "text": name,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "middle",
                "font": {"size": 10, "color": palette.LABEL},
            }
        )
    fig.update_layout(shapes=[*fig.layout.shapes, *shapes], annotations=[*fig.layout.annotations, *notes])
    fig.update_yaxes(range=[lo, hi], row=row, col=1)
    return fig


def show(fig: go.Figure, key: str | None = None) -> None:
    st.plotly_chart(fig, width="stretch", config=CONFIG, key=key)


def shade_context(
    fig: go.Figure,
    buildups: pd.DataFrame,
    injuries: pd.DataFrame,
    start: pd.Timestamp,
    end: pd.Timestamp,
    label: bool = True,
) -> go.Figure:
    """Shade build-ups (taper darker) and mark injuries (onset line, band to return) between
    start and end, over the whole height of the figure (its rows share the x axis). injuries:
    analysis.injury.injury_windows or classify_injuries rows (onset, end, ongoing, counted,
    body_area).

    The shapes are added in one layout update: plotly's add_vrect(row="all") re-validates every
    shape already there, which costs seconds over ten years of build-ups."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1)
    span = {"xref": "x", "yref": "paper", "y0": 0, "y1": 1, "layer": "below"}
    shapes: list[dict] = []
    notes: list[dict] = []
    for b in buildups.itertuples():
        b0, b1 = max(pd.Timestamp(b.start), lo), min(pd.Timestamp(b.end) + pd.Timedelta(days=1), hi)
        if b0 >= b1:
            continue
        shapes.append(
            {"type": "rect", "x0": b0, "x1": b1, "fillcolor": BUILDUP_FILL, "line": {"width": 0}, **span}
        )
        if label:
            notes.append(_note(b0, b.name, STRENGTH))
        if pd.notna(getattr(b, "taper_start", pd.NaT)):
            t0 = max(pd.Timestamp(b.taper_start), lo)
            if t0 < b1:
                shapes.append(
                    {
                        "type": "rect",
                        "x0": t0,
                        "x1": b1,
                        "fillcolor": TAPER_FILL,
                        "line": {"width": 0},
                        **span,
                    }
                )
    for j in injuries.itertuples():
        onset = pd.Timestamp(j.onset)
        back = pd.Timestamp(end) if bool(j.ongoing) or pd.isna(j.end) else pd.Timestamp(j.end)
        if onset > hi or back < lo:
            continue
        counted = bool(getattr(j, "counted", True))
        shapes.append(
            {
                "type": "rect",
                "x0": max(onset, lo),
                "x1": min(back + pd.Timedelta(days=1), hi),
                "fillcolor": INJURY_FILL,
                "line": {"width": 0},
                **span,
            }
        )
        if onset >= lo:
            shapes.append(
                {
                    "type": "line",
                    "x0": onset,
                    "x1": onset,
                    **span,
                    "layer": "above",
                    "line": {
                        "color": INJURY_LINE,
                        "width": 1.5 if counted else 1,
                        "dash": "solid" if counted else "dot",
                    },
                }
            )
            if label:
                notes.append(_note(onset, "✚ " + str(j.body_area or "injury"), INJURY_LINE))
    if shapes or notes:
        axis_lo, axis_hi = _axis(start, end)
        notes = place_labels(notes, axis_lo, axis_hi)
        fig.update_layout(shapes=[*fig.layout.shapes, *shapes], annotations=[*fig.layout.annotations, *notes])
    return time_axis(fig, start, end)


LABEL_CHARS = 20  # a longer label is cut (its full text shows on hover)
LABEL_PX_PER_CHAR = 6.4  # at font size 11
LABEL_ROW_PX = 15
# The labels are laid out for the narrowest plot they are drawn in: a 390 px phone's chart, whose
# plot area is about 280 px wide. At 1400 px they then sit further apart than they need to.
PLOT_PX = 280
MAX_ROWS = 3  # a label that finds no room in these rows shrinks to its mark ("✚", "⚑")
INJURY_MARK = "✚"
BUILDUP_MARK = "⚑"


def _note(x: pd.Timestamp, text: str, colour: str) -> dict:
    short = text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"
    return {
        "x": x,
        "y": 1,
        "xref": "x",
        "yref": "paper",
        "text": fmt.esc(short),
        "hovertext": fmt.esc(text),
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "top",
        "font": {"size": 11, "color": colour},
        "bgcolor": palette.LABEL_BACKGROUND,  # readable over the bars and dots below it
    }


def _mark(text: str) -> str:
    return INJURY_MARK if html.unescape(text).startswith(INJURY_MARK) else BUILDUP_MARK


def place_labels(notes: list[dict], lo: pd.Timestamp, hi: pd.Timestamp, plot_px: int = PLOT_PX) -> list[dict]:
    """Lay the labels out so that none overlaps another or runs off the right edge: a label that
    would pass the edge ends at its line instead of starting there, and a label that would cover
    an earlier one moves down a row. Past MAX_ROWS a label is only its mark (its text on hover),
    and a mark with no room either is left out (its line stays). Widths are estimated from the
    text at ``plot_px``."""
    days = max((hi - lo) / pd.Timedelta(days=1), 1.0)
    per_char = LABEL_PX_PER_CHAR / plot_px * days  # days of axis one character covers
    rows: list[list[tuple[float, float]]] = [[] for _ in range(MAX_ROWS)]

    def span(x: float, text: str) -> tuple[str, float, float]:
        width = (len(html.unescape(text)) + 1) * per_char
        return ("right", x - width, x) if x + width > days else ("left", x, x + width)

    def free(left: float, right: float) -> int | None:
        return next((i for i, r in enumerate(rows) if all(right <= a or left >= b for a, b in r)), None)

    out = []
    for n in sorted(notes, key=lambda n: pd.Timestamp(n["x"])):
        x = (pd.Timestamp(n["x"]) - lo) / pd.Timedelta(days=1)
        n = dict(n)
        anchor, left, right = span(x, n["text"])
        row = free(left, right)
        if row is None:
            n["text"] = _mark(n["text"])
            anchor, left, right = span(x, n["text"])
            row = free(left, right)
            if row is None:
                continue
        rows[row].append((left, right))
        n["xanchor"] = anchor
        n["yshift"] = -LABEL_ROW_PX * row
        out.append(n)
    return out


def context_legend(
    buildups: pd.DataFrame | None = None,
    injuries: pd.DataFrame | None = None,
    start: object = None,
    end: object = None,
) -> str:
    """What shade_context draws, in words. Given the same frames and range, only what it draws
    there (a caption never explains a colour the chart does not show); without them, all of it."""
    show_buildups = show_injuries = show_niggles = True
    if start is not None and end is not None:
        lo, hi = pd.Timestamp(start), pd.Timestamp(end)
        show_buildups = buildups is not None and any(
            pd.Timestamp(b.start) <= hi and pd.Timestamp(b.end) >= lo for b in buildups.itertuples()
        )
        shown = (
            [j for j in injuries.itertuples() if _injury_within(j, lo, hi)] if injuries is not None else []
        )
        show_injuries = bool(shown)
        show_niggles = any(not bool(getattr(j, "counted", True)) for j in shown)
    parts = []
    if show_buildups:
        parts.append(f"Shaded {palette.BUILDUP.word}: build-ups (darker: taper).")
    if show_injuries:
        how = "line: onset; dotted: a niggle" if show_niggles else "line: onset"
        parts.append(f"{palette.INJURY.word.capitalize()}: injuries ({how}).")
    return " ".join(parts)


def _injury_within(j: Any, lo: pd.Timestamp, hi: pd.Timestamp) -> bool:
    """Whether an injury row (onset, end, ongoing) touches lo..hi, as shade_context draws it."""
    onset = pd.Timestamp(j.onset)
    ongoing = bool(getattr(j, "ongoing", False)) or pd.isna(getattr(j, "end", None))
    back = hi if ongoing else pd.Timestamp(j.end)
    return onset <= hi and back >= lo
