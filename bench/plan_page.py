"""The Plan page with a plan ahead: the benchmark's athlete and a 16-week plan after its last day.

`plan_page` (a phase of bench.child) copies the benchmark's database, plans 16 weeks from the
coming week (six sessions a week, 96 in all: heavy lower-body and core strength, an easy run and a
long run given their distance, a quality run and an easy run given only their minutes) and times
the Plan page through AppTest in a fresh process: cold (the first run), warm (the next ones), and
another week chosen in its week selector (the checks, the compliance and the forecast of a week
halfway through the plan).

`python -m bench.plan_page --years 1` runs this phase alone on the cached athlete of that many
years (imported once into bench/cache/run-plan/), prints the figures and, with `--json`, writes
them as the `plan_page` entry of bench/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from bench.dashboard import _app_test, _run, open_cold

PLAN_PAGE = "pages/plan.py"
PLAN_WEEKS = 16
#: A week of the plan: (day from the week's start, "HH:MM", kind, run type, km, minutes, focus).
WEEK = (
    (0, "18:00", "strength", None, None, 30, "core"),
    (1, "07:00", "run", "easy", 10, None, None),
    # The evening before the quality run: a rule 1 flag every week, whose fix tries every day.
    (2, "18:00", "strength", None, None, 45, "lower_heavy"),
    (3, "07:00", "run", "quality", None, 60, None),  # minutes only: its distance from the pace
    (5, "08:00", "run", "easy", None, 45, None),
    (6, "08:00", "run", "long", 16, None, None),  # + 1 km a week, 31 km in the 16th
)
#: The week chosen in the page's selector for the "another week" figure.
OTHER_WEEK = 8


def plan_rows(first: dt.date, weeks: int = PLAN_WEEKS) -> list[dict[str, Any]]:
    """The plan's sessions from the week starting ``first``, in the plan template's names."""
    rows = []
    for k in range(weeks):
        for day, time_, kind, run_type, km, minutes, focus in WEEK:
            rows.append(
                {
                    "planned_date": first + dt.timedelta(days=7 * k + day),
                    "time": time_,
                    "kind": kind,
                    "run_type": run_type,
                    "distance_km": km + k if km is not None and run_type == "long" else km,
                    "duration_min": minutes,
                    "strength_focus": focus,
                    "rpe": None,
                    "note": None,
                }
            )
    return rows


def add_plan(db: str, weeks: int = PLAN_WEEKS) -> tuple[dt.date, dt.date, int]:
    """Plan ``weeks`` weeks from the coming week (the one holding the day after the last logged
    day, the Plan page's 'today'); (the last logged day, the first week's start, sessions added)."""
    from analysis.planview import coming_week
    from analysis.settings import Settings
    from store import athletes, read
    from store.db import connect
    from store.plan import add_many

    con = connect(db)
    athlete = athletes.choose(con, create=False)  # the benchmark's database holds one athlete
    days = [
        read.activities(con, athlete)["local_date"].max(),
        read.strength_sessions(con, athlete)["local_date"].max(),
    ]
    today = max(d for d in days if d == d and d is not None)
    today = today.date() if hasattr(today, "date") else today
    first = coming_week(today, Settings.from_dict(read.settings(con, athlete)).week_start)
    rows = [r for r in plan_rows(first, weeks) if r["planned_date"] > today]
    added, problems = add_many(con, athlete, rows)
    con.close()
    if problems:
        raise RuntimeError(f"the benchmark's plan was refused: {problems[:3]}")
    return today, first, added


def plan_page(db: str, plan_db: str, weeks: int = PLAN_WEEKS, warm_runs: int = 3) -> dict:
    """The Plan page on a copy of ``db`` with a ``weeks``-week plan: cold, warm and another week."""
    shutil.copy(db, plan_db)
    today, first, added = add_plan(plan_db, weeks)
    at = _app_test(plan_db)
    # CPU time beside the wall clock: on a shared machine the neighbours move the wall clock.
    c0 = time.process_time()
    cold = open_cold(at, PLAN_PAGE)
    c1 = time.process_time()
    warm = [_run(at, PLAN_PAGE) for _ in range(warm_runs)]
    c2 = time.process_time()
    other = first + dt.timedelta(days=7 * OTHER_WEEK)
    at.selectbox(key="plan_week").set_value(other)
    other_s = _run(at, PLAN_PAGE)
    c3 = time.process_time()
    shown = at.selectbox(key="plan_week").value
    if shown != other:
        raise RuntimeError(f"the Plan page shows the week of {shown}, not {other}")
    return {
        "weeks": weeks,
        "sessions": added,
        "today": today.isoformat(),
        "first_week": first.isoformat(),
        **cold,
        "warm_s": warm[0],
        "warm_runs_s": warm,
        "other_week_s": other_s,
        "cold_cpu_s": c1 - c0,
        "warm_cpu_s": (c2 - c1) / warm_runs,
        "other_week_cpu_s": c3 - c2,
        "flags": sum(1 for e in (*at.warning, *at.info) if "Source:" in e.value),
    }


def main(argv: list[str] | None = None) -> int:
    from bench.athlete import CACHE, ensure_athlete, export_dir, manifest
    from bench.child import run_phase
    from bench.machine import load_average, run_alone
    from bench.report import write_entry

    ap = argparse.ArgumentParser(prog="python -m bench.plan_page", description=__doc__.splitlines()[0])
    ap.add_argument("--years", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--json", type=Path, help="write the figures as this results.json's plan_page entry")
    args = ap.parse_args(argv)
    athlete = ensure_athlete(args.years, args.seed, args.cache)
    run_dir = args.cache / "run-plan"
    run_dir.mkdir(parents=True, exist_ok=True)
    db = run_dir / f"{athlete.name}.duckdb"
    if not db.exists():  # imported once: the page, not the import, is measured here
        run_phase("ingest", export=str(export_dir(athlete)), db=str(db), raw=str(run_dir / "raw"), workers=1)
    load_before = load_average()
    started = time.perf_counter()
    out = run_phase("plan_page", db=str(db), plan_db=str(run_dir / "plan.duckdb"))
    info = manifest(athlete)
    got = entry(
        out,
        args.years,
        runs=info["runs"],
        strength_sessions=info["strength_sessions"],
        **run_alone(load_before, started),
    )
    print(json.dumps(got, indent=1))
    if args.json:
        write_entry(args.json, "plan_page", got)
    return 0


def entry(out: dict, years: float, **details: Any) -> dict:
    """results.json's plan_page entry from the phase's output: the figures, whether the page's
    targets are met, and the details of the run (``details``: what else the caller knows)."""
    from bench.run import TARGETS

    return {
        "years": years,
        **{k: out[k] for k in ("weeks", "sessions", "cold_s", "warm_s", "other_week_s", "warm_runs_s")},
        "met": out["cold_s"] < TARGETS["page_cold_s"] and out["warm_s"] < TARGETS["page_warm_s"],
        "details": {
            **{
                k: out.get(k)
                for k in (
                    "today",
                    "first_week",
                    "open_s",
                    "first_s",
                    "cold_cpu_s",
                    "warm_cpu_s",
                    "other_week_cpu_s",
                    "flags",
                    "title",
                    "peak_rss_mb",
                )
            },
            **details,
        },
    }


if __name__ == "__main__":
    sys.exit(main())
