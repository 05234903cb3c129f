"""From offered files to stored rows: find, keep the raw bytes, parse, write, report.

Parsing (`ingest.parse.prepare`) is a pure function of a file's name and bytes, so it runs in
worker processes for large imports; writing (`ingest.importer`) happens in the one process that
holds the database, one transaction per source file, in the order the files were offered.
Archives are opened in the writer's process (`ingest.archives`), and each member becomes a file
of its own. A file that fails never stops the others. This module is the entry point.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb

from ingest.importer import FileResult, Importer, Offered, Progress, commit
from ingest.parse import Prepared, prepare, sha256_of
from ingest.rawstore import keep_path, keep_raw, remove_raw
from store import athletes

__all__ = [
    "FileResult",
    "Importer",
    "Offered",
    "Prepared",
    "Progress",
    "commit",
    "delete_athlete",
    "ingest_bytes",
    "ingest_paths",
    "ingest_uploads",
    "keep_path",
    "keep_raw",
    "offered_files",
    "prepare",
    "sha256_of",
]

# Files a folder walk offers; anything else in a watch's folder (.xml, .bin, .prg) is left alone.
FOLDER_SUFFIXES = (".fit", ".fit.gz", ".zip", ".csv", ".csv.gz", ".json", ".gz", ".tcx", ".gpx")


def offered_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and the importable files under the folders named, in a stable order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and not f.name.startswith(".") and f.name.lower().endswith(FOLDER_SUFFIXES)
            )
        else:
            yield p


def ingest_paths(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[str | Path],
    raw_dir: Path,
    progress: Progress | None = None,
    workers: int | None = None,
    decoder: str = "fast",
    athlete: int | None = None,
) -> list[FileResult]:
    """`decoder`: the FIT decoder, "fast" or "fitparse" (the reference, `ingest.fit.parse_fit`).
    `athlete`: whose files these are (None: the only athlete, or "Me" in a new database; refused
    with store.athletes.SeveralAthletes when there are several)."""
    offered = [Offered(str(p), path=p) for p in offered_files(paths)]
    return Importer(con, raw_dir, decoder=decoder, athlete=athlete).run(offered, workers, progress)


def ingest_uploads(
    con: duckdb.DuckDBPyConnection,
    files: Iterable[tuple[str, bytes]],
    raw_dir: Path,
    progress: Progress | None = None,
    workers: int | None = None,
    athlete: int | None = None,
) -> list[FileResult]:
    """`athlete`: as for ingest_paths."""
    offered = [Offered(name, data=data) for name, data in files]
    return Importer(con, raw_dir, athlete=athlete).run(offered, workers, progress)


def ingest_bytes(
    con: duckdb.DuckDBPyConnection, file_name: str, data: bytes, raw_dir: Path, athlete: int | None = None
) -> list[FileResult]:
    """One offered file: keep it, and unless these bytes are known already for the athlete, parse
    and write it."""
    return ingest_uploads(con, [(file_name, data)], raw_dir, workers=1, athlete=athlete)


def delete_athlete(con: duckdb.DuckDBPyConnection, athlete: int, raw_dir: Path) -> int:
    """Delete the athlete with every row of theirs (one transaction, store.athletes.delete), then
    their kept raw files that no other athlete was given. Returns how many raw files went."""
    return remove_raw(Path(raw_dir), athletes.delete(con, athlete))
