"""Render the plan to files: FIT activities, the apps' CSVs, injuries, settings, a README."""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from demo.checks import validate
from demo.exports import athlete_json, hevy_csv, injuries_csv, strong_csv
from demo.fitstrength import encode_strength
from demo.fitwriter import encode_cardio, file_name
from demo.model import Cardio, Plan
from demo.plan import make_plan
from demo.readme import readme
from demo.stream import Stream

QUALITY_MIN_S = 600  # docs/metrics.md, key runs: 10 minutes at threshold pace or HR make a quality run


def _check_stream(act: Cardio, st: Stream) -> None:
    """A run's 1-Hz data must agree with its planned kind (no accidental quality runs)."""
    if act.sport != "running":
        return
    fast = max(st.secs_at_thr_pace, st.secs_above_thr_hr)
    if act.kind in ("tempo", "intervals") and st.secs_at_thr_pace < QUALITY_MIN_S:
        raise AssertionError(
            f"{act.start_local}: {act.kind} with only {st.secs_at_thr_pace} s at threshold pace"
        )
    if act.kind not in ("tempo", "intervals", "race") and fast >= QUALITY_MIN_S // 2:
        raise AssertionError(f"{act.start_local}: {act.kind} run with {fast} s at threshold")


def fit_jobs(plan: Plan, interval_s: int, seed: int) -> dict[str, Callable[[], bytes]]:
    """relative path -> a function that encodes that file."""
    jobs: dict[str, Callable[[], bytes]] = {}

    def cardio_job(act: Cardio) -> Callable[[], bytes]:
        def run() -> bytes:
            data, st = encode_cardio(act, interval_s, str(seed))
            _check_stream(act, st)
            return data

        return run

    for act in plan.cardio:
        jobs[f"garmin/{file_name(act.start_local)}"] = cardio_job(act)
    for sess in plan.strength:
        if sess.source == "garmin":
            jobs[f"garmin/{file_name(sess.start_local)}"] = functools.partial(
                encode_strength, sess, interval_s, str(seed)
            )
    expected_count = len(plan.cardio) + sum(1 for s in plan.strength if s.source == "garmin")
    if len(jobs) != expected_count:
        raise AssertionError("two activities start in the same local second")
    return jobs


def text_files(plan: Plan, interval_s: int) -> dict[str, bytes]:
    files = {
        "strong.csv": strong_csv(plan),
        "hevy_workouts.csv": hevy_csv(plan),
        "injuries.csv": injuries_csv(plan),
        "athlete.json": athlete_json(plan),
        "README.md": readme(plan, interval_s),
    }
    return {name: text.encode("utf-8") for name, text in files.items()}


def render_iter(
    plan: Plan, interval_s: int, seed: int, only: Iterable[str] | None = None
) -> Iterator[tuple[str, bytes]]:
    """Output files (all, or those named in `only`) one at a time, as (path relative to the output,
    bytes): a 10-year 1-Hz log never has to sit in memory."""
    validate(plan)
    wanted = None if only is None else set(only)
    for name, data in text_files(plan, interval_s).items():
        if wanted is None or name in wanted:
            yield name, data
    for name, job in fit_jobs(plan, interval_s, seed).items():
        if wanted is None or name in wanted:
            yield name, job()


_WORKER: dict[str, dict[str, Callable[[], bytes]]] = {}


def _init_worker(seed: int, years: float, interval_s: int) -> None:
    _WORKER["jobs"] = fit_jobs(make_plan(seed=seed, years=years), interval_s, seed)


def _encode(name: str) -> tuple[str, bytes]:
    return name, _WORKER["jobs"][name]()


def render_parallel(seed: int, years: float, interval_s: int, processes: int) -> Iterator[tuple[str, bytes]]:
    """As render_iter, the FIT files encoded by `processes` workers (each file has its own seed, so
    the bytes do not depend on the number of workers)."""
    plan = make_plan(seed=seed, years=years)
    validate(plan)
    yield from text_files(plan, interval_s).items()
    names = list(fit_jobs(plan, interval_s, seed))
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, _init_worker, (seed, years, interval_s)) as pool:
        yield from pool.imap(_encode, names, chunksize=4)


def render(plan: Plan, interval_s: int, seed: int, only: Iterable[str] | None = None) -> dict[str, bytes]:
    return dict(render_iter(plan, interval_s, seed, only))


def all_names(plan: Plan, interval_s: int, seed: int) -> set[str]:
    return set(text_files(plan, interval_s)) | set(fit_jobs(plan, interval_s, seed))


def write(out_dir: Path, files: Iterable[tuple[str, bytes]], keep: set[str]) -> tuple[int, int]:
    """Write the files; FIT files of an earlier generation that are not in `keep` are removed.
    Returns (files, bytes)."""
    garmin = out_dir / "garmin"
    garmin.mkdir(parents=True, exist_ok=True)
    for old in garmin.glob("*.fit"):
        if f"garmin/{old.name}" not in keep:
            old.unlink()
    count = size = 0
    for name, data in files:
        path = out_dir / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        count += 1
        size += len(data)
    return count, size
