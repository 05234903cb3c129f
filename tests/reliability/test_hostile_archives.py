"""Hostile archives: zip bombs, names that climb out of the archive, zips nested too deep, a text
file named .fit, an empty file. Each is refused with a message naming it, the rest of the archive
still goes in, and nothing is written outside the raw store. Plus damaged zips (cut, flipped)."""

from __future__ import annotations

import io
import random
import subprocess
import sys
import tomllib
import zipfile
import zlib
from pathlib import Path

import pytest
from athletes import only_athlete
from reliability_checks import store_problems

import config
from ingest import archives
from ingest.pipeline import Importer, Offered, ingest_uploads
from store import read

# Two of the demo athlete's runs (real FIT, in any clone): what the hostile archives carry.
RUN = config.sample_logs_dir() / "garmin" / "2025-05-20-06-53-23.fit"
RUN2 = config.sample_logs_dir() / "garmin" / "2025-05-21-06-46-04.fit"
MIB = 1 << 20


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method, compresslevel=9) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buf.getvalue()


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def import_one(db, raw_dir, name, data, limits=archives.LIMITS):
    results = Importer(db, raw_dir, limits).run([Offered(name, data=data)], workers=1)
    by_name = {r.file_name: r for r in results}
    return results[-1], by_name


@pytest.fixture()
def run() -> bytes:
    return RUN.read_bytes()


def test_a_zip_bomb_member_is_refused_and_the_run_beside_it_goes_in(db, raw_dir, run):
    bomb = b"\0" * (archives.LIMITS.ratio_floor + MIB)  # ~5 MB of zeros in ~5 KB: ratio ~1000
    data = zip_of({"bomb.csv": bomb, "run.fit": run})
    assert len(data) < 64 * 1024
    top, by_name = import_one(db, raw_dir, "export.zip", data)
    assert "bomb.csv: refused: compression ratio" in top.message and "zip bomb" in top.message
    assert by_name["export.zip/run.fit"].status == "ok" and top.activities == 1
    assert not store_problems(db)


def test_the_total_unpacked_size_is_capped_across_nested_zips(db, raw_dir, run):
    """Members each under the per-member limits, nested: the budget counts all levels."""
    limits = archives.Limits(total_bytes=3 * MIB, member_bytes=2 * MIB, ratio=1e9, ratio_floor=1, depth=3)
    filler = random.Random(0).randbytes(900 * 1024)  # incompressible: the size, not the ratio, trips
    inner = zip_of({f"part{i}.csv": filler for i in range(2)}, zipfile.ZIP_STORED)
    data = zip_of({"run.fit": run, "inner.zip": inner, "more.csv": filler, "last.csv": filler})
    top, by_name = import_one(db, raw_dir, "big.zip", data, limits)
    assert top.status == "partial" and "unpacks to more than" in top.message
    assert by_name["big.zip/run.fit"].status == "ok"  # what came before the limit stays in
    assert read.table_counts(db, only_athlete(db))["activities"] == 1
    assert not store_problems(db)


def test_the_default_limits_hold_a_bomb_well_below_memory():
    lim = archives.LIMITS
    assert lim.total_bytes <= 16 << 30 and lim.member_bytes <= 1 << 30
    assert lim.ratio <= 1000 and lim.depth == 3


def test_names_that_climb_out_are_refused_and_nothing_is_written_outside_the_raw_store(
    db, raw_dir, run, tmp_path
):
    hostile = [
        "../evil.fit",
        "../../evil.fit",
        "a/../../evil.fit",
        "/tmp/evil.fit",
        "/evil.fit",
        "C:\\evil.fit",
        "C:/evil.fit",
        "..\\..\\evil.fit",
        "ok/../../evil.fit",
    ]
    data = zip_of({**{name: run + bytes([i]) for i, name in enumerate(hostile)}, "good/run.fit": run})
    before = files_under(tmp_path)
    top, by_name = import_one(db, raw_dir, "climb.zip", data)
    for name in hostile:
        assert f"climb.zip/{name}" not in by_name
    # The archive's line lists the first five refusals with their reason, and says there are more.
    assert top.message.count("refused: its name points outside the archive") == 5 and " ..." in top.message
    assert set(read.sources(db, only_athlete(db))["file_name"]) == {"climb.zip", "climb.zip/good/run.fit"}
    assert by_name["climb.zip/good/run.fit"].status == "ok" and top.activities == 1
    # The only new file anywhere under the test's folder is the archive, kept by its hash.
    new = [p for p in files_under(tmp_path) - before if not p.name.startswith("runstrong.duckdb")]
    assert len(new) == 1 and new[0].parent.parent == raw_dir and new[0].name.startswith(top.sha256)
    assert not list(Path("/tmp").glob("evil.fit")) and not (config.ROOT / "evil.fit").exists()


