"""python -m bench [--years 10]: measure ingest, the dashboard and memory against the floor.

Writes BENCHMARKS.md (a new run above the earlier ones) and bench/results.json. Every phase runs in
its own process (bench.child); progress goes to stdout, the phases' own output to
bench/cache/run/bench.log.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from bench import report
from bench.athlete import CACHE, ROOT
from bench.roster_page import ATHLETES as ROSTER_ATHLETES
from bench.run import measure


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
    ap.add_argument(
        "--roster-athletes",
        type=int,
        default=ROSTER_ATHLETES,
        help=f"athletes in the Roster page's database (default {ROSTER_ATHLETES}; 0: not measured, as "
        "`python -m bench.roster_page` measures it alone)",
    )
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument(
        "--regenerate", action="store_true", help="generate the athlete afresh (after demo/ changed)"
    )
    ap.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results.json")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    result = measure(
        args.years,
        args.seed,
        args.cache,
        args.record_every,
        args.workers,
        args.regenerate,
        roster_athletes=args.roster_athletes,
    )
    report.write_json(args.json, result)
    report.write_markdown(args.markdown, result)
    print(report.run_section(result))
    print(f"wrote {args.markdown} and {args.json} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
