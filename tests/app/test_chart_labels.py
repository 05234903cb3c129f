"""Labels on the time charts (build-up names, injuries): none overlaps another or runs off the
right edge (ui.charts.place_labels)."""

from __future__ import annotations

import html

import pandas as pd

from ui.charts import (
    INJURY_MARK,
    LABEL_CHARS,
    LABEL_PX_PER_CHAR,
    LABEL_ROW_PX,
    MAX_ROWS,
    PLOT_PX,
    _note,
    place_labels,
)

LO, HI = pd.Timestamp("2026-01-01"), pd.Timestamp("2026-07-01")


def test_labels_close_together_go_to_rows_of_their_own():
    notes = [
        _note(pd.Timestamp("2026-03-01"), "✚ left Achilles", "red"),
        _note(pd.Timestamp("2026-03-05"), "✚ right calf", "red"),
        _note(pd.Timestamp("2026-05-01"), "Hamburg Marathon", "purple"),
    ]
    out = place_labels(notes, LO, HI, plot_px=900)  # a 1400 px window's plot
    assert [n["yshift"] for n in out] == [0, -LABEL_ROW_PX, 0]  # the third is far enough from both
    assert all(n["xanchor"] == "left" for n in out)


def test_a_label_at_the_right_edge_ends_at_its_line():
    out = place_labels([_note(pd.Timestamp("2026-06-28"), "✚ right foot (plantar fascia)", "red")], LO, HI)
    assert out[0]["xanchor"] == "right" and out[0]["yshift"] == 0
    # The long name is cut, and shown in full on hover.
    assert out[0]["text"] == "✚ right foot (plantar fascia)"[: LABEL_CHARS - 1] + "…"
    assert out[0]["hovertext"] == "✚ right foot (plantar fascia)"


def test_user_text_is_escaped():
    out = place_labels([_note(pd.Timestamp("2026-02-01"), "<b>knee</b>", "red")], LO, HI)
    assert out[0]["text"] == "&lt;b&gt;knee&lt;/b&gt;"


def _extent(n: dict, plot_px: int) -> tuple[int, float, float]:
    """A placed label's row and its left and right edge in pixels of the plot."""
    x = (pd.Timestamp(n["x"]) - LO) / (HI - LO) * plot_px
    width = (len(html.unescape(n["text"])) + 1) * LABEL_PX_PER_CHAR
    left = x - width if n["xanchor"] == "right" else x
    return -n["yshift"] // LABEL_ROW_PX, left, left + width


def test_at_phone_width_no_label_overlaps_another_or_leaves_the_plot():
    # A season of a busy log: build-ups and injuries a few weeks apart.
    days = [3, 10, 24, 30, 45, 52, 60, 61, 90, 120, 150, 170, 178]
    notes = [
        _note(
            LO + pd.Timedelta(days=d),
            ("✚ left Achilles tendon" if i % 2 else "Berlin Marathon build-up"),
            "red",
        )
        for i, d in enumerate(days)
    ]
    out = place_labels(notes, LO, HI)
    placed = [_extent(n, PLOT_PX) for n in out]
    assert all(0 <= row < MAX_ROWS for row, _, _ in placed)
    assert all(left >= -1 and right <= PLOT_PX + 1 for _, left, right in placed), placed
    for i, (row, left, right) in enumerate(placed):
        for other in placed[i + 1 :]:
            assert other[0] != row or other[2] <= left or other[1] >= right, (placed[i], other)
    # Past the rows, a label shrinks to its mark and keeps its full text on hover.
    marks = [n for n in out if n["text"] in (INJURY_MARK, "⚑")]
    assert marks and all(n["hovertext"] for n in marks)
    assert len(out) >= len(notes) // 2
