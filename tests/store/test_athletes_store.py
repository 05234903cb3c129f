"""Several athletes in one store (issue 14): the migration of a one-athlete database made by schema
version 1, files and duplicates per athlete, deleting an athlete with their raw files, the command
line's choice of athlete, a rebuild that keeps athletes, and every store function taking the athlete."""

from __future__ import annotations

import datetime as dt
import inspect
import shutil
from pathlib import Path

import duckdb
import pytest
from athletes import only_athlete

import config
from ingest import delete_athlete
from ingest.__main__ import main as ingest_main
from ingest.pipeline import ingest_paths, ingest_uploads
from ingest.rawstore import find_raw, remove_raw
from ingest.rebuild import rebuild
from store import athletes, edits, plan, read, settings_write
from store.db import (
    OWNED_TABLES,
    SCHEMA_VERSION,
    SchemaOutdated,
    connect,
    schema_version,
    take_migration_message,
)

SCHEMA_V1 = Path(__file__).parent / "data" / "schema_v1.sql"  # `git show fbc3f13:store/schema.sql`
GARMIN = config.sample_logs_dir() / "garmin"


def _fits(n: int, skip: int = 0) -> list[Path]:
    return sorted(GARMIN.glob("*.fit"))[skip : skip + n]


def _uploads(paths: list[Path]) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


# --- the migration from schema version 1 --------------------------------------------------------


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()
    return [r[0] for r in rows]


def _rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> list[tuple]:
    cols = ", ".join(f'"{c}"' for c in columns)
    return sorted(con.execute(f'SELECT {cols} FROM "{table}"').fetchall(), key=repr)


def _v1_database(demo_db: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, list[str]]]:
    """A database as Runstrong wrote it before athletes: made by the version-1 schema text, filled
    with a real import (the demo athlete, through today's pipeline) and the runner's own edits, each
    table's rows copied over without the athlete. Returns the file, the (version-2) database it was
    copied from, and each table's v1 columns."""
    source = tmp_path / "source.duckdb"
    shutil.copy(demo_db, source)
    con = connect(source)
    me = only_athlete(con)
    # The runner's own rows, so that every table of version 1 holds some.
    settings_write.save_settings(con, me, {"hr_max": 188, "units_distance": "mi"})
    edits.save_exercise_regions(con, me, {"turkish get-up": "full"})
    edits.add_injury(con, me, {"onset_date": dt.date(2025, 6, 1), "body_area": "calf", "severity": "minor"})
    acts = read.activities(con, me)
    edits.save_session_note(con, me, 7, "felt strong", activity_id=int(acts["activity_id"].iloc[3]))
    edits.delete_activity(con, me, int(acts["activity_id"].iloc[5]))
    plan.add_planned(
        con, me, {"planned_date": dt.date(2026, 1, 5), "kind": "run", "run_type": "easy", "distance_km": 8}
    )
    settings_write.save_csv_mapping(con, me, "sig", "My sheet", "activities", "{}")
    # The demo has no duplicate and joins no workouts: a merge and a pair kept apart, as the store
    # writes them.
    kept = acts.iloc[4]
    con.execute(
        "INSERT INTO merges (athlete_id, kind, kept_id, source_id, role, sport, start_time_utc, distance_m,"
        " merged_at_utc) VALUES (?, 'activity', ?, ?, 'absorbed', 'running', ?, 8000, now())",
        [me, int(kept["activity_id"]), int(kept["source_id"]), kept["start_time_utc"]],
    )
    con.execute(
        "INSERT INTO strength_kept_apart (athlete_id, watch_start_utc, app, app_local_date, app_start_local,"
        " app_name, decided_at_utc) VALUES (?, '2025-06-02 17:00', 'hevy', '2025-06-02', NULL, 'Legs', now())",
        [me],
    )
    con.close()

    old = tmp_path / "v1.duckdb"
    v1 = duckdb.connect(str(old))
    v1.execute(SCHEMA_V1.read_text())
    tables = _tables(v1)
    v1.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
    columns = {}
    for table in tables:
        if table == "meta":
            continue
        cols = [
            r[0]
            for r in v1.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = 'v1' AND table_name = ?"
                " ORDER BY column_index",
                [table],
            ).fetchall()
        ]
        columns[table] = cols
        names = ", ".join(f'"{c}"' for c in cols)
        v1.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM src."{table}"')
    version = v1.execute("SELECT value FROM src.meta WHERE key = 'data_version'").fetchall()[0][0]
    v1.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', ?)", [version])
    # The old file's sequences had moved on as far as its ids.
    for seq, table, key in (
        ("source_id_seq", "sources", "source_id"),
        ("activity_id_seq", "activities", "activity_id"),
        ("session_id_seq", "strength_sessions", "session_id"),
        ("injury_id_seq", "injuries", "injury_id"),
        ("plan_id_seq", "planned_sessions", "plan_id"),
    ):
        top = v1.execute(f"SELECT max({key}) FROM {table}").fetchall()[0][0]
        v1.execute(f"DROP SEQUENCE {seq}")
        v1.execute(f"CREATE SEQUENCE {seq} START {top + 1}")
    v1.execute("DETACH src")
    v1.close()
    return old, source, columns


