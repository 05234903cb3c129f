"""`python -m ingest [--db PATH] [--athlete NAME] PATH...`: import files, folders and archives into
the Runstrong database, as one athlete's. `python -m ingest --rebuild` rebuilds the database from
the raw store."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import config
from ingest.fit import DECODERS
from ingest.pipeline import FileResult, ingest_paths
from ingest.report import reference_note
from store import DatabaseBusy, SchemaOutdated, athletes, connect, take_migration_message


def _progress_bar():
    """A progress bar on stderr (only when it is a terminal, so logs stay clean)."""
    from tqdm import tqdm

    bar = None

    def update(done: int, total: int, name: str) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="file", file=sys.stderr, disable=not sys.stderr.isatty() or None)
        bar.total = total  # grows as the zips inside an export are opened (their files are counted)
        bar.n = done
        bar.set_postfix_str(name[-40:], refresh=True)
        if done == total:
            bar.close()

    return update


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _summary_line(r: FileResult) -> str:
    added = []
    for label, n in (
        ("activities", r.activities),
        ("records", r.records),
        ("strength sessions", r.strength_sessions),
        ("sets", r.strength_sets),
        ("injuries", r.injuries),
        ("planned sessions", r.planned),
        ("duplicates merged", r.merged),
    ):
        if n:
            added.append(f"{n} {label}")
    what = ", ".join(added) or "nothing added"
    tail = f" - {r.message}" if r.message else ""
    return f"{r.status.upper():9s} {r.file_name}: {what}{tail}"


def _report(results: list[FileResult], quiet: bool, db: Path) -> int:
    for r in results:
        if not quiet or r.status == "failed":
            print(_summary_line(r))
    counts = Counter(r.status for r in results)
    totals = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    print(f"{_n(len(results), 'file')}: {totals}. Database: {db}")
    if note := reference_note(results):
        print(note)
    return 1 if counts.get("failed") else 0


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
        "--athlete",
        metavar="NAME",
        default=None,
        help="whose files these are (created on first use); without it: the only athlete, or 'Me' in "
        "a new database (a database of several athletes needs it)",
    )
    parser.add_argument(
        "--raw", type=Path, default=None, help="raw store (default: $RUNSTRONG_RAW or data/raw)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="processes, the writer included (default: all cores for more than 20 files, else 1)",
    )
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="rebuild the database from the raw store (the old file is kept as .bak)",
    )
    parser.add_argument(
        "--decoder",
        choices=DECODERS,
        default="fast",
        help="FIT decoder: fast (default; files it cannot read exactly go to fitparse) or fitparse, "
        "the reference",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only failures and the totals")
    parser.add_argument(
        "--import-mappings",
        type=Path,
        metavar="FILE",
        help="save the column mappings in FILE (JSON, as exported on the Import page) before importing",
    )
    parser.add_argument(
        "--export-mappings", type=Path, metavar="FILE", help="write the saved column mappings to FILE (JSON)"
    )
    args = parser.parse_args(argv)
    mapping_files = args.import_mappings or args.export_mappings
    if not args.paths and not args.rebuild and not mapping_files:
        parser.error("name at least one file or folder to import (or --rebuild)")
    if args.paths and args.rebuild:
        parser.error("--rebuild takes no paths: it reads the raw store")
    if args.rebuild and mapping_files:
        parser.error("--rebuild carries the saved column mappings itself: import or export them apart")
    if args.rebuild and args.athlete is not None:
        parser.error("--rebuild keeps every athlete and replays each one's files: it takes no --athlete")
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2

    db, raw = args.db or config.db_path(), args.raw or config.raw_dir()
    if args.rebuild:
        from ingest.rebuild import rebuild

        try:
            done = rebuild(db, raw, args.workers, _progress_bar(), decoder=args.decoder)
        except DatabaseBusy as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        code = _report(done.results, True, db)
        if done.unclaimed:
            print(
                f"warning: {len(done.unclaimed)} files in {raw} belong to no athlete and were left out "
                f"(import them with --athlete NAME): {', '.join(done.unclaimed[:5])}",
                file=sys.stderr,
            )
        if done.missing:
            print(
                f"warning: {len(done.missing)} files the old database names are not in {raw}: "
                f"{', '.join(done.missing[:5])}",
                file=sys.stderr,
            )
        if done.backup:
            print(f"The previous database is kept as {done.backup}")
        return code
    try:
        con = connect(db)
    except (DatabaseBusy, SchemaOutdated) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        if message := take_migration_message(con, "cli"):
            print(message)
        if not args.paths and not mapping_files:
            return 0
        try:
            athlete = athletes.choose(con, args.athlete)
        except ValueError as exc:  # several athletes and no --athlete, or a blank name
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if mapping_files and (code := _mappings(con, athlete, args.import_mappings, args.export_mappings)):
            return code
        if not args.paths:
            return 0
        results = ingest_paths(
            con,
            args.paths,
            raw,
            progress=_progress_bar(),
            workers=args.workers,
            decoder=args.decoder,
            athlete=athlete,
        )
    finally:
        con.close()
    return _report(results, args.quiet, db)


def _mappings(con, athlete: int, import_from: Path | None, export_to: Path | None) -> int:
    """The athlete's column mappings in from a JSON file, then out to one; 2 when the file in is
    unreadable."""
    from ingest import mappings

    if import_from is not None:
        try:
            got = mappings.import_json(con, athlete, import_from.read_bytes())
        except (OSError, ValueError) as exc:
            print(f"error: {import_from}: {exc}", file=sys.stderr)
            return 2
        print(f"{_n(len(got), 'column mapping')} saved from {import_from}: {', '.join(m.name for m in got)}")
    if export_to is not None:
        export_to.write_text(mappings.export_json(con, athlete), encoding="utf-8")
        print(f"{_n(len(mappings.saved(con, athlete)), 'column mapping')} written to {export_to}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
