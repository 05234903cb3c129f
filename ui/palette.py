"""Every colour the charts use, each with one meaning across all pages, and the word a caption
uses for it (so that a caption and its chart cannot disagree: "red" is an injury everywhere).

Pages and ui/ modules take colours from here (ui.charts re-exports the common ones); a test checks
that no two meanings share a colour and that each colour word names one meaning only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Colour:
    hex: str
    word: str  # how a caption names it: "red", "dark blue"
    meaning: str  # what it stands for, on every page

    def rgba(self, alpha: float) -> str:
        return rgba(self.hex, alpha)


def rgba(hex_colour: str, alpha: float) -> str:
    """'#d62828', 0.1 -> 'rgba(214, 40, 40, 0.1)': a see-through tint of a colour."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


# Neutral ink and grid: text, axes, the 4-week mean, the ratio line; not a meaning of their own.
INK = "#22313f"
GRID = "#e9edf1"
MUTED = "#9aa5b1"  # reference lines, fitness while warming up
LOAD_BAR = "#dde3ea"  # a day's or a week's training load behind the lines
LABEL = "#51606e"  # small labels inside a chart (the form bands' names)
WHITE = "#ffffff"  # a week still to come, outlines
NEUTRAL_BAND = "rgba(140, 150, 160, 0.16)"  # the neutral form band
LABEL_BACKGROUND = "rgba(255, 255, 255, 0.75)"  # a label readable over the bars and dots below it
# Light tints of a meaning's colour, for scales that run from nothing to it.
STRENGTH_LIGHT = "#c9b8dd"  # a strength session's volume load, the calendar's middle step
RUN_LIGHT = "#d6e6f4"  # the running calendar's first step
EMPTY = "#eef0f3"  # an empty calendar cell, a week not logged

# Runs by type (Load, Overview, Activities).
EASY = Colour("#8fb8de", "light blue", "an easy run")
LONG = Colour("#1d4e89", "dark blue", "a long run")
QUALITY = Colour("#f4a261", "orange", "a quality run")
RACE = Colour("#343a40", "black", "a race")
# Injuries: red means an injury, and nothing else.
INJURY = Colour("#d62828", "red", "an injury")
# Strength: purple is strength work and the build-ups it is judged over.
STRENGTH = Colour("#6a4c93", "purple", "strength sessions")
BUILDUP = Colour("#8a6fb3", "light purple", "a race build-up (shaded)")
ON_TARGET = Colour("#2a9d8f", "green", "a week on the strength target")
ABOVE_TARGET = Colour("#1b6b62", "dark green", "a week above the strength target")
BELOW_TARGET = Colour("#e9c46a", "yellow", "a week below the strength target")
# Coral: a warning level reached (a week without strength, a build-up whose strength was not kept,
# strain above your own percentile, a reference line).
WARNING = Colour("#e76f51", "coral", "a warning: no strength session, not kept, or above a threshold")
PARTLY = Colour("#e9a13b", "amber", "a build-up whose strength was partly kept")
UNDECIDED = Colour("#8795a1", "grey", "too early to say")
# A plan: what is planned and not (or not yet) done, beside what was done.
PLANNED = Colour("#d6336c", "pink", "planned sessions")
# Fitness, fatigue, form (Load).
FITNESS = Colour("#0b3c5d", "navy", "fitness (CTL)")
FATIGUE = Colour("#c8553d", "rust", "fatigue (ATL)")
FORM = Colour("#3a7d44", "forest green", "form (TSB)")
# Single-run spikes (Injury signal), a yellow-to-brown scale of size.
SPIKE_REFERENCE = Colour("#b8c2cc", "light grey", "a run within its usual distance")
SPIKE_RETURN = Colour("#457b9d", "steel blue", "a return to running")
SPIKE_SMALL = Colour("#f2d675", "pale yellow", "a small spike")
SPIKE_MODERATE = Colour("#e6883a", "dark orange", "a moderate spike")
SPIKE_LARGE = Colour("#8c4a16", "brown", "a large spike")
SPIKE_NO_HISTORY = Colour("#dde3e8", "faint grey", "a run with too little log before it for a ratio")
# Body regions (Strength).
LOWER = Colour("#33658a", "blue", "lower body")
CORE = Colour("#86bbd8", "sky blue", "core")
UPPER = Colour("#f6ae2d", "gold", "upper body")
FULL = Colour("#9e7bb5", "lilac", "full body")
UNKNOWN = Colour("#cfd6dd", "pale grey", "no region yet")

# A run's recorded streams and route (Activities).
PACE = Colour("#2b6f8e", "teal blue", "pace")
HEART_RATE = Colour("#b5179e", "magenta", "heart rate")
ELEVATION = Colour("#7a8b99", "slate", "elevation")
CADENCE = Colour("#5e548e", "indigo", "cadence")
ROUTE = Colour("#0f4c5c", "deep teal", "the route")
ROUTE_START = Colour("#52b788", "mint", "the start of the route")

ALL: tuple[Colour, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Colour))

RUN_TYPES = {"easy": EASY, "long": LONG, "quality": QUALITY, "race": RACE}
SPIKES = {
    "reference": SPIKE_REFERENCE,
    "return to running": SPIKE_RETURN,
    "small": SPIKE_SMALL,
    "moderate": SPIKE_MODERATE,
    "large": SPIKE_LARGE,
    "not enough history": SPIKE_NO_HISTORY,
}
REGIONS = {"lower": LOWER, "core": CORE, "upper": UPPER, "full": FULL, "unknown": UNKNOWN}