def test_a_version_1_database_migrates_in_place_every_row_becoming_athlete_me(demo_db, tmp_path):
    old, source, columns = _v1_database(demo_db, tmp_path)
    src = connect(source, read_only=True)
    readers = ("activities", "laps", "hr_seconds", "strength_sessions", "strength_sets", "injuries")
    reads = {name: getattr(read, name)(src, 1) for name in readers}
    reads_joins, reads_settings = read.strength_joins(src, 1), read.settings(src, 1)
    src.close()
    before = duckdb.connect(str(old), read_only=True)
    assert before.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("1",)]
    want = {t: _rows(before, t, cols) for t, cols in columns.items()}
    # Every table that owns rows, less those added after version 1 (what the dashboard keeps).
    owned_v1 = [t for t in OWNED_TABLES if t in columns]
    assert set(OWNED_TABLES) - set(owned_v1) == {"derived"}
    assert all(want[t] for t in owned_v1), [t for t in owned_v1 if not want[t]]
    before.close()

    # Read-only, an old file is refused with what to do (it cannot be brought up to date so).
    with pytest.raises(SchemaOutdated, match="earlier Runstrong"):
        connect(old, read_only=True)
    con = connect(old)  # no raw store anywhere: nothing can have been parsed again
    assert schema_version(con) == SCHEMA_VERSION
    assert athletes.listing(con)[["athlete_id", "name"]].values.tolist() == [[1, "Me"]]
    for table, cols in columns.items():
        assert _rows(con, table, cols) == want[table], table  # every row, every value, the ids kept
    for table in owned_v1:
        assert con.execute(f"SELECT DISTINCT athlete_id FROM {table}").fetchall() == [(1,)], table
    # The sequences go on after the old ids; the keys are now per athlete.
    assert con.execute("SELECT nextval('source_id_seq')").fetchall()[0][0] > max(
        r[0] for r in want["sources"]
    )
    assert athletes.ensure(con, "Sam") == 2
    # The dashboard's reads see what the runner saw (the views over strength_sessions came back).
    for name, frame in reads.items():
        assert getattr(read, name)(con, 1).equals(frame), name
    assert (
        read.strength_joins(con, 1)
        .drop(columns="merged_at_utc")
        .equals(reads_joins.drop(columns="merged_at_utc"))
    )
    assert read.settings(con, 1) == reads_settings and reads_settings["hr_max"] == 188
    assert read.activities(con, 1)["note"].eq("felt strong").sum() == 1
    # Said once to each: the command line, the dashboard.
    message = take_migration_message(con, "cli")
    assert message and '"Me"' in message and "Nothing was re-imported" in message
    assert take_migration_message(con, "cli") is None
    assert take_migration_message(con, "dashboard") == message
    con.close()
    # Opened again: nothing more to do.
    con = connect(old)
    assert len(athletes.listing(con)) == 2
    con.close()


def test_the_migration_is_one_transaction(tmp_path, monkeypatch):
    """A migration that fails half-way leaves the version-1 file as it was."""
    old = tmp_path / "v1.duckdb"
    v1 = duckdb.connect(str(old))
    v1.execute(SCHEMA_V1.read_text())
    v1.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', '3')")
    v1.execute("INSERT INTO settings VALUES ('hr_max', '190')")
    v1.close()
    from store import db

    def broken(cur, sequence):
        raise RuntimeError("disk full")

    monkeypatch.setattr(db, "next_id", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        connect(old)
    monkeypatch.undo()
    check = duckdb.connect(str(old), read_only=True)
    assert check.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("1",)]
    assert check.execute("SELECT * FROM settings").fetchall() == [("hr_max", "190")]
    assert "athletes" not in _tables(check)
    check.close()
    con = connect(old)
    assert read.settings(con, 1) == {"hr_max": 190}
    con.close()


