"""python -m bench [--years 10]: measure ingest, the dashboard and memory against the floor.

Writes BENCHMARKS.md (a new run above the earlier ones) and bench/results.json. Every phase runs in
its own process (bench.child); progress goes to stdout, the phases' own output to
bench/cache/run/bench.log.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import time
from pathlib import Path

from bench import report
from bench.athlete import CACHE, ROOT, ensure_athlete, export_dir, export_files, fit_files, manifest
from bench.child import run_phase
from bench.dashboard import discover_pages
from bench.machine import load_average, machine

MB = 1536, 1024  # peak memory targets: ingest, app


def _log(msg: str) -> None:
    print(f"{dt.datetime.now():%H:%M:%S} {msg}", flush=True)


def measure(
    years: float, seed: int, cache: Path, record_every: int, workers: int, regenerate: bool = False
) -> dict:
    load_before = load_average()
    athlete = ensure_athlete(years, seed, cache, log=_log, regenerate=regenerate)
    info = manifest(athlete)
    export = export_dir(athlete)
    fits = [str(p) for p in fit_files(athlete)]
    run_dir = cache / "run"
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir(parents=True)
    log = run_dir / "bench.log"

    def phase(name: str, **args) -> dict:
        t = time.perf_counter()
        _log(f"{name} {', '.join(f'{k}={v}' for k, v in args.items() if k not in ('files', 'pages'))}")
        out = run_phase(name, log_path=log, **args)
        _log(f"  done in {time.perf_counter() - t:.1f} s")
        return out

    floor = phase("decode", files=fits, decoder="fitparse")
    samples = floor["samples"]
    db1, db_all = run_dir / "bench-1w.duckdb", run_dir / "bench-all.duckdb"
    ing1 = phase("ingest", export=str(export), db=str(db1), raw=str(run_dir / "raw-1w"), workers=1)
    reimport = phase(
        "ingest", export=str(export), db=str(db1), raw=str(run_dir / "raw-1w"), workers=1, fresh=False
    )
    ing_all = phase(
        "ingest", export=str(export), db=str(db_all), raw=str(run_dir / "raw-all"), workers=workers
    )
    if "skipped" not in ing_all:
        shutil.rmtree(run_dir / "raw-all", ignore_errors=True)
        db_all.unlink(missing_ok=True)

    subset = fits[::record_every]
    floor_subset_s = sum(floor["per_file_s"][::record_every])
    record = {}
    for name in ("garmin_fit_sdk", "fitdecode"):
        rec = phase("decode", files=subset, decoder=name)
        floor_rate = rec["samples"] / floor_subset_s  # the floor's own time on these files
        record[name] = {
            "samples_per_s": rec["samples_per_s"],
            "files": rec["files"],
            "vs_floor": rec["samples_per_s"] / floor_rate,
            "wall_s": rec["wall_s"],
        }

    pages = discover_pages()
    page_runs = {p["path"]: phase("page", db=str(db1), page=p["path"]) for p in pages}
    app = phase("app", db=str(db1), pages=pages)
    ana = phase("analysis", db=str(db1))

    def rate(ing: dict) -> float | None:
        return None if "skipped" in ing else samples / ing["wall_s"]

    r1, r_all = rate(ing1), rate(ing_all)
    cold = {p: v["cold_s"] for p, v in page_runs.items()}
    warm = {p: v["warm_s"] for p, v in page_runs.items()}
    ingest_rss = max(ing1["peak_tree_rss_mb"], ing_all.get("peak_tree_rss_mb", 0))
    result = {
        "years": years,
        "floor_samples_per_s": samples / floor["wall_s"],
        "ingest_1w_samples_per_s": r1,
        "ingest_all_samples_per_s": r_all,
        "workers": workers,
        "reimport_files_per_s": reimport["files"] / reimport["wall_s"],
        "pages_cold_s": cold,
        "pages_warm_s": warm,
        "analysis_s": ana["median_s"],
        "ingest_peak_rss_mb": ingest_rss,
        "app_peak_rss_mb": app["peak_rss_mb"],
        "db_bytes_per_sample": ing1["db_bytes"] / max(ing1["counts"]["records"], 1),
        "date": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "machine": machine(),
    }
    result["targets"] = {
        "ingest_1w": r1 >= 1.25 * result["floor_samples_per_s"],
        "ingest_all": None if r_all is None else r_all >= 1.6 * r1,
        "reimport": result["reimport_files_per_s"] >= 500,
        "pages": {p: cold[p] < 3 and warm[p] < 1 for p in cold},
        "analysis": result["analysis_s"] < 0.5,
        "ingest_rss": ingest_rss < MB[0],
        "app_rss": result["app_peak_rss_mb"] < MB[1],
    }
    result["details"] = {
        **{
            k: info[k]
            for k in (
                "fit_files",
                "runs",
                "rides",
                "strength_sessions",
                "strength_by_source",
                "injuries",
                "fit_bytes",
                "plan_start",
                "plan_end",
            )
        },
        "export_files": len(export_files(athlete)),
        "samples": samples,
        "records_stored": ing1["counts"]["records"],
        "floor_wall_s": floor["wall_s"],
        "floor_cpu_samples_per_s": samples / floor["cpu_s"],
        "ingest_1w_cpu_samples_per_s": samples / (ing1["cpu_s"] + ing1["children_cpu_s"]),
        "floor_cpu_s": floor["cpu_s"],
        "ingest_1w_wall_s": ing1["wall_s"],
        "ingest_1w_cpu_s": ing1["cpu_s"] + ing1["children_cpu_s"],
        "ingest_1w_vs_floor": r1 / result["floor_samples_per_s"],
        "ingest_1w_vs_floor_cpu": floor["cpu_s"] / (ing1["cpu_s"] + ing1["children_cpu_s"]),
        "ingest_all_wall_s": ing_all.get("wall_s"),
        "ingest_all_vs_1w": None if r_all is None else r_all / r1,
        "ingest_all_skipped": ing_all.get("skipped"),
        "ingest_status": ing1["status"],
        "ingest_failed": ing1["failed"],
        "ingest_1w_rss_mb": ing1["peak_tree_rss_mb"],
        "ingest_all_rss_mb": ing_all.get("peak_tree_rss_mb") if "skipped" not in ing_all else None,
        "reimport_wall_s": reimport["wall_s"],
        "reimport_status": reimport["status"],
        "db_bytes": ing1["db_bytes"],
        "table_counts": ing1["counts"],
        "page_titles": {p["path"]: p["title"] for p in pages},
        "pages_warm_runs_s": {p: v["warm_runs_s"] for p, v in page_runs.items()},
        "app_runs_s": app["runs_s"],
        "read_s": ana["read_s"],
        "analysis_first_s": ana["first_s"],
        "analysis_rows": ana["rows"],
        "record_every": record_every,
        "record": record,
        "load_before": load_before,
        "load_after": load_average(),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--years", type=float, default=10.0, help="years of training to generate (default 10)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="workers for the all-cores ingest"
    )
    ap.add_argument(
        "--record-every",
        type=int,
        default=4,
        help="garmin-fit-sdk and fitdecode decode every k-th FIT file (default 4)",
    )
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument(
        "--regenerate", action="store_true", help="generate the athlete afresh (after demo/ changed)"
    )
    ap.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    result = measure(args.years, args.seed, args.cache, args.record_every, args.workers, args.regenerate)
    report.write_json(args.json, result)
    report.write_markdown(args.markdown, result)
    print(report.run_section(result))
    _log(f"wrote {args.markdown} and {args.json} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
