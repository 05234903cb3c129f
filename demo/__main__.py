"""python -m demo [--out sample_logs] [--years 1.5] [--interval 6] [--seed 7]

Regenerates the demo athlete. With the defaults it rewrites sample_logs/ and demo/expected.json
byte for byte; with another --out, expected.json goes into that folder.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from demo.expected import expected_json
from demo.generate import all_names, render_iter, render_parallel, write
from demo.plan import make_plan

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "sample_logs"
DEFAULT_EXPECTED = ROOT / "demo" / "expected.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m demo", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--years", type=float, default=1.5)
    ap.add_argument("--interval", type=int, default=6, help="seconds between records (1 = every second)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--expected", type=Path, default=None, help="where expected.json goes")
    ap.add_argument(
        "--jobs", type=int, default=1, help="processes encoding FIT files (same bytes for any number)"
    )
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    plan = make_plan(seed=args.seed, years=args.years)
    keep = all_names(plan, args.interval, args.seed)
    if args.jobs > 1:
        files = render_parallel(args.seed, args.years, args.interval, args.jobs)
    else:
        files = render_iter(plan, args.interval, args.seed)
    count, size = write(args.out, files, keep)
    target = args.expected or (
        DEFAULT_EXPECTED if args.out.resolve() == DEFAULT_OUT else args.out / "expected.json"
    )
    target.write_text(expected_json(plan), encoding="utf-8")
    print(
        f"{count} files, {size / 1e6:.2f} MB in {args.out}, expected numbers in {target}, "
        f"{time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
