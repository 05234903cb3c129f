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
