"""Damaged copies of real files, derived in the test (never stored): truncations, bit flips, and
bit flips with the checksum made right again, so the decoder, not the CRC check, meets the damage.

Shared by the suite's fixed-seed fuzz (test_fuzz_fit.py) and the long run (fuzz_long.py, `make fuzz`).
"""

from __future__ import annotations

import gzip
import random
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import config
from ingest.fit_crc import fit_crc

FIT_FOLDERS = ("fit_run", "fit_strength", "fit_other", "fit_corrupt")


@dataclass(frozen=True)
class Mutant:
    file: str  # the real file it came from: its folder and name
    how: str  # e.g. "cut@1234", "flip@88.3", "flip+crc@88.3"
    data: bytes

    @property
    def name(self) -> str:
        """The name the file is offered under: the original's, so a message can name it."""
        return Path(self.file).name.removesuffix(".gz")


def fit_files(realdata: Path) -> list[Path]:
    return [p for folder in FIT_FOLDERS for p in sorted((realdata / folder).iterdir()) if p.is_file()]


def sample_fit_files(every: int = 1) -> list[Path]:
    """The demo athlete's FIT files (sample_logs/garmin, real FIT written by `python -m demo`):
    what a clone without the corpus fuzzes. `every`: one file in so many, in date order."""
    return sorted((config.sample_logs_dir() / "garmin").glob("*.fit"))[::every]


def fit_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def truncate(data: bytes, offset: int) -> bytes:
    return data[:offset]


def flip(data: bytes, rng: random.Random, n_bits: int, limit: int | None = None) -> tuple[bytes, str]:
    """Flip `n_bits` random bits in the first `limit` bytes (all of them when None)."""
    out = bytearray(data)
    span = len(out) if limit is None else min(len(out), limit)
    where = []
    for _ in range(n_bits):
        i = rng.randrange(span)
        bit = rng.randrange(8)
        out[i] ^= 1 << bit
        where.append(f"{i}.{bit}")
    return bytes(out), ",".join(where)


def fix_crcs(data: bytes) -> bytes:
    """Recompute the header CRC and each chained file's trailing CRC where the sizes still make
    sense, so a flipped byte reaches the decoder instead of being caught by the checksum."""
    out = bytearray(data)
    offset = 0
    while offset + 12 <= len(out):
        header_size = out[offset]
        if header_size < 12 or offset + header_size > len(out):
            break
        if header_size >= 14:
            struct.pack_into("<H", out, offset + 12, fit_crc(bytes(out[offset : offset + 12])))
        (data_size,) = struct.unpack_from("<I", out, offset + 4)
        end = offset + header_size + data_size
        if end + 2 > len(out):
            break
        struct.pack_into("<H", out, end, fit_crc(bytes(out[offset:end])))
        offset = end + 2
    return bytes(out)


def shrink(data: bytes, size: int) -> bytes:
    """The first `size` bytes made into a file whose header and CRC agree with its length (the
    last message may be cut): a short file that passes the checksum."""
    header_size = data[0]
    out = bytearray(data[: max(size, header_size + 2)])
    struct.pack_into("<I", out, 4, len(out) - header_size - 2)
    return fix_crcs(bytes(out))


def log_uniform(rng: random.Random, low: int, high: int) -> int:
    """An offset in [low, high): as likely in [10, 100) as in [1000, 10000)."""
    if high <= low + 1:
        return low
    return min(high - 1, low + int((high - low + 1) ** rng.random()) - 1)


def mutants(
    path: Path, rng: random.Random, cuts: int, flips: int, prefix: int | None = None
) -> Iterator[Mutant]:
    """`cuts` truncations (one inside the 12-14 byte header, one in the first definitions, the rest
    log-uniform over the file) and `flips` flipped copies, half of them with the CRCs fixed.
    `prefix`: cut only within twice `prefix` bytes, and flip bits in the file's first `prefix`
    bytes made into a short file of their own (keeps big files cheap)."""
    data = fit_bytes(path)
    rel = f"{path.parent.name}/{path.name}"
    n = len(data)
    if n == 0:
        yield Mutant(rel, "empty", data)
        return
    offsets = [rng.randrange(0, min(n, 14)), rng.randrange(min(n, 14), max(min(n, 1024), min(n, 14) + 1))]
    high = n if prefix is None else min(n, prefix * 2)
    offsets += [log_uniform(rng, 0, high) for _ in range(max(0, cuts - 2))]
    for off in offsets[:cuts]:
        yield Mutant(rel, f"cut@{off}", truncate(data, off))
    short = prefix is not None and n > prefix and n >= 14
    body = shrink(data, prefix) if short else data
    tag = f"[:{prefix}]" if short else ""
    for k in range(flips):
        flipped, where = flip(body, rng, rng.choice((1, 1, 2, 8)))
        if k % 2:
            yield Mutant(rel, f"flip+crc{tag}@{where}", fix_crcs(flipped))
        else:
            yield Mutant(rel, f"flip{tag}@{where}", flipped)


def parse(m: Mutant):
    """prepare() on one mutant, for a process pool (module level, so 'spawn' can pickle it)."""
    from ingest.pipeline import prepare

    return m, prepare(m.name, m.data)
