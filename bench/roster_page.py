"""The Roster page with a coach's roster: generated athletes imported into one database, each under
its own name, and the page timed through AppTest in fresh processes.

`roster_page` (a phase of bench.child) imports ATHLETES athletes into a new database (the same file
given to two athletes goes in for both, so DISTINCT generated athletes imported in turn make the
many) and times the Roster page with nothing kept: its first showing ever (the app's first run,
which lands on the default page, plus the Roster's own first run: every athlete's reads and
analysis), then warm (the next runs). `roster_page_kept`, in another fresh process, times what a
coach sees on the next start of the dashboard: cold with each athlete's row kept in the database
(store.derived) by the first, warm, and the run after one athlete's new data (their row alone
computed again).

`python -m bench.roster_page --years 2` runs this phase alone (the athletes generated once into
bench/cache/, records every INTERVAL_S seconds: the roster reads no record stream), prints the
figures and, with `--json`, writes them as the `roster_page` entry of bench/results.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.dashboard import _app_test, _run, open_cold

ATHLETES = 30  # the coach's roster the issue asks for
YEARS = 2.0  # each athlete's log (at most the run's own years)
DISTINCT = 3  # distinct generated athletes (seeds), imported in turn
INTERVAL_S = 10  # one record every 10 s: the roster reads no record stream, and the import is quicker


def name_of(i: int) -> str:
    return f"Athlete {i + 1:02d}"


def build(exports: list[str], db: str, raw: str, athletes: int, workers: int = 1) -> dict:
    """A new database of ``athletes`` athletes, the i-th holding the export exports[i % len(exports)]."""
    from ingest.pipeline import ingest_paths
    from store import athletes as store_athletes
    from store.db import connect

    db_path, raw_dir = Path(db), Path(raw)
    for p in (db_path, db_path.with_name(db_path.name + ".wal")):
        p.unlink(missing_ok=True)
    shutil.rmtree(raw_dir, ignore_errors=True)
    con = connect(db_path)
    status: Counter = Counter()
    t0 = time.perf_counter()
    for i in range(athletes):
        athlete = store_athletes.ensure(con, name_of(i))
        results = ingest_paths(con, [exports[i % len(exports)]], raw_dir, workers=workers, athlete=athlete)
        status.update(r.status for r in results)
    con.execute("CHECKPOINT")
    listed = len(store_athletes.listing(con))
    con.close()
    shutil.rmtree(raw_dir, ignore_errors=True)
    return {"import_s": time.perf_counter() - t0, "athletes": listed, "status": dict(status)}


def built(db: str, athletes: int) -> dict | None:
    """An earlier run's database of ``athletes`` athletes, with what it kept thrown away (so its
    Roster is computed from nothing), or None."""
    from store import athletes as store_athletes
    from store.db import connect

    if not Path(db).exists():
        return None
    con = connect(db)
    try:
        if len(store_athletes.listing(con)) != athletes:
            return None
        con.execute("DELETE FROM derived").fetchall()
        con.execute("CHECKPOINT").fetchall()
    finally:
        con.close()
    return {"import_s": None, "athletes": athletes, "status": {"reused": True}}


def _rows(at, athletes: int) -> int:
    rows = len(at.dataframe[0].value) if len(at.dataframe) else 0
    if rows != athletes:
        raise RuntimeError(f"the Roster shows {rows} rows for {athletes} athletes")
    return rows


def roster_page(
    exports: list[str],
    db: str,
    raw: str,
    athletes: int = ATHLETES,
    workers: int = 1,
    warm_runs: int = 3,
    reuse: bool = False,
) -> dict:
    """Import the athletes (``reuse``: keep an earlier run's database of as many), then time the
    Roster page with nothing kept: its first showing (cold) and the next runs (warm)."""
    from ui.page import ROSTER as ROSTER_PAGE

    made = (built(db, athletes) if reuse else None) or build(exports, db, raw, athletes, workers)
    at = _app_test(db)
    cold = open_cold(at, ROSTER_PAGE)
    warm = [_run(at, ROSTER_PAGE) for _ in range(warm_runs)]
    return {**made, **cold, "rows": _rows(at, made["athletes"]), "warm_s": warm[0], "warm_runs_s": warm}


def roster_page_kept(db: str, athletes: int = ATHLETES, warm_runs: int = 3) -> dict:
    """After roster_page, in a fresh process: the Roster with every row kept (cold, warm), then the
    run after one athlete's settings changed (their row computed again, the others read back)."""
    from store import athletes as store_athletes
    from store import settings_write
    from ui import data
    from ui.page import ROSTER as ROSTER_PAGE

    at = _app_test(db)
    cold = open_cold(at, ROSTER_PAGE)
    warm = [_run(at, ROSTER_PAGE) for _ in range(warm_runs)]
    rows = _rows(at, athletes)
    con = data.connection(db)  # the app's own connection (one writer per file)
    first = int(store_athletes.listing(con)["athlete_id"].iloc[0])
    settings_write.save_settings(con, first, {"strength_target_base": [2, 4]})
    one = _run(at, ROSTER_PAGE)
    _rows(at, athletes)
    return {**cold, "rows": rows, "warm_s": warm[0], "warm_runs_s": warm, "one_changed_s": one}


def first_athlete_page(out: dict) -> dict:
    """A page of the first athlete (the one every page shows when none is chosen) among the others:
    its cold and warm times and whether they meet the page targets."""
    from bench.run import TARGETS

    return {
        "cold_s": out["cold_s"],
        "warm_s": out["warm_s"],
        "title": out.get("title"),
        "met": out["cold_s"] < TARGETS["page_cold_s"] and out["warm_s"] < TARGETS["page_warm_s"],
    }


def entry(out: dict, kept: dict, years: float, **details: Any) -> dict:
    """results.json's roster_page entry from the two phases' output: cold and warm on the next
    start (rows kept: what the targets judge), the first showing with nothing kept, the run after
    one athlete's new data, whether the targets are met, and the details of the run
    (``details``: what else the caller knows)."""
    from bench.run import TARGETS

    return {
        "athletes": out["athletes"],
        "years": years,
        "cold_s": kept["cold_s"],
        "warm_s": kept["warm_s"],
        "warm_runs_s": kept["warm_runs_s"],
        "first_cold_s": out["cold_s"],
        "first_warm_s": out["warm_s"],
        "one_changed_s": kept["one_changed_s"],
        "met": kept["cold_s"] < TARGETS["page_cold_s"] and kept["warm_s"] < TARGETS["page_warm_s"],
        "first_met": out["cold_s"] < TARGETS["page_cold_s"],
        "details": {
            **{
                k: out.get(k)
                for k in ("import_s", "status", "open_s", "first_s", "title", "rows", "peak_rss_mb")
            },
            "kept": {k: kept.get(k) for k in ("open_s", "first_s", "title", "rows", "peak_rss_mb")},
            "distinct": DISTINCT,
            "interval_s": INTERVAL_S,
            **details,
        },
    }


def generated(years: float, seed: int, cache: Path, log=print, regenerate: bool = False) -> list[Path]:
    """The DISTINCT generated athletes of ``years`` (seeds seed, seed+1, ...)."""
    from bench.athlete import ensure_athlete

    return [
        ensure_athlete(years, seed + k, cache, log=log, regenerate=regenerate, interval_s=INTERVAL_S)
        for k in range(DISTINCT)
    ]


def main(argv: list[str] | None = None) -> int:
    from bench.athlete import CACHE, export_dir
    from bench.child import run_phase
    from bench.machine import load_average, run_alone
    from bench.report import write_entry

    ap = argparse.ArgumentParser(prog="python -m bench.roster_page", description=__doc__.splitlines()[0])
    ap.add_argument("--years", type=float, default=YEARS, help=f"each athlete's years (default {YEARS:g})")
    ap.add_argument("--athletes", type=int, default=ATHLETES)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=1, help="import workers")
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--json", type=Path, help="write the figures as this results.json's roster_page entry")
    ap.add_argument(
        "--reuse", action="store_true", help="keep the last run's database when it holds as many athletes"
    )
    ap.add_argument(
        "--first-years",
        type=float,
        help="make the first athlete one of this many years (the others: --years) and time every page on them",
    )
    args = ap.parse_args(argv)
    exports = [str(export_dir(a)) for a in generated(args.years, args.seed, args.cache)]
    if args.first_years:
        from bench.athlete import ensure_athlete

        first = ensure_athlete(args.first_years, args.seed, args.cache, interval_s=INTERVAL_S)
        # build() gives the i-th athlete exports[i % len(exports)]: one entry per athlete.
        exports = [str(export_dir(first))] + [exports[i % len(exports)] for i in range(1, args.athletes)]
    run_dir = args.cache / "run-roster"
    run_dir.mkdir(parents=True, exist_ok=True)
    load_before = load_average()
    started = time.perf_counter()
    db = str(run_dir / "roster.duckdb")
    out = run_phase(
        "roster_page",
        exports=exports,
        db=db,
        raw=str(run_dir / "raw"),
        athletes=args.athletes,
        workers=args.workers,
        reuse=args.reuse,
    )
    kept = run_phase("roster_page_kept", db=db, athletes=args.athletes)
    pages = {}
    if args.first_years:
        from bench.dashboard import discover_pages

        for page in discover_pages():
            pages[page["path"]] = first_athlete_page(run_phase("page", db=db, page=page["path"]))
    got = entry(
        out,
        kept,
        args.years,
        first_athlete_years=args.first_years,
        first_athlete_pages=pages or None,
        **run_alone(load_before, started),
    )
    print(json.dumps(got, indent=1))
    if args.json:
        write_entry(args.json, "roster_page", got)
    return 0


if __name__ == "__main__":
    sys.exit(main())
