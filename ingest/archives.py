"""Opening archives safely: gzip files and zips (zips inside zips too, as Garmin exports them).

Every limit against a hostile archive lives here, in `Limits`: the total bytes unpacked from one
offered file, the bytes of one member, the compression ratio, the nesting depth and the member
count. Member names are only ever used as labels: nothing is written to disk under them, and a
name with `..`, an absolute path or a drive letter is refused outright.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestError

GIB = 1 << 30
MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    total_bytes: int = 8 * GIB  # everything unpacked from one offered file, nested levels included
    member_bytes: int = 512 * MIB  # one member (a FIT file is a few MB, a CSV export tens)
    ratio: float = 200.0  # unpacked / packed for one member above `ratio_floor` bytes
    ratio_floor: int = 4 * MIB  # small members may compress well (a CSV of zeros), no bomb at this size
    depth: int = 3  # an offered zip is depth 1; a zip inside it 2; one more level allowed
    members: int = 100_000


LIMITS = Limits()

# What an archive member may be, by name; the rest of an export (photos, JSON summaries, HTML) is
# counted and left alone.
MEMBER_SUFFIXES = (".fit", ".fit.gz", ".zip", ".csv", ".csv.gz", ".tcx", ".tcx.gz", ".gpx", ".gpx.gz")
SETTINGS_NAMES = ("athlete.json",)


class ArchiveError(IngestError):
    """The archive cannot be opened, or a limit was hit."""


@dataclass
class Budget:
    """Bytes unpacked so far from one offered file, across all its nested archives."""

    limits: Limits = LIMITS
    used: int = 0

    def take(self, n: int) -> None:
        self.used += n
        if self.used > self.limits.total_bytes:
            raise ArchiveError(
                f"the archive unpacks to more than {self.limits.total_bytes // GIB} GB: refused (a zip bomb?)"
            )


@dataclass
class Member:
    """One member to import (`data` set) or one refused or ignored (`reason` set)."""

    path: str  # inside the archive, '/'-separated
    data: bytes | None = None
    reason: str | None = None


@dataclass
class Listing:
    members: Iterator[Member]
    ignored: dict[str, int] = field(default_factory=dict)  # suffix -> count of members left alone
    count: int = 0  # how many members `members` will give (each imported, or refused with a reason)


def safe_name(name: str) -> bool:
    """A member name we accept as a label: relative, no '..', no drive letter, no NUL."""
    if not name or "\x00" in name:
        return False
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return False
    return ".." not in norm.split("/")


def wanted(name: str) -> bool:
    low = name.lower()
    return low.endswith(MEMBER_SUFFIXES) or posixpath.basename(low) in SETTINGS_NAMES


def suffix_of(name: str) -> str:
    base = posixpath.basename(name.lower())
    return "." + base.rsplit(".", 1)[-1] if "." in base else "(none)"


def gunzip(data: bytes, budget: Budget | None = None) -> bytes:
    """Unpack a gzip file within the limits; damaged or truncated archives say so."""
    limits = budget.limits if budget else LIMITS
    out = zlib.decompressobj(wbits=31)
    try:
        inner = out.decompress(data, limits.member_bytes)
    except zlib.error as exc:
        raise ArchiveError(f"the gzip archive is damaged ({exc})") from exc
    if out.unconsumed_tail:
        raise ArchiveError(f"the gzip archive unpacks to more than {limits.member_bytes // MIB} MB: refused")
    if not out.eof:
        raise ArchiveError("the gzip archive is truncated")
    if len(data) > limits.ratio_floor and len(inner) > limits.ratio * len(data):
        raise ArchiveError(
            f"the gzip archive's compression ratio is above {limits.ratio:g}: refused (a bomb?)"
        )
    if budget:
        budget.take(len(inner))
    return inner


def open_zip(source: bytes | Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source if isinstance(source, Path) else io.BytesIO(source))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveError(f"the zip archive cannot be opened: {exc}") from exc


def list_zip(zf: zipfile.ZipFile, budget: Budget) -> Listing:
    """The members worth importing, read lazily one at a time (memory stays at one member)."""
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > budget.limits.members:
        raise ArchiveError(
            f"the archive holds {len(infos)} files, more than {budget.limits.members}: refused"
        )
    keep, ignored = _sorted_out(infos)
    return Listing(_read_members(zf, keep, budget), ignored, len(keep))


def _sorted_out(infos: list[zipfile.ZipInfo]) -> tuple[list[zipfile.ZipInfo], dict[str, int]]:
    """The members to import, and the count of those left alone by suffix."""
    ignored: dict[str, int] = {}
    keep = []
    for info in infos:
        base = posixpath.basename(info.filename)
        if base.startswith(".") or info.filename.startswith("__MACOSX/"):
            continue  # macOS resource forks and hidden files
        if not wanted(info.filename):
            ignored[suffix_of(info.filename)] = ignored.get(suffix_of(info.filename), 0) + 1
            continue
        keep.append(info)
    return keep, ignored


def count_members(source: bytes | Path, limits: Limits = LIMITS) -> int:
    """How many members of a zip an import will go through (`list_zip`'s count), from its
    directory alone, unpacking nothing: the progress counts an export's files, not the export.
    0 where the zip cannot be opened or is refused (the import says why)."""
    try:
        with open_zip(source) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
    except ArchiveError:
        return 0
    if len(infos) > limits.members:
        return 0
    return len(_sorted_out(infos)[0])


def _read_members(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], budget: Budget) -> Iterator[Member]:
    limits = budget.limits
    for info in infos:
        name = info.filename
        if not safe_name(name):
            yield Member(name, reason="refused: its name points outside the archive")
            continue
        if info.flag_bits & 0x1:
            yield Member(name, reason="refused: it is encrypted")
            continue
        if info.file_size > limits.member_bytes:
            yield Member(name, reason=f"refused: it unpacks to more than {limits.member_bytes // MIB} MB")
            continue
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
            yield Member(name, reason=f"refused: compression ratio above {limits.ratio:g} (a zip bomb?)")
            continue
        try:
            with zf.open(info) as f:
                data = f.read(limits.member_bytes + 1)  # never trust the sizes the header claims
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError) as exc:
            yield Member(name, reason=f"cannot be unpacked: {exc}")
            continue
        if len(data) > limits.member_bytes:
            yield Member(name, reason=f"refused: it unpacks to more than {limits.member_bytes // MIB} MB")
            continue
        budget.take(len(data))
        yield Member(name, data=data)
