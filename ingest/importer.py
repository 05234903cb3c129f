"""The writer's side of an import: offered files (and archive members) become jobs, worker
processes parse them, and the one process holding the database writes them in order, one
transaction per file. Archives are opened here (`ingest.archives`); a Strava export's
activities.csv is joined with the files it names (`ingest.strava`)."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from ingest import archives, duplicates, localtime
from ingest.detect import EMPTY_ZIP_MAGIC, ZIP_MAGIC, sniff
from ingest.errors import IngestError
from ingest.formats import parse_csv
from ingest.model import ParseResult, StrengthSession
from ingest.parallel import default_workers, ordered_map
from ingest.parse import Prepared, prepare, sha256_of
from ingest.rawstore import keep_path, keep_raw
from ingest.strava import StravaJoin
from ingest.textcsv import decode, read_table
from store import athletes, read, write
from store.db import one_thread

Progress = Callable[[int, int, str], None]
T = TypeVar("T")

# Offered files, and an archive's members, are read, hashed and kept a batch at a time, and each
# batch's hashes looked up in one query: a query per file cost a re-import more than all its other
# work on the file (0.6 of 0.9 ms a file on the benchmark athlete). A batch holds at most this many
# files, or about this many bytes, in memory.
LOOKUP_FILES = 256
LOOKUP_BYTES = 32 << 20


def _batches(items: Iterable[T], size_of: Callable[[T], int]) -> Iterator[list[T]]:
    batch: list[T] = []
    held = 0
    for item in items:
        batch.append(item)
        held += size_of(item)
        if len(batch) >= LOOKUP_FILES or held >= LOOKUP_BYTES:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


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
    planned: int = 0  # planned sessions added to the plan
    source_id: int | None = None
    merged: int = 0  # duplicates merged into rows already stored
    replaced: int = 0  # stored rows replaced by this file's richer copy
    parent: str | None = None  # the archive it came out of
    reference_decoder: bool = False  # a FIT file the fast decoder left to fitparse (ingest.fit)


# The row counts a file's write reports (store.write.Written), copied into its FileResult by
# name: a count the store adds and the report lacks fails at once instead of shifting the others.
COUNTS = tuple(f.name for f in fields(write.Written) if f.name not in ("source_id", "status", "message"))


def commit(
    con: duckdb.DuckDBPyConnection,
    athlete: int,
    prepared: Prepared,
    now_utc: dt.datetime | None = None,
    parent: str | None = None,
    looked_up: bool = False,
    start_times: write.StartTimes | None = None,
) -> FileResult:
    """Write one prepared file as the athlete's, in one transaction (or report it as already
    imported for them).
    `looked_up`: the caller has just found these bytes unknown, so the lookup is not repeated (the
    unique sha256 still turns a copy another session wrote meanwhile into a duplicate).
    `start_times`: the athlete's, kept across an import's writes (store.write.StartTimes)."""
    r = prepared.result
    known = None if looked_up else write.known_source(con, athlete, prepared.sha256)
    if known is not None:
        return _duplicate(prepared.file_name, prepared.sha256, known, parent)
    if localtime.needs_zone(r):  # CSV wall-clock times: UTC from the athlete's zone
        localtime.localise(r, localtime.athlete_zone(*read.zone_hints(con, athlete))[0])
    source = write.SourceRow(
        prepared.file_name,
        prepared.sha256,
        r.format,
        r.status,
        r.message,
        prepared.size_bytes,
        prepared.parent_sha256,
    )
    activities = [
        {
            "activity": a.activity,
            "laps": a.laps,
            "records": a.records,
            "hr_seconds": a.hr_seconds,
            "pace_seconds": a.pace_seconds,
            "strength": None if a.strength is None else _strength(a.strength),
        }
        for a in r.activities
    ]
    try:
        w = write.write_source(
            con,
            athlete,
            source,
            activities,
            [_strength(s) for s in r.strength_sessions],
            r.injuries,
            r.settings,
            now_utc=now_utc,
            rules=duplicates.RULES,
            planned=r.planned,
            start_times=start_times,
        )
    except duckdb.ConstraintException:
        # The same bytes offered in another session a moment ago, and written first: the unique
        # sha256 rolled this copy back whole.
        known = write.known_source(con, athlete, prepared.sha256)
        if known is None:
            raise
        return _duplicate(prepared.file_name, prepared.sha256, known, parent)
    counts = {name: getattr(w, name) for name in COUNTS}
    return FileResult(
        file_name=prepared.file_name,
        sha256=prepared.sha256,
        format=r.format,
        status=w.status,
        message=w.message,
        source_id=w.source_id,
        parent=parent,
        reference_decoder=r.reference_fallback,
        **counts,
    )


def _duplicate(name: str, sha: str, known: tuple[int, str, str], parent: str | None = None) -> FileResult:
    source_id, first_name, status = known
    same = "" if first_name == name else f" as {first_name}"
    return FileResult(
        name,
        sha,
        None,
        "duplicate",
        f"already imported{same} (status {status}): nothing changed",
        source_id=source_id,
        parent=parent,
    )


def _duplicates(
    name: str, sha: str, known: tuple[int, str, str], parent: str | None = None
) -> list[FileResult]:
    return [_duplicate(name, sha, known, parent)]


def _unreadable(name: str, exc: OSError) -> list[FileResult]:
    return [FileResult(name, "", None, "failed", f"cannot read the file: {exc.strerror or exc}")]


def _strength(session: StrengthSession) -> dict[str, Any]:
    return {"session": session.session, "sets": session.sets, "rests": session.rests}


@dataclass
class _Archive:
    """One open archive: its members' results, and the Strava join when it holds activities.csv."""

    name: str
    sha256: str
    size_bytes: int
    parent_sha256: str | None
    parent: str | None
    now_utc: dt.datetime | None
    results: list[FileResult] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)
    strava: StravaJoin | None = None
    error: str | None = None
    listed: int = 0  # members its listing gives (each one file of the progress count)
    delivered: int = 0  # of those, the ones whose jobs (or nested archive) count them


