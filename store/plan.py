"""The runner's plan (planned_sessions): add, edit, move, delete, and copy a week forward, each one
transaction. Rows are checked by domain.plan.check_row, the same check the plan template's
reader uses, so the page and a file refuse the same rows for the same reason. Each takes the
athlete's id second: a plan is one athlete's, and an id of another's planned session changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from domain.plan import COLUMNS, PlanRowError, check_row, same_session
from store.db import next_id, transaction, utc_now

_SELECT = f"SELECT plan_id, {', '.join(COLUMNS)} FROM planned_sessions"


def _insert(cur: duckdb.DuckDBPyConnection, athlete: int, row: dict[str, Any], source_id: int | None) -> int:
    plan_id = next_id(cur, "plan_id_seq")
    cur.execute(
        f"INSERT INTO planned_sessions (plan_id, athlete_id, {', '.join(COLUMNS)}, source_id, edited_at_utc)"
        f" VALUES (?, ?, {', '.join('?' * len(COLUMNS))}, ?, ?)",
        [plan_id, athlete, *(row[c] for c in COLUMNS), source_id, utc_now()],
    ).fetchall()
    return plan_id


def _rows_on(cur: duckdb.DuckDBPyConnection, athlete: int, day: dt.date) -> list[dict[str, Any]]:
    got = cur.execute(f"{_SELECT} WHERE athlete_id = ? AND planned_date = ?", [athlete, day])
    names = [d[0] for d in got.description]
    return [dict(zip(names, r, strict=True)) for r in got.fetchall()]


def is_planned(cur: duckdb.DuckDBPyConnection, athlete: int, row: dict[str, Any]) -> bool:
    """The same session (the note aside) is already in the athlete's plan."""
    return any(same_session(row, other) for other in _rows_on(cur, athlete, row["planned_date"]))


def insert_checked(
    cur: duckdb.DuckDBPyConnection, athlete: int, rows: list[dict[str, Any]], source_id: int | None
) -> tuple[int, int]:
    """Checked rows into the athlete's plan inside the caller's transaction; (added, already planned)."""
    added = same = 0
    for row in rows:
        if is_planned(cur, athlete, row):
            same += 1
            continue
        _insert(cur, athlete, row, source_id)
        added += 1
    return added, same


def add_planned(con: duckdb.DuckDBPyConnection, athlete: int, row: dict[str, Any]) -> int:
    """Plan one session (entered by hand); returns its plan_id. PlanRowError for a bad row."""
    checked = check_row(row)
    with transaction(con, athlete) as cur:
        return _insert(cur, athlete, checked, None)


def add_many(
    con: duckdb.DuckDBPyConnection, athlete: int, rows: list[dict[str, Any]]
) -> tuple[int, list[str]]:
    """Plan several sessions by hand in one transaction ("repeat last week's pattern", "Place my
    strength"): each row checked on its own, a session already planned not doubled. Returns the
    number added and, for each refused row, its number (from 1) and the reason."""
    checked, problems = [], []
    for n, row in enumerate(rows, start=1):
        try:
            checked.append(check_row(row))
        except PlanRowError as exc:
            problems.append(f"session {n}: {exc}")
    with transaction(con, athlete) as cur:
        added, _ = insert_checked(cur, athlete, checked, None)
    return added, problems


def update_planned(con: duckdb.DuckDBPyConnection, athlete: int, plan_id: int, row: dict[str, Any]) -> None:
    """Replace a planned session's fields (its origin stays). PlanRowError for a bad row."""
    checked = check_row(row)
    with transaction(con, athlete) as cur:
        sets = ", ".join(f"{c} = ?" for c in COLUMNS)
        cur.execute(
            f"UPDATE planned_sessions SET {sets}, edited_at_utc = ? WHERE plan_id = ? AND athlete_id = ?",
            [*(checked[c] for c in COLUMNS), utc_now(), plan_id, athlete],
        ).fetchall()


