"""Where Runstrong keeps its files: every environment setting is read here, and only here."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def db_path() -> Path:
    """The DuckDB file: RUNSTRONG_DB, else data/runstrong.duckdb under the project root."""
    return Path(os.environ.get("RUNSTRONG_DB") or ROOT / "data" / "runstrong.duckdb")


def raw_dir() -> Path:
    """Where every offered file is kept by content hash, so the database can be rebuilt."""
    return Path(os.environ.get("RUNSTRONG_RAW") or ROOT / "data" / "raw")


def sample_logs_dir() -> Path:
    """The demo athlete's exports, loaded by `make run` into an empty database."""
    return ROOT / "sample_logs"
