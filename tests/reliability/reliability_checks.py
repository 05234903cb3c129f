"""What must hold after any input, however damaged: checked on a parse result and on the store."""

from __future__ import annotations

import math

import duckdb
from hypothesis import settings

from ingest.model import RECORD_COLUMNS
from ingest.pipeline import Prepared

STATUSES = {"ok", "partial", "failed", "skipped", "duplicate"}
# The message prepare() gives when a parser raised something it did not mean to: a bug.
PARSER_BUG = "unexpected error while reading it"


def result_problems(prepared: Prepared) -> list[str]:
    """Why this parse result breaks a promise (empty when it keeps them all)."""
    r = prepared.result
    problems = []
    if PARSER_BUG in r.message:
        problems.append(f"parser crash: {r.message}")
    if r.status not in STATUSES:
        problems.append(f"unknown status {r.status!r}")
    if r.status != "ok" and not r.message.strip():
        problems.append(f"status {r.status} without a message")
    if r.status in ("failed", "skipped") and not r.empty:
        problems.append(f"status {r.status} but it brought rows")
    for i, a in enumerate(r.activities):
        act = a.activity
        if act.get("start_time_utc") is None or act.get("local_date") is None:
            problems.append(f"activity {i} without a start time or local date")
        if act.get("n_records") != len(a.records):
            problems.append(f"activity {i}: n_records {act.get('n_records')} but {len(a.records)} records")
        if list(a.records.columns) != RECORD_COLUMNS:
            problems.append(f"activity {i}: record columns {list(a.records.columns)}")
        if len(a.laps) and a.laps["lap_index"].duplicated().any():
            problems.append(f"activity {i}: repeated lap_index")
        infinite = [k for k, v in act.items() if isinstance(v, float) and math.isinf(v)]
        if infinite:
            problems.append(f"activity {i}: infinite {infinite}")
    for i, s in enumerate(r.strength_sessions):
        numeric = s.sets.select_dtypes("number")
        if len(numeric) and not numeric.abs().lt(math.inf).where(numeric.notna(), True).all().all():
            problems.append(f"strength session {i}: infinite values in its sets")
    return problems


def store_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Whole files only: every activity holds exactly its records, nothing is orphaned, and a file
    that failed or was skipped owns no rows."""
    cur = con.cursor()
    checks = {
        "activities whose records count differs from n_records": """
            SELECT a.activity_id FROM activities a
            LEFT JOIN (SELECT activity_id, count(*) AS n FROM records GROUP BY ALL) r USING (activity_id)
            WHERE coalesce(r.n, 0) <> coalesce(a.n_records, 0)""",
        "activities without a sources row": """
            SELECT activity_id FROM activities WHERE source_id NOT IN (SELECT source_id FROM sources)""",
        "rows of failed or skipped files": """
            SELECT source_id FROM activities WHERE source_id IN
                (SELECT source_id FROM sources WHERE status IN ('failed', 'skipped'))
            UNION ALL SELECT source_id FROM strength_sessions WHERE source_id IN
                (SELECT source_id FROM sources WHERE status IN ('failed', 'skipped'))
            UNION ALL SELECT source_id FROM injuries WHERE source_id IN
                (SELECT source_id FROM sources WHERE status IN ('failed', 'skipped'))""",
        "orphan laps, records, hr_seconds or pace_seconds": """
            SELECT activity_id FROM laps WHERE activity_id NOT IN (SELECT activity_id FROM activities)
            UNION ALL SELECT activity_id FROM records
                WHERE activity_id NOT IN (SELECT activity_id FROM activities)
            UNION ALL SELECT activity_id FROM hr_seconds
                WHERE activity_id NOT IN (SELECT activity_id FROM activities)
            UNION ALL SELECT activity_id FROM pace_seconds
                WHERE activity_id NOT IN (SELECT activity_id FROM activities)""",
        "orphan strength sets": """
            SELECT session_id FROM strength_sets
            WHERE session_id NOT IN (SELECT session_id FROM strength_sessions)""",
        "files, activities or strength sessions of no athlete": """
            SELECT source_id FROM sources WHERE athlete_id NOT IN (SELECT athlete_id FROM athletes)
            UNION ALL SELECT activity_id FROM activities WHERE athlete_id NOT IN (SELECT athlete_id FROM athletes)
            UNION ALL SELECT session_id FROM strength_sessions
                WHERE athlete_id NOT IN (SELECT athlete_id FROM athletes)""",
        "sources without a message that did not end ok": """
            SELECT source_id FROM sources WHERE status <> 'ok' AND coalesce(trim(message), '') = ''""",
    }
    problems = []
    for what, sql in checks.items():
        rows = cur.execute(sql).fetchall()
        if rows:
            problems.append(f"{what}: {[r[0] for r in rows[:5]]}")
    return problems


def examples(n: int) -> int:
    """Hypothesis examples for a fuzz test: `n` in the suite, more under `make fuzz`'s profile."""
    return max(n, settings.default.max_examples)


def fixed_seed() -> bool:
    """The suite replays the same examples every run; the long run draws new ones."""
    return settings.default.max_examples < 1000


# Surrogate ids and the time of the import say nothing about the data: a digest leaves them out
# and names each child row by its parent's natural key instead.
ID_COLUMNS = {
    "activity_id",
    "source_id",
    "session_id",
    "injury_id",
    "kept_id",
    "imported_at_utc",
    "merged_at_utc",
    "created_at_utc",  # when an athlete was created: the time of the import that created them
}
PARENT_KEYS = {
    "activity_id": ("activities", ["start_time_utc", "sport", "session_index", "distance_m"]),
    "session_id": ("strength_sessions", ["local_date", "start_time_local", "app", "name"]),
    "source_id": ("sources", ["sha256"]),
}


def table_digest(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """{table: (rows, order-free checksum of its content)} for every table but `meta` (which
    holds the change counter). Two stores with equal digests hold the same data."""
    cur = con.cursor()
    out = {}
    tables = [r[0] for r in cur.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    for table in tables:
        if table == "meta":
            continue
        cols = [
            r[0]
            for r in cur.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [table]
            ).fetchall()
        ]
        fields = [f't."{c}"' for c in cols if c not in ID_COLUMNS]
        joins = []
        for i, (key, (parent, natural)) in enumerate(PARENT_KEYS.items()):
            if key in cols and parent != table:
                joins.append(f'LEFT JOIN {parent} p{i} ON p{i}."{key}" = t."{key}"')
                fields += [f'p{i}."{n}"' for n in natural]
        packed = ", ".join(f"f{j} := {f}" for j, f in enumerate(fields))
        sql = (
            f"SELECT count(*), coalesce(sum(hash(struct_pack({packed}))), 0) FROM {table} t {' '.join(joins)}"
        )
        n, digest = cur.execute(sql).fetchall()[0]
        out[table] = (int(n), int(digest))
    return out
