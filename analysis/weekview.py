"""A training week laid out day by day, beside the sample week of Lisa's Run Smarter article, and
the scheduling-rule breaks counted per week (docs/rules.md).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis._frames import DAY, as_day, as_time, num, to_ts, week_start_of
from analysis.runmix import run_type

#: The "sample week that works" of Lisa's Run Smarter article: 4 runs, 2 strength sessions,
#: strength away from the day before the key session. (day, session, notes)
SAMPLE_WEEK = (
    ("Monday", "Run: easy 45-60 min", "Low intensity, conversational pace"),
    ("Tuesday", "Strength: full body 30-40 min", "Core, balance, start of plyometrics"),
    ("Wednesday", "Run: tempo or intervals", "Key quality session: legs fresh after the strength day"),
    ("Thursday", "Strength: upper body + core only", "Upper body and core can go on any day"),
    ("Friday", "Run: medium effort 60 min", "Steady state or fartlek"),
    ("Saturday", "Run: long run", "Easy to moderate pace"),
    ("Sunday", "Rest or active recovery", "Walk, yoga, foam rolling"),
)
SAMPLE_ARTICLE = "run_smarter"  # analysis.articles: the sample week comes from this article

COLUMNS = [
    "date",
    "day",
    "kind",
    "activity_id",
    "session_id",
    "label",
    "time_local",
    "distance_m",
    "duration_s",
    "rules",
]


def _strength_label(r) -> str:
    if r.working_sets == 0:
        return "strength"
    regions = [name for name in ("lower", "core", "upper", "full") if getattr(r, f"{name}_sets") > 0]
    label = "strength: " + " + ".join(regions) if regions else "strength"
    return label + (" (heavy lower body)" if r.heavy_lower else "")


def week_view(
    week_start: dt.date,
    runs: pd.DataFrame,
    strength_sessions: pd.DataFrame,
    violations: pd.DataFrame,
) -> pd.DataFrame:
    """Every run and counted strength session of the 7 days from ``week_start``, in time order.

    Columns: date, day (name), kind ('run' or 'strength'), activity_id, session_id, label (run
    type: easy/long/quality/race run; strength: its regions, heavy lower body), time_local,
    distance_m, duration_s, rules (the rule numbers this session or run is involved in, sorted).
    A day with nothing has one row of kind 'rest'.
    """
    start = to_ts(week_start)
    end = start + 6 * DAY
    rows = []
    r = runs[as_day(runs["local_date"]).between(start, end)] if len(runs) else runs
    v = violations if violations is not None else pd.DataFrame(columns=["session_id", "activity_id", "rule"])
    if len(r):
        types = run_type(r)
        for row, kind in zip(r.itertuples(), types, strict=True):
            hit = v[v["activity_id"].astype("Int64") == row.activity_id]["rule"] if len(v) else []
            rows.append(
                {
                    "date": as_day(pd.Series([row.local_date])).iloc[0],
                    "kind": "run",
                    "activity_id": row.activity_id,
                    "session_id": pd.NA,
                    "label": f"{kind} run",
                    "time_local": row.start_time_local,
                    "distance_m": row.distance_m,
                    "duration_s": row.moving_s,
                    "rules": sorted({int(x) for x in hit}),
                }
            )
    s = strength_sessions
    if s is not None and len(s):
        s = s[s["counted"].astype(bool) & as_day(s["local_date"]).between(start, end)]
        for row in s.itertuples():
            same = v["session_id"].astype("Int64") == row.session_id if len(v) else None
            if len(v) and pd.isna(row.session_id):
                # A watch session without a strength_sessions row: match on the day instead.
                same = (v["session_id"].isna()) & (as_day(v["date"]) == row.local_date)
            hit = v[same]["rule"] if len(v) else []
            rows.append(
                {
                    "date": row.local_date,
                    "kind": "strength",
                    "activity_id": row.activity_id,
                    "session_id": row.session_id,
                    "label": _strength_label(row),
                    "time_local": row.start_time_local,
                    "distance_m": float("nan"),
                    "duration_s": row.duration_s,
                    "rules": sorted({int(x) for x in hit}),
                }
            )
    days = pd.DataFrame({"date": pd.date_range(start, end, freq="D").astype("datetime64[ns]")})
    out = pd.DataFrame(rows, columns=[c for c in COLUMNS if c != "day"])
    if len(out):
        out["date"] = as_day(out["date"])
        out["time_local"] = as_time(out["time_local"])
    free = days.loc[~days["date"].isin(out["date"]), "date"]
    rest = pd.DataFrame({"date": free.to_numpy(), "kind": "rest", "label": "rest"})
    rest["rules"] = [[] for _ in range(len(rest))]
    out = pd.concat([out, rest], ignore_index=True) if len(out) else rest.reindex(columns=out.columns)
    out["distance_m"] = num(out, "distance_m")
    out["duration_s"] = num(out, "duration_s")
    out["activity_id"] = out["activity_id"].astype("Int64")
    out["session_id"] = out["session_id"].astype("Int64")
    out["day"] = out["date"].dt.day_name()
    out = out.sort_values(["date", "time_local"], na_position="last", kind="stable").reset_index(drop=True)
    return out[COLUMNS]


def violations_per_week(violations: pd.DataFrame, week_start: int = 0) -> pd.DataFrame:
    """Rule breaks per calendar week and rule: week_start, rule, label, count."""
    cols = ["week_start", "rule", "label", "count"]
    if violations is None or len(violations) == 0:
        return pd.DataFrame(columns=cols)
    ws = week_start_of(as_day(violations["date"]), week_start)
    g = violations.assign(week_start=ws.to_numpy()).groupby(["week_start", "rule", "label"])
    return g.size().rename("count").reset_index()[cols]
