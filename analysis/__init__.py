"""Runstrong's metric engine: pure functions over the store's DataFrames (defined in docs/metrics.md,
docs/rules.md and docs/injury-signal.md).

No streamlit, no duckdb, no file I/O, no clock: ``today`` and every threshold are parameters (the
thresholds live in :class:`analysis.settings.Settings`, each with its default and source
in docs/metrics.md). Inputs are the frames ``store.read`` returns, with the store's column names.

One call for everything (pages, export, benchmark)::

    from analysis import Settings, compute_all
    s = Settings.from_dict(store.read.settings(con, athlete))
    r = compute_all(read.activities(con, athlete), hr_seconds=read.hr_seconds(con, athlete),
                    laps=read.laps(con, athlete), strength_sessions=read.strength_sessions(con, athlete),
                    strength_sets=read.strength_sets(con, athlete), injuries=read.injuries(con, athlete),
                    settings=s, today=date_of_the_runner_today, pace_seconds=read.pace_seconds(con, athlete))

``r`` is a frozen :class:`analysis.compute.Results`:

=====================  ==========================================================================
r.profile              HR profile in force (hr_rest, hr_max, threshold_hr, sex); .defaults, .notes
r.loads                per activity: srpe, trimp, hrtss, rtss, time_min, distance_km, load,
                       load_method, in_fitness, is_run, is_strength (load.session_loads)
r.coverage             per load method: activities having it, share, times used (load.load_coverage)
r.runs                 per run: loads + spike_ratio, prev_longest_m, spike_category, is_long,
                       is_quality, quality_reason, is_race, key_type (race > quality > long)
r.daily                one row per local day (rest days 0): run_distance_m, run_time_s, runs,
                       ascent_m, longest_run_m, load, cross_time_s, strength_sessions, srpe_all,
                       ctl, atl, tsb, ramp, ctl_warmup, ramp_aggressive, tsb_band, acute, chronic,
                       acwr_uncoupled, acwr_coupled, acwr_ewma, ewma_acute, ewma_chronic, monotony,
                       strain, monotony_level, strain_high, last_7d, prev_7d, progression,
                       progression_high, in_buildup
r.weekly               one row per calendar week (Settings.week_start): run_distance_m, run_time_s,
                       runs, ascent_m, load, strength_sessions, longest_run_m, days, week_change,
                       long_runs, quality_runs, races, easy_runs, phase, buildup_id,
                       strength_target (lower bound), strength_target_max, on_target
r.buildups             buildup_id, name, distance, source (race/detected), start, end, taper_start
r.strength_sessions    per session: sets, working_sets, <region>_sets, counted, heavy_lower,
                       upper_core_only, rpe, srpe (strength.strength_sessions_summary)
r.strength_weeks       week_start, sessions, phase, buildup_id, target_min, target_max, on_target
r.strength_consistency share_8w, share_12w, streak_weeks, longest_gap_days, gap_from, gap_to, ...
r.verdicts             per build-up: weeks, weeks_on_target, share_on_target, zero_weeks,
                       sessions_per_week_before/during, verdict (kept/partly kept/not kept/...)
r.balance_12w          working sets per body region over the last 12 weeks
r.exercise_progression per session and exercise: sets, reps, volume_load_kg, e1rm_kg
r.unknown_exercises    exercise names without a body region (for the runner to assign)
r.violations           scheduling-rule breaks: rule, name, label, date, session_id, activity_id, detail,
                       basis, source, policy
r.exposures            per day: progression_high, acwr_high, strength_low (1/0/NaN)
r.injury_signal        JSON-ready dict: definition, injury counts, per exposure x window the 2x2
                       counts, risk ratio and 95 % CI or the reason there is none, population
                       figures, wording, confounders, the other view (injury.injury_signal)
r.injury_windows       each logged injury with what its 7-day window held (top spike, ...)
r.acwr_percentile      {'uncoupled'|'coupled'|'ewma': {'value', 'percentile'}}: today's ratio and
                       its place (0-100) among the runner's own days
=====================  ==========================================================================

Pages, ui and the command lines import from this face (the names in ``__all__`` below, each
loaded from its module on first use); modules of analysis/ import one another directly. The
building blocks, for a page that needs one piece with other parameters (those not in the face are
reached from their module inside analysis/, or added to the face):

- ``session_loads(activities, hr_seconds, settings)``, ``hr_profile(settings, activities)``
- ``daily_series(loads, today, strength)``, ``weekly_series(daily, week_start, runs)``
- ``fitness(daily, settings)``: CTL/ATL/TSB/ramp; ``acwr(daily, settings)``;
  ``monotony_strain(daily, settings)``; ``progression(daily, settings)``; ``own_percentile(history)``
- ``spikes(runs, settings)``; ``key_runs(runs, settings, profile, laps, hr_seconds, pace_seconds)``
- ``buildups(settings, weekly, ctl_week_end)``; ``week_phases(week_starts, buildups)``
- ``strength_sessions_summary(sessions, sets, settings, activities)``; ``strength_weeks(weekly,
  phases, settings)``; ``strength_consistency(weeks, session_dates, today)``;
  ``buildup_verdicts(buildups, weeks, today, settings)``; ``balance(summary, start, end)``;
  ``exercise_progression(summary, sets)``
- ``schedule_violations(strength_summary, runs, settings)``
- ``injury_signal(injuries, runs, exposures, today, settings)``; ``injury_windows(...)``
- ``metrics.METRICS`` / ``metrics.help_text(id)``: every metric's label, unit, description, source
- ``units``: km/mi, kg/lb, pace and duration formatting
- ``export.export_frames(results)``, ``export.csv_bytes(df)``, ``export.json_bytes(obj)``: the
  coach export (its command line is ``python -m analysis export --out DIR``, run by cli/export.py)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.faces import lazy_face

# The face: each public name and the module that defines it (a module's own name: the module).
# Nothing is imported until a name is first used, so a process that needs one module (a parsing
# worker, a page) loads only that one and what it imports.
_WHERE = {
    "ACWR_CAVEAT": "metrics",
    "ACWR_EXPLAINED": "metrics",
    "ACWR_LABELS": "metrics",
    "ACWR_METHODS": "settings",
    "ACWR_NOTE": "metrics",
    "BASIS_LABELS": "schedule",
    "CATEGORIES": "spikes",
    "FOCUSES": "plan",
    "FOCUS_LABELS": "plan",
    "KINDS": "plan",
    "LOAD_METHODS": "settings",
    "LOAD_METHOD_LABELS": "metrics",
    "METRICS": "metrics",
    "NOT_ENOUGH_HISTORY": "spikes",
    "OTHER_VIEW": "riskratio",
    "POLICY_INFO": "schedule",
    "POPULATION_HR": "spikes",
    "PlanRowError": "plan",
    "RACE_DISTANCES": "settings",
    "RECENT_DAYS": "alerts",
    "REGIONS": "strength",
    "RUN_TYPES": "plan",
    "Results": "compute",
    "SAMPLE_ARTICLE": "weekview",
    "SAMPLE_WEEK": "weekview",
    "SOURCE": "spikes",
    "SPIKE_NAMES": "spikes",
    "SOURCES": "injury",
    "SPIKE_LEVELS": "injury",
    "Settings": "settings",
    "UNIT_SYSTEMS": "settings",
    "WORDING": "riskratio",
    "activity_list": "activitylist",
    "acwr_label": "metrics",
    "acwr_methods_help": "metrics",
    "assumed": "assumed",
    "calendar_grid": "summary",
    "came_in": "overview",
    "caption": "sessionview",
    "check_week": "plancheck",
    "cite": "articles",
    "coming_week": "planview",
    "compliance": "compliance",
    "compute_all": "compute",
    "consistency": "consistency",
    "csv_bytes": "export",
    "current_phase": "summary",
    "data_span": "overview",
    "estimate": "forecast",
    "export_frames": "export",
    "forecast": "forecast",
    "form_on": "summary",
    "help_text": "metrics",
    "json_bytes": "export",
    "judged_from": "spikes",
    "category_labels": "spikes",
    "spike_words": "spikes",
    "laps_table": "runview",
    "latest_race": "summary",
    "latest_spike": "summary",
    "races_over_spike_bound": "summary",
    "load_label": "metrics",
    "loads_table": "runview",
    "log_today": "injury",
    "method_label": "activitylist",
    "missing_loads": "runview",
    "open_warnings": "alerts",
    "own_percentile": "ratios",
    "pace_label": "runview",
    "pace_ticks": "runview",
    "pattern_from_done": "planview",
    "place_strength": "placement",
    "plan": "plan",
    "plan_frames": "planexport",
    "plancheck": "plancheck",
    "planned_text": "planview",
    "race_recap": "consistency",
    "recent_weeks": "summary",
    "roster": "roster",
    "route": "runview",
    "route_aspect": "runview",
    "row_keys": "activitylist",
    "rule_notes": "schedule",
    "rule_of": "schedule",
    "rules_for": "schedule",
    "run_streams": "runview",
    "runmix": "runmix",
    "runs_between": "summary",
    "schedule_violations": "schedule",
    "sets_table": "sessionview",
    "stream_avg_hr": "runview",
    "strength": "strength",
    "strength_this_week": "summary",
    "table": "activitylist",
    "this_week_vs_last_four": "overview",
    "units": "units",
    "violations_per_week": "weekview",
    "week_end_values": "summary",
    "week_grid": "planview",
    "week_view": "weekview",
    "week_facts": "weekreport",
    "week_of": "weekreport",
    "weekly_run_mix": "runmix",
    "week_start_of": "_frames",
    "weight_text": "sessionview",
}
__all__ = [
    "ACWR_CAVEAT",
    "ACWR_EXPLAINED",
    "ACWR_LABELS",
    "ACWR_METHODS",
    "ACWR_NOTE",
    "BASIS_LABELS",
    "CATEGORIES",
    "FOCUSES",
    "FOCUS_LABELS",
    "KINDS",
    "LOAD_METHODS",
    "LOAD_METHOD_LABELS",
    "METRICS",
    "NOT_ENOUGH_HISTORY",
    "OTHER_VIEW",
    "POLICY_INFO",
    "POPULATION_HR",
    "RACE_DISTANCES",
    "RECENT_DAYS",
    "REGIONS",
    "RUN_TYPES",
    "SAMPLE_ARTICLE",
    "SAMPLE_WEEK",
    "SOURCE",
    "SOURCES",
    "SPIKE_LEVELS",
    "SPIKE_NAMES",
    "UNIT_SYSTEMS",
    "WORDING",
    "PlanRowError",
    "Results",
    "Settings",
    "activity_list",
    "acwr_label",
    "acwr_methods_help",
    "assumed",
    "calendar_grid",
    "came_in",
    "caption",
    "category_labels",
    "check_week",
    "cite",
    "coming_week",
    "compliance",
    "compute_all",
    "consistency",
    "csv_bytes",
    "current_phase",
    "data_span",
    "estimate",
    "export_frames",
    "forecast",
    "form_on",
    "help_text",
    "json_bytes",
    "judged_from",
    "laps_table",
    "latest_race",
    "latest_spike",
    "load_label",
    "loads_table",
    "log_today",
    "method_label",
    "missing_loads",
    "open_warnings",
    "own_percentile",
    "pace_label",
    "pace_ticks",
    "pattern_from_done",
    "place_strength",
    "plan",
    "plan_frames",
    "plancheck",
    "planned_text",
    "race_recap",
    "races_over_spike_bound",
    "recent_weeks",
    "roster",
    "route",
    "route_aspect",
    "row_keys",
    "rule_notes",
    "rule_of",
    "rules_for",
    "run_streams",
    "runmix",
    "runs_between",
    "schedule_violations",
    "sets_table",
    "spike_words",
    "stream_avg_hr",
    "strength",
    "strength_this_week",
    "table",
    "this_week_vs_last_four",
    "units",
    "violations_per_week",
    "week_end_values",
    "week_facts",
    "week_grid",
    "week_of",
    "week_start_of",
    "week_view",
    "weekly_run_mix",
    "weight_text",
]


__getattr__, __dir__ = lazy_face(__name__, _WHERE, __all__, globals())


if TYPE_CHECKING:
    from analysis import (
        assumed,
        compliance,
        consistency,
        forecast,
        plan,
        plancheck,
        roster,
        runmix,
        strength,
        units,
    )
    from analysis._frames import week_start_of
    from analysis.activitylist import activity_list, method_label, row_keys, table
    from analysis.alerts import RECENT_DAYS, open_warnings
    from analysis.articles import cite
    from analysis.compute import Results, compute_all
    from analysis.consistency import race_recap
    from analysis.export import csv_bytes, export_frames, json_bytes
    from analysis.forecast import estimate
    from analysis.injury import SOURCES, SPIKE_LEVELS, log_today
    from analysis.metrics import (
        ACWR_CAVEAT,
        ACWR_EXPLAINED,
        ACWR_LABELS,
        ACWR_NOTE,
        LOAD_METHOD_LABELS,
        METRICS,
        acwr_label,
        acwr_methods_help,
        help_text,
        load_label,
    )
    from analysis.overview import came_in, data_span, this_week_vs_last_four
    from analysis.placement import place_strength
    from analysis.plan import FOCUS_LABELS, FOCUSES, KINDS, RUN_TYPES, PlanRowError
    from analysis.plancheck import check_week
    from analysis.planexport import plan_frames
    from analysis.planview import coming_week, pattern_from_done, planned_text, week_grid
    from analysis.ratios import own_percentile
    from analysis.riskratio import OTHER_VIEW, WORDING
    from analysis.runmix import weekly_run_mix
    from analysis.runview import (
        laps_table,
        loads_table,
        missing_loads,
        pace_label,
        pace_ticks,
        route,
        route_aspect,
        run_streams,
        stream_avg_hr,
    )
    from analysis.schedule import (
        BASIS_LABELS,
        POLICY_INFO,
        rule_notes,
        rule_of,
        rules_for,
        schedule_violations,
    )
    from analysis.sessionview import caption, sets_table, weight_text
    from analysis.settings import ACWR_METHODS, LOAD_METHODS, RACE_DISTANCES, UNIT_SYSTEMS, Settings
    from analysis.spikes import (
        CATEGORIES,
        NOT_ENOUGH_HISTORY,
        POPULATION_HR,
        SOURCE,
        SPIKE_NAMES,
        category_labels,
        judged_from,
        spike_words,
    )
    from analysis.strength import REGIONS
    from analysis.summary import (
        calendar_grid,
        current_phase,
        form_on,
        latest_race,
        latest_spike,
        races_over_spike_bound,
        recent_weeks,
        runs_between,
        strength_this_week,
        week_end_values,
    )
    from analysis.weekreport import week_facts, week_of
    from analysis.weekview import SAMPLE_ARTICLE, SAMPLE_WEEK, violations_per_week, week_view
