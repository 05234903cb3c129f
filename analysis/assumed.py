"""The values the engine assumed because the runner did not set them, said where they are used.

Each metric that needs a profile value names the settings it reads; ``assumed(...)`` lists, for the
metrics shown in one place, every value taken as a default, in words, with the setting that
replaces it. Pages show them beside the numbers, with a link to Settings.

Only where the value is really used: ``in_use`` keeps the metrics that a number on screen rests on
(TRIMP and hrTSS where some activity has that load, which needs heart rate; rTSS and quality runs
where there are runs), and the heart-rate values are said only when some activity has heart rate.
A log without heart rate, or without runs, is told nothing about a maximum HR it never used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.load import THRESHOLD_HRR_FRACTION, HRProfile
from analysis.settings import Settings

#: The profile settings each metric reads (quality: quality runs by pace or heart rate).
USES: dict[str, tuple[str, ...]] = {
    "trimp": ("sex", "hr_rest", "hr_max"),
    "hrtss": ("hr_rest", "hr_max", "threshold_hr"),
    "rtss": ("threshold_pace_s_per_km",),
    "quality": ("threshold_hr", "threshold_pace_s_per_km"),
}
ALL = tuple(USES)
#: The settings of the heart-rate profile: said only for a log with heart rate.
HR_SETTINGS = ("sex", "hr_rest", "hr_max", "threshold_hr")
#: The load methods that read the heart-rate profile.
HR_METHODS = ("trimp", "hrtss")


def uses_hr(loads: pd.DataFrame) -> bool:
    """Whether some activity has a heart-rate load (TRIMP needs heart rate: no HR, no TRIMP)."""
    return bool(len(loads)) and any(m in loads and loads[m].notna().any() for m in HR_METHODS)


def in_use(loads: pd.DataFrame, metrics: Iterable[str] = ALL, driving: bool = False) -> tuple[str, ...]:
    """The metrics among ``metrics`` that a number shown rests on. loads: session_loads rows (its
    is_run, the methods' columns and load_method). TRIMP, hrTSS and rTSS count where some activity
    has that load (rTSS: where there are runs, to say that a threshold pace would give it);
    ``driving``: only where it drives the charts (an activity's load_method). Quality runs count
    where there are runs."""
    has = len(loads) > 0
    runs = has and "is_run" in loads and bool(loads["is_run"].astype(bool).any())
    used = set(loads["load_method"].dropna()) if has and "load_method" in loads else set()
    out = []
    for m in metrics:
        if m == "quality" or (m == "rtss" and not driving):
            keep = runs
        elif driving:
            keep = m in used
        else:
            keep = has and m in loads and bool(loads[m].notna().any())
        if keep:
            out.append(m)
    return tuple(out)


@dataclass(frozen=True)
class Assumption:
    setting: str  # the Settings field that replaces it
    text: str  # "men's TRIMP constants (sex not set)"


def assumed(
    settings: Settings, profile: HRProfile, metrics: Iterable[str] = ALL, hr: bool = True
) -> list[Assumption]:
    """The defaults in force for ``metrics`` (keys of USES), in the order of the profile form;
    ``hr`` False (a log without heart rate): none of the heart-rate profile's."""
    metrics = tuple(metrics)
    wanted = {k for m in metrics for k in USES[m]}
    if not hr:
        wanted -= set(HR_SETTINGS)
    out: list[Assumption] = []
    if "sex" in wanted and settings.sex is None:
        out.append(Assumption("sex", "men's TRIMP constants, as your sex is not set"))
    if "hr_rest" in wanted and settings.hr_rest is None:
        out.append(Assumption("hr_rest", f"resting HR {profile.hr_rest:.0f} bpm"))
    if "hr_max" in wanted and settings.hr_max is None:
        if profile.hr_max_thin:
            where = (
                f"the highest of only {profile.hr_max_activities} activities with heart rate in your log, "
                f"fewer than {settings.hr_max_min_activities}, so an estimate likely below your real maximum"
            )
        elif profile.hr_max_activities:
            where = "the highest in your log"
        else:
            where = "a common default"
        out.append(Assumption("hr_max", f"maximum HR {profile.hr_max:.0f} bpm ({where})"))
    if "threshold_hr" in wanted and settings.threshold_hr is None:
        out.append(
            Assumption(
                "threshold_hr",
                f"threshold HR {profile.threshold_hr:.0f} bpm "
                f"(resting HR + {THRESHOLD_HRR_FRACTION:.0%} of the heart-rate reserve)"
                + (
                    f", not used to find quality runs, as your maximum HR is read from only "
                    f"{profile.hr_max_activities} activities with heart rate"
                    if profile.hr_max_thin and "quality" in metrics
                    else ""
                ),
            )
        )
    if "threshold_pace_s_per_km" in wanted and settings.threshold_pace_s_per_km is None:
        lost = [
            w
            for m, w in (("rtss", "no rTSS"), ("quality", "quality runs are not found by pace"))
            if m in metrics
        ]
        out.append(Assumption("threshold_pace_s_per_km", "no threshold pace set, so " + ", and ".join(lost)))
    return out


#: How a page's caption of the assumed values begins.
ASSUMED = "Assumed:"


def sentence(items: list[Assumption], lead: str = ASSUMED) -> str:
    """One sentence of the values: 'Assumed: men's TRIMP constants, as your sex is not set; resting
    HR 60 bpm.' ('' for none). ``lead`` begins it: a caption's "Assumed:", or a subject and verb
    where the sentence stands alone ("Training load assumes resting HR 60 bpm."). Each value's text
    holds no colon, so that the caption's is the only one and a colon-free lead leaves none."""
    return f"{lead} " + "; ".join(a.text for a in items) + "." if items else ""
