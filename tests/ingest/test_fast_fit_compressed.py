"""Compressed-timestamp message headers and accumulated fields (compressed_speed_distance's
distance) on the fast FIT path: the rows equal fitparse's, table by table, and no file is handed
to fitparse. The corpus's own such files, and demo files rewritten byte by byte
(tests/ingest/fitcompress.py): every kind of message compressed, rollovers of the five-bit offset,
full timestamps between, the accumulator restarted by a definition written again."""

from __future__ import annotations

import io
from pathlib import Path

import fitparse
import numpy as np
import pytest
from fitcompress import ACTIVITY, RECORD, SESSION, compress
from fitparse.records import DefinitionMessage
from hypothesis import given
from hypothesis import strategies as st
from test_fast_fit_equivalence import SAMPLE_FIT, _same, _table_sums

from ingest.fit_fast import running_total, scan
from ingest.parse import prepare
from ingest.pipeline import ingest_paths
from store.db import connect

# A run and a strength session of each watch (fr245: speed and altitude written plain and as
# enhanced_*; fr965: enhanced_* only).
FILES = SAMPLE_FIT[::150]
RUNS = [FILES[0], FILES[3]]

# The corpus's files with compressed-timestamp headers or compressed speed and distance.
REAL = {
    "fit_run/fitparse__antfs-dump.63.fit": "compressed",
    "fit_run/fitparse__compressed-speed-distance.fit": "compressed, speed_distance",
    "fit_other/fitparse__null_compressed_speed_dist.fit": "speed_distance",
    "fit_other/sportstracker__Zwift-Cycling_Indoor-Assioma_Uno.fit": "speed_distance",
}


def _kinds(data: bytes) -> set[str]:
    """What the file holds, read by fitparse: compressed headers, compressed_speed_distance."""
    kinds = set()
    for msg in fitparse.FitFile(io.BytesIO(data), check_crc=False).get_messages(with_definitions=True):
        if isinstance(msg, DefinitionMessage):
            if msg.mesg_num == RECORD and any(fd.def_num == 8 for fd in msg.field_defs):
                kinds.add("speed_distance")
        elif msg.header.time_offset is not None:
            kinds.add("compressed")
    return kinds


@pytest.mark.realdata
@pytest.mark.parametrize("name", sorted(REAL))
def test_the_corpus_files_with_compressed_headers_or_speed_distance_are_read_fast(realdata, name):
    data = (realdata / name).read_bytes()
    assert _kinds(data) == set(REAL[name].split(", "))
    fast, ref = prepare(name, data, decoder="fast"), prepare(name, data, decoder="fitparse")
    assert not fast.result.reference_fallback, name
    _same(fast, ref, name)
    if "compressed" in REAL[name]:
        assert scan(data, set()).rec_times  # dated by the fast path, not by fitparse
    assert sum(len(a.records) for a in fast.result.activities) > 300, name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_compressed_headers_give_the_files_own_rows_on_both_decoders(path: Path):
    """Records, laps, events, the session and the activity with compressed headers: fitparse
    reads back the original rows, and the fast path gives fitparse's, by itself. The fast path has
    fitparse read the session and the activity from a copy without the records: their time is the
    fast path's own count over the file (the activity's time against its local time gives the
    time zone of every local time)."""
    data = path.read_bytes()
    squeezed, count = compress(data)
    assert count[f"compressed {RECORD}"] > 0.9 * count[RECORD] > 0, count
    assert count[f"compressed {SESSION}"] == count[SESSION] == 1, count
    assert count[f"compressed {ACTIVITY}"] == count[ACTIVITY] == 1, count
    assert len(squeezed) < len(data)
    original = prepare(path.name, data, decoder="fitparse")
    ref = prepare(path.name, squeezed, decoder="fitparse")
    fast = prepare(path.name, squeezed, decoder="fast")
    _same(ref.result, original.result, path.name)
    assert not fast.result.reference_fallback
    _same(fast, ref, path.name)
    assert len(scan(squeezed, set()).rec_times) == count[f"compressed {RECORD}"]


@pytest.mark.parametrize("path", RUNS, ids=lambda p: p.name)
def test_compressed_speed_and_distance_accumulate_as_fitparse_accumulates(path: Path):
    """The records' distance as the 12-bit running total of compressed_speed_distance (a wrap
    every 256 m), the accumulator restarted where a definition is read again (fitparse's rule:
    at each definition that holds the field), with compressed timestamps or without."""
    data = path.read_bytes()
    for full_every in (1, 40):  # 1: every message keeps its full timestamp
        n = compress(data)[1][RECORD]
        squeezed, count = compress(data, full_every=full_every, speed_distance=True, redefine_after=n // 2)
        assert (count[f"compressed {RECORD}"] > 0) == (full_every > 1), count
        ref = prepare(path.name, squeezed, decoder="fitparse")
        fast = prepare(path.name, squeezed, decoder="fast")
        assert not fast.result.reference_fallback
        _same(fast, ref, path.name)
        distance = np.concatenate([a.records["distance_m"].to_numpy() for a in ref.result.activities])
        assert np.nanmax(distance) > 256, "the running total passed the 12 bits"
        # Restarted at the definitions written again: the distance drops once at least.
        assert (np.diff(distance[~np.isnan(distance)]) < 0).any()


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 4095)), max_size=60), st.sampled_from([8, 12, 16]))
def test_the_running_total_is_fitparses_accumulation(values: list[tuple[bool, int]], bits: int):
    raw = np.array([v % (1 << bits) for _, v in values], dtype=np.int64)
    segment = np.cumsum([restart for restart, _ in values]).astype(np.int64)
    expected, acc, seg = [], 0, None
    for s, r in zip(segment.tolist(), raw.tolist(), strict=True):
        if s != seg:
            acc, seg = 0, s
        acc = fitparse.FitFile._apply_compressed_accumulation(r, acc, bits)
        expected.append(acc)
    assert running_total(raw, segment, bits).tolist() == expected


def test_an_import_of_compressed_files_counts_no_fallback_and_equals_the_reference(tmp_path):
    """`--decoder fitparse` and the default give the same rows in every table; no file is counted
    as read by the reference decoder."""
    paths = []
    for i, path in enumerate(FILES):
        squeezed, _ = compress(data=path.read_bytes(), speed_distance=i % 2 == 1)
        paths.append(tmp_path / path.name)
        paths[-1].write_bytes(squeezed)
    sums, fallbacks = {}, {}
    for decoder in ("fast", "fitparse"):
        con = connect(tmp_path / f"{decoder}.duckdb")
        results = ingest_paths(con, paths, tmp_path / f"raw-{decoder}", decoder=decoder)
        sums[decoder] = _table_sums(con)
        con.close()
        fallbacks[decoder] = sum(r.reference_decoder for r in results)
        assert all(r.status == "ok" for r in results), [(r.file_name, r.message) for r in results]
    assert fallbacks == {"fast": 0, "fitparse": 0}
    assert sums["fast"].keys() == sums["fitparse"].keys()
    for table, (exact, floats) in sums["fast"].items():
        assert exact == sums["fitparse"][table][0], table
        # a float sum's last digits depend on the order DuckDB adds in
        assert floats == pytest.approx(sums["fitparse"][table][1], rel=1e-12, abs=1e-9), table
    assert sums["fast"]["records"][0][0] > 1000
