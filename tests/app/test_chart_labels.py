"""Labels on the time charts (build-up names, injuries): none overlaps another or runs off the
right edge (ui.charts.place_labels)."""

from __future__ import annotations

import pandas as pd

from ui.charts import LABEL_ROW_PX, _note, place_labels

LO, HI = pd.Timestamp("2026-01-01"), pd.Timestamp("2026-07-01")


def test_labels_close_together_go_to_rows_of_their_own():
    notes = [
        _note(pd.Timestamp("2026-03-01"), "✚ left Achilles", "red"),
        _note(pd.Timestamp("2026-03-05"), "✚ right calf", "red"),
        _note(pd.Timestamp("2026-05-01"), "Hamburg Marathon", "purple"),
    ]
    out = place_labels(notes, LO, HI)
    assert [n["yshift"] for n in out] == [0, -LABEL_ROW_PX, 0]  # the third is far enough from both
    assert all(n["xanchor"] == "left" for n in out)


def test_a_label_at_the_right_edge_ends_at_its_line():
    out = place_labels([_note(pd.Timestamp("2026-06-28"), "✚ right foot (plantar fascia)", "red")], LO, HI)
    assert out[0]["xanchor"] == "right" and out[0]["yshift"] == 0
    # The long name is cut, and shown in full on hover.
    assert (
        out[0]["text"] == "✚ right foot (plantar fas…"
        and out[0]["hovertext"] == "✚ right foot (plantar fascia)"
    )


def test_user_text_is_escaped():
    out = place_labels([_note(pd.Timestamp("2026-02-01"), "<b>knee</b>", "red")], LO, HI)
    assert out[0]["text"] == "&lt;b&gt;knee&lt;/b&gt;"
