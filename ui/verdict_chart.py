"""The build-up verdicts at a glance: one row per build-up, a band coloured by its verdict, each
week a square coloured by how it went (coral where there was no session)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import Settings
from analysis import consistency as c
from ui import charts, fmt, palette

VERDICT_COLOURS = {
    c.VERDICT_KEPT: palette.ON_TARGET.hex,
    c.VERDICT_PARTLY: palette.PARTLY.hex,
    c.VERDICT_NOT_KEPT: palette.WARNING.hex,
    c.VERDICT_TOO_EARLY: palette.UNDECIDED.hex,
    c.VERDICT_NO_DATA: palette.UNDECIDED.hex,
}
WEEK_COLOURS = {
    c.WEEK_ON_TARGET: palette.ON_TARGET.hex,
    c.WEEK_ABOVE: palette.ABOVE_TARGET.hex,
    c.WEEK_BELOW: palette.BELOW_TARGET.hex,
    c.WEEK_NONE: palette.WARNING.hex,
    c.WEEK_TO_COME: palette.WHITE,
    c.WEEK_NOT_LOGGED: palette.EMPTY,
}
PLANNED_NAME = "planned strength sessions"
NAME_CHARS = 28  # a longer race name is cut on the axis (the table below has it in full)


def verdict_words(v: pd.Series) -> str:
    """'not kept: 9 of 16 weeks on target (56 %)', 'kept so far: ...', 'too early to say'."""
    verdict = v["verdict"]
    if verdict == c.VERDICT_TOO_EARLY:
        return verdict
    so_far = " so far" if v["in_progress"] else ""
    return (
        f"{verdict}{so_far}: {v['weeks_on_target']} of {fmt.plural(int(v['weeks']), 'week')} on target "
        f"({fmt.pct(v['share_on_target'])})"
    )


def _short(name: object) -> str:
    text = "" if fmt.missing(name) else str(name)
    return text if len(text) <= NAME_CHARS else text[: NAME_CHARS - 1] + "…"


def _planned_marks(w: pd.DataFrame, plan: pd.DataFrame | None) -> go.Scatter | None:
    """The planned count beside each planned week's square: "of 3" reads with the done count in it."""
    if plan is None or len(plan) == 0 or len(w) == 0:
        return None
    pw = w.merge(plan, on="week_start", how="inner")
    if pw.empty:
        return None
    told = [
        f"week of {d:%d %b %Y}: {fmt.plural(int(n), 'strength session')} planned, "
        + ("all still ahead" if pd.isna(done) else f"{int(done)} of the {int(due)} due done as planned")
        for d, n, due, done in zip(pw["week_start"], pw["planned"], pw["due"], pw["done"], strict=True)
    ]
    return go.Scatter(
        x=pw["x"] + 0.16,  # beside the square (20 px): "2 of 3" reads on one line
        y=pw["y"],
        mode="text",
        textposition="middle right",
        # "2 of 3" with the done count in the square; a week with nothing due yet has no count.
        text=[
            f"of {int(n)}" if due else f"{int(n)} planned"
            for n, due in zip(pw["planned"], pw["due"], strict=True)
        ],
        textfont={"color": charts.INK, "size": 10},
        name=PLANNED_NAME,
        customdata=told,
        hovertemplate="%{customdata}<extra>planned</extra>",
    )


def plan_lines(
    shown: list[tuple[object, str | None]], buildups: pd.DataFrame, weeks: pd.DataFrame, plan: pd.DataFrame
) -> list[str]:
    """One line per shown build-up with planned strength: 'Köln Halbmarathon, planned against done:
    strength 2 of 3 planned sessions done; 1 more planned ahead.'"""
    if plan is None or len(plan) == 0:
        return []
    names = buildups.set_index("buildup_id")["name"]
    lines = []
    for bid, _ in shown:
        pw = weeks[weeks["buildup_id"] == bid].merge(plan, on="week_start", how="inner")
        if pw.empty:
            continue
        due, done = int(pw["due"].sum()), int(pw["done"].fillna(0).sum())
        ahead = int(pw["planned"].sum()) - due
        parts = [f"strength {done} of {fmt.plural(due, 'planned session')} done"] if due else []
        if ahead:
            parts.append(
                f"{ahead} more planned ahead" if due else f"{fmt.plural(ahead, 'session')} planned ahead"
            )
        lines.append(f"{fmt.md(names.loc[bid])}, planned against done: " + "; ".join(parts) + ".")
    return lines


