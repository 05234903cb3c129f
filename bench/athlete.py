"""The benchmark's athlete: the demo athlete's plan over N years, recorded at 1 Hz, cached on disk.

The plan (runs, strength in FIT and in the phone apps' CSVs, injuries) is the demo's own
(`demo.plan.make_plan`); the benchmark adds a ride every fourth Saturday afternoon so that other
sports are in the export too. Files are encoded in parallel by the demo's FIT writer and land in
`bench/cache/athlete-<years>y-s<seed>-v<VERSION>/export/`, with `manifest.json` beside it. The
cache is kept while demo/ changes (the benchmark measures the importer, not the story; the
manifest records the demo source's hash): `--regenerate` makes a fresh athlete, and a change to
how this module builds the athlete bumps VERSION.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from datetime import time, timedelta
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / "cache"
INTERVAL_S = 1  # every second: the worst case a watch records (tests use a coarser one)
RIDE_EVERY_WEEKS = 4
VERSION = 1
TEXT_FILES = ("strong.csv", "hevy_workouts.csv", "injuries.csv", "athlete.json")  # no README: not an export

_PLAN = None  # set in each worker process by _init (plans are cheap to rebuild, closures don't pickle)
_INTERVAL = INTERVAL_S


def source_key() -> str:
    """A hash of every source file that shapes the athlete's bytes."""
    h = hashlib.sha256()
    for path in [*sorted((ROOT / "demo").glob("*.py")), Path(__file__)]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def make_plan(years: float, seed: int):
    """The demo plan plus the benchmark's rides, sorted by start."""
    from demo.plan import make_plan as demo_plan
    from demo.story import device_on
    from demo.workouts import make_ride

    plan = demo_plan(seed=seed, years=years)
    rng = random.Random(f"bench-rides:{seed}")
    taken = {c.local_date for c in plan.cardio if c.sport == "cycling"}
    saturday = plan.start + timedelta(days=5)
    week = 0
    while saturday <= plan.end:
        if week % RIDE_EVERY_WEEKS == 0 and saturday not in taken:
            start = time(15, rng.randint(0, 59), rng.randint(0, 59))
            indoor = rng.random() < 0.3
            plan.cardio.append(
                make_ride(saturday, start, rng.choice((45, 60, 75, 90)), indoor, rng, device_on(saturday))
            )
        saturday += timedelta(days=7)
        week += 1
    plan.cardio.sort(key=lambda c: c.start_utc)
    return plan


def _init(years: float, seed: int, interval_s: int) -> None:
    global _PLAN, _INTERVAL
    _PLAN, _INTERVAL = make_plan(years, seed), interval_s


def _encode(job: tuple[str, int], seed: int) -> tuple[str, bytes]:
    from demo.fitstrength import encode_strength
    from demo.fitwriter import encode_cardio, file_name

    if _PLAN is None:
        raise RuntimeError("_encode runs in a worker started with _init, which builds the plan")
    kind, index = job
    if kind == "cardio":
        act = _PLAN.cardio[index]
        data, _ = encode_cardio(act, _INTERVAL, str(seed))
        return f"garmin/{file_name(act.start_local)}", data
    sess = _PLAN.strength[index]
    return f"garmin/{file_name(sess.start_local)}", encode_strength(sess, _INTERVAL, str(seed))


def athlete_dir(years: float, seed: int, cache: Path = CACHE, interval_s: int = INTERVAL_S) -> Path:
    every = "" if interval_s == 1 else f"-every{interval_s}s"
    return cache / f"athlete-{years:g}y-s{seed}-v{VERSION}{every}"


def ensure_athlete(
    years: float,
    seed: int = 7,
    cache: Path = CACHE,
    workers: int | None = None,
    log=print,
    regenerate: bool = False,
    interval_s: int = INTERVAL_S,
) -> Path:
    """The athlete's folder for `years` of training, generated unless the cache holds it already."""
    out = athlete_dir(years, seed, cache, interval_s)
    if (out / "manifest.json").exists() and not regenerate:
        return out
    from demo.generate import text_files

    plan = make_plan(years, seed)
    jobs = [("cardio", i) for i in range(len(plan.cardio))]
    jobs += [("strength", i) for i, s in enumerate(plan.strength) if s.source == "garmin"]
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "export" / "garmin").mkdir(parents=True)
    texts = text_files(plan, interval_s)
    for name in TEXT_FILES:
        # a CSV holding only its header (no Strong workouts in these years) is no export
        if name in texts and (not name.endswith(".csv") or texts[name].strip().count(b"\n") >= 1):
            (tmp / "export" / name).write_bytes(texts[name])
    log(
        f"generating {len(jobs)} FIT files for {years:g} years at one sample every {interval_s} s into {out.name}"
    )
    workers = workers or os.cpu_count() or 1
    names: set[str] = set()
    total = 0
    with ProcessPoolExecutor(
        workers, mp_context=get_context("fork"), initializer=_init, initargs=(years, seed, interval_s)
    ) as pool:
        for done, (name, data) in enumerate(pool.map(_encode, jobs, [seed] * len(jobs), chunksize=8), 1):
            if name in names:
                raise AssertionError(f"two activities share the file name {name}")
            names.add(name)
            (tmp / "export" / name).write_bytes(data)
            total += len(data)
            if done % 250 == 0:
                log(f"  {done}/{len(jobs)} files")
    manifest = {
        "years": years,
        "seed": seed,
        "demo_source": source_key(),
        "interval_s": interval_s,
        "plan_start": plan.start.isoformat(),
        "plan_end": plan.end.isoformat(),
        "fit_files": len(jobs),
        "runs": len(plan.runs),
        "rides": sum(1 for c in plan.cardio if c.sport == "cycling"),
        "strength_sessions": len(plan.strength),
        "strength_by_source": {
            s: sum(1 for x in plan.strength if x.source == s)
            for s in sorted({x.source for x in plan.strength})
        },
        "injuries": len(plan.injuries),
        "fit_bytes": total,
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1))
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return out


def manifest(athlete: Path) -> dict:
    return json.loads((athlete / "manifest.json").read_text())


def export_dir(athlete: Path) -> Path:
    """The folder a runner would offer to the importer."""
    return athlete / "export"


def export_files(athlete: Path) -> list[Path]:
    return sorted(p for p in export_dir(athlete).rglob("*") if p.is_file())


def fit_files(athlete: Path) -> list[Path]:
    return sorted(export_dir(athlete).rglob("*.fit"))