def test_the_command_line_says_the_migration(tmp_path, capsys):
    old = tmp_path / "v1.duckdb"
    v1 = duckdb.connect(str(old))
    v1.execute(SCHEMA_V1.read_text())
    v1.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', '0')")
    v1.close()
    assert ingest_main(["--db", str(old), "--raw", str(tmp_path / "raw"), str(_fits(1)[0])]) == 0
    out = capsys.readouterr().out
    assert 'now belongs to the athlete "Me"' in out
    assert ingest_main(["--db", str(old), "--raw", str(tmp_path / "raw"), str(_fits(1, 1)[0])]) == 0
    assert "now belongs" not in capsys.readouterr().out  # said once


# --- files and duplicates per athlete --------------------------------------------------------------


def test_a_new_database_has_no_athlete_and_the_first_import_creates_me(db, raw_dir):
    assert athletes.listing(db).empty
    ingest_uploads(db, _uploads(_fits(1)), raw_dir)
    assert athletes.listing(db)["name"].tolist() == ["Me"]


def test_a_file_given_to_two_athletes_lands_for_both_and_again_for_one_adds_nothing(db, raw_dir):
    ann, bob = athletes.ensure(db, "Ann"), athletes.ensure(db, "Bob")
    files = _uploads(_fits(2))
    for who in (ann, bob):
        results = ingest_uploads(db, files, raw_dir, athlete=who)
        assert [r.status for r in results] == ["ok", "ok"], results
    for who in (ann, bob):
        assert read.table_counts(db, who)["activities"] == 2
        assert len(read.sources(db, who)) == 2
    counts = read.table_counts(db, ann)
    again = ingest_uploads(db, files, raw_dir, athlete=ann)
    assert [r.status for r in again] == ["duplicate", "duplicate"]
    assert read.table_counts(db, ann) == counts and read.table_counts(db, bob) == counts
    # One athlete's activities are never the other's duplicates: no merge across them.
    assert read.merges(db, ann).empty and read.merges(db, bob).empty
    # Several athletes: an import that does not say whose is refused, naming them.
    with pytest.raises(athletes.SeveralAthletes, match="Ann, Bob"):
        ingest_uploads(db, _uploads(_fits(1, 2)), raw_dir)


def test_one_athletes_edits_never_touch_anothers_rows(db, raw_dir):
    ann, bob = athletes.ensure(db, "Ann"), athletes.ensure(db, "Bob")
    ingest_uploads(db, _uploads(_fits(1)), raw_dir, athlete=ann)
    ingest_uploads(db, _uploads(_fits(1)), raw_dir, athlete=bob)
    anns = int(read.activities(db, ann)["activity_id"].iloc[0])
    assert edits.delete_activity(db, bob, anns) == 0  # Bob's id space has no such activity
    assert len(read.activities(db, ann)) == 1
    injury = edits.add_injury(db, ann, {"onset_date": dt.date(2025, 6, 1), "body_area": "knee"})
    edits.delete_injury(db, bob, injury)
    assert len(read.injuries(db, ann)) == 1 and read.injuries(db, bob).empty
    settings_write.save_settings(db, ann, {"hr_max": 180})
    assert read.settings(db, bob) == {} and read.settings(db, ann) == {"hr_max": 180}
    assert read.records(db, bob, anns).empty and not read.records(db, ann, anns).empty


def test_athletes_are_created_once_renamed_and_found_by_name(db):
    assert athletes.ensure(db, "  Ann   Lee ") == athletes.ensure(db, "Ann Lee") == 1
    bob = athletes.ensure(db, "Bob")
    athletes.rename(db, bob, "Robert")
    assert athletes.by_name(db, "Robert") == bob and athletes.by_name(db, "Bob") is None
    with pytest.raises(ValueError, match="already named 'Ann Lee'"):
        athletes.rename(db, bob, "Ann Lee")
    with pytest.raises(ValueError, match="needs a name"):
        athletes.ensure(db, "   ")
    assert athletes.listing(db)["name"].tolist() == ["Ann Lee", "Robert"]


# --- deleting an athlete ---------------------------------------------------------------------------


