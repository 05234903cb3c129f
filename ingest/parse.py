"""Parsing one file: a pure function of its name and bytes, so it runs in worker processes.
Never raises for a bad file: the result says what went wrong, in words a runner understands."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from ingest import archives
from ingest.detect import sniff
from ingest.errors import IngestError, UnsupportedFormat
from ingest.fit import parse_fit
from ingest.formats import SUPPORTED, TEMPLATE_HINT, parse_csv
from ingest.model import ParseResult
from ingest.personal import parse_settings
from ingest.streams import summarise_records
from ingest.textcsv import decode, read_table
from ingest.tracks import parse_track


@dataclass
class Prepared:
    """A parsed file, ready for the writer."""

    file_name: str
    sha256: str
    size_bytes: int
    result: ParseResult
    parent_sha256: str | None = None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def prepare(
    file_name: str,
    data: bytes,
    parent_sha256: str | None = None,
    in_archive: bool = False,
    mappings: Mapping[str, str] | None = None,
    decoder: str = "fast",
    sha256: str | None = None,
) -> Prepared:
    """Parse one file's bytes. Never raises for a bad file: the result says what went wrong.
    In an archive, a file that is no training data (another CSV of the export) is 'skipped'.
    `mappings`: the runner's saved column mappings (header signature -> JSON) for other CSVs.
    `decoder`: the FIT decoder, "fast" or "fitparse" (the reference; `ingest.fit.parse_fit`).
    `sha256`: the bytes' hash when the caller has it already (each file is hashed once)."""
    sha = sha256 or sha256_of(data)
    try:
        result = _parse(file_name, data, mappings, decoder)
    except UnsupportedFormat as exc:
        result = ParseResult(None, "skipped" if in_archive else "failed", str(exc))
    except IngestError as exc:
        result = ParseResult(None, "failed", str(exc))
    except Exception as exc:  # noqa: BLE001 - a parser bug must not lose the other files
        result = ParseResult(
            None, "failed", f"unexpected error while reading it ({type(exc).__name__}: {exc})"
        )
    return Prepared(file_name, sha, len(data), result, parent_sha256)


def _parse(
    file_name: str, data: bytes, mappings: Mapping[str, str] | None = None, decoder: str = "fast"
) -> ParseResult:
    if not data:
        raise IngestError("the file is empty (0 bytes)")
    kind = sniff(file_name, data)
    if kind == "fit":
        result = parse_fit(data, decoder)
    elif kind == "gzip":
        inner = file_name.removesuffix(".gz").removesuffix(".GZ")
        result = _parse(inner, archives.gunzip(data), mappings, decoder)
    elif kind == "zip":
        raise IngestError("a zip inside a gzip file: unpack the gzip first")
    elif kind == "text":
        result = _parse_text(file_name, data, mappings)
    else:
        raise UnsupportedFormat(
            f"Runstrong cannot read this kind of file. It reads {SUPPORTED}. {TEMPLATE_HINT}"
        )
    for act in result.activities:
        if len(act.records):
            summary = summarise_records(act.records)
            act.activity["ngs_mps"] = summary.ngs_mps
            act.hr_seconds = summary.hr_seconds
            act.pace_seconds = summary.pace_seconds
    return result


def _parse_text(file_name: str, data: bytes, mappings: Mapping[str, str] | None = None) -> ParseResult:
    low = file_name.lower()
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if low.endswith(".json") or head in (b"{", b"["):
        return parse_settings(data)
    if low.endswith((".tcx", ".gpx")) or head == b"<":
        return parse_track(data)
    return parse_csv(read_table(decode(data)), mappings, data)
