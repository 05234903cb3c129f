"""The long fuzz run behind `make fuzz`: every real FIT file, many truncations and flipped copies
(whole files, not just their first kilobytes), parsed in all cores, then all written into one
database whose invariants are checked at the end. Without the real-export corpus beside the
project, the demo athlete's FIT files (sample_logs/garmin) are fuzzed instead.

    .venv/bin/python tests/reliability/fuzz_long.py [--rounds 4] [--seed 1] [--workers N]

Exit status 1 when any input breaks a promise; those inputs are saved (with how they were made)
under --save, so a failure can be replayed with `prepare(name, bytes)`.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE.parent), str(HERE)]

from athletes import only_athlete  # noqa: E402
from fit_mutants import Mutant, fit_files, mutants, sample_fit_files  # noqa: E402
from reliability_checks import result_problems, store_problems  # noqa: E402

from ingest.pipeline import Prepared, commit, prepare  # noqa: E402
from store.db import connect  # noqa: E402

REALDATA = HERE.parent.parent.parent / "shared" / "realdata"
SLOW_S = 30.0  # an input parsed this slowly is reported (a decoder going round in circles)


def parse(m: Mutant) -> tuple[Mutant, Prepared, float]:
    t0 = time.perf_counter()
    prepared = prepare(m.name, m.data)
    return m, prepared, time.perf_counter() - t0


def inputs(files: list[Path], seed: int, rounds: int, cuts: int, flips: int):
    rng = random.Random(seed)
    for _ in range(rounds):
        for path in files:
            yield from mutants(path, rng, cuts, flips, prefix=None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=4, help="passes over the corpus, new offsets each time")
    ap.add_argument("--cuts", type=int, default=8, help="truncations per file per round")
    ap.add_argument("--flips", type=int, default=4, help="flipped copies per file per round")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--save", type=Path, default=Path(tempfile.gettempdir()) / "runstrong-fuzz")
    args = ap.parse_args(argv)
    if (REALDATA / "INVENTORY.tsv").exists():
        files = fit_files(REALDATA)
    else:
        print(f"the real-data corpus is not at {REALDATA}: fuzzing sample_logs/garmin", file=sys.stderr)
        files = sample_fit_files()
    t0 = time.perf_counter()
    statuses: collections.Counter[str] = collections.Counter()
    failures: list[tuple[Mutant, list[str]]] = []
    n = 0
    with tempfile.TemporaryDirectory() as tmp, ProcessPoolExecutor(args.workers) as pool:
        con = connect(Path(tmp) / "fuzz.duckdb")
        for m, prepared, seconds in pool.map(
            parse, inputs(files, args.seed, args.rounds, args.cuts, args.flips), chunksize=2
        ):
            n += 1
            problems = result_problems(prepared)
            if seconds > SLOW_S:
                problems.append(f"took {seconds:.0f} s")
            try:
                written = commit(con, only_athlete(con), prepared)
                statuses[written.status] += 1
            except Exception as exc:  # noqa: BLE001 - the point is to find these
                problems.append(f"store write raised {type(exc).__name__}: {exc}")
            if problems:
                failures.append((m, problems))
                print(f"FAIL {m.file} {m.how}: {'; '.join(problems)}", flush=True)
            if n % 200 == 0:
                print(f"{n} inputs, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        store = store_problems(con)
        con.close()

    for m, _ in failures:
        args.save.mkdir(parents=True, exist_ok=True)
        (args.save / f"{m.name}.{m.how.replace('@', '_at_').replace(',', '_')[:80]}").write_bytes(m.data)
    print(
        f"{len(files)} files fuzzed, {n} inputs tried in {time.perf_counter() - t0:.0f} s "
        f"(seed {args.seed}, {args.rounds} rounds): {dict(statuses)}"
    )
    print(f"{len(failures)} inputs broke a promise" + (f" (saved under {args.save})" if failures else ""))
    for p in store:
        print(f"STORE {p}")
    return 1 if failures or store else 0


if __name__ == "__main__":
    sys.exit(main())
