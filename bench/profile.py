"""python -m bench.profile WHAT [--years 1] [--files 40]: a pyinstrument profile of one phase, to
find where the time goes when a target is missed. WHAT is ingest (1 worker), decode (our decoder
alone), floor (fitparse's defaults) or analysis (compute_all on the 1-worker benchmark database).

The FIT files are the first `--files` of the cached athlete (run `python -m bench` once first).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pyinstrument import Profiler

from bench.athlete import CACHE, fit_files


def _ingest(files: list[Path]) -> None:
    from ingest.pipeline import ingest_paths
    from store.db import connect

    with tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "p.duckdb")
        ingest_paths(con, files, Path(tmp) / "raw", workers=1)
        con.close()


def _decode(files: list[Path]) -> None:
    from ingest.fit import parse_fit

    for f in files:
        parse_fit(f.read_bytes())


def _floor(files: list[Path]) -> None:
    from bench.decoders import fitparse_defaults

    for f in files:
        fitparse_defaults(f)


def _analysis(db: Path) -> None:
    from bench.dashboard import analysis

    analysis(str(db), repeat=1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["ingest", "decode", "floor", "analysis"])
    ap.add_argument("--years", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--html", type=Path, default=None, help="write an HTML profile here as well")
    args = ap.parse_args(argv)
    # the newest cached athlete of that length, even if demo/ has changed since (a profile, not a figure)
    found = sorted(
        CACHE.glob(f"athlete-{args.years:g}y-s{args.seed}-*/manifest.json"), key=lambda p: p.stat().st_mtime
    )
    files = fit_files(found[-1].parent)[: args.files] if found else []
    if args.what != "analysis" and not files:
        ap.error(f"no cached athlete for {args.years:g} years: run `python -m bench --years {args.years:g}`")
    profiler = Profiler()
    with profiler:
        if args.what == "ingest":
            _ingest(files)
        elif args.what == "decode":
            _decode(files)
        elif args.what == "floor":
            _floor(files)
        else:
            _analysis(CACHE / "run" / "bench-1w.duckdb")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html())
    return 0


if __name__ == "__main__":
    sys.exit(main())