def move_planned(
    con: duckdb.DuckDBPyConnection,
    athlete: int,
    plan_id: int,
    day: dt.date,
    time_local: dt.time | str | None = "keep",
) -> None:
    """Move a planned session to another day (and time: None clears it; "keep" keeps it)."""
    with transaction(con, athlete) as cur:
        if time_local == "keep":
            cur.execute(
                "UPDATE planned_sessions SET planned_date = ?, edited_at_utc = ? WHERE plan_id = ? AND athlete_id = ?",
                [day, utc_now(), plan_id, athlete],
            ).fetchall()
        else:
            cur.execute(
                "UPDATE planned_sessions SET planned_date = ?, time_local = ?, edited_at_utc = ?"
                " WHERE plan_id = ? AND athlete_id = ?",
                [day, time_local, utc_now(), plan_id, athlete],
            ).fetchall()


def delete_planned(con: duckdb.DuckDBPyConnection, athlete: int, plan_id: int) -> int:
    """Remove a planned session; returns how many rows went (0 or 1)."""
    with transaction(con, athlete) as cur:
        where = "WHERE plan_id = ? AND athlete_id = ?"
        n = cur.execute(f"SELECT count(*) FROM planned_sessions {where}", [plan_id, athlete]).fetchall()
        cur.execute(f"DELETE FROM planned_sessions {where}", [plan_id, athlete]).fetchall()
    return int(n[0][0])


def copy_week(con: duckdb.DuckDBPyConnection, athlete: int, from_start: dt.date, to_start: dt.date) -> int:
    """Repeat a week's pattern: each session of the 7 days from ``from_start`` is planned on the
    same weekday of the 7 days from ``to_start`` (a session already planned there is not doubled).
    Returns how many sessions were added."""
    shift = to_start - from_start
    with transaction(con, athlete) as cur:
        got = cur.execute(
            f"{_SELECT} WHERE athlete_id = ? AND planned_date >= ? AND planned_date < ?"
            " ORDER BY planned_date, time_local, plan_id",
            [athlete, from_start, from_start + dt.timedelta(days=7)],
        )
        names = [d[0] for d in got.description]
        rows = [dict(zip(names, r, strict=True)) for r in got.fetchall()]
        moved = [{**r, "planned_date": r["planned_date"] + shift} for r in rows]
        added, _ = insert_checked(cur, athlete, moved, None)
    return added


def carry(old: duckdb.DuckDBPyConnection, new: duckdb.DuckDBPyConnection, athlete: int) -> int:
    """A rebuild: the athlete's plan as it stands in the old database replaces what the replayed
    plan files wrote (the runner may have moved, edited or deleted imported rows). An imported row
    keeps pointing at its file, found again by its SHA-256 among the athlete's. The athlete keeps
    their id in the new database. Returns the rows carried."""
    cur_old = old.cursor()
    # An older database (opened read-only, so not brought up to date) has no plan.
    if not cur_old.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'planned_sessions'").fetchall():
        return 0
    rows = cur_old.execute(
        f"SELECT {', '.join('p.' + c for c in COLUMNS)}, s.sha256, p.edited_at_utc FROM planned_sessions p"
        " LEFT JOIN sources s USING (source_id) WHERE p.athlete_id = ? ORDER BY p.plan_id",
        [athlete],
    ).fetchall()
    with transaction(new, athlete) as cur:
        cur.execute("DELETE FROM planned_sessions WHERE athlete_id = ?", [athlete]).fetchall()
        for *values, sha, edited in rows:
            found = (
                cur.execute(
                    "SELECT source_id FROM sources WHERE athlete_id = ? AND sha256 = ?", [athlete, sha]
                ).fetchall()
                if sha
                else []
            )
            cur.execute(
                f"INSERT INTO planned_sessions (plan_id, athlete_id, {', '.join(COLUMNS)}, source_id, edited_at_utc)"
                f" VALUES (nextval('plan_id_seq'), ?, {', '.join('?' * len(COLUMNS))}, ?, ?)",
                [athlete, *values, found[0][0] if found else None, edited],
            ).fetchall()
    return len(rows)
