"""The metric registry: id, label, unit, description, source and thresholds of every metric.

The pages' help texts and the docs come from here (``help_text(id)``), so they cannot drift from
the engine. Every threshold is a default the runner can change in Settings (see analysis.settings),
shown with its source, never as a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analysis.articles import ALL_ARTICLES, authors, cite
from analysis.settings import Settings

_TARGETS = authors("middle_age_marathoner", "run_smarter")  # strength targets and priorities


@dataclass(frozen=True)
class Threshold:
    value: float | str
    label: str
    source: str
    setting: str | None = None  # the Settings field that changes it


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    unit: str
    description: str
    source: str
    thresholds: tuple[Threshold, ...] = ()


#: The load methods (analysis.settings.LOAD_METHODS) and ACWR methods (ACWR_METHODS) as people
#: write them: every page's selector and caption reads these.
LOAD_METHOD_LABELS = {
    "auto": "automatic: hrTSS, else rTSS, else session RPE, else minutes",
    "hrtss": "hrTSS",
    "rtss": "rTSS",
    "trimp": "TRIMP",
    "srpe": "session RPE",
    "time": "moving minutes",
    "distance": "distance",
}
#: The acute:chronic ratio's methods in words a runner reads (the technical names, uncoupled,
#: coupled and EWMA, are in each method's help text only). {acute}, {chronic}: Settings' days.
_ACWR_WORDS = {
    "uncoupled": "last {acute} days vs the {older} days before",
    "coupled": "last {acute} days vs the last {chronic} days",
    "ewma": "recent days weighted more",
}


def acwr_label(method: str, settings: Settings | None = None) -> str:
    """'last 7 days vs the 21 days before': the ratio's method in words, with the runner's days."""
    s = settings or Settings()
    a, c = s.acwr_acute_days, s.acwr_chronic_days
    return _ACWR_WORDS[method].format(acute=a, chronic=c, older=c - a)


ACWR_LABELS = {m: acwr_label(m) for m in _ACWR_WORDS}


def acwr_methods_help(settings: Settings | None = None) -> str:
    """Each method in words, then its technical name and definition (for the method picker's help)."""
    return "\n\n".join(
        f"**{acwr_label(m, settings)}**: {description(f'acwr_{m}', settings).split(ACWR_NOTE)[0]}"
        for m in _ACWR_WORDS
    )


#: The ratio's name on screen ("ACWR" is the literature's abbreviation, for help texts only).
ACWR_NAME = "acute:chronic ratio"


def load_label(method: str, distance_unit: str = "km") -> str:
    """A chart axis's name for a day's load under ``method``: 'hrTSS', 'km' or 'mi' (the
    distance method in the runner's unit), 'load' for the automatic mix."""
    if method == "distance":
        return "mi" if distance_unit == "mi" else "km"
    if method == "auto":
        return "load"
    return LOAD_METHOD_LABELS[method]


#: What the ratio is, in plain words, for the page beside its chart.
ACWR_EXPLAINED = (
    "The acute:chronic ratio compares your load of the last {acute} days (acute) with your usual week "
    "over the last {chronic} days (chronic): 1 means a week like your usual, 1.3 a third more."
)
ACWR_CAVEAT = (
    "This ratio is contested (Lolli 2019; Impellizzeri 2020, 2021: a random denominator predicts "
    "as well) and Frandsen et al. 2025 found no useful signal in it for runners: read it beside "
    "the acute and chronic loads, as a description, not a risk score."
)
ACWR_NOTE = " The acute:chronic workload ratio (ACWR) is contested" + ACWR_CAVEAT.removeprefix(
    "This ratio is contested"
)
ACWR_LINES = (
    Threshold(0.8, "optional reference line (lower)", "Gabbett 2016 BJSM 50:273", "acwr_reference"),
    Threshold(1.3, "optional reference line (upper)", "Gabbett 2016 BJSM 50:273", "acwr_reference"),
    Threshold(1.5, "optional reference line (coupled, team sports)", "Hulin 2016", "acwr_danger"),
)

_METRICS = (
    Metric("srpe", "Session RPE", "AU", "RPE (0-10) x moving minutes.", "Foster et al. 2001, J Strength Cond Res 15:109"),
    Metric("trimp", "Banister TRIMP", "AU",
           "Sum over the heart-rate samples of minutes x x x a e^(b x), x = (HR - HRrest) / "
           "(HRmax - HRrest) clamped at 0; men a=0.64 b=1.92, women a=0.86 b=1.67.",
           "Banister 1991; Morton 1990, J Appl Physiol 69:1171"),
    Metric("hrtss", "hrTSS", "TSS",
           "100 x TRIMP / TRIMP of 60 minutes at threshold HR (default HRrest + 0.85 x HR reserve).",
           "GoldenCheetah TRIMP(100)"),
    Metric("rtss", "rTSS", "TSS",
           "Hours x (normalised graded speed / threshold speed)^2 x 100; the normalised speed is "
           "the 4th-power mean of the 30-s rolling grade-adjusted speed (Minetti 2002 cost of slope).",
           "TrainingPeaks; Skiba GOVSS; Minetti et al. 2002, J Appl Physiol 93:1039"),
    Metric("time", "Moving time", "min", "Moving minutes: the exposure used by running-injury cohorts.",
           "running-injury cohorts"),
    Metric("distance", "Distance", "km", "Distance run: the exposure used by running-injury cohorts.",
           "running-injury cohorts"),
    Metric("load", "Daily load", "per method",
           "Sum of the day's sessions, 0 on a rest day. Default method: hrTSS where HR is present, "
           "else rTSS, else session RPE, else moving minutes; strength stays out by default.",
           "Runstrong's default"),
    Metric("ctl", "Fitness (CTL)", "load/day",
           "CTL_t = CTL_(t-1) + (1 - e^(-1/{ctl_days})) (L_t - CTL_(t-1)), from 0. Greyed for the first "
           "{ctl_days} days while it climbs from its zero start.", "GoldenCheetah PMCData; intervals.icu",
           (Threshold(42, "warm-up days (grey)", "GoldenCheetah", "ctl_days"),)),
    Metric("atl", "Fatigue (ATL)", "load/day", "As CTL with a {atl_days}-day constant.",
           "GoldenCheetah PMCData; intervals.icu"),
    Metric("tsb", "Form (TSB)", "load/day", "Yesterday's CTL - yesterday's ATL.",
           "TrainingPeaks; intervals.icu (heuristic bands)",
           (Threshold(-30, "high fatigue below", "TrainingPeaks, intervals.icu (heuristic)", "tsb_bands"),
            Threshold(-10, "building from there up to", "TrainingPeaks, intervals.icu (heuristic)", "tsb_bands"),
            Threshold(5, "neutral from there up to; fresh above", "TrainingPeaks, intervals.icu (heuristic)", "tsb_bands"))),
    Metric("ramp", "Ramp rate", "CTL/week", "CTL today - CTL 7 days ago.", "GoldenCheetah",
           (Threshold(8, "aggressive above, per week for two weeks running (heuristic)", "GoldenCheetah",
                      "ramp_aggressive_per_week"),)),
    Metric("acwr_uncoupled", "Acute:chronic ratio, rolling uncoupled", "ratio",
           "Rolling, uncoupled: sum of the last {acute} days / (sum of days {acute_next}-{chronic} before / "
           "{older_weeks})." + ACWR_NOTE,
           "Gabbett 2016 BJSM 50:273; Windt & Gabbett 2019", ACWR_LINES),
    Metric("acwr_coupled", "Acute:chronic ratio, rolling coupled", "ratio",
           "Rolling, coupled: sum of the last {acute} days / (sum of the last {chronic} days / {all_weeks})."
           + ACWR_NOTE, "Hulin 2016", ACWR_LINES),
    Metric("acwr_ewma", "Acute:chronic ratio, EWMA", "ratio",
           "EWMA (exponentially weighted moving averages): acute EWMA (lambda 2/{acute_plus}) / chronic "
           "EWMA (lambda 2/{chronic_plus})." + ACWR_NOTE,
           "Williams et al. 2017 BJSM 51:209", ACWR_LINES),
    Metric("acwr_percentile", "Your own percentile", "%",
           "Share of your past days whose ratio was at or below today's.", "descriptive"),
    Metric("monotony", "Monotony", "ratio",
           "Mean of the last 7 daily loads / their population SD (rest days as 0), capped at {monotony_cap}.",
           "Foster 1998, Med Sci Sports Exerc 30:1164",
           (Threshold(1.5, "warn above", "Foster 1998", "monotony_warn"),
            Threshold(2.0, "flag above", "Foster 1998", "monotony_flag"))),
    Metric("strain", "Strain", "AU", "Weekly load x monotony.", "Foster 1998",
           (Threshold("p90", "above your own 90th percentile", "Foster 1998", "strain_percentile"),)),
    Metric("week_change", "Week-to-week change", "%", "(this week's distance - last week's) / last week's.", ""),
    Metric("progression", "2-week progression", "%",
           "Distance of the last 7 days / the 7 days before - 1.", "Nielsen et al. 2014, JOSPT 44:739",
           (Threshold(0.30, "worth a look above", "Nielsen et al. 2014", "progression_threshold"),)),
    Metric("spike_ratio", "Single-run spike", "ratio",
           "This run's distance / the longest run in the {spike_days} days before it. <={b1} reference; "
           "{b1}-{b2} small; {b2}-{b3} moderate; above {b3} large; no run in {spike_days} days: return "
           "to running. The study's bounds (1.10, 1.30, 2.00) found population hazard ratios of 1.64 "
           "(95 % CI 1.31-2.05), 1.52 (1.16-2.00) and 2.28 (1.50-3.48). A run with less log before it than "
           "that window (the first weeks of a log) has no ratio: not enough history, neither a spike nor a "
           "return to running. "
           "The same study found no useful signal in weekly ACWR or week-to-week change for runners.",
           "Frandsen et al. 2025, BJSM 59:1203 (5,205 runners, 588,071 sessions)",
           (Threshold(1.10, "small spike above", "Frandsen et al. 2025", "spike_bounds"),
            Threshold(1.30, "moderate spike above", "Frandsen et al. 2025", "spike_bounds"),
            Threshold(2.00, "large spike above", "Frandsen et al. 2025", "spike_bounds"))),
    Metric("long_run", "Long run", "",
           "The week's longest run when it is at least {long_share} of the week's distance or at least "
           "{long_min}.",
           "Runstrong's definition"),
    Metric("quality_run", "Quality run", "",
           "At least {quality_min} at or faster than threshold pace (or at or above threshold HR), or at "
           "least {work_laps} work laps alternating with rest laps, or a name with {keywords}. Heart rate is "
           "not used while your maximum HR is read from fewer than {hr_max_min} runs with heart rate and "
           "you set neither it nor your threshold HR.", "Runstrong's definition"),
    Metric("buildup", "Build-up", "weeks",
           "From race dates: {buildup_weeks}, the last {taper_weeks} the taper; without race dates, "
           "{detect_weeks}+ consecutive weeks of rising CTL and a rising long run.",
           "Runstrong's definition"),
    Metric("strength_sessions", "Strength sessions per week", "sessions",
           "Sessions with at least one working set, or watch strength sessions of {strength_min}+ minutes.",
           "Blagrove et al. 2018 Sports Med; Ronnestad 2010; Spiering 2021; " + cite(*ALL_ARTICLES),
           (Threshold("2-3", "target off-season / base", _TARGETS + "; Blagrove 2018", "strength_target_base"),
            Threshold("1-2", "target in a race build-up, never 0", _TARGETS, "strength_target_buildup"),
            Threshold(1, "a new lifter may start with 1", authors("revel"), "new_lifter"))),
    Metric("buildup_verdict", "Was strength kept?", "",
           "Weeks on target / weeks in the build-up; 'kept' when every week was on target, 'partly "
           "kept' from a share of the weeks (heuristic), else 'not kept'.", cite("run_smarter") + ": reduce it, don't remove it",
           (Threshold(0.75, "partly kept from", "heuristic", "buildup_kept_share"),)),
    Metric("heavy_lower", "Heavy lower-body session", "",
           "At least {heavy_share} of working sets lower body, with external load on them or session RPE "
           "{heavy_rpe}+.",
           "Runstrong's definition; " + cite("run_smarter")),
    Metric("balance", "Body-region balance", "%", "Share of working sets per body region; lower body "
           "and core are the priority.", cite("middle_age_marathoner", "run_smarter")),
    Metric("volume_load", "Volume load", "kg", "Sets x reps x kg (sum over working sets).", ""),
    Metric("e1rm", "Estimated 1-rep max", "kg",
           "Estimated 1-rep max (e1RM), by Epley: kg x (1 + reps / 30), best set. Sets without added "
           "weight (bodyweight) have none.", "Epley 1985"),
    Metric("risk_ratio", "Risk ratio", "ratio",
           "Risk of an injury in the window after exposed vs unexposed units, 95 % CI by the log "
           "method (0.5 added to every cell when one is 0); fewer than 5 injuries in a group: counts "
           "only. An association in one person's log, not proof of cause.",
           "Yamato 2015 (counted injury); Frandsen 2025; Nielsen 2014",
           (Threshold(5, "fewer injuries in a group: counts only", "Runstrong's default", "injury_min_injuries"),
            Threshold(7, "window, days before onset (14, 28: sensitivity)", "Runstrong's default", "injury_window_days"))),
)  # fmt: skip

METRICS: dict[str, Metric] = {m.id: m for m in _METRICS}


def get(metric_id: str) -> Metric:
    return METRICS[metric_id]


def _value(t: Threshold, m: Metric, settings: Any) -> object:
    """A threshold's value in the runner's settings (the k-th of a tuple setting shared by k
    thresholds; a range as 'a-b'), else its default."""
    if settings is None or t.setting is None or not hasattr(settings, t.setting):
        return t.value
    v = getattr(settings, t.setting)
    if isinstance(v, bool):
        return t.value
    if isinstance(v, tuple):
        same = [x for x in m.thresholds if x.setting == t.setting]
        if len(same) == len(v):
            v = v[same.index(t)]
        else:
            return "-".join(f"{x:g}" for x in v)
    if isinstance(t.value, str) and t.value.startswith("p"):
        return f"p{v:g}"
    return f"{v:g}" if isinstance(v, float) else v


def _g(x: float) -> str:
    return f"{x:g}"


def _facts(s: Settings) -> dict[str, str]:
    """The Settings values the descriptions name, as they read in a sentence."""
    a, c = s.acwr_acute_days, s.acwr_chronic_days
    names = {"marathon": "marathon", "half": "half", "10k": "10 km", "5k": "5 km"}
    weeks = [f"{names.get(k, k)} {n}" for k, n in s.buildup_weeks.items()]
    if weeks:
        weeks[0] += " weeks"
    b1, b2, b3 = s.spike_bounds
    return {
        "acute": str(a),
        "chronic": str(c),
        "acute_next": str(a + 1),
        "older_weeks": _g((c - a) / a),
        "all_weeks": _g(c / a),
        "acute_plus": str(a + 1),
        "chronic_plus": str(c + 1),
        "ctl_days": str(s.ctl_days),
        "atl_days": str(s.atl_days),
        "monotony_cap": _g(s.monotony_cap),
        "spike_days": str(s.spike_lookback_days),
        "b1": f"{b1:.2f}",
        "b2": f"{b2:.2f}",
        "b3": f"{b3:.2f}",
        "long_share": f"{100 * s.long_run_share:g} %",
        "long_min": f"{s.long_run_min_s / 60:g} min",
        "quality_min": f"{s.quality_min_s / 60:g} min",
        "work_laps": str(s.quality_min_work_laps),
        "hr_max_min": str(s.hr_max_min_activities),
        "keywords": ", ".join(s.quality_keywords),
        "buildup_weeks": ", ".join(weeks),
        "taper_weeks": str(s.taper_weeks),
        "detect_weeks": str(s.detect_min_weeks),
        "strength_min": f"{s.strength_min_session_s / 60:g}",
        "heavy_share": f"{100 * s.heavy_lower_share:g} %",
        "heavy_rpe": _g(s.heavy_rpe),
    }


def description(metric_id: str, settings: Settings | None = None) -> str:
    """A metric's description with the runner's values (the defaults without ``settings``)."""
    return METRICS[metric_id].description.format(**_facts(settings or Settings()))


def help_text(metric_id: str, settings: Any = None) -> str:
    """The help text a page shows beside a metric: description and thresholds (the runner's
    values when ``settings`` is given, else the defaults), source."""
    m = METRICS[metric_id]
    parts = [description(metric_id, settings if isinstance(settings, Settings) else None)]
    for t in m.thresholds:
        parts.append(f"{t.label}: {_value(t, m, settings)} ({t.source}).")
    if m.source:
        parts.append(f"Source: {m.source}.")
    return " ".join(parts)
