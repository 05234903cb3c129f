"""Parallel parsing: worker processes parse, the one writer writes, in input order, with a bounded
number of files in flight."""

from __future__ import annotations

import datetime as dt

import fitbuild
from athletes import only_athlete

from ingest.parallel import default_workers, ordered_map
from ingest.pipeline import ingest_uploads, sha256_of
from store import read
from store.db import connect


def test_results_come_back_in_input_order_with_a_bounded_window():
    generated = consumed = 0
    ahead = []

    def jobs():
        nonlocal generated
        for i in range(12):
            generated += 1
            ahead.append(generated - consumed)
            yield None if i % 5 == 0 else str(i).encode() * 1000

    out = []
    for _job, value in ordered_map(
        sha256_of, jobs(), lambda j: None if j is None else (j,), workers=2, window=3
    ):
        consumed += 1
        out.append(value)
    expected = [None if i % 5 == 0 else sha256_of(str(i).encode() * 1000) for i in range(12)]
    assert out == expected
    assert max(ahead) <= 3


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
