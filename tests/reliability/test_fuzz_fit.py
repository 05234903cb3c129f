"""Every FIT file, damaged: cut at offsets in its header, its first definitions and anywhere
(log-uniform), and with bits flipped, half of them behind a checksum made right again so the
decoder itself meets the damage. Fixed seed; `make fuzz` runs the long version (fuzz_long.py).

Two sources: the demo athlete's FIT files in sample_logs/ (real FIT written by the generator, so
a clone without the corpus still fuzzes the decoder), and every file of the real-export corpus
(the many watches; `realdata`).

Parsing runs in two processes (FIT decoding is ~0.1 ms a record); one result in three is then
written into one database, whose invariants are checked on all of them."""

from __future__ import annotations

import collections
import multiprocessing
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from athletes import only_athlete
from fit_mutants import fit_files, mutants, parse, sample_fit_files
from reliability_checks import result_problems, store_problems

from ingest.pipeline import commit, ingest_uploads
from store import read
from store.db import connect

pytestmark = pytest.mark.fuzz

SEED = 20250601
CUTS, FLIPS, PREFIX = 4, 4, 4096  # per file; flips within the first 4 KB keep big files cheap
WRITE_EVERY = 3  # one result in three goes through the store (a write is ~20 ms)
SAMPLE_EVERY = 20  # one demo file in 20 (23 of 450): runs of every kind, rides and strength


def _files(request, source: str) -> list[Path]:
    if source == "sample_logs":
        files = sample_fit_files(SAMPLE_EVERY)
        assert len(files) >= 20, f"the demo athlete's FIT files are missing from {files}"
        return files
    files = fit_files(request.getfixturevalue("realdata"))
    # Every file INVENTORY.tsv lists (the corpus's four FIT folders), none left out.
    assert {f"{p.parent.name}/{p.name}" for p in files} == set(request.getfixturevalue("inventory"))
    return files


@pytest.fixture(scope="module", params=["sample_logs", pytest.param("realdata", marks=pytest.mark.realdata)])
def fuzzed(request, tmp_path_factory):
    """(the files, their mutants and parse results, what was written of them, the database)."""
    files = _files(request, request.param)
    rng = random.Random(SEED)
    cases = [m for path in files for m in mutants(path, rng, CUTS, FLIPS, PREFIX)]
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        parsed = list(pool.map(parse, cases, chunksize=4))
    con = connect(tmp_path_factory.mktemp("fitfuzz") / "fuzz.duckdb")
    written = [
        (m, commit(con, only_athlete(con), prepared))
        for i, (m, prepared) in enumerate(parsed)
        if i % WRITE_EVERY == 0
    ]
    yield files, parsed, written, con
    con.close()


def test_no_damaged_file_crashes_the_parser_or_breaks_a_promise(fuzzed):
    files, parsed, _, _ = fuzzed
    assert {m.file for m, _ in parsed} == {f"{p.parent.name}/{p.name}" for p in files}
    broken = {f"{m.file} {m.how}": result_problems(p) for m, p in parsed if result_problems(p)}
    assert not broken
    statuses = collections.Counter(p.result.status for _, p in parsed)
    # The fuzz reaches every outcome: refused, salvaged in part, and read whole (a flip in padding).
    assert {"failed", "partial", "ok"} <= set(statuses), statuses
    print(f"FIT fuzz: {len(files)} files, {len(parsed)} inputs, {dict(statuses)}")


def test_every_damaged_file_lands_whole_or_not_at_all(fuzzed):
    _, _, written, con = fuzzed
    assert not store_problems(con)
    counts = read.table_counts(con, only_athlete(con))
    assert counts["activities"] > 0 and counts["records"] > 0
    for m, w in written:
        assert w.file_name == m.name
        if w.status in ("failed", "skipped"):
            assert w.activities == 0 and w.records == 0 and w.message, (m.file, m.how)


def test_a_batch_of_damaged_files_reports_each_by_name(fuzzed, db, raw_dir):
    """Through the whole pipeline (raw store, sniffing, workers off): one line per file, named,
    with its reason; the bad ones stop nothing."""
    _, parsed, _, _ = fuzzed
    picked, seen = [], set()
    for m, p in parsed:  # a few of each outcome, distinct bytes and names
        key = p.result.status
        if sum(1 for k in seen if k[0] == key) < 4 and p.sha256 not in {s for _, s in seen}:
            seen.add((key, p.sha256))
            picked.append((f"{len(picked):02d}_{m.name}", m.data))
    results = ingest_uploads(db, picked, raw_dir)
    assert [r.file_name for r in results] == [name for name, _ in picked]
    for r in results:
        assert r.status in ("ok", "partial", "failed", "skipped", "duplicate")
        if r.status != "ok":
            assert r.message and "unexpected error" not in r.message, r
    assert {r.status for r in results} >= {"failed", "partial"}
    assert not store_problems(db)
