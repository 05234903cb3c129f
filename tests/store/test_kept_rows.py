"""Each athlete's data version, and what the dashboard computed and kept (store.derived): a write
for one athlete moves only their version; keeping is no data write; an athlete's deletion takes
what was kept of them; their export leaves it out, and the other athletes' versions too."""

from __future__ import annotations

import pytest

from store import athlete_versions, athletes, connect, data_version, derived, read, settings_write
from store.db import ATHLETE_VERSION_KEY, transaction, write_count


@pytest.fixture()
def two(tmp_path):
    con = connect(tmp_path / "kept.duckdb")
    a, b = athletes.ensure(con, "Ann"), athletes.ensure(con, "Bob")
    yield con, a, b
    con.close()


def test_a_write_for_one_athlete_moves_only_their_version(two):
    con, a, b = two
    before = athlete_versions(con, [a, b])
    settings_write.save_settings(con, a, {"week_start": "sunday"})
    after = athlete_versions(con, [a, b])
    assert after[a] != before[a] and after[b] == before[b]
    settings_write.save_settings(con, b, {"week_start": "sunday"})
    again = athlete_versions(con, [a, b])
    assert again[a] == after[a] and again[b] != after[b]
    # A write about the athletes themselves (a new name) changes nobody's training data.
    version = data_version(con)
    athletes.rename(con, b, "Bea")
    assert athlete_versions(con, [a, b]) == again
    assert data_version(con) > version
    # An athlete's version never comes back to a value it had: a kept row never matches again.
    seen = {before[a], after[a]}
    for k in range(3):
        settings_write.save_settings(con, a, {"hr_rest": 50 + k})
        now = athlete_versions(con, [a])[a]
        assert now not in seen
        seen.add(now)


def test_an_athlete_without_a_version_of_their_own_gets_one_on_the_next_open(tmp_path):
    path = tmp_path / "old.duckdb"
    con = connect(path)
    a = athletes.ensure(con, "Ann")
    settings_write.save_settings(con, a, {"week_start": "sunday"})
    # As a file an earlier Runstrong wrote: no version of their own.
    con.execute("DELETE FROM meta WHERE starts_with(key, ?)", [ATHLETE_VERSION_KEY]).fetchall()
    assert athlete_versions(con, [a]) == {a: data_version(con)}  # the data version stands in
    con.close()
    con = connect(path)
    rows = con.execute("SELECT value FROM meta WHERE key = ?", [f"{ATHLETE_VERSION_KEY}{a}"]).fetchall()
    assert rows == [(str(write_count(con)),)]  # their counter starts at the write counter
    # Deleting the athlete takes their version too.
    athletes.delete(con, a)
    assert not con.execute("SELECT key FROM meta WHERE starts_with(key, ?)", [ATHLETE_VERSION_KEY]).fetchall()
    con.close()


def test_keeping_is_no_data_write_and_reads_back_by_athlete_and_kind(two):
    con, a, b = two
    version = data_version(con)
    assert derived.keep(con, a, "roster_row", "k1", '{"x": 1}')
    assert derived.keep(con, b, "roster_row", "k2", '{"x": 2}')
    assert derived.keep(con, a, "other", "k3", "[]")
    assert data_version(con) == version
    assert derived.stored(con, [a, b], "roster_row") == {a: ("k1", '{"x": 1}'), b: ("k2", '{"x": 2}')}
    assert derived.stored(con, [b], "roster_row") == {b: ("k2", '{"x": 2}')}
    assert derived.stored(con, [], "roster_row") == {}
    # A second keep replaces the first.
    assert derived.keep(con, a, "roster_row", "k4", '{"x": 4}')
    assert derived.stored(con, [a], "roster_row") == {a: ("k4", '{"x": 4}')}


def test_deleting_an_athlete_takes_what_was_kept_of_them(two):
    con, a, b = two
    derived.keep(con, a, "roster_row", "k", "{}")
    derived.keep(con, b, "roster_row", "k", "{}")
    athletes.delete(con, a)
    assert derived.stored(con, [a, b], "roster_row") == {b: ("k", "{}")}


def test_an_export_leaves_out_what_was_kept_and_the_other_athletes_versions(two):
    con, a, b = two
    settings_write.save_settings(con, a, {"week_start": "sunday"})
    settings_write.save_settings(con, b, {"week_start": "sunday"})
    derived.keep(con, a, "roster_row", "k", "{}")
    tables = read.export_tables(con, a)
    assert "derived" not in tables
    keys = set(tables["meta"]["key"])
    assert f"{ATHLETE_VERSION_KEY}{a}" in keys
    assert f"{ATHLETE_VERSION_KEY}{b}" not in keys


def test_keeping_on_a_read_only_file_is_refused_quietly(tmp_path):
    path = tmp_path / "ro.duckdb"
    con = connect(path)
    a = athletes.ensure(con, "Ann")
    con.close()
    ro = connect(path, read_only=True)
    try:
        assert derived.keep(ro, a, "roster_row", "k", "{}") is False
        assert derived.stored(ro, [a], "roster_row") == {}
    finally:
        ro.close()


def test_every_store_write_says_whose_rows_it_writes():
    """transaction() takes the athlete with no default: a writer that forgot it would not type-check
    nor run; here, that the parameter stays required."""
    import inspect

    param = inspect.signature(transaction).parameters["athlete"]
    assert param.default is inspect.Parameter.empty