def test_zips_nested_more_than_three_deep_are_refused(db, raw_dir, run):
    run2 = RUN2.read_bytes()
    level3 = zip_of({"deep.fit": run2, "level4.zip": zip_of({"too_deep.fit": run})})
    data = zip_of({"level2.zip": zip_of({"level3.zip": level3})})
    top, by_name = import_one(db, raw_dir, "nest.zip", data)
    too_deep = by_name["nest.zip/level2.zip/level3.zip/level4.zip"]
    assert too_deep.status == "failed" and "nested more than 3 deep" in too_deep.message
    assert "nest.zip/level2.zip/level3.zip/level4.zip/too_deep.fit" not in by_name
    assert by_name["nest.zip/level2.zip/level3.zip/deep.fit"].status == "ok"  # depth 3 is fine
    assert top.activities == 1 and read.table_counts(db, only_athlete(db))["activities"] == 1


def test_a_text_file_named_fit_and_an_empty_file_fail_with_their_names(db, raw_dir, run):
    members = {"notes.fit": b"Dear diary, today I ran 10 km.\n" * 3, "empty.fit": b"", "run.fit": run}
    top, by_name = import_one(db, raw_dir, "mixed.zip", zip_of(members))
    assert "not a FIT file" in by_name["mixed.zip/notes.fit"].message
    assert "empty (0 bytes)" in by_name["mixed.zip/empty.fit"].message
    for name in ("notes.fit", "empty.fit"):
        assert by_name[f"mixed.zip/{name}"].status == "failed"
    assert by_name["mixed.zip/run.fit"].status == "ok" and top.activities == 1
    # The same outside an archive, offered directly; empty bytes that failed before are tried
    # again (a failed file is retried) and refused again, with their new name.
    results = ingest_uploads(
        db, [("notes2.fit", b"not a fit file at all, just words"), ("zero.csv", b"")], raw_dir
    )
    assert [(r.file_name, r.status) for r in results] == [("notes2.fit", "failed"), ("zero.csv", "failed")]
    assert "not a FIT file" in results[0].message
    assert "empty (0 bytes)" in results[1].message
    assert not store_problems(db)


def gzip_bomb(unpacked: int) -> bytes:
    """A gzip stream of `unpacked` zero bytes, built from one compressed MiB repeated (after a
    full flush every MiB of zeros compresses to the same bytes), without compressing it all."""
    zeros = bytes(MIB)
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    return head + block * (unpacked // MIB) + c.flush()


def test_a_gzip_bomb_is_refused(db, raw_dir):
    bomb = gzip_bomb(archives.LIMITS.member_bytes + MIB)
    assert len(bomb) < 1 * MIB
    (r,) = ingest_uploads(db, [("bomb.fit.gz", bomb)], raw_dir)
    assert r.status == "failed" and "refused" in r.message


def test_encrypted_members_are_refused_with_a_reason(db, raw_dir):
    data = bytearray(zip_of({"secret.csv": b"date,distance_km\n2025-01-01,5\n"}, zipfile.ZIP_STORED))
    # Set the 'encrypted' flag in the local and central headers (zipfile cannot write encrypted zips).
    for sig, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(sig)
        data[i + at] |= 1
    top, _ = import_one(db, raw_dir, "locked.zip", bytes(data))
    assert "encrypted" in top.message


@pytest.mark.fuzz
def test_damaged_zips_never_stop_the_import(db, raw_dir, run):
    """An export cut short or with flipped bytes: one line each, a message, whole rows only, and
    the file offered after it still goes in."""
    export = zip_of(
        {
            "a/run.fit": run,
            "a/run2.fit": RUN2.read_bytes(),
            "inner.zip": zip_of({"x.fit": run[:3000]}),
            "log.csv": b"date,distance_km\n2025-01-01,5\n",
        }
    )
    rng = random.Random(7)
    cases = [export[: rng.randrange(len(export))] for _ in range(12)]
    for _ in range(24):
        b = bytearray(export)
        for _ in range(rng.choice((1, 4, 16))):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        cases.append(bytes(b))
    offered = [Offered(f"export{i:02d}.zip", data=d) for i, d in enumerate(cases)]
    offered.append(Offered("last.csv", data=b"date,distance_km\n2025-02-01,7\n"))
    results = Importer(db, raw_dir).run(offered, workers=1)
    top = {r.file_name: r for r in results if r.parent is None}
    assert set(top) == {o.name for o in offered}
    for r in top.values():
        assert r.status in ("ok", "partial", "failed", "duplicate"), r
        assert r.status == "ok" or r.message
        assert "unexpected error" not in r.message
    assert top["last.csv"].status == "ok"
    assert not store_problems(db)


def test_the_upload_limit_and_the_address_are_in_the_streamlit_config():
    cfg = tomllib.loads((config.ROOT / ".streamlit" / "config.toml").read_text())
    server = cfg["server"]
    assert 0 < server["maxUploadSize"] <= 1024  # MB
    assert server["address"] == "127.0.0.1" and server["enableXsrfProtection"] is True
    assert cfg["browser"]["gatherUsageStats"] is False  # nothing about the runner leaves the machine
    # And Streamlit, started from the project folder, reads them.
    code = (
        "from streamlit import config as c; c.get_config_options(force_reparse=True); "
        "print(c.get_option('server.maxUploadSize'), c.get_option('server.address'), "
        "c.get_option('server.enableXsrfProtection'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=config.ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == [str(server["maxUploadSize"]), "127.0.0.1", "True"]
