"""The athletes the store holds: list, create on first use, rename, and delete with every row.

A runner's own install has one athlete; a coach's, several. Every owned table's row carries its
athlete's id (store/schema.sql); the rows of laps, records, heart-rate and pace seconds, sets and
rests belong through their activity or strength session.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from store.db import FIRST_ATHLETE, OWNED_TABLES, next_id, transaction, utc_now


class SeveralAthletes(ValueError):
    """A command given no athlete in a database of several: it cannot guess whose data it is."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(
            f"this database holds {len(names)} athletes ({', '.join(names)}): "
            "say whose data it is with --athlete NAME"
        )


class NoSuchAthlete(ValueError):
    """A name that is no athlete of this database (for a command that does not create one)."""

    def __init__(self, name: str, names: list[str]):
        self.names = names
        known = ", ".join(names) if names else "none yet"
        super().__init__(f"no athlete named {name!r} in this database (athletes: {known})")


def _clean(name: str) -> str:
    text = " ".join(str(name).split())
    if not text:
        raise ValueError("an athlete needs a name")
    return text


def listing(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every athlete: athlete_id, name, created_at_utc, in the order they were created."""
    return (
        con.cursor().execute("SELECT athlete_id, name, created_at_utc FROM athletes ORDER BY athlete_id").df()
    )


def names(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.cursor().execute("SELECT name FROM athletes ORDER BY athlete_id").fetchall()]


def by_name(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    """The athlete of that name (spaces tidied; case as written), or None."""
    rows = con.cursor().execute("SELECT athlete_id FROM athletes WHERE name = ?", [_clean(name)]).fetchall()
    return int(rows[0][0]) if rows else None


def ensure(con: duckdb.DuckDBPyConnection, name: str) -> int:
    """The athlete of that name, created on first use; returns their id."""
    name = _clean(name)
    found = by_name(con, name)
    if found is not None:
        return found
    with transaction(con, None) as cur:
        # Looked for again inside the transaction: another session may have just created them.
        rows = cur.execute("SELECT athlete_id FROM athletes WHERE name = ?", [name]).fetchall()
        if rows:
            return int(rows[0][0])
        athlete = next_id(cur, "athlete_id_seq")
        cur.execute("INSERT INTO athletes VALUES (?, ?, ?)", [athlete, name, utc_now()]).fetchall()
    return athlete


def choose(con: duckdb.DuckDBPyConnection, name: str | None = None, create: bool = True) -> int:
    """Whose data a command means. With a name: that athlete (created on first use when `create`,
    else NoSuchAthlete). Without: no athlete yet -> "Me" (created when `create`, else 0: nothing to
    read); one athlete -> that one; several -> SeveralAthletes, naming them."""
    if name is not None:
        if create:
            return ensure(con, name)
        found = by_name(con, name)
        if found is None:
            raise NoSuchAthlete(name, names(con))
        return found
    rows = con.cursor().execute("SELECT athlete_id FROM athletes ORDER BY athlete_id").fetchall()
    if len(rows) > 1:
        raise SeveralAthletes(names(con))
    if rows:
        return int(rows[0][0])
    return ensure(con, FIRST_ATHLETE) if create else 0


def rename(con: duckdb.DuckDBPyConnection, athlete: int, name: str) -> None:
    """Give an athlete another name; ValueError when another athlete has it."""
    name = _clean(name)
    other = by_name(con, name)
    if other is not None and other != athlete:
        raise ValueError(f"another athlete is already named {name!r}")
    with transaction(con, None) as cur:
        cur.execute("UPDATE athletes SET name = ? WHERE athlete_id = ?", [name, athlete]).fetchall()


def contents(con: duckdb.DuckDBPyConnection, athlete: int) -> dict[str, int]:
    """What deleting the athlete would remove, for the confirmation: files, activities, strength
    sessions (as counted: a joined watch and app workout once), injuries, planned sessions."""
    cur = con.cursor()

    def count(sql: str) -> int:
        return int(cur.execute(sql, [athlete]).fetchall()[0][0])

    return {
        "files": count("SELECT count(*) FROM sources WHERE athlete_id = ? AND parent_sha256 IS NULL"),
        "activities": count("SELECT count(*) FROM activities WHERE athlete_id = ?"),
        "strength sessions": count("SELECT count(*) FROM strength_sessions_merged WHERE athlete_id = ?"),
        "injuries": count("SELECT count(*) FROM injuries WHERE athlete_id = ?"),
        "planned sessions": count("SELECT count(*) FROM planned_sessions WHERE athlete_id = ?"),
    }


# Child tables: their rows belong through the parent's id.
_CHILDREN = (
    ("laps", "activity_id", "activities"),
    ("records", "activity_id", "activities"),
    ("hr_seconds", "activity_id", "activities"),
    ("pace_seconds", "activity_id", "activities"),
    ("strength_sets", "session_id", "strength_sessions"),
    ("strength_rests", "session_id", "strength_sessions"),
)


def delete(con: duckdb.DuckDBPyConnection, athlete: int) -> list[str]:
    """Remove the athlete and every row of theirs, in one transaction. Returns the SHA-256 of
    their raw files that no other athlete's sources name: the caller removes those files from the
    raw store (ingest.rawstore.remove_raw) once the rows are gone."""
    with transaction(con, None) as cur:
        shas = cur.execute(
            "SELECT DISTINCT sha256 FROM sources s WHERE athlete_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM sources o WHERE o.sha256 = s.sha256 AND o.athlete_id <> s.athlete_id)"
            " ORDER BY sha256",
            [athlete],
        ).fetchall()
        for child, key, parent in _CHILDREN:
            cur.execute(
                f"DELETE FROM {child} WHERE {key} IN (SELECT {key} FROM {parent} WHERE athlete_id = ?)",
                [athlete],
            ).fetchall()
        for table in OWNED_TABLES:
            cur.execute(f"DELETE FROM {table} WHERE athlete_id = ?", [athlete]).fetchall()
        cur.execute("DELETE FROM athletes WHERE athlete_id = ?", [athlete]).fetchall()
    return [r[0] for r in shas]
