"""The Load page's weekly chart by run type and its caption agree: the caption names the colours of
the run types the chart draws, and only those; a chart of one run type still names it in a legend."""

from __future__ import annotations

import pandas as pd

from analysis.runmix import RUN_TYPE_LABELS
from ui import palette
from ui.load_parts import weekly_mix_caption, weekly_mix_figure

WEEKS = pd.to_datetime(["2024-08-05", "2024-08-12"])


def mix(types: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"week_start": w, "run_type": t, "distance_m": 8000.0, "time_s": 2700.0, "runs": 2}
            for w in WEEKS
            for t in types
        ]
    )


def colour_words(text: str) -> set[str]:
    """The palette's run-type colour words a caption names."""
    return {c.word for c in palette.RUN_TYPES.values() if f" in {c.word}" in text}


def test_a_single_run_type_is_named_in_the_legend_and_the_caption():
    m = mix(["quality"])
    fig = weekly_mix_figure(m, by_time=False, u="km")
    assert [tr.name for tr in fig.data] == [RUN_TYPE_LABELS["quality"]]
    assert fig.layout.showlegend is True
    caption = weekly_mix_caption(m)
    assert colour_words(caption) == {palette.QUALITY.word}
    assert "long run sits at the bottom" not in caption  # no long run is drawn


def test_the_caption_names_each_colour_drawn_and_no_other():
    for types in (["easy", "long"], ["easy", "quality", "race"], ["long", "quality", "easy", "race"]):
        m = mix(types)
        fig = weekly_mix_figure(m, by_time=True, u="mi")
        drawn = {tr.marker.color for tr in fig.data}
        assert drawn == {palette.RUN_TYPES[t].hex for t in types}
        assert colour_words(weekly_mix_caption(m)) == {palette.RUN_TYPES[t].word for t in types}
        assert ("long run sits at the bottom" in weekly_mix_caption(m)) == ("long" in types)
