"""The Overview's open warnings: rule breaks and flags of the last weeks, each with the page (topic)
that explains it and the source of its threshold. Guidance, never a verdict.

Topics: 'load', 'strength', 'injury', 'schedule', 'settings'. Levels: 'warning' (a flag the
thresholds raise), 'info' (worth a look).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis._frames import DAY, as_day, to_ts
from analysis.articles import ALL_ARTICLES, cite
from analysis.assumed import assumed, in_use, sentence
from analysis.compute import Results
from analysis.summary import spike_runs

RECENT_DAYS = 14  # how far back a rule break or a spike stays "open"
#: The levels of a warning, most serious first.
LEVELS = ("warning", "info")


def _alert(level: str, topic: str, date, message: str, source: str = "", activity_id=None) -> dict[str, Any]:
    day = pd.Timestamp(date).date() if date is not None and not pd.isna(date) else None
    aid = None if activity_id is None or pd.isna(activity_id) else int(activity_id)
    return {
        "level": level,
        "topic": topic,
        "date": day,
        "message": message,
        "source": source,
        "activity_id": aid,
    }


def open_warnings(res: Results, recent_days: int = RECENT_DAYS) -> list[dict[str, Any]]:
    """Warnings as of res.today, most serious first, then newest first.

    Each: level, topic, date (or None), message, source, activity_id (the run involved, or None).
    """
    s = res.settings
    t = to_ts(res.today)
    since = t - (recent_days - 1) * DAY
    out: list[dict[str, Any]] = []

    v = res.violations
    if len(v):
        recent = v[(as_day(v["date"]) >= since) & (as_day(v["date"]) <= t)]
        for r in recent.itertuples():
            out.append(
                _alert(
                    "warning",
                    "schedule",
                    r.date,
                    f"Rule {r.rule}: {r.label} ({r.detail}).",
                    r.source,
                    r.activity_id,
                )
            )

    runs = res.runs
    if len(runs):
        days = as_day(runs["local_date"])
        sp = runs[((days >= since) & (days <= t) & spike_runs(runs)).to_numpy()]
        for r in sp.itertuples():
            out.append(
                _alert(
                    "warning" if r.spike_category != "small" else "info",
                    "injury",
                    r.local_date,
                    f"A {r.spike_category} spike: a run {r.spike_ratio:.2f} x the longest run of the "
                    f"{s.spike_lookback_days} days before it.",
                    "Frandsen et al. 2025, BJSM 59:1203",
                    r.activity_id,
                )
            )

    today = res.daily[res.daily["date"] == t]
    if len(today):
        d = today.iloc[0]
        if d.get("monotony_level") in ("warn", "flag"):
            limit = s.monotony_flag if d["monotony_level"] == "flag" else s.monotony_warn
            out.append(
                _alert(
                    "warning" if d["monotony_level"] == "flag" else "info",
                    "load",
                    t,
                    f"Monotony {d['monotony']:.2f} over the last 7 days (above {limit}).",
                    "Foster 1998",
                )
            )
        if bool(d.get("strain_high")):
            out.append(
                _alert(
                    "warning",
                    "load",
                    t,
                    f"Strain above your own {s.strain_percentile:.0f}th percentile.",
                    "Foster 1998",
                )
            )
        if bool(d.get("ramp_aggressive")):
            out.append(
                _alert(
                    "warning",
                    "load",
                    t,
                    f"Fitness (CTL) ramping {d['ramp']:.1f} per week, above "
                    f"{s.ramp_aggressive_per_week:g} for two weeks.",
                    "GoldenCheetah (heuristic)",
                )
            )
        if bool(d.get("progression_high")):
            out.append(
                _alert(
                    "info",
                    "load",
                    t,
                    f"Last 7 days' distance {d['progression']:+.0%} on the 7 days before "
                    f"(above {s.progression_threshold:.0%}).",
                    "Nielsen et al. 2014, JOSPT 44:739",
                )
            )

    out.extend(_strength_alerts(res, t))

    inj = res.injury_windows
    if len(inj):
        for r in inj[inj["ongoing"].astype(bool)].itertuples():
            out.append(
                _alert(
                    "info",
                    "injury",
                    r.onset,
                    f"An injury is ongoing since {r.onset:%d %b %Y} ({r.days} day{'s' if r.days != 1 else ''}).",
                )
            )

    if len(res.unknown_exercises):
        n = len(res.unknown_exercises)
        out.append(
            _alert(
                "info",
                "strength",
                None,
                f"{n} exercise name{'s' if n != 1 else ''} without a body region: assign them.",
            )
        )
    # The heart-rate profile, when the load charts really use it (an activity's load is TRIMP or hrTSS).
    items = assumed(res.settings, res.profile, in_use(res.loads, ("trimp", "hrtss"), driving=True))
    if items:
        text = sentence(items, "Training load assumes")  # one sentence, not "Load: Assumed: ..."
        out.append(_alert("info", "settings", None, text, "your profile in Settings"))
    rank = {level: k for k, level in enumerate(LEVELS)}
    dated = [a for a in out if a["date"] is not None]
    undated = [a for a in out if a["date"] is None]
    dated.sort(key=lambda a: a["date"], reverse=True)
    return sorted(dated + undated, key=lambda a: rank[a["level"]])


def _sessions(n: int) -> str:
    return f"{n} strength session{'' if n == 1 else 's'}"


def _strength_alerts(res: Results, t: pd.Timestamp) -> list[dict[str, Any]]:
    out = []
    weeks = res.strength_weeks
    complete = weeks[weeks["week_start"] + 6 * DAY <= t] if len(weeks) else weeks
    if len(complete):
        last = complete.iloc[-1]
        if not bool(last["on_target"]):
            in_block = last["phase"] in ("build-up", "taper")
            zero = int(last["sessions"]) == 0
            level = "warning" if in_block and zero else "info"
            where = (
                "in a build-up (reduce it, don't remove it)" if in_block else f"in the {last['phase']} phase"
            )
            out.append(
                _alert(
                    level,
                    "strength",
                    last["week_start"],
                    f"Last week: {_sessions(int(last['sessions']))}, target "
                    f"{int(last['target_min'])}-{int(last['target_max'])} {where}.",
                    cite("middle_age_marathoner", "run_smarter") + "; Blagrove et al. 2018",
                )
            )
    gap = res.strength_consistency.get("current_gap_days")
    if gap is not None and gap >= 14:
        out.append(_alert("info", "strength", t, f"No strength session for {gap} days.", cite(*ALL_ARTICLES)))
    return out
