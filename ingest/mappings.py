"""The runner's saved column mappings, between ingest.mapper (pure) and the store: save one,
list them, and export or import them as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.detect import sniff
from ingest.errors import IngestError
from ingest.formats import UNKNOWN_CSV, detect
from ingest.mapper import ColumnMapping, from_json, lookup, to_json
from ingest.rawstore import find_raw
from ingest.textcsv import decode, read_table
from store import read, settings_write


@dataclass(frozen=True)
class Waiting:
    """A CSV that failed because no format reads it: its bytes, for the Import page's mapper."""

    file_name: str
    sha256: str
    data: bytes


def needs_mapping(file_name: str, data: bytes, saved: dict[str, str] | None = None) -> bool:
    """True for a CSV no known format and no saved mapping reads."""
    if sniff(file_name, data) != "text" or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[", b"<"):
        return False
    try:
        table = read_table(decode(data))
    except IngestError:
        return False
    return detect(table) is None and (not saved or lookup(data, table, saved) is None)


def read_by(mapping: ColumnMapping, files: list[Waiting]) -> list[Waiting]:
    """The waiting files this mapping reads (the same header): saving it imports them all."""
    saved = {mapping.signature: json.dumps(mapping.to_dict())}
    return [f for f in files if not needs_mapping(f.file_name, f.data, saved)]


def waiting(con: duckdb.DuckDBPyConnection, athlete: int, raw_dir: Path) -> list[Waiting]:
    """The athlete's files offered directly that failed as CSVs without a format, newest first, whose bytes the
    raw store still holds (other failures are not read again: a folder of broken FIT files)."""
    saved = read.csv_mappings(con, athlete)
    out = []
    for name, sha in read.failed_sources(con, athlete, UNKNOWN_CSV):
        path = find_raw(raw_dir, sha)
        if path is None:
            continue
        data = path.read_bytes()
        if needs_mapping(name, data, saved):
            out.append(Waiting(name, sha, data))
    return out


def save(con: duckdb.DuckDBPyConnection, athlete: int, mapping: ColumnMapping) -> None:
    """Keep the athlete's mapping under its header's signature (replacing one saved for the same
    header)."""
    problems = mapping.problems()
    if problems:
        raise ValueError("; ".join(problems))
    settings_write.save_csv_mapping(
        con,
        athlete,
        mapping.signature,
        mapping.name or "unnamed",
        mapping.kind,
        json.dumps(mapping.to_dict(), ensure_ascii=False),
    )


def saved(con: duckdb.DuckDBPyConnection, athlete: int) -> list[ColumnMapping]:
    """Every mapping the athlete saved that still reads (a damaged one is left out here, kept in the
    store)."""
    out = []
    for text in read.csv_mappings(con, athlete).values():
        try:
            out.append(ColumnMapping.from_dict(json.loads(text)))
        except (TypeError, ValueError):
            continue
    return out


def remembered_sports(con: duckdb.DuckDBPyConnection, athlete: int) -> dict[str, str]:
    """Sport words the athlete mapped in any saved mapping: the next mapping starts from them."""
    words: dict[str, str] = {}
    for m in saved(con, athlete):
        words.update(m.sports)
    return words


def export_json(con: duckdb.DuckDBPyConnection, athlete: int) -> str:
    return to_json(saved(con, athlete))


def import_json(con: duckdb.DuckDBPyConnection, athlete: int, text: str | bytes) -> list[ColumnMapping]:
    """Save every mapping of an exported file for the athlete (another athlete's mappings, or another
    install's); ValueError (nothing saved) when one is malformed."""
    mappings = from_json(text)
    for m in mappings:
        save(con, athlete, m)
    return mappings


def delete(con: duckdb.DuckDBPyConnection, athlete: int, signature: str) -> None:
    settings_write.delete_csv_mapping(con, athlete, signature)
