"""One benchmark run: every phase in its own process, in a fixed order, then the figures.

The floor and the 1-worker ingest run back to back, so that the machine's load changes as little
as possible between the two numbers the main ratio is made of.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from bench.athlete import INTERVAL_S, ensure_athlete, export_dir, export_files, fit_files, manifest
from bench.child import run_phase
from bench.dashboard import discover_pages
from bench.machine import load_average, machine
from bench.plan_page import entry as plan_entry
from bench.roster_page import ATHLETES as ROSTER_ATHLETES
from bench.roster_page import YEARS as ROSTER_YEARS
from bench.roster_page import entry as roster_entry
from bench.roster_page import generated as roster_generated

# Issue 15's targets, written once: the verdicts below and bench.report's target column read them.
TARGETS = {
    "ingest_1w_vs_floor": 5.0,
    "ingest_all_vs_1w": 1.6,
    "reimport_files_per_s": 2000,
    "page_cold_s": 3.0,
    "page_warm_s": 1.0,
    "analysis_s": 0.5,
    "ingest_rss_mb": 1536,
    "app_rss_mb": 1024,
}
RECORD_PARSERS = ("garmin_fit_sdk", "fitdecode")
Runner = Callable[..., dict]


def _print_log(msg: str) -> None:
    print(f"{dt.datetime.now():%H:%M:%S} {msg}", flush=True)


def run_phases(
    athlete: Path,
    run_dir: Path,
    workers: int,
    record_every: int,
    runner: Runner = run_phase,
    log: Callable[[str], None] = _print_log,
    roster: list[Path] | None = None,
    roster_athletes: int = 0,
) -> dict:
    """The raw figures of every phase, keyed by phase; with ``roster`` (generated athletes' folders)
    and ``roster_athletes``, the Roster page on a database of that many athletes made of them."""
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    export, fits = str(export_dir(athlete)), [str(p) for p in fit_files(athlete)]
    db1, db_all = str(run_dir / "bench-1w.duckdb"), str(run_dir / "bench-all.duckdb")

    def phase(name: str, **args) -> dict:
        shown = ", ".join(f"{k}={v}" for k, v in args.items() if k not in ("files", "pages", "export"))
        log(f"{name} {shown}")
        t = time.perf_counter()
        out = runner(name, log_path=run_dir / "bench.log", **args)
        log(f"  {time.perf_counter() - t:.1f} s")
        return out

    raw: dict = {"load_before": load_average()}
    raw["floor"] = phase("decode", files=fits, decoder="fitparse")
    raw["ingest_1w"] = phase("ingest", export=export, db=db1, raw=str(run_dir / "raw-1w"), workers=1)
    raw["reimport"] = phase(
        "ingest", export=export, db=db1, raw=str(run_dir / "raw-1w"), workers=1, fresh=False
    )
    raw["ingest_all"] = phase(
        "ingest", export=export, db=db_all, raw=str(run_dir / "raw-all"), workers=workers
    )
    shutil.rmtree(run_dir / "raw-all", ignore_errors=True)
    Path(db_all).unlink(missing_ok=True)
    raw["record"] = {
        name: phase("decode", files=fits[::record_every], decoder=name) for name in RECORD_PARSERS
    }
    raw["pages"] = discover_pages()
    raw["page"] = {p["path"]: phase("page", db=db1, page=p["path"]) for p in raw["pages"]}
    # The Plan page once more, on a copy holding a 16-week plan ahead (the other pages see none).
    raw["plan_page"] = phase("plan_page", db=db1, plan_db=str(run_dir / "bench-plan.duckdb"))
    raw["app"] = phase("app", db=db1, pages=raw["pages"])
    raw["analysis"] = phase("analysis", db=db1)
    if roster and roster_athletes:
        roster_db = str(run_dir / "bench-roster.duckdb")
        raw["roster_page"] = phase(
            "roster_page",
            exports=[str(export_dir(a)) for a in roster],
            db=roster_db,
            raw=str(run_dir / "raw-roster"),
            athletes=roster_athletes,
            workers=workers,
        )
        raw["roster_page_kept"] = phase("roster_page_kept", db=roster_db, athletes=roster_athletes)
    raw["load_after"] = load_average()
    return raw


def _cpu(phase: dict) -> float:
    return phase["cpu_s"] + phase.get("children_cpu_s", 0.0)


def figures(raw: dict, info: dict, years: float, workers: int, record_every: int, export_count: int) -> dict:
    """results.json: the issue's keys first, then the verdicts, then the details behind them."""
    floor, ing1, ing_all, reimport = raw["floor"], raw["ingest_1w"], raw["ingest_all"], raw["reimport"]
    samples = floor["samples"]
    r1 = samples / ing1["wall_s"]
    r_all = None if "skipped" in ing_all else samples / ing_all["wall_s"]
    cold = {p: v["cold_s"] for p, v in raw["page"].items()}
    warm = {p: v["warm_s"] for p, v in raw["page"].items()}
    all_rss = None if "skipped" in ing_all else ing_all["peak_tree_rss_mb"]
    ingest_rss = max(ing1["peak_tree_rss_mb"], all_rss or 0.0)
    result = {
        "years": years,
        "floor_samples_per_s": samples / floor["wall_s"],
        "ingest_1w_samples_per_s": r1,
        "ingest_all_samples_per_s": r_all,
        "workers": workers,
        "reimport_files_per_s": reimport["files"] / reimport["wall_s"],
        "pages_cold_s": cold,
        "pages_warm_s": warm,
        "analysis_s": raw["analysis"]["median_s"],
        "ingest_peak_rss_mb": ingest_rss,
        "app_peak_rss_mb": raw["app"]["peak_rss_mb"],
        "db_bytes_per_sample": ing1["db_bytes"] / max(ing1["counts"]["records"], 1),
        "date": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "machine": machine(),
    }
    result["plan_page"] = plan_entry(raw["plan_page"], years)
    if "roster_page" in raw:
        result["roster_page"] = roster_entry(
            raw["roster_page"], raw["roster_page_kept"], info.get("roster_years", years)
        )
    vs_floor_cpu = _cpu(floor) / _cpu(ing1)
    # Single-process ratios are judged on CPU time: on a shared machine the wall clock of two
    # phases minutes apart measures the neighbours as much as the code. The speed-up of many
    # workers can only be seen on the wall clock.
    result["targets"] = {
        "ingest_1w": vs_floor_cpu >= TARGETS["ingest_1w_vs_floor"],
        "ingest_all": None if r_all is None else r_all >= TARGETS["ingest_all_vs_1w"] * r1,
        "reimport": result["reimport_files_per_s"] >= TARGETS["reimport_files_per_s"],
        "pages": {p: cold[p] < TARGETS["page_cold_s"] and warm[p] < TARGETS["page_warm_s"] for p in cold},
        "analysis": result["analysis_s"] < TARGETS["analysis_s"],
        "ingest_rss": ingest_rss < TARGETS["ingest_rss_mb"],
        "app_rss": result["app_peak_rss_mb"] < TARGETS["app_rss_mb"],
        "plan_page": result["plan_page"]["met"],
        "roster_page": result["roster_page"]["met"] if "roster_page" in result else None,
    }
    floor_subset_wall = sum(floor["per_file_s"][::record_every])
    floor_subset_cpu = (
        floor["cpu_s"] * floor_subset_wall / floor["wall_s"]
    )  # the floor's share on those files
    record = {
        name: {
            "files": rec["files"],
            "samples_per_s": rec["samples_per_s"],
            "vs_floor": floor_subset_wall / rec["wall_s"],
            "vs_floor_cpu": floor_subset_cpu / rec["cpu_s"],
        }
        for name, rec in raw["record"].items()
    }
    keys = (
        "fit_files",
        "runs",
        "rides",
        "strength_sessions",
        "strength_by_source",
        "injuries",
        "fit_bytes",
        "plan_start",
        "plan_end",
        "demo_source",
    )
    result["details"] = {
        **{k: info.get(k) for k in keys},
        "export_files": export_count,
        "samples": samples,
        "records_stored": ing1["counts"]["records"],
        "floor_wall_s": floor["wall_s"],
        "floor_cpu_s": floor["cpu_s"],
        "floor_cpu_samples_per_s": samples / floor["cpu_s"],
        "ingest_1w_wall_s": ing1["wall_s"],
        "ingest_1w_cpu_s": _cpu(ing1),
        "ingest_1w_cpu_samples_per_s": samples / _cpu(ing1),
        "ingest_1w_vs_floor": r1 / result["floor_samples_per_s"],
        "ingest_1w_vs_floor_cpu": vs_floor_cpu,
        "ingest_all_wall_s": ing_all.get("wall_s"),
        "ingest_all_cpu_s": None if r_all is None else _cpu(ing_all),
        "ingest_all_writer_cpu_s": ing_all.get("cpu_s"),  # the process holding the database
        "ingest_all_workers_cpu_s": ing_all.get("children_cpu_s"),
        "ingest_all_vs_1w": None if r_all is None else r_all / r1,
        "ingest_all_skipped": ing_all.get("skipped"),
        "ingest_status": ing1["status"],
        "ingest_failed": ing1["failed"],
        "ingest_1w_rss_mb": ing1["peak_tree_rss_mb"],
        "ingest_1w_parts_cpu_ms_per_file": ing1.get("parts_cpu_ms_per_file"),
        "ingest_all_rss_mb": all_rss,
        "reimport_wall_s": reimport["wall_s"],
        "reimport_status": reimport["status"],
        "db_bytes": ing1["db_bytes"],
        "table_counts": ing1["counts"],
        "page_titles": {p["path"]: p["title"] for p in raw["pages"]},
        "page_first_titles": {p: v.get("title") for p, v in raw["page"].items()},  # shows which page ran cold
        "pages_warm_runs_s": {p: v["warm_runs_s"] for p, v in raw["page"].items()},
        # cold = the app's first run (it opens on the default page) + the page's own first run
        "pages_cold_parts_s": {p: [v.get("open_s"), v.get("first_s")] for p, v in raw["page"].items()},
        "app_runs_s": raw["app"]["runs_s"],
        "read_s": raw["analysis"]["read_s"],
        "analysis_first_s": raw["analysis"]["first_s"],
        "analysis_rows": raw["analysis"]["rows"],
        "record_every": record_every,
        "record": record,
        "load_before": raw["load_before"],
        "load_after": raw["load_after"],
    }
    return result


def measure(
    years: float,
    seed: int,
    cache: Path,
    record_every: int,
    workers: int,
    regenerate: bool = False,
    runner: Runner = run_phase,
    log: Callable[[str], None] = _print_log,
    interval_s: int = INTERVAL_S,
    roster_athletes: int = ROSTER_ATHLETES,
) -> dict:
    """Every phase on a generated athlete of ``years``; the Roster page on ``roster_athletes``
    athletes of min(years, bench.roster_page.YEARS) each (0: not measured)."""
    athlete = ensure_athlete(years, seed, cache, log=log, regenerate=regenerate, interval_s=interval_s)
    roster_years = min(years, ROSTER_YEARS)
    roster = roster_generated(roster_years, seed, cache, log, regenerate) if roster_athletes else None
    raw = run_phases(athlete, cache / "run", workers, record_every, runner, log, roster, roster_athletes)
    info = {**manifest(athlete), "roster_years": roster_years}
    return figures(raw, info, years, workers, record_every, len(export_files(athlete)))