def test_deleting_an_athlete_removes_their_rows_and_the_raw_files_no_one_else_has(db, raw_dir):
    ann, bob = athletes.ensure(db, "Ann"), athletes.ensure(db, "Bob")
    shared, own = _fits(1), _fits(1, 1)
    ingest_uploads(db, _uploads(shared + own), raw_dir, athlete=ann)
    ingest_uploads(db, _uploads(shared), raw_dir, athlete=bob)
    ingest_paths(db, [config.sample_logs_dir() / "strong.csv"], raw_dir, athlete=ann)
    edits.add_injury(db, ann, {"onset_date": dt.date(2025, 6, 1), "body_area": "knee"})
    plan.add_planned(
        db, ann, {"planned_date": dt.date(2026, 1, 5), "kind": "strength", "strength_focus": "core"}
    )
    settings_write.save_settings(db, ann, {"hr_max": 180})
    bob_before = read.table_counts(db, bob)

    what = athletes.contents(db, ann)
    assert what["files"] == 3 and what["activities"] == 2 and what["injuries"] == 1
    assert what["strength sessions"] > 0 and what["planned sessions"] == 1
    gone = athletes.delete(db, ann)
    own_sha = read.sources(db, bob)  # Bob's file is the shared one
    assert set(gone) and not set(gone) & set(own_sha["sha256"])
    assert len(gone) == 2  # Ann's own FIT file and the Strong export
    for table in OWNED_TABLES:
        assert db.execute(f"SELECT count(*) FROM {table} WHERE athlete_id = ?", [ann]).fetchall()[0][0] == 0
    bob_ids = [int(i) for i in read.activities(db, bob)["activity_id"]]
    for child in ("laps", "records", "hr_seconds", "pace_seconds"):
        left = db.execute(f"SELECT DISTINCT activity_id FROM {child}").fetchall()
        assert {r[0] for r in left} <= set(bob_ids), child
    assert db.execute("SELECT count(*) FROM strength_sets").fetchall()[0][0] == 0
    assert athletes.listing(db)["name"].tolist() == ["Bob"]
    assert read.table_counts(db, bob) == bob_before

    assert remove_raw(raw_dir, gone) == 2
    assert all(find_raw(raw_dir, sha) is None for sha in gone)
    assert find_raw(raw_dir, own_sha["sha256"].iloc[0]) is not None  # Bob still has it


def test_ingest_deletes_an_athlete_with_their_raw_files(db, raw_dir):
    ann, bob = athletes.ensure(db, "Ann"), athletes.ensure(db, "Bob")
    ingest_uploads(db, _uploads(_fits(2)), raw_dir, athlete=ann)
    ingest_uploads(db, _uploads(_fits(1)), raw_dir, athlete=bob)
    shas = list(read.sources(db, ann)["sha256"])
    assert delete_athlete(db, ann, raw_dir) == 1  # the file Bob was given too stays
    assert [find_raw(raw_dir, sha) is None for sha in shas] == [False, True]
    assert athletes.by_name(db, "Ann") is None and read.sources(db, ann).empty


# --- the command line's choice of athlete ----------------------------------------------------------


def test_the_command_line_creates_an_athlete_on_first_use_and_refuses_to_guess(tmp_path, capsys):
    db, raw = tmp_path / "rs.duckdb", tmp_path / "raw"
    base = ["--db", str(db), "--raw", str(raw), "-q"]
    assert ingest_main([*base, str(_fits(1)[0])]) == 0  # no athlete yet: "Me"
    assert ingest_main([*base, str(_fits(1, 1)[0])]) == 0  # one athlete: that one
    assert ingest_main([*base, "--athlete", "Coach's runner", str(_fits(1)[0])]) == 0
    capsys.readouterr()
    assert ingest_main([*base, str(_fits(1, 2)[0])]) == 2
    err = capsys.readouterr().err
    assert "Me, Coach's runner" in err and "--athlete NAME" in err
    con = connect(db)
    me, other = athletes.by_name(con, "Me"), athletes.by_name(con, "Coach's runner")
    assert me is not None and other is not None
    assert len(read.activities(con, me)) == 2 and len(read.activities(con, other)) == 1
    con.close()


