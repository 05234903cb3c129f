"""`python -m ingest [--db PATH] PATH...`: import files and folders into the Runstrong database."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import config
from ingest.pipeline import FileResult, ingest_paths
from store.db import DatabaseBusy, SchemaOutdated, connect


def _progress_bar():
    """A progress bar on stderr (only when it is a terminal, so logs stay clean)."""
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int, name: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="file", file=sys.stderr, disable=not sys.stderr.isatty() or None)
        bar.n = done
        bar.set_postfix_str(name[-40:], refresh=True)
        if done == total:
            bar.close()

    return update


def _summary_line(r: FileResult) -> str:
    added = []
    for label, n in (("activities", r.activities), ("records", r.records), ("strength sessions",
                     r.strength_sessions), ("sets", r.strength_sets), ("injuries", r.injuries)):  # fmt: skip
        if n:
            added.append(f"{n} {label}")
    what = ", ".join(added) or "nothing added"
    tail = f" - {r.message}" if r.message else ""
    return f"{r.status.upper():9s} {r.file_name}: {what}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description=__doc__)
    parser.add_argument("paths", nargs="*", help="FIT/CSV/ZIP files or folders (searched recursively)")
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database file (default: $RUNSTRONG_DB or data/runstrong.duckdb)",
    )
    parser.add_argument(
        "--raw", type=Path, default=None, help="raw store (default: $RUNSTRONG_RAW or data/raw)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only failures and the totals")
    args = parser.parse_args(argv)
    if not args.paths:
        parser.error("name at least one file or folder to import")
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2

    db, raw = args.db or config.db_path(), args.raw or config.raw_dir()
    try:
        con = connect(db)
    except (DatabaseBusy, SchemaOutdated) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        results = ingest_paths(con, args.paths, raw, progress=_progress_bar())
    finally:
        con.close()

    for r in results:
        if not args.quiet or r.status == "failed":
            print(_summary_line(r))
    counts = Counter(r.status for r in results)
    totals = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    print(f"{len(results)} files: {totals}. Database: {db}")
    return 1 if counts.get("failed") else 0


if __name__ == "__main__":
    sys.exit(main())