@dataclass
class _Read:
    """An offered file read, hashed and kept: its bytes, or the path of an archive on disk."""

    sha: str
    size: int
    source: bytes | Path

    @property
    def held(self) -> int:
        """Bytes held in memory."""
        return len(self.source) if isinstance(self.source, bytes) else 0


@dataclass
class _Job:
    name: str
    sha256: str
    data: bytes | None = None  # to be parsed (in a worker)
    parent_sha256: str | None = None
    archive: _Archive | None = None  # the archive it is a member of
    member_path: str | None = None
    run: Callable[[], list[FileResult]] | None = None  # writer-side work (archive rows, joins)
    now_utc: dt.datetime | None = None
    # How many files of the progress count this job completes: 1 for a file, every member for a
    # whole archive already imported, the refused members for an archive's closing row.
    units: int = 1


def _args(job: _Job, mappings: dict[str, str], decoder: str) -> tuple | None:
    if job.data is None:
        return None
    return (job.name, job.data, job.parent_sha256, job.archive is not None, mappings, decoder, job.sha256)


@dataclass
class Offered:
    """A file offered for import: a path on disk, or an upload's name and bytes."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    now_utc: dt.datetime | None = None  # the import time to record (a rebuild keeps the original)


class Importer:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        raw_dir: Path,
        limits: archives.Limits = archives.LIMITS,
        decoder: str = "fast",
        athlete: int | None = None,
    ):
        """`athlete`: whose files these are; None: the one athlete (created as "Me" in a new
        database; store.athletes.SeveralAthletes in a database of several)."""
        self.con, self.raw_dir, self.limits, self.decoder = con, Path(raw_dir), limits, decoder
        self.athlete = athletes.choose(con) if athlete is None else int(athlete)
        # The athlete's column mappings, read once: every CSV of this import is read with them.
        self.mappings = read.csv_mappings(con, self.athlete)

    def run(
        self,
        offered: list[Offered],
        workers: int | None = None,
        progress: Progress | None = None,
        keep: bool = True,
    ) -> list[FileResult]:
        results: list[FileResult] = []
        self._keep = keep
        self._written: set[str] = set()  # the bytes of the jobs written so far (see _write)
        self._start_times = write.StartTimes(self.con, self.athlete)
        # The progress counts files, an archive's members each (an export is thousands of files):
        # a zip's directory gives its count up front; a zip inside one corrects it when opened.
        guesses = [self._guess(item) for item in offered]
        self._total = sum(guesses)
        # The same count decides the workers: one export zip of thousands of files is a large import.
        workers = default_workers(self._total) if workers is None else max(1, workers)
        done = 0
        args = functools.partial(_args, mappings=self.mappings, decoder=self.decoder)
        with one_thread(self.con):
            for job, prepared in ordered_map(prepare, self._jobs(offered, guesses), args, workers):
                # Counted as the writer reaches a file, not as it is handed to a worker (that runs a
                # window ahead): the count and the time left follow the files actually stored.
                if progress:
                    progress(done, self._total, job.name)
                if job.run is not None:
                    out = job.run()
                else:
                    out = [self._write(job, prepared)]
                done += job.units
                self._written.add(job.sha256)
                if job.archive is not None:
                    job.archive.results.extend(out)
                results.extend(out)
        # A watch file in this batch may have told the athlete's zone: CSV wall clocks follow it.
        # Files all known already wrote nothing, so nothing can have moved (a re-import).
        if any(r.status != "duplicate" for r in results):
            localtime.place_stored(self.con, self.athlete)
        # Files counted and the total: equal when every file was counted once (the tests check it).
        self.counted = (done, self._total)
        if progress:
            progress(self._total, self._total, "")
        return results

    def _guess(self, item: Offered) -> int:
        """The files an offered file stands for in the progress count: a zip's members to import,
        from its directory (at least 1: the archive's own row); any other file, 1."""
        source: bytes | Path | None = None
        if item.data is not None:
            source = item.data if sniff(item.name, item.data) == "zip" else None
        elif item.path is not None:
            try:
                with open(item.path, "rb") as f:
                    source = item.path if f.read(4) in (ZIP_MAGIC, EMPTY_ZIP_MAGIC) else None
            except OSError:
                return 1  # unreadable: its row says so
        return 1 if source is None else max(1, archives.count_members(source, self.limits))

    # writer side

    def _write(self, job: _Job, prepared: Prepared) -> FileResult:
        parent = job.archive.name if job.archive else None
        if prepared is None:  # known bytes: nothing to parse
            known = write.known_source(self.con, self.athlete, job.sha256)
            if known is not None:
                return _duplicate(job.name, job.sha256, known, parent)
            prepared = prepare(
                job.name,
                job.data or b"",
                job.parent_sha256,
                job.archive is not None,
                self.mappings,
                self.decoder,
            )
        if job.archive is not None and job.archive.strava is not None and job.member_path:
            job.archive.strava.enrich(job.member_path, prepared.result)
        # Its bytes were looked up when the job was made (a batch of files ahead): only the same
        # bytes written since by this import can have made them known, and then they are looked up
        # again, so the copy is reported as the duplicate it is, with nothing rolled back.
        looked_up = job.sha256 not in self._written
        return commit(self.con, self.athlete, prepared, job.now_utc, parent, looked_up, self._start_times)

    # job generation (runs ahead of the writer by the parallel window)

    def _jobs(self, offered: list[Offered], guesses: list[int]) -> Iterator[_Job]:
        read = ((guess, item, self._read(item)) for item, guess in zip(offered, guesses, strict=True))
        for batch in _batches(read, lambda entry: entry[2].held if isinstance(entry[2], _Read) else 0):
            shas = [got.sha for _, _, got in batch if isinstance(got, _Read)]
            known = write.known_sources(self.con, self.athlete, shas)
            for guess, item, got in batch:
                try:
                    if isinstance(got, OSError):
                        raise got
                    yield from self._top_level(item, got, known.get(got.sha), guess)
                except OSError as exc:
                    # It fails before any job of it is made: its row stands for all it was counted as.
                    run = functools.partial(_unreadable, item.name, exc)
                    yield _Job(item.name, "", run=run, units=guess)

    def _read(self, item: Offered) -> _Read | OSError:
        """The offered file hashed: its bytes (kept in the raw store by _top_level), or an archive on
        disk (kept while it is hashed, never read whole into memory)."""
        try:
            if item.data is not None:
                data = item.data
            elif item.path is not None:
                with open(item.path, "rb") as f:
                    if f.read(4) in (ZIP_MAGIC, EMPTY_ZIP_MAGIC):
                        sha, size = keep_path(self.raw_dir, item.path, item.name, keep=self._keep)
                        return _Read(sha, size, item.path)
                    f.seek(0)
                    data = f.read()
            else:
                raise ValueError(f"{item.name}: offered with neither bytes nor a path")
            return _Read(sha256_of(data), len(data), data)
        except OSError as exc:
            return exc

    def _top_level(
        self, item: Offered, got: _Read, known: tuple[int, str, str] | None, guess: int
    ) -> Iterator[_Job]:
        """`known`: what the store holds of these bytes for the athlete (looked up with the batch);
        `guess`: the files it stands for in the progress count."""
        sha, size, source = got.sha, got.size, got.source
        if self._keep and isinstance(source, bytes):
            # Kept as its job is made, a few files ahead of its write (the parallel window; 40 at the
            # start, ingest.parallel), not when its batch is read: an import stopped half-way leaves
            # few raw files without their rows.
            keep_raw(self.raw_dir, sha, source, item.name)
        if known is not None:
            run = functools.partial(_duplicates, item.name, sha, known)
            yield _Job(item.name, sha, run=run, units=guess)
            return
        if isinstance(source, Path) or sniff(item.name, source) == "zip":
            budget = archives.Budget(self.limits)
            yield from self._archive(item.name, source, sha, size, None, None, 1, budget, item.now_utc, guess)
        else:
            yield _Job(item.name, sha, data=source, now_utc=item.now_utc)

    def _archive(
        self,
        name: str,
        source: bytes | Path,
        sha: str,
        size: int,
        parent: _Archive | None,
        parent_sha: str | None,
        depth: int,
        budget: archives.Budget,
        now_utc: dt.datetime | None,
        counted: int,
    ) -> Iterator[_Job]:
        """`counted`: the files this archive stands for in the progress count so far (its
        directory's count for an offered zip, 1 for a zip inside one): its listing corrects it."""
        arc = _Archive(name, sha, size, parent_sha, parent.name if parent else None, now_utc)
        try:
            if depth > self.limits.depth:
                raise archives.ArchiveError(f"archives nested more than {self.limits.depth} deep: refused")
            with archives.open_zip(source) as zf:
                listing = archives.list_zip(zf, budget)
                arc.ignored, arc.listed = listing.ignored, listing.count
                self._total += max(arc.listed, 1) - counted
                counted = max(arc.listed, 1)
                yield from self._members(arc, listing.members, budget, depth)
        except archives.ArchiveError as exc:
            arc.error = str(exc)
        self._total += max(arc.listed, 1) - counted  # unopened: the archive's row alone
        # Its row completes what its members' jobs did not: the refused, those an error cut off.
        units = max(arc.listed, 1) - arc.delivered
        yield _Job(name, sha, archive=parent, run=lambda: [self._close_archive(arc)], units=units)

    def _members(
        self, arc: _Archive, members: Iterator[archives.Member], budget: archives.Budget, depth: int
    ) -> Iterator[_Job]:
        """Jobs for the archive's members in order, their bytes looked up a batch at a time. A
        member whose bytes are imported already is reported, not parsed again (a newer export
        repeats most of the files of the one before)."""
        deferred: list[_Job] = []
        stopped: list[Exception] = []  # what ended the reading: the archive's budget spent, a read failed

        def hashed() -> Iterator[tuple[archives.Member, str]]:
            try:
                for m in members:
                    yield m, ("" if m.data is None else sha256_of(m.data))
            except (archives.ArchiveError, OSError) as exc:  # raised once the members before it have jobs
                stopped.append(exc)

        for batch in _batches(hashed(), lambda entry: len(entry[0].data or b"")):
            known = write.known_sources(
                self.con, self.athlete, [sha for m, sha in batch if m.data is not None]
            )
            for m, sha in batch:
                label = f"{arc.name}/{m.path}"
                if m.data is None:
                    arc.refused.append(f"{m.path}: {m.reason}")
                    continue
                # Each member is one file of the progress count: delivered with its job, or with the
                # archive inside, which counts its own members instead.
                if archives.suffix_of(m.path) == ".zip" or sniff(m.path, m.data) == "zip":
                    arc.delivered += 1
                    if sha in known:
                        yield self._known(arc, label, sha, known[sha])
                        continue
                    yield from self._archive(
                        label, m.data, sha, len(m.data), arc, arc.sha256, depth + 1, budget, arc.now_utc, 1
                    )
                    continue
                if posixpath.basename(m.path).lower() == "activities.csv" and arc.strava is None:
                    join = _strava_join(m.path, m.data)
                    if join is not None:
                        # Parsed here, written last: the files it names enrich their activities first.
                        arc.strava = join
                        deferred.append(
                            _Job(
                                label,
                                sha,
                                archive=arc,
                                run=functools.partial(self._write_strava_csv, arc, join, label, sha, m.data),
                            )
                        )
                        continue
                arc.delivered += 1
                if sha in known:
                    yield self._known(arc, label, sha, known[sha])
                    continue
                yield _Job(
                    label,
                    sha,
                    data=m.data,
                    parent_sha256=arc.sha256,
                    archive=arc,
                    member_path=m.path,
                    now_utc=arc.now_utc,
                )
        if stopped:
            raise stopped[0]
        arc.delivered += len(deferred)
        yield from deferred

    def _known(self, arc: _Archive, label: str, sha: str, known: tuple[int, str, str]) -> _Job:
        return _Job(label, sha, archive=arc, run=functools.partial(_duplicates, label, sha, known, arc.name))

    def _write_strava_csv(
        self, arc: _Archive, join: StravaJoin, label: str, sha: str, data: bytes
    ) -> list[FileResult]:
        known = write.known_source(self.con, self.athlete, sha)
        if known is not None:
            return [_duplicate(label, sha, known, arc.name)]
        prepared = Prepared(label, sha, len(data), join.leftover(), arc.sha256)
        return [
            commit(self.con, self.athlete, prepared, arc.now_utc, arc.name, start_times=self._start_times)
        ]

    def _close_archive(self, arc: _Archive) -> FileResult:
        """The archive's own row, written after its members: what was inside, what became of it."""
        if arc.error:
            status, message = "failed", arc.error
            if arc.results:
                status, message = "partial", f"{arc.error}; {len(arc.results)} files before it were imported"
        else:
            status, message = "ok", _archive_summary(arc)
            if arc.refused and not arc.results:
                status = "failed"
        prepared = Prepared(
            arc.name, arc.sha256, arc.size_bytes, ParseResult("zip", status, message), arc.parent_sha256
        )
        # Its bytes were looked up with its batch, before its members: as in _write.
        looked_up = arc.sha256 not in self._written
        result = commit(
            self.con, self.athlete, prepared, arc.now_utc, arc.parent, looked_up, self._start_times
        )
        for r in arc.results:  # the archive's own line adds up its members
            for f in COUNTS:
                setattr(result, f, getattr(result, f) + getattr(r, f))
        return result


def _archive_summary(arc: _Archive) -> str:
    members = [r for r in arc.results if r.parent == arc.name]
    by_status: dict[str, int] = {}
    for r in members:
        by_status[r.status] = by_status.get(r.status, 0) + 1
    parts = [f"{len(members)} files inside"]
    if by_status:
        parts.append(", ".join(f"{n} {s}" for s, n in sorted(by_status.items())))
    if arc.ignored:
        kinds = ", ".join(f"{n} {s}" for s, n in sorted(arc.ignored.items(), key=lambda kv: -kv[1])[:6])
        parts.append(f"left alone (not training files): {kinds}")
    if arc.refused:
        parts.append(f"refused: {'; '.join(arc.refused[:5])}" + (" ..." if len(arc.refused) > 5 else ""))
    return "; ".join(parts)


def _strava_join(path: str, data: bytes) -> StravaJoin | None:
    try:
        result = parse_csv(read_table(decode(data)))
    except IngestError:
        return None
    return StravaJoin(path, result) if result.format == "strava_csv" else None
