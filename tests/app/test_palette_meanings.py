"""One colour, one meaning, across all pages: the colours live in ui/palette.py, each with its
meaning and the word captions use for it; no page or ui module writes a colour of its own."""

from __future__ import annotations

import re

import config
from ui import charts, palette

COLOUR_LITERAL = re.compile(r"""["'](#[0-9a-fA-F]{3,8}|rgba?\()""")


def test_no_two_meanings_share_a_colour_or_a_colour_word():
    hexes = [c.hex.lower() for c in palette.ALL]
    words = [c.word for c in palette.ALL]
    assert len(set(hexes)) == len(hexes), sorted(h for h in hexes if hexes.count(h) > 1)
    assert len(set(words)) == len(words), sorted(w for w in words if words.count(w) > 1)
    # Red is an injury, and only an injury: not a race, a large spike, a week without strength.
    reds = [c.meaning for c in palette.ALL if c.word == "red" or c.hex == palette.INJURY.hex]
    assert reds == [palette.INJURY.meaning]
    assert charts.RUN_TYPES["race"] != charts.INJURY_LINE != charts.SPIKES["large"]
    assert charts.ZERO != charts.INJURY_LINE
    assert f"{palette.INJURY.word}: injuries" in charts.context_legend().lower()


def test_pages_and_ui_take_their_colours_from_the_palette():
    files = [config.ROOT / "app.py", *sorted((config.ROOT / "pages").glob("*.py"))]
    files += [p for p in sorted((config.ROOT / "ui").glob("*.py")) if p.name != "palette.py"]
    found = [
        f"{p.relative_to(config.ROOT)}:{i}: {line.strip()}"
        for p in files
        for i, line in enumerate(p.read_text().splitlines(), start=1)
        if COLOUR_LITERAL.search(line)
    ]
    assert not found, "\n".join(found)


def test_the_context_legend_names_only_what_falls_in_the_range():
    import pandas as pd

    buildups = pd.DataFrame(
        {"start": [pd.Timestamp("2025-01-06")], "end": [pd.Timestamp("2025-04-27")], "name": ["spring"]}
    )
    injuries = pd.DataFrame(
        {
            "onset": [pd.Timestamp("2025-03-01"), pd.Timestamp("2025-09-01")],
            "end": [pd.Timestamp("2025-03-10"), pd.NaT],
            "ongoing": [False, True],
            "counted": [True, False],
        }
    )
    legend = charts.context_legend

    def says(text: str) -> tuple[bool, bool, bool]:
        return ("build-ups" in text, "injuries" in text, "niggle" in text)

    assert says(legend(buildups, injuries, "2025-02-01", "2025-03-31")) == (True, True, False)
    assert says(legend(buildups, injuries, "2025-05-01", "2025-08-31")) == (False, False, False)
    assert legend(buildups, injuries, "2025-05-01", "2025-08-31") == ""
    # An ongoing niggle reaches every later range.
    assert says(legend(buildups, injuries, "2026-01-01", "2026-02-01")) == (False, True, True)
    assert says(legend(buildups.iloc[:0], injuries.iloc[:0], "2025-01-01", "2026-01-01")) == (False,) * 3
    assert says(legend()) == (True, True, True)
