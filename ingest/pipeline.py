"""From offered files to stored rows: find, keep the raw bytes, parse, write, report.

Parsing (`prepare`) is a pure function of a file's name and bytes, so it can run in worker
processes; writing (`commit`) happens in the one process that holds the database, one
transaction per source file. A file that fails never stops the others.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analysis.streams import summarise_records
from ingest.detect import sniff
from ingest.errors import IngestError
from ingest.fit import parse_fit
from ingest.model import ParseResult
from store import write

SUPPORTED = "FIT (.fit, .fit.gz)"
MAX_GZIP_BYTES = 256 * 1024 * 1024  # a FIT file is a few MB at most; more is a bomb, not a run


@dataclass
class FileResult:
    """What happened to one offered file: the row of the per-file report."""

    file_name: str
    sha256: str
    format: str | None
    status: str
    message: str
    activities: int = 0
    records: int = 0
    strength_sessions: int = 0
    strength_sets: int = 0
    injuries: int = 0
    source_id: int | None = None


@dataclass
class Prepared:
    """A parsed file, ready for the writer."""

    file_name: str
    sha256: str
    size_bytes: int
    result: ParseResult
    parent_sha256: str | None = None
    children: list[Prepared] = field(default_factory=list)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def prepare(file_name: str, data: bytes, parent_sha256: str | None = None) -> Prepared:
    """Parse one file's bytes. Never raises for a bad file: the result says what went wrong."""
    sha = sha256_of(data)
    try:
        result = _parse(file_name, data)
    except IngestError as exc:
        result = ParseResult(None, "failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the other files
        result = ParseResult(
            None, "failed", f"unexpected error while reading it ({type(exc).__name__}: {exc})"
        )
    return Prepared(file_name, sha, len(data), result, parent_sha256)


def _parse(file_name: str, data: bytes) -> ParseResult:
    if not data:
        raise IngestError("the file is empty (0 bytes)")
    kind = sniff(file_name, data)
    if kind == "fit":
        result = parse_fit(data)
    elif kind == "gzip":
        result = _parse(file_name.removesuffix(".gz"), _gunzip(data))
    else:
        raise IngestError(f"Runstrong cannot read this kind of file; it reads {SUPPORTED}")
    for act in result.activities:
        summary = summarise_records(act.records)
        act.activity["ngs_mps"] = summary.ngs_mps
        act.hr_seconds = summary.hr_seconds
    return result


def _gunzip(data: bytes) -> bytes:
    out = zlib.decompressobj(wbits=31)
    try:
        inner = out.decompress(data, MAX_GZIP_BYTES)
    except zlib.error as exc:
        raise IngestError(f"the gzip archive is damaged ({exc})") from exc
    if out.unconsumed_tail:
        raise IngestError(f"the gzip archive unpacks to more than {MAX_GZIP_BYTES // 2**20} MB: refused")
    if not out.eof:
        raise IngestError("the gzip archive is truncated")
    return inner


def keep_raw(raw_dir: Path, sha: str, data: bytes, file_name: str) -> Path:
    """Keep the offered bytes under their content hash (written atomically), so the database can
    always be rebuilt from what the runner gave us."""
    suffix = "".join(Path(file_name).suffixes[-2:]).lower()[:16]
    path = raw_dir / sha[:2] / f"{sha}{suffix}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return path


def commit(con: duckdb.DuckDBPyConnection, prepared: Prepared) -> list[FileResult]:
    """Write one prepared file (and its archive members) in one transaction each."""
    known = write.known_source(con, prepared.sha256)
    r = prepared.result
    if known is not None:
        source_id, name, status = known
        same = "" if name == prepared.file_name else f" as {name}"
        return [FileResult(prepared.file_name, prepared.sha256, r.format, "duplicate",
                           f"already imported{same} (status {status}): nothing changed", source_id=source_id)]  # fmt: skip
    source = write.SourceRow(prepared.file_name, prepared.sha256, r.format, r.status, r.message,
                             prepared.size_bytes, prepared.parent_sha256)  # fmt: skip
    activities = [
        {"activity": a.activity, "laps": a.laps, "records": a.records, "hr_seconds": a.hr_seconds,
         "strength": _strength(a.strength)}
        for a in r.activities
    ]  # fmt: skip
    written = write.write_source(
        con, source, activities, [_strength(s) for s in r.strength_sessions], r.injuries, r.settings
    )
    results = [
        FileResult(prepared.file_name, prepared.sha256, r.format, r.status, r.message, written.activities,
                   written.records, written.strength_sessions, written.strength_sets, written.injuries,
                   written.source_id)
    ]  # fmt: skip
    for child in prepared.children:
        results.extend(commit(con, child))
    return results


def _strength(session) -> dict | None:
    return None if session is None else {"session": session.session, "sets": session.sets}


def offered_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and every file under the folders named, in a stable order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            yield p


def ingest_paths(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[str | Path],
    raw_dir: Path,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[FileResult]:
    files = list(offered_files(paths))
    results: list[FileResult] = []
    for i, path in enumerate(files):
        if progress:
            progress(i, len(files), path.name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            results.append(FileResult(str(path), "", None, "failed", f"cannot read the file: {exc.strerror}"))
            continue
        results.extend(ingest_bytes(con, str(path), data, raw_dir))
    if progress:
        progress(len(files), len(files), "")
    return results


def ingest_bytes(
    con: duckdb.DuckDBPyConnection, file_name: str, data: bytes, raw_dir: Path
) -> list[FileResult]:
    """One offered file: keep it, and unless these bytes are known already, parse and write it."""
    sha = sha256_of(data)
    if data:
        keep_raw(raw_dir, sha, data, file_name)
    if (known := write.known_source(con, sha)) is not None:
        return [FileResult(file_name, sha, None, "duplicate",
                           f"already imported as {known[1]} (status {known[2]}): nothing changed", source_id=known[0])]  # fmt: skip
    return commit(con, prepare(file_name, data))
