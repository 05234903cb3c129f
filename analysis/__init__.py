"""Runstrong's metric engine: pure functions over the store's DataFrames (defined in docs/metrics.md,
docs/rules.md and docs/injury-signal.md).

No streamlit, no duckdb, no file I/O, no clock: ``today`` and every threshold are parameters (the
thresholds live in :class:`analysis.settings.Settings`, each with its default and source
in docs/metrics.md). Inputs are the frames ``store.read`` returns, with the store's column names.

One call for everything (pages, export, benchmark)::

    from analysis.compute import compute_all
    from analysis.settings import Settings
    s = Settings.from_dict(store.read.settings(con))
    r = compute_all(read.activities(con), hr_seconds=read.hr_seconds(con), laps=read.laps(con),
                    strength_sessions=read.strength_sessions(con), strength_sets=read.strength_sets(con),
                    injuries=read.injuries(con), settings=s, today=date_of_the_runner_today,
                    pace_seconds=read.pace_seconds(con))

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
r.violations           scheduling-rule breaks: rule, label, date, session_id, activity_id, detail,
                       basis, source, policy
r.exposures            per day: progression_high, acwr_high, strength_low (1/0/NaN)
r.injury_signal        JSON-ready dict: definition, injury counts, per exposure x window the 2x2
                       counts, risk ratio and 95 % CI or the reason there is none, population
                       figures, wording, confounders, the other view (injury.injury_signal)
r.injury_windows       each logged injury with what its 7-day window held (top spike, ...)
r.acwr_percentile      {'uncoupled'|'coupled'|'ewma': {'value', 'percentile'}}: today's ratio and
                       its place (0-100) among the runner's own days
=====================  ==========================================================================

The building blocks, for a page that needs one piece with other parameters, each imported from
its module (``from analysis.spikes import spikes``); the package itself imports nothing, so the
ingest's worker processes load only the modules they use:

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
  coach export (its command line is ``python -m cli.export --db PATH --out DIR``)
"""
