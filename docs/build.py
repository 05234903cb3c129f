"""Writes the generated parts of docs/ from the registries the engine itself reads.

``python -m docs.build`` (``make docs``) rewrites every block between a ``<!-- generated: NAME -->``
line and its ``<!-- end generated: NAME -->`` line; ``python -m docs.build --check`` changes
nothing and exits 1 when a block is stale. The blocks:

- ``metrics`` (docs/metrics.md): every metric of ``analysis.metrics.METRICS`` with its unit,
  definition, thresholds (default and the setting that changes it) and source.
- ``load-methods`` (docs/metrics.md): the load and ACWR method names the pages show.
- ``settings`` (docs/metrics.md): every field of ``analysis.settings.Settings`` with its default,
  as it is written in a settings file, what it sets and where the default comes from.
- ``articles`` and ``rules`` (docs/rules.md): the coaching articles (``analysis.articles``) and
  the scheduling rules per policy (``analysis.schedule``), each cited by title and author.

The text around the blocks is written by hand. A setting has no description anywhere else in
the code, so :data:`SETTING_NOTES` below holds it: a new field of Settings without an entry there
stops the build (and the test, tests/test_docs_reference.py) until it is documented.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from analysis.articles import ARTICLES, cite
from analysis.metrics import ACWR_LABELS, LOAD_METHOD_LABELS, METRICS, Metric, description
from analysis.schedule import BASIS_LABELS, POLICY_INFO, RULES
from analysis.settings import Settings

DOCS = Path(__file__).resolve().parent

# (group, {field: (what it sets, where the default comes from)}), in the order of the table.
# The source may be "" when a registry threshold names the field: its source is used then.
SETTING_NOTES: tuple[tuple[str, dict[str, tuple[str, str]]], ...] = (
    (
        "Profile",
        {
            "sex": (
                "`male` or `female`: picks the TRIMP constants; unset, the men's constants are used "
                "and the pages say so",
                "Banister 1991; Morton 1990",
            ),
            "hr_rest": (
                "resting heart rate, bpm; unset, estimated from the data and said so",
                "Banister 1991",
            ),
            "hr_max": (
                "maximum heart rate, bpm; unset, estimated from the data and said so",
                "Banister 1991",
            ),
            "hr_max_min_activities": (
                "with `hr_max` unset, the maximum is the highest in the log; read from fewer activities "
                "with heart rate than this, it is said as an estimate from too little data, and quality "
                "runs are not found by heart rate unless `threshold_hr` is set",
                "Runstrong's heuristic (a few easy runs never reach the real maximum)",
            ),
            "threshold_hr": (
                "threshold heart rate, bpm (hrTSS, quality runs by HR); unset, "
                "HRrest + 0.85 (HRmax - HRrest)",
                "GoldenCheetah TRIMP(100)",
            ),
            "threshold_pace_s_per_km": (
                "threshold pace, seconds per km (rTSS, quality runs by pace); unset, no rTSS",
                "TrainingPeaks rTSS",
            ),
        },
    ),
    (
        "Display and calendar",
        {
            "units_distance": ("`km` or `mi`; one choice with the weight unit", "display only"),
            "units_weight": (
                "`kg` or `lb`; follows the distance unit (km with kg, mi with lb)",
                "display only",
            ),
            "week_start": ("first day of the week, 0 = Monday (ISO) to 6 = Sunday", "ISO 8601"),
            "timezone": (
                "IANA zone name (`Europe/Berlin`) of the wall clock that CSV times without an "
                "offset are written in; unset, the zone of the athlete's FIT files, else the "
                "computer's",
                "[formats.md](formats.md#what-is-stored-and-how)",
            ),
        },
    ),
    (
        "Load",
        {
            "load_method": (
                "the load that drives the charts: `auto`, `hrtss`, `rtss`, `trimp`, `srpe`, "
                "`time` or `distance`",
                "Runstrong's default: the fallback order above",
            ),
            "load_include_cross_training": (
                "rides, swims and other endurance sessions count in the fitness curve (false: runs only)",
                "Runstrong's default",
            ),
            "load_include_strength": (
                "strength sessions count in the running fitness curve",
                "Runstrong's default: kept out",
            ),
        },
    ),
    (
        "Fitness, fatigue and form",
        {
            "ctl_days": ("time constant of fitness (CTL), days; also the days it is drawn grey", ""),
            "atl_days": ("time constant of fatigue (ATL), days", "GoldenCheetah PMCData; intervals.icu"),
            "ramp_aggressive_per_week": ("ramp rate above which two weeks running are called aggressive", ""),
            "tsb_bands": (
                "form band edges: high fatigue below the first, building up to the second, neutral "
                "up to the third, fresh above",
                "",
            ),
        },
    ),
    (
        "Ratios",
        {
            "acwr_acute_days": ("acute window of the ACWR, days", "Gabbett 2016"),
            "acwr_chronic_days": ("chronic window of the ACWR, days", "Gabbett 2016"),
            "acwr_reference": ("optional reference lines of the ACWR chart", ""),
            "acwr_danger": (
                'optional upper reference line; the ACWR exposure of the injury signal is "above this"',
                "",
            ),
            "acwr_show_reference": ("draw the reference lines on the ACWR chart", "Runstrong's default: off"),
            "monotony_warn": ("monotony above which it warns", ""),
            "monotony_flag": ("monotony above which it flags", ""),
            "monotony_cap": (
                "monotony is capped at this (a week of identical loads has SD 0)",
                "Runstrong's default",
            ),
            "strain_percentile": ("strain above this percentile of the athlete's own history is high", ""),
            "progression_threshold": ("2-week progression above this share is worth a look", ""),
        },
    ),
    (
        "Single-run spike",
        {
            "spike_lookback_days": (
                "days before a run whose longest run is the spike's reference",
                "Frandsen et al. 2025",
            ),
            "spike_bounds": ("ratio bounds of the small, moderate and large categories", ""),
        },
    ),
    (
        "Key runs",
        {
            "long_run_share": (
                "a week's longest run is its long run from this share of the week's distance",
                "Runstrong's definition",
            ),
            "long_run_min_s": ("... or from this duration, seconds", "Runstrong's definition"),
            "quality_min_s": (
                "seconds at or faster than threshold pace (or at or above threshold HR) that "
                "make a quality run",
                "Runstrong's definition",
            ),
            "quality_min_work_laps": (
                "work laps alternating with rest laps that make a quality run",
                "Runstrong's definition",
            ),
            "quality_keywords": (
                "words in a run's name that make it a quality run",
                "Runstrong's definition",
            ),
            "race_keywords": ("words in a run's name that make it a race", "Runstrong's definition"),
        },
    ),
    (
        "Build-ups",
        {
            "races": (
                'the athlete\'s races: `{"date": "YYYY-MM-DD", "distance": "marathon" | "half" '
                '| "10k" | "5k", "name": ...}`',
                "the athlete",
            ),
            "buildup_weeks": ("weeks of build-up before a race, per distance", "Runstrong's definition"),
            "taper_weeks": ("the last weeks of a build-up that are its taper", "Runstrong's definition"),
            "detect_min_weeks": (
                "without race dates: consecutive weeks of rising fitness and long run that make a build-up",
                "Runstrong's definition",
            ),
        },
    ),
    (
        "Strength",
        {
            "strength_target_base": ("sessions per week, off-season or base (lower, upper bound)", ""),
            "strength_target_buildup": ("sessions per week in a build-up and taper (lower, upper bound)", ""),
            "new_lifter": ("a new lifter: the base target starts at 1", ""),
            "strength_min_session_s": (
                "a watch strength session without sets counts from this duration, seconds",
                "Runstrong's definition",
            ),
            "heavy_lower_share": (
                "share of working sets that are lower body for a heavy lower-body session",
                "Runstrong's definition",
            ),
            "heavy_rpe": (
                "session RPE from which lower-body work without external load is heavy",
                "Runstrong's definition",
            ),
            "buildup_kept_share": (
                'share of build-up weeks on target from which strength was "partly kept"',
                "",
            ),
            "buildup_before_weeks": (
                "weeks before a build-up whose sessions per week are compared with the build-up's",
                "Runstrong's definition",
            ),
        },
    ),
    (
        "Scheduling",
        {
            "policy": (
                "`easy-day` or `hard-day` strength: which school the log is checked against",
                "[rules.md](rules.md#the-scheduling-rules)",
            ),
            "hard_day_within_s": (
                "hard-day school: strength within this many seconds after the hard session",
                cite("middle_age_marathoner"),
            ),
            "heavy_before_key_s": (
                "no heavy lower-body strength this many seconds before a key run",
                cite("run_smarter"),
            ),
        },
    ),
    (
        "Injury signal",
        {
            "injury_include_niggles": (
                "count injuries shorter than the counted minimum as outcomes too",
                "Runstrong's default: off",
            ),
            "injury_counted_min_days": (
                "days running stopped or restricted that make an injury count",
                "Yamato et al. 2015",
            ),
            "injury_window_days": ("days before an injury's onset whose exposures it is attributed to", ""),
            "injury_sensitivity_windows": ("other windows, shown as sensitivity only", "Runstrong's default"),
            "injury_after_return_days": (
                "days after the return to running that are not at risk",
                "Runstrong's default",
            ),
            "injury_min_injuries": ("fewer injuries than this in a group: counts only, no ratio", ""),
            "injury_acwr_method": (
                "the ACWR method of the ACWR exposure: `uncoupled`, `coupled` or `ewma`",
                "Runstrong's default",
            ),
            "injury_strength_weeks": (
                "weeks before a day over which strength is compared with the target "
                "for the strength exposure",
                "the coaching articles' claim",
            ),
        },
    ),
)


class DocsError(Exception):
    """The docs cannot be built: what is missing and what to do."""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _default(value: object) -> str:
    """A default as a settings file writes it (JSON), in code type."""
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _threshold_value(value: float | str) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _metric(m: Metric) -> list[str]:
    out = [f"### {m.label} (`{m.id}`)", ""]
    if m.unit:
        out += [f"Unit: {m.unit}.", ""]
    out += [description(m.id), ""]  # with the default values of the settings it names
    if m.thresholds:
        out += ["| threshold | default | setting | source |", "|---|---|---|---|"]
        for t in m.thresholds:
            setting = f"`{t.setting}`" if t.setting else ""
            out.append(f"| {_cell(t.label)} | {_threshold_value(t.value)} | {setting} | {_cell(t.source)} |")
        out.append("")
    out += [f"Source: {m.source}." if m.source else "Source: none needed (a plain count or sum).", ""]
    return out


def metrics_block() -> list[str]:
    out: list[str] = []
    for m in METRICS.values():
        out += _metric(m)
    return out[:-1]


def load_methods_block() -> list[str]:
    out = ["| load method (`load_method`) | shown as |", "|---|---|"]
    out += [f"| `{k}` | {_cell(v)} |" for k, v in LOAD_METHOD_LABELS.items()]
    out += ["", "| ACWR method (`injury_acwr_method`) | shown as | metric |", "|---|---|---|"]
    out += [f"| `{k}` | {_cell(v)} | `acwr_{k}` |" for k, v in ACWR_LABELS.items()]
    return out


def _registry_sources() -> dict[str, str]:
    """Setting -> the sources of the registry thresholds that name it."""
    out: dict[str, list[str]] = {}
    for m in METRICS.values():
        for t in m.thresholds:
            if t.setting and t.source not in out.setdefault(t.setting, []):
                out[t.setting].append(t.source)
    return {k: "; ".join(v) for k, v in out.items()}


def check_setting_notes() -> None:
    fields = [f.name for f in dataclasses.fields(Settings)]
    noted = [name for _, notes in SETTING_NOTES for name in notes]
    missing = [f for f in fields if f not in noted]
    unknown = [n for n in noted if n not in fields]
    twice = sorted({n for n in noted if noted.count(n) > 1})
    registry = _registry_sources()
    sourceless = [
        n for _, notes in SETTING_NOTES for n, (_, src) in notes.items() if not src and n not in registry
    ]
    problems = []
    if missing:
        problems.append(f"Settings fields without a line in SETTING_NOTES: {', '.join(missing)}")
    if unknown:
        problems.append(f"SETTING_NOTES names fields Settings does not have: {', '.join(unknown)}")
    if twice:
        problems.append(f"SETTING_NOTES names fields twice: {', '.join(twice)}")
    if sourceless:
        problems.append(
            f"SETTING_NOTES gives no source for {', '.join(sourceless)} and no registry threshold names them"
        )
    if problems:
        raise DocsError(
            "docs/build.py: " + "; ".join(problems) + ". Say what each setting sets and where its default "
            "comes from in SETTING_NOTES, then run `make docs`."
        )


def settings_block() -> list[str]:
    check_setting_notes()
    defaults = Settings().to_dict()
    registry = _registry_sources()
    out = ["| setting | default | what it sets | source of the default |", "|---|---|---|---|"]
    for group, notes in SETTING_NOTES:
        out.append(f"| **{group}** | | | |")
        for name, (what, source) in notes.items():
            cells = (f"`{name}`", _default(defaults[name]), what, source or registry[name])
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return out


def articles_block() -> list[str]:
    out = ["| article | author | published by |", "|---|---|---|"]
    for a in ARTICLES.values():
        out.append(
            f"| {_cell(a.title)} | {_cell(a.author or 'not named')} | {_cell(a.site or 'not named')} |"
        )
    return out


def rules_block() -> list[str]:
    s = Settings()
    out = ["| rule | easy-day strength | hard-day strength | source |", "|---|---|---|---|"]
    for key, rule in RULES.items():
        marks = [
            "checked" if key in POLICY_INFO[p].rules else "not checked" for p in ("easy-day", "hard-day")
        ]
        out.append(
            f"| {rule.number}. **{_cell(rule.short)}**: {_cell(rule.label(s))} | {marks[0]} | {marks[1]} | "
            f"{_cell(rule.source())} |"
        )
    out.append("")
    for p in POLICY_INFO.values():
        line = f"- **{p.label(s)}** ({cite(*p.articles)})."
        out.append(line + (f" {p.not_checked}" if p.not_checked else ""))
    out += ["", "How the Schedule page says a break was checked:", ""]
    out += [f"- {_cell(text)}" for text in BASIS_LABELS.values()]
    return out


BLOCKS: dict[str, tuple[str, Callable[[], list[str]]]] = {
    "metrics": ("metrics.md", metrics_block),
    "load-methods": ("metrics.md", load_methods_block),
    "settings": ("metrics.md", settings_block),
    "articles": ("rules.md", articles_block),
    "rules": ("rules.md", rules_block),
}


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"(^<!-- generated: {re.escape(name)} .*?-->\n)(.*?)(^<!-- end generated: {re.escape(name)} -->$)",
        re.S | re.M,
    )


def render(text: str, file_name: str) -> str:
    """``text`` (the content of docs/``file_name``) with each of its blocks regenerated."""
    for name, (target, make) in BLOCKS.items():
        if target != file_name:
            continue
        match = _pattern(name).search(text)
        if match is None:
            raise DocsError(
                f"docs/{file_name} has no block '{name}': put a line '<!-- generated: {name} (python -m "
                f"docs.build) -->' and a line '<!-- end generated: {name} -->' where it goes"
            )
        body = "\n".join(make()) + "\n"
        text = text[: match.start(2)] + body + text[match.end(2) :]
    return text


def stale() -> list[str]:
    """The docs files whose generated blocks differ from what the registries give now."""
    out = []
    for file_name in sorted({target for target, _ in BLOCKS.values()}):
        text = (DOCS / file_name).read_text(encoding="utf-8")
        if render(text, file_name) != text:
            out.append(file_name)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m docs.build", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a block is stale")
    args = parser.parse_args(argv)
    try:
        if args.check:
            files = stale()
            if files:
                print(f"Stale generated docs: {', '.join(files)}. Run `make docs`.", file=sys.stderr)
                return 1
            print("docs/ is up to date.")
            return 0
        for file_name in sorted({target for target, _ in BLOCKS.values()}):
            path = DOCS / file_name
            text = path.read_text(encoding="utf-8")
            new = render(text, file_name)
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(f"wrote docs/{file_name}")
    except DocsError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