def verdict_figure(
    shown: list[tuple[object, str | None]],
    buildups: pd.DataFrame,
    verdicts: pd.DataFrame,
    weeks: pd.DataFrame,
    settings: Settings,
    plan: pd.DataFrame | None = None,
) -> go.Figure:
    """shown: consistency.buildups_to_show (newest first, drawn top down); weeks:
    consistency.buildup_weeks; plan: analysis.compliance.strength_weeks, whose weeks get the planned
    count under their square ("of 3"). x is the week's distance to race day (0 = the race week)."""
    fig = go.Figure()
    ids = [bid for bid, _ in shown]
    n = len(ids)
    y_of = {bid: n - 1 - i for i, bid in enumerate(ids)}  # the newest on top
    b = buildups.set_index("buildup_id")
    v = verdicts.set_index("buildup_id")
    notes, shapes = [], []
    longest = 1
    longest_weeks = max([int((weeks["buildup_id"] == bid).sum()) for bid in ids] + [1])
    for bid, where in shown:
        y = y_of[bid]
        row = v.loc[bid]
        colour = VERDICT_COLOURS[row["verdict"]]
        length = int((weeks["buildup_id"] == bid).sum())
        longest = max(longest, length)
        shapes.append(
            {
                "type": "rect",
                "x0": -length + 0.5,
                "x1": 0.5,
                "y0": y - 0.28,
                "y1": y + 0.28,
                "layer": "below",
                "fillcolor": palette.rgba(colour, 0.16),
                "line": {"color": colour, "width": 1.5},
            }
        )
        end = pd.Timestamp(b.loc[bid, "end"])
        day = f"race {end:%d %b %Y}" if b.loc[bid, "source"] == "race" else f"to {end:%d %b %Y}"
        note = f" ({where})" if where else ""
        # The name and verdict above the row (not beside it: the weeks keep the width on a phone).
        notes.append(
            {
                "x": -longest_weeks + 0.5,
                "y": y + 0.31,
                "xref": "x",
                "yref": "y",
                "xanchor": "left",
                "yanchor": "bottom",
                "align": "left",
                "showarrow": False,
                "text": f"<b>{fmt.esc(_short(b.loc[bid, 'name']))}</b> · {day}{note}<br>"
                f"<span style='color:{colour}'><b>{fmt.esc(verdict_words(row))}</b></span>",
            }
        )
    w = weeks[weeks["buildup_id"].isin(ids)].copy()
    w["y"] = w["buildup_id"].map(y_of)
    w["x"] = -w["weeks_to_race"]
    for state in c.WEEK_STATES:
        part = w[w["state"] == state]
        if part.empty:
            continue
        count = part["sessions"].map(lambda x: "" if pd.isna(x) else f"{x:.0f}")
        told = [
            f"week of {d:%d %b %Y}, "
            + ("the race week" if k == 0 else f"{fmt.plural(int(k), 'week')} before race day")
            + (f": {fmt.plural(int(s), 'session')}" if pd.notna(s) else "")
            + f" (target {lo}-{hi})"
            for d, k, s, lo, hi in zip(
                part["week_start"],
                part["weeks_to_race"],
                part["sessions"],
                part["target_min"],
                part["target_max"],
                strict=True,
            )
        ]
        dark = state in (c.WEEK_ON_TARGET, c.WEEK_ABOVE, c.WEEK_NONE)
        fig.add_scatter(
            x=part["x"],
            y=part["y"],
            mode="markers+text",
            name=state,
            text=count,
            customdata=told,
            textfont={"color": "white" if dark else charts.INK, "size": 11},
            marker={
                "symbol": "square",
                "size": 20,
                "color": WEEK_COLOURS[state],
                "line": {"color": palette.MUTED if state == c.WEEK_TO_COME else palette.WHITE, "width": 1},
            },
            hovertemplate="%{customdata}<extra>" + state + "</extra>",
        )
    planned = _planned_marks(w, plan)
    if planned is not None:
        fig.add_trace(planned)
    fig.update_layout(showlegend=True)  # the week colours, even when every week is alike
    step = 4 if longest > 8 else 2
    charts.layout(
        fig,
        height=90 + 96 * n,
        hovermode="closest",
        shapes=shapes,
        annotations=notes,
        margin={"t": 40, "b": 44, "l": 8, "r": 16},
    )
    fig.update_xaxes(
        range=[-longest + 0.2, 0.8],
        tickvals=[-k for k in range(0, longest, step)],
        ticktext=["race week" if k == 0 else str(k) for k in range(0, longest, step)],
        title_text="weeks before race day",
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    fig.update_yaxes(
        range=[-0.45, n - 1 + 0.9],
        showticklabels=False,
        showgrid=False,
        zeroline=False,
        fixedrange=True,
        automargin=True,
    )
    return fig
