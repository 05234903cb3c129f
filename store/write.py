"""Writing one source file's rows: everything in one transaction, or nothing.

The runner's edits and deletions are store.edits; settings and column mappings, store.settings."""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from store import plan, strength_join
from store.db import commits_of, counted_read, next_id, transaction, utc_now
from store.merge_rules import MergeRules

ACTIVITY_COLUMNS = [
    "activity_id", "athlete_id", "source_id", "sport", "sub_sport", "name", "start_time_utc", "start_time_local",
    "local_date", "utc_offset_s", "local_time_basis", "elapsed_s", "moving_s", "distance_m",
    "ascent_m", "avg_hr", "max_hr", "avg_cadence_spm", "calories_kcal", "rpe", "device",
    "session_index", "is_race", "ngs_mps", "n_records", "note",
]  # fmt: skip


@dataclass(frozen=True)
class SourceRow:
    file_name: str
    sha256: str
    format: str | None
    status: str
    message: str
    size_bytes: int
    parent_sha256: str | None = None


@dataclass
class Written:
    source_id: int
    activities: int = 0  # new activity rows
    records: int = 0
    strength_sessions: int = 0
    strength_sets: int = 0
    injuries: int = 0
    planned: int = 0  # planned sessions added to the plan (the plan template)
    merged: int = 0  # this file's copies folded into rows already stored (duplicates)
    replaced: int = 0  # stored rows this file's richer copy replaced (FIT over CSV)
    status: str = "ok"
    message: str = ""


# A file that failed is not 'known': offering it again retries it. The same bytes given to
# another athlete are theirs, and go in for this one too.
_KNOWN = (
    "SELECT sha256, source_id, file_name, status FROM sources WHERE athlete_id = ? AND status <> 'failed'"
)


def known_source(con: duckdb.DuckDBPyConnection, athlete: int, sha256: str) -> tuple[int, str, str] | None:
    """(source_id, file_name, status) of a file already given to this athlete with these exact
    bytes, or None (a failed one is not known: offered again, it is read again)."""
    rows = con.cursor().execute(f"{_KNOWN} AND sha256 = ?", [athlete, sha256]).fetchall()
    if not rows:
        return None
    _, source_id, name, status = rows[0]
    return source_id, name, status


def known_sources(
    con: duckdb.DuckDBPyConnection, athlete: int, shas: Iterable[str]
) -> dict[str, tuple[int, str, str]]:
    """known_source for many files in one query, keyed by sha256 (the unknown ones absent): a
    re-import looks a batch of offered files up at once, where a query per file cost it more than
    all its other work on the file."""
    wanted = list(dict.fromkeys(shas))
    if not wanted:
        return {}
    rows = (
        con.cursor()
        .execute(f"{_KNOWN} AND sha256 IN (SELECT unnest(?::VARCHAR[]))", [athlete, wanted])
        .fetchall()
    )
    return {sha: (source_id, name, status) for sha, source_id, name, status in rows}


class StartTimes:
    """The start times (UTC and wall clock, in microseconds) of an athlete's stored activities, read
    once by an import and kept up to date with what it writes, so that an activity with none near
    it is written without asking DuckDB for its copies (a statement a file, 0.7 ms of a write's
    12). Used only while this process has written nothing else for the athlete since (the count of
    store.db.counted_read); otherwise each write asks. Stale extra times (a deleted or replaced
    activity) only make a write ask."""

    def __init__(self, con: duckdb.DuckDBPyConnection, athlete: int) -> None:
        self.con, self.athlete = con, athlete
        self._read()

    def _read(self) -> None:
        with counted_read(self.con, self.athlete) as (cur, self._seen):
            rows = cur.execute(
                "SELECT epoch_us(start_time_utc), epoch_us(start_time_local) FROM activities WHERE athlete_id = ?",
                [self.athlete],
            ).fetchall()
        self._utc = sorted(r[0] for r in rows if r[0] is not None)
        self._local = sorted(r[1] for r in rows if r[1] is not None)

    def current(self) -> bool:
        return self._seen == commits_of(self.athlete)

    def none_near(self, start: Any, local: Any, window_s: float) -> bool:
        """No stored start within the window of these (as _match_activity's query finds them): a
        microsecond wider on each side, as a time finer than DuckDB keeps is cut to it."""
        if not self.current():
            return False
        w = int(window_s * 1_000_000) + 1
        try:
            return not any(
                t is not None and _within(times, _us(t) - w, _us(t) + w)
                for times, t in ((self._utc, start), (self._local, local))
            )
        except (TypeError, ValueError, AttributeError):  # a time of another kind: DuckDB decides
            return False

    def written(self, times: list[tuple[Any, Any]]) -> None:
        """After a write of this import's (committed): its activities' starts join the others. Had
        anyone else written for the athlete meanwhile, they are all read again."""
        if self._seen + 1 != commits_of(self.athlete):
            self._read()
            return
        self._seen += 1
        try:
            for start, local in times:
                for kept, t in ((self._utc, start), (self._local, local)):
                    if t is not None:
                        bisect.insort(kept, _us(t))
        except (TypeError, ValueError, AttributeError):
            self._seen = -1  # a time of another kind: read them all again before the next use