def test_the_export_command_takes_the_athlete_by_the_same_rules(tmp_path, capsys):
    from cli.export import main as export_main

    db, raw = tmp_path / "rs.duckdb", tmp_path / "raw"
    con = connect(db)
    ingest_uploads(con, _uploads(_fits(3)), raw, athlete=athletes.ensure(con, "Ann"))
    ingest_uploads(con, _uploads(_fits(1, 3)), raw, athlete=athletes.ensure(con, "Bob"))
    con.close()
    assert export_main(["--db", str(db), "--out", str(tmp_path / "x")]) == 2
    assert "Ann, Bob" in capsys.readouterr().err
    assert export_main(["--db", str(db), "--out", str(tmp_path / "x"), "--athlete", "Cy"]) == 2
    assert "no athlete named 'Cy'" in capsys.readouterr().err
    assert export_main(["--db", str(db), "--out", str(tmp_path / "ann"), "--athlete", "Ann"]) == 0
    assert export_main(["--db", str(db), "--out", str(tmp_path / "bob"), "--athlete", "Bob"]) == 0
    runs = {who: (tmp_path / who / "runs.csv").read_text().count("\n") for who in ("ann", "bob")}
    assert runs["ann"] == runs["bob"] + 2


# --- a rebuild keeps athletes ----------------------------------------------------------------------


def test_a_rebuild_keeps_each_athlete_with_their_files_and_own_rows(tmp_path):
    db, raw = tmp_path / "rs.duckdb", tmp_path / "raw"
    con = connect(db)
    ann, bob = athletes.ensure(con, "Ann"), athletes.ensure(con, "Bob")
    ingest_uploads(con, _uploads(_fits(3)), raw, athlete=ann)
    ingest_uploads(con, _uploads(_fits(2, 1)), raw, athlete=bob)  # one file theirs both
    settings_write.save_settings(con, bob, {"hr_max": 201})
    edits.add_injury(con, ann, {"onset_date": dt.date(2025, 6, 1), "body_area": "knee"})
    plan.add_planned(
        con, bob, {"planned_date": dt.date(2026, 1, 5), "kind": "run", "run_type": "long", "distance_km": 25}
    )
    edits.delete_activity(con, ann, int(read.activities(con, ann)["activity_id"].iloc[0]))
    before = {who: read.table_counts(con, who) for who in (ann, bob)}
    listing = athletes.listing(con)
    con.close()

    done = rebuild(db, raw)
    assert not done.missing and not done.unclaimed
    con = connect(db)
    assert athletes.listing(con).equals(listing)
    assert {who: read.table_counts(con, who) for who in (ann, bob)} == before
    assert read.settings(con, bob) == {"hr_max": 201} and read.settings(con, ann) == {}
    assert len(read.injuries(con, ann)) == 1 and read.injuries(con, bob).empty
    assert len(read.planned_sessions(con, bob)) == 1 and read.planned_sessions(con, ann).empty
    assert len(read.activities(con, ann)) == 2  # the deletion replayed for Ann only
    assert athletes.ensure(con, "Cy") == 3  # new athletes go on after the kept ids
    con.close()


# --- every store function takes the athlete --------------------------------------------------------

# Install-wide: the schema, and what a rebuild carries for the whole store before it goes athlete
# by athlete.
INSTALL_WIDE = {
    "store.read": {"table_names"},
    "store.settings_write": set(),
    "store.carry": {"import_order", "carry_athletes"},
    "store.write": set(),
    "store.edits": set(),
    "store.plan": set(),
    "store.strength_join": {"release"},  # by the watch sessions' ids, inside an athlete's write
    "store.wallclock": set(),
    "store.derived": set(),
}
# Where the athlete stands: after the connection, or (a rebuild's) after the old and new ones.
POSITION = {"store.carry": 2, "store.plan.carry": 2}


@pytest.mark.parametrize("module", sorted(INSTALL_WIDE))
def test_every_public_store_function_takes_the_athlete(module):
    mod = __import__(module, fromlist=["_"])
    lacking = []
    for name, fn in inspect.getmembers(mod, inspect.isfunction):
        if name.startswith("_") or fn.__module__ != module or name in INSTALL_WIDE[module]:
            continue
        params = list(inspect.signature(fn).parameters.values())
        at = POSITION.get(f"{module}.{name}", POSITION.get(module, 1))
        if (
            len(params) <= at
            or params[at].name not in ("athlete", "athletes")  # one, or a roster's list
            or params[at].default is not inspect.Parameter.empty
        ):
            lacking.append(name)
    assert not lacking, f"{module}: these take no required `athlete` parameter where it belongs: {lacking}"
    assert INSTALL_WIDE[module] <= {n for n, _ in inspect.getmembers(mod, inspect.isfunction)}
