"""The fast FIT decoder (ingest.fit_fast) gives, file by file, exactly what the reference path
(fitparse for every message) gives: every table's frame, every activity's values, the statuses
and messages; the files it does not follow go to fitparse and are counted."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from ingest import importer
from ingest.fit import parse_fit
from ingest.parse import prepare
from ingest.pipeline import ingest_paths
from store.db import connect

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_FIT = sorted((ROOT / "sample_logs").rglob("*.fit"))


def _same(a: Any, b: Any, where: str) -> None:
    """Equal values of equal types, NaN equal to NaN; frames by pandas, exactly."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=where)
    elif dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            if f.name != "reference_fallback":
                _same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), f"{where}: keys {list(a)} != {list(b)}"
        for k in a:
            _same(a[k], b[k], f"{where}[{k!r}]")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), f"{where}: {len(a)} != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), f"{where}: nan != {b}"
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


def _check(paths: list[Path]) -> Counter:
    """Both decoders on each file, through `prepare` (the stream summaries included)."""
    seen: Counter = Counter()
    for path in paths:
        data = path.read_bytes()
        fast = prepare(path.name, data, decoder="fast")
        ref = prepare(path.name, data, decoder="fitparse")
        _same(fast, ref, path.name)
        assert not ref.result.reference_fallback
        seen["fallback" if fast.result.reference_fallback else "fast"] += 1
        seen["records"] += sum(len(a.records) for a in fast.result.activities)
    return seen


def test_fast_decoder_equals_fitparse_on_the_sample_logs():
    """One demo file in three (the reference decoder is the slow part; the demo's files are all
    of one watch): runs, strength sessions, every kind of lap."""
    files = SAMPLE_FIT[::3]
    assert len(files) > 100
    seen = _check(files)
    # The demo's watch files are plain: every one is the fast decoder's, and they hold records.
    assert seen["fallback"] == 0 and seen["fast"] == len(files), seen
    assert seen["records"] > 50_000, seen


def _table_sums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[list[int], list[float]]]:
    """Per table: its row count and an order-free digest of each column (exact), and the sum of
    each numeric column (a float sum's last digits depend on the order DuckDB adds in)."""
    out = {}
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    for table in tables:
        cols = con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
            [table],
        ).fetchall()
        exact, sums = ["count(*)"], ["0"]
        for name, kind in cols:
            if name.endswith(("_id", "_at_utc")):
                continue  # surrogate ids and the time of the import
            exact.append(f'coalesce(sum(hash("{name}")), 0)')
            if kind.startswith(("BIGINT", "INTEGER", "DOUBLE", "FLOAT", "DECIMAL", "SMALLINT")):
                sums.append(f'coalesce(sum("{name}"), 0)')
        row = con.execute(f"SELECT {', '.join(exact + sums)} FROM {table}").fetchall()[0]
        out[table] = ([int(v) for v in row[: len(exact)]], [float(v) for v in row[len(exact) :]])
    return out


@pytest.mark.realdata
@pytest.mark.slow
def test_importing_the_corpus_with_either_decoder_gives_the_same_rows(corpus, tmp_path, monkeypatch):
    """The whole corpus imported with `--decoder fitparse` gives what the default import gave (the
    session's `corpus`, tests/ingest/conftest.py, from the same folders): the same statuses and
    messages, the same row counts and column sums in every table. The reference import parses in
    two worker processes, as the default one does; its writer parses each FIT file it is handed
    with the fast decoder too and compares the two frame by frame: every FIT file of the corpus
    (the damaged ones, those in archives and gzip files too)."""
    seen: Counter = Counter()
    write = importer.Importer._write

    def compared(self: importer.Importer, job: Any, ref: Any) -> Any:
        if ref is not None and ref.result.format == "fit":
            args = importer._args(job, self.mappings, "fast")
            assert args is not None  # a parsed file's job carries its bytes
            fast = prepare(*args)
            _same(fast, ref, job.name)
            seen["fallback" if fast.result.reference_fallback else "fast"] += 1
        return write(self, job, ref)

    con = connect(tmp_path / "fitparse.duckdb")
    with monkeypatch.context() as m:
        m.setattr(importer.Importer, "_write", compared)
        results = ingest_paths(con, corpus.paths, tmp_path / "raw", workers=2, decoder="fitparse")
    sums = {"fitparse": _table_sums(con), "fast": _table_sums(corpus.con)}
    statuses = {
        name: c.execute("SELECT file_name, status, message FROM sources ORDER BY sha256").fetchall()
        for name, c in (("fitparse", con), ("fast", corpus.con))
    }
    con.close()
    fallbacks = {
        "fitparse": sum(r.reference_decoder for r in results),
        "fast": sum(r.reference_decoder for r in corpus.results),
    }
    assert sums["fast"].keys() == sums["fitparse"].keys()
    for table, (exact, floats) in sums["fast"].items():
        assert exact == sums["fitparse"][table][0], table
        assert floats == pytest.approx(sums["fitparse"][table][1], rel=1e-12, abs=1e-9), table
    assert statuses["fast"] == statuses["fitparse"]
    assert sums["fast"]["records"][0][0] > 200_000
    # Every FIT file was compared; most of the corpus's watches are read fast (compressed
    # timestamps and compressed speed and distance too), the damaged files by fitparse.
    assert seen["fast"] + seen["fallback"] >= 100 and seen["fast"] > 0.8 * sum(seen.values()), seen
    assert fallbacks == {"fitparse": 0, "fast": seen["fallback"]} and seen["fallback"] >= 5, seen


def test_a_file_the_fast_decoder_does_not_follow_is_counted_as_read_by_fitparse():
    data = SAMPLE_FIT[0].read_bytes()
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0x10  # the CRC no longer matches: the reference path salvages it
    fast, ref = parse_fit(bytes(damaged)), parse_fit(bytes(damaged), "fitparse")
    assert fast.reference_fallback and not ref.reference_fallback
    _same(fast, ref, "damaged")
    assert not parse_fit(data).reference_fallback
    with pytest.raises(ValueError, match="unknown FIT decoder"):
        parse_fit(data, "fitdecode")


def test_the_cli_and_the_import_page_say_how_many_files_the_reference_decoder_read(tmp_path, capsys):
    from ingest.__main__ import main
    from ui.import_report import summary

    good = SAMPLE_FIT[1]
    damaged = bytearray(good.read_bytes())
    damaged[len(damaged) // 2] ^= 0x10  # a CRC that does not match: left to the reference decoder
    (tmp_path / "damaged.fit").write_bytes(bytes(damaged))
    files = [str(good), str(tmp_path / "damaged.fit")]
    for decoder, note in (("fitparse", False), ("fast", True)):
        db, raw = tmp_path / f"{decoder}.duckdb", tmp_path / f"raw-{decoder}"
        main(["--db", str(db), "--raw", str(raw), "--decoder", decoder, "-q", *files])
        out = capsys.readouterr().out
        assert ("1 FIT file was read by the reference decoder" in out) == note, out
    con = connect(tmp_path / "again.duckdb")
    results = ingest_paths(con, files, tmp_path / "raw-again")
    con.close()
    assert [r.reference_decoder for r in results] == [False, True]
    assert "1 FIT file was read by the reference decoder" in summary(results, None)