_EPOCH, _US = dt.datetime(1970, 1, 1), dt.timedelta(microseconds=1)


def _us(t: Any) -> int:
    """A naive datetime (or pandas Timestamp, its nanoseconds cut) as microseconds since 1970, as
    epoch_us gives it."""
    if isinstance(t, pd.Timestamp):
        if t.tzinfo is not None:  # an instant of another kind: the caller leaves it to DuckDB
            raise TypeError("a zoned start time")
        return int(t.as_unit("ns").value // 1000)
    return (t - _EPOCH) // _US


def _within(times: list[int], low: int, high: int) -> bool:
    i = bisect.bisect_left(times, low)
    return i < len(times) and times[i] <= high


def _insert_frame(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, **constants: Any) -> None:
    """Columnar insert: DuckDB scans the columns directly, no per-row Python. `constants` fill a
    column with one value (the id of the row the frame belongs to) without copying the frame.

    DuckDB finds the columns by their variable name (a replacement scan): registering them as a
    view costs a catalog change per insert. It scans a dict of NumPy arrays for half the fixed cost
    of a DataFrame (which it asks pandas about column by column); NaN and NaT are NULL in both.
    Columns of another pandas type (nullable integers, categories) keep the DataFrame scan."""
    if frame is None or not len(frame):
        return
    names = [c for c in frame.columns if c not in constants]
    cols = ", ".join(f'"{c}"' for c in [*constants, *names])
    select = ", ".join(["?" for _ in constants] + [f'"{c}"' for c in names])
    arrays = {c: _array(s) for c, s in frame.items() if c in names}
    _frame = frame if any(a is None for a in arrays.values()) else arrays  # read by name below
    sql = f"INSERT INTO {table} ({cols}) SELECT {select} FROM _frame"
    cur.execute(sql, list(constants.values())).fetchall()


def _array(s: pd.Series) -> np.ndarray | None:
    """The column as a NumPy array DuckDB reads as it reads the DataFrame's: numbers, booleans,
    datetimes without a zone, objects, and text with NaN for missing (pandas' str); None for other
    pandas types (nullable integers, categories, zoned times)."""
    if isinstance(s.dtype, np.dtype) and s.dtype.kind in "biufMO":
        return s.to_numpy()
    if isinstance(s.dtype, pd.StringDtype) and s.dtype.na_value is np.nan:
        return s.to_numpy()
    return None


def _insert_row(
    cur: duckdb.DuckDBPyConnection, table: str, row: dict[str, Any], returning: str | None = None
) -> Any:
    """One row by parameters: a DataFrame scan costs several times more for a single row. A value
    `_Next` draws a new id inside the INSERT, `returning` names the column to give back (the id):
    one statement instead of two."""
    cols = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join(f"nextval('{v.sequence}')" if isinstance(v, _Next) else "?" for v in row.values())
    values = [_param(v) for v in row.values() if not isinstance(v, _Next)]
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
    if returning is None:
        cur.execute(sql, values).fetchall()
        return None
    return cur.execute(f'{sql} RETURNING "{returning}"', values).fetchall()[0][0]


@dataclass(frozen=True)
class _Next:
    """A new id from this sequence, drawn by the INSERT itself (store.db.next_id draws it alone)."""

    sequence: str


def _param(v: Any) -> Any:
    v = _clean(v)
    if isinstance(v, np.generic):
        return v.item()
    return v


class _Merger:
    """Collects what one file's rows merged with, for its sources row and its report line."""

    def __init__(
        self,
        cur: duckdb.DuckDBPyConnection,
        athlete: int,
        source_id: int,
        fmt: str | None,
        status: str,
        now_utc,
        rules: MergeRules | None = None,
        start_times: StartTimes | None = None,
    ):
        self.cur, self.athlete, self.source_id, self.now, self.rules = cur, athlete, source_id, now_utc, rules
        self.start_times = start_times
        self.rank = rules.richness(fmt, status) if rules else None
        self.merged = self.replaced = 0
        self.into: dict[int, None] = {}  # source_ids of the kept copies, in order
        self.joined: dict[int, None] = {}  # source_ids of the strength sessions this file's joined
        self.n_joined = 0

    def join(self, session_id: int, is_watch: bool, w: Written) -> None:
        """A strength session just written: join it with the same workout from the watch or the app
        (a workout already counted once: the file's report does not count it again)."""
        if self.rules is None or self.rules.pair_strength is None:
            return
        other = strength_join.join_new(
            self.cur, self.athlete, session_id, is_watch, self.rules.pair_strength, self.now
        )
        if other is not None:
            self.joined[int(other["source_id"])] = None
            self.n_joined += 1
            w.strength_sessions -= 1

    def remember(self, kind: str, kept_id: int, source_id: int, role: str, sport, start, distance) -> None:
        self.cur.execute(
            "INSERT INTO merges (athlete_id, kind, kept_id, source_id, role, sport, start_time_utc, distance_m,"
            " merged_at_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self.athlete, kind, kept_id, source_id, role, sport, start, distance, self.now],
        ).fetchall()

    def files(self, source_ids: dict[int, None] | None = None) -> str:
        into = self.into if source_ids is None else source_ids
        if not into:
            return ""
        ids = list(into)[:3]
        names = [
            r[0]
            for r in self.cur.execute(
                "SELECT file_name FROM sources WHERE source_id IN (SELECT unnest(?)) ORDER BY source_id",
                [ids],
            ).fetchall()
        ]
        more = f" and {len(into) - 3} more" if len(into) > 3 else ""
        return ", ".join(names) + more


def _match_activity(cur, m: _Merger, act: dict[str, Any]) -> dict[str, Any] | None:
    """The stored activity the rules say this one duplicates, if any (closest start first)."""
    start, local = act.get("start_time_utc"), act.get("start_time_local")
    if m.rules is None or start is None:
        return None
    if m.start_times is not None and m.start_times.none_near(start, local, m.rules.window_s):
        return None
    window = dt.timedelta(seconds=float(m.rules.window_s))
    # Most activities have no stored copy: asking for the ids of the near ones first costs about a
    # fifth of asking for their every column with their source (measured), and a stored copy found
    # this way is then read in full. The window's ends are computed here: comparing the stored
    # times with them costs less than computing every stored time's distance (measured).
    near = """
        WHERE a.athlete_id = ? AND a.source_id <> ?
          AND (a.start_time_utc BETWEEN ? AND ? OR a.start_time_local BETWEEN ? AND ?)
    """
    ends = [None, None] if local is None else [local - window, local + window]
    params = [m.athlete, m.source_id, start - window, start + window, *ends]
    if not cur.execute(f"SELECT a.activity_id FROM activities a {near}", params).fetchall():
        return None
    cur.execute(
        f"""
        SELECT a.*, s.format AS _format, s.status AS _status
        FROM activities a JOIN sources s ON s.source_id = a.source_id
        {near}
        ORDER BY abs(epoch(a.start_time_utc) - epoch(?::TIMESTAMP)), a.activity_id
        """,
        [*params, start],
    )
    names = [d[0] for d in cur.description]
    for values in cur.fetchall():
        row = {k: _clean(v) for k, v in zip(names, values, strict=True)}
        if m.rules.same_activity(row, act):
            return row
    return None


def _clean(v: Any) -> Any:
    """pandas gives NaN/NaT for NULLs: back to None for the comparison and the parameters."""
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        return v
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v


def write_source(
    con: duckdb.DuckDBPyConnection,
    athlete: int,
    source: SourceRow,
    activities: list[dict[str, Any]] | None = None,
    strength: list[dict[str, Any]] | None = None,
    injuries: pd.DataFrame | None = None,
    settings: dict[str, Any] | None = None,
    now_utc: dt.datetime | None = None,
    rules: MergeRules | None = None,
    planned: pd.DataFrame | None = None,
    start_times: StartTimes | None = None,
) -> Written:
    """Write a source row and everything it brought, in one transaction, as the athlete's.

    `activities`: dicts with keys `activity` (column dict), `laps`, `records`, `hr_seconds`,
    `pace_seconds` (DataFrames) and optionally `strength` (a dict like the items of `strength`).
    `strength`: dicts with `session` (column dict), `sets` and optionally `rests` (DataFrames).
    An activity, strength session or injury already stored from another file is merged, not
    written twice (see `merges`; only the athlete's own rows are looked at), as `rules` say (ingest.duplicates): which rows are copies, which
    copy wins, which watch strength session and app-logged workout are one. Without rules every
    row is written as it comes. `planned`: checked planned sessions (domain.plan.check_row), each
    added to the plan unless the same session is already planned. `start_times`: the athlete's,
    kept by an import across its writes (StartTimes).
    """
    now_utc = now_utc or utc_now()
    args = (
        con,
        athlete,
        source,
        activities,
        strength,
        injuries,
        settings,
        now_utc,
        rules,
        planned,
        start_times,
    )
    try:
        w = _write_source(*args, after_failed=False)
    except duckdb.ConstraintException:
        # These bytes have a sources row already. A failed attempt's is read again (the parsers
        # may have learnt the file since): its row owns no data and gives way to this one's, so a
        # retry never adds a row. Any other copy is the caller's duplicate.
        if not _failed_before(con, athlete, source.sha256):
            raise
        w = _write_source(*args, after_failed=True)
    if start_times is not None:
        start_times.written(
            [
                (a["activity"].get("start_time_utc"), a["activity"].get("start_time_local"))
                for a in activities or []
            ]
        )
    return w


def _failed_before(con: duckdb.DuckDBPyConnection, athlete: int, sha256: str) -> bool:
    return bool(
        con.cursor()
        .execute(
            "SELECT 1 FROM sources WHERE athlete_id = ? AND sha256 = ? AND status = 'failed'",
            [athlete, sha256],
        )
        .fetchall()
    )


def _write_source(
    con: duckdb.DuckDBPyConnection,
    athlete: int,
    source: SourceRow,
    activities: list[dict[str, Any]] | None,
    strength: list[dict[str, Any]] | None,
    injuries: pd.DataFrame | None,
    settings: dict[str, Any] | None,
    now_utc: dt.datetime,
    rules: MergeRules | None,
    planned: pd.DataFrame | None,
    start_times: StartTimes | None,
    after_failed: bool,
) -> Written:
    """write_source's transaction. `after_failed`: these bytes failed before, and their row goes
    first. Only then: looking for one in every write cost a statement per file, paid by every
    import, for a retry that is rare."""
    with transaction(con, athlete, new_source=True) as cur:  # its sources row moves the version
        if after_failed:
            cur.execute(
                "DELETE FROM sources WHERE athlete_id = ? AND sha256 = ? AND status = 'failed'",
                [athlete, source.sha256],
            ).fetchall()
        source_id = _insert_row(
            cur,
            "sources",
            {
                "source_id": _Next("source_id_seq"),
                "athlete_id": athlete,
                "file_name": source.file_name,
                "sha256": source.sha256,
                "format": source.format,
                "status": source.status,
                "message": source.message,
                "imported_at_utc": now_utc,
                "size_bytes": source.size_bytes,
                "parent_sha256": source.parent_sha256,
            },
            "source_id",
        )
        w = Written(source_id, status=source.status, message=source.message)
        m = _Merger(cur, athlete, source_id, source.format, source.status, now_utc, rules, start_times)
        for item in activities or []:
            _write_activity(cur, m, item, w)
        for session in strength or []:
            if not _merge_session(cur, m, session):
                m.join(_write_strength(cur, m, session, None, w), is_watch=False, w=w)
        if injuries is not None and len(injuries):
            _write_injuries(cur, m, injuries, w)
        for key, value in (settings or {}).items():
            cur.execute(
                "INSERT OR REPLACE INTO settings (athlete_id, key, value) VALUES (?, ?, ?)",
                [athlete, key, json.dumps(value)],
            ).fetchall()
        if planned is not None and len(planned):
            rows = [{k: _clean(v) for k, v in r.items()} for r in planned.to_dict("records")]
            w.planned, same = plan.insert_checked(cur, athlete, rows, source_id)
            _conclude_plan(cur, w, same)
        w.merged, w.replaced = w.merged + m.merged, m.replaced
        _conclude(cur, m, w, source, has_settings=bool(settings))
    return w


def _conclude_plan(cur, w: Written, same: int) -> None:
    """Planned sessions the plan already holds are not added twice: say how many."""
    if not same:
        return
    w.merged += same
    if w.planned == 0 and w.status == "ok":
        w.status = "duplicate"
        note = "every planned session in it is already in the plan: nothing new"
    else:
        note = f"{same} planned session{'s' if same != 1 else ''} already in the plan"
    w.message = f"{w.message}; {note}" if w.message else note
    cur.execute(
        "UPDATE sources SET status = ?, message = ? WHERE source_id = ?", [w.status, w.message, w.source_id]
    ).fetchall()


def _conclude(cur, m: _Merger, w: Written, source: SourceRow, has_settings: bool) -> None:
    """A file whose every row was already stored is a duplicate; say what it merged into, and
    which strength sessions it joined with the same workout from the watch or the app."""
    if m.joined:
        plural = "s" if m.n_joined != 1 else ""
        note = f"{m.n_joined} strength session{plural} joined with the same workout from {m.files(m.joined)}"
        w.message = f"{w.message}; {note}" if w.message else note
        cur.execute("UPDATE sources SET message = ? WHERE source_id = ?", [w.message, w.source_id]).fetchall()
    if not m.merged:
        return
    added = w.activities + m.replaced + w.strength_sessions + m.n_joined + w.injuries + int(has_settings)
    where = m.files()
    if added == 0 and w.status in ("ok", "partial"):
        w.status = "duplicate"
        note = f"everything in it was already imported (from {where}): {m.merged} merged, nothing new"
    else:
        note = f"{m.merged} already imported (from {where}) and merged"
    w.message = f"{w.message}; {note}" if w.message else note
    cur.execute(
        "UPDATE sources SET status = ?, message = ? WHERE source_id = ?", [w.status, w.message, w.source_id]
    ).fetchall()


def _write_activity(cur, m: _Merger, item: dict[str, Any], w: Written) -> None:
    act = item["activity"]
    match = _match_activity(cur, m, act)
    if match is not None:
        assert m.rules is not None
        m.into[int(match["source_id"])] = None
        if m.rank <= m.rules.richness(match["_format"], match["_status"]):
            _absorb(cur, m, match, act)
            return
    row = {**{c: None for c in ACTIVITY_COLUMNS}, **act}
    activity_id: int | _Next = _Next("activity_id_seq")
    if match is not None:
        activity_id = int(match["activity_id"])
        assert m.rules is not None  # a match is only looked for with rules
        for c in m.rules.fill_columns:
            if _clean(row.get(c)) is None:
                row[c] = match.get(c)
        _delete_activity(cur, activity_id, int(match["source_id"]))
        m.remember(
            "activity",
            activity_id,
            int(match["source_id"]),
            "superseded",
            match["sport"],
            match["start_time_utc"],
            match["distance_m"],
        )
        m.replaced += 1
        m.merged += 1
    row.update(activity_id=activity_id, athlete_id=m.athlete, source_id=m.source_id)
    stored: int = _insert_row(cur, "activities", {c: row.get(c) for c in ACTIVITY_COLUMNS}, "activity_id")
    for table in ("laps", "records", "hr_seconds", "pace_seconds"):
        frame = item.get(table)
        if frame is not None and len(frame):
            _insert_frame(cur, table, frame, activity_id=stored)
    if match is None:
        w.activities += 1
    w.records += len(item.get("records", ()))
    if item.get("strength"):
        m.join(_write_strength(cur, m, item["strength"], stored, w), is_watch=True, w=w)


def _absorb(cur, m: _Merger, kept: dict[str, Any], act: dict[str, Any]) -> None:
    """The stored copy stays; it takes what it lacks (a name, an RPE) from this one."""
    assert m.rules is not None
    fills = {
        c: act[c] for c in m.rules.fill_columns if _clean(act.get(c)) is not None and kept.get(c) is None
    }
    if fills:
        sets = ", ".join(f'"{c}" = ?' for c in fills)
        cur.execute(
            f"UPDATE activities SET {sets} WHERE activity_id = ?", [*fills.values(), kept["activity_id"]]
        ).fetchall()
    m.remember(
        "activity",
        int(kept["activity_id"]),
        m.source_id,
        "absorbed",
        act.get("sport"),
        act.get("start_time_utc"),
        act.get("distance_m"),
    )
    m.merged += 1


def _delete_activity(cur, activity_id: int, source_id: int) -> None:
    for table in ("activities", "laps", "records", "hr_seconds", "pace_seconds"):
        cur.execute(f"DELETE FROM {table} WHERE activity_id = ?", [activity_id]).fetchall()
    ids = [
        r[0]
        for r in cur.execute(
            "SELECT session_id FROM strength_sessions WHERE activity_id = ? AND source_id = ?",
            [activity_id, source_id],
        ).fetchall()
    ]
    strength_join.release(cur, ids)
    for table in ("strength_sets", "strength_rests", "strength_sessions"):
        for sid in ids:
            cur.execute(f"DELETE FROM {table} WHERE session_id = ?", [sid]).fetchall()


def _merge_session(cur, m: _Merger, item: dict[str, Any]) -> bool:
    """An app's workout the rules say is already stored (an earlier export of the same app): kept once."""
    s = item["session"]
    if m.rules is None:
        return False
    cur.execute(
        "SELECT session_id, source_id, app, local_date, start_time_local, name FROM strength_sessions"
        " WHERE athlete_id = ? AND source_id <> ? AND local_date = ? ORDER BY session_id",
        [m.athlete, m.source_id, s.get("local_date")],
    )
    names = [d[0] for d in cur.description]
    found = None
    for values in cur.fetchall():
        row = {k: _clean(v) for k, v in zip(names, values, strict=True)}
        if m.rules.same_workout(row, s):
            found = row
            break
    if found is None:
        return False
    session_id, kept_source = int(found["session_id"]), int(found["source_id"])
    m.into[kept_source] = None
    m.remember(
        "strength_session", session_id, m.source_id, "absorbed", "strength", s.get("start_time_utc"), None
    )
    m.merged += 1
    return True


def _write_injuries(cur, m: _Merger, injuries: pd.DataFrame, w: Written) -> None:
    """An injury with the same onset and body area as a stored one is the same injury: the stored
    row keeps its values and takes the ones it lacked (an end date logged later)."""
    new_rows = []
    for row in injuries.to_dict("records"):
        row = {k: _clean(v) for k, v in row.items()}
        found = cur.execute(
            "SELECT injury_id, source_id FROM injuries WHERE athlete_id = ? AND onset_date = ?"
            " AND lower(trim(coalesce(body_area, ''))) = lower(trim(coalesce(?, '')))",
            [m.athlete, row["onset_date"], row.get("body_area")],
        ).fetchall()
        if not found:
            new_rows.append(row)
            continue
        injury_id, kept_source = found[0]
        fills = {
            c: row[c]
            for c in ("end_date", "severity", "time_loss", "medical_visit", "note")
            if row.get(c) is not None
        }
        if fills:
            sets = ", ".join(f"{c} = coalesce({c}, ?)" for c in fills)
            cur.execute(
                f"UPDATE injuries SET {sets} WHERE injury_id = ?", [*fills.values(), injury_id]
            ).fetchall()
        if kept_source is not None:
            m.into[int(kept_source)] = None
        m.remember("injury", injury_id, m.source_id, "absorbed", None, None, None)
        m.merged += 1
    if new_rows:
        frame = pd.DataFrame(new_rows, columns=list(injuries.columns))
        frame["injury_id"] = [next_id(cur, "injury_id_seq") for _ in range(len(frame))]
        frame["source_id"] = m.source_id
        _insert_frame(cur, "injuries", frame, athlete_id=m.athlete)
        w.injuries = len(frame)


def _write_strength(cur, m: _Merger, item: dict[str, Any], activity_id: int | None, w: Written) -> int:
    row = {
        **item["session"],
        "session_id": _Next("session_id_seq"),
        "athlete_id": m.athlete,
        "source_id": m.source_id,
    }
    if activity_id is not None:
        row["activity_id"] = activity_id
    session_id = _insert_row(cur, "strength_sessions", row, "session_id")
    sets = item.get("sets")
    if sets is not None and len(sets):
        _insert_frame(cur, "strength_sets", sets, session_id=session_id)
        w.strength_sets += len(sets)
    rests = item.get("rests")
    if rests is not None and len(rests):
        _insert_frame(cur, "strength_rests", rests, session_id=session_id)
    w.strength_sessions += 1
    return session_id
