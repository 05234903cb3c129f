"""Parallel parsing: worker processes parse, the one writer writes, in input order, with a bounded
number of files in flight."""

from __future__ import annotations

import datetime as dt
import os

import fitbuild
from athletes import only_athlete

from ingest.parallel import default_workers, ordered_map
from ingest.pipeline import ingest_uploads, sha256_of
from store import read
from store.db import connect


class _Jobs:
    """The jobs handed out one by one, and how far ahead of those consumed each one was."""

    def __init__(self, jobs: list):
        self.jobs, self.consumed, self.ahead = jobs, 0, []

    def __iter__(self):
        for generated, job in enumerate(self.jobs, 1):
            self.ahead.append(generated - self.consumed)
            yield job


def _args(job):
    return None if job is None else (job,)


def test_results_come_back_in_input_order_with_a_bounded_window():
    jobs = _Jobs([None if i % 5 == 0 else str(i).encode() * 1000 for i in range(12)])
    out = []
    for _job, value in ordered_map(sha256_of, jobs, _args, workers=2, window=3, here_first=0):
        jobs.consumed += 1
        out.append(value)
    expected = [None if i % 5 == 0 else sha256_of(str(i).encode() * 1000) for i in range(12)]
    assert out == expected
    assert max(jobs.ahead) <= 3


def _pid_of(_i: int) -> int:
    return os.getpid()


def test_the_first_jobs_run_here_while_the_workers_start():
    """The first `here_first` jobs with args run in this process; the ones after them went to the
    workers before those ran (so the workers start meanwhile); the window grows by those run here
    only while they last; the order stays."""
    jobs = _Jobs([None if i == 1 else i for i in range(30)])
    out = []
    for job, pid in ordered_map(_pid_of, jobs, _args, workers=2, window=3, here_first=4):
        jobs.consumed += 1
        out.append((job, pid))
    assert [j for j, _ in out] == [0, None, *range(2, 30)]
    here = [j for j, pid in out if pid == os.getpid()]
    assert here == [0, 2, 3, 4]  # the first four with args; the one without passes through
    assert all(pid not in (None, os.getpid()) for j, pid in out if j is not None and j > 4)
    assert max(jobs.ahead) == 3 + 4  # the window and the jobs to run here
    assert max(jobs.ahead[12:]) <= 3  # then back to the window


def test_workers_give_the_same_database_as_one_process(tmp_path):
    start = dt.datetime(2025, 3, 2, 6, 30)
    files = [
        (f"run{i}.fit", fitbuild.run(start + dt.timedelta(days=i // 2, seconds=10 * (i % 2)), 10000.0 + i))
        for i in range(6)
    ]  # pairs of the same run: the first of each pair must win
    snapshots = []
    for workers in (1, 2):
        con = connect(tmp_path / f"w{workers}.duckdb")
        results = ingest_uploads(con, files, tmp_path / f"raw{workers}", workers=workers)
        snapshots.append(
            (
                [(r.file_name, r.status, r.activities, r.merged) for r in results],
                read.activities(con, only_athlete(con))[["activity_id", "source_id", "distance_m"]].to_dict(
                    "records"
                ),
            )
        )
        con.close()
    assert snapshots[0] == snapshots[1]
    assert [s for _, s, _, _ in snapshots[0][0]] == ["ok", "duplicate"] * 3


def test_default_workers():
    assert default_workers(5) == 1
    assert default_workers(500) >= 1
