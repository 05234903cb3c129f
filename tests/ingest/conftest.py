"""The whole real-data corpus imported once (in two worker processes), shared by the tests that
only read it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

FOLDERS = ["csv_activities", "csv_strength", "fit_corrupt", "fit_other", "fit_run", "fit_strength", "other"]


@dataclass
class Corpus:
    db_path: Path
    raw_dir: Path
    results: list
    con: object
    realdata: Path
    paths: list[Path]  # what was offered to the import


@pytest.fixture(scope="session")
def corpus(realdata, tmp_path_factory):
    from ingest.pipeline import ingest_paths
    from store.db import connect

    where = tmp_path_factory.mktemp("corpus")
    con = connect(where / "corpus.duckdb")
    paths = [realdata / f for f in FOLDERS]
    results = ingest_paths(con, paths, where / "raw", workers=2)
    yield Corpus(where / "corpus.duckdb", where / "raw", results, con, realdata, paths)
    con.close()
