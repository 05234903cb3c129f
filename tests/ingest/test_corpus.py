"""Every file in ../shared/realdata goes in with correct values or ends with a clear message."""

from __future__ import annotations

import collections
import csv
from pathlib import Path

import fitparse
import pytest
from athletes import only_athlete

from ingest.pipeline import ingest_paths
from store import read

pytestmark = pytest.mark.realdata

# Files whose messages fitparse reads but whose times are missing (INVENTORY.tsv cannot say so):
# records without a timestamp are no activity; a session without a start time is not a summary.
NO_TIME = {
    "fit_other/fitparse__DeveloperData.fit": "skipped",
    "fit_other/sportslib__broken-dates.fit": "partial",
}
STRONG = ("harrig12__strong.csv", "strongstats__sample_strong.csv", "strongstats__sample_strong_legacy.csv")


def test_every_file_has_a_result_and_none_crashed(corpus, realdata, inventory):
    offered = {
        p
        for f in ("csv_activities", "csv_strength", "fit_corrupt", "fit_other", "fit_run", "fit_strength")
        for p in (realdata / f).iterdir()
    }
    names = {r.file_name for r in corpus.results}
    assert {str(p) for p in offered} <= names
    for r in corpus.results:
        assert r.status in ("ok", "partial", "skipped", "failed", "duplicate"), r
        assert "unexpected error" not in r.message, (r.file_name, r.message)
        if r.status != "ok":
            assert r.message, r.file_name
    # Each FIT file as fitparse alone reads it (INVENTORY.tsv): one it reads whole, with a session,
    # goes in whole (or is a copy of another); one without a session summary but with records goes
    # in part (totals from the records), without records it holds no activity: skipped; one
    # fitparse rejects is salvaged in part or refused.
    status = {r.file_name: (r.status, r.message) for r in corpus.results}
    odd = []
    for key, row in inventory.items():
        got, message = status[str(corpus_path(corpus, key))]
        if key in NO_TIME:
            allowed = {NO_TIME[key]}
        elif row["fitparse_status"] != "ok":
            allowed = {"partial", "failed", "duplicate"}
        elif int(row["n_sessions"]) > 0:
            allowed = {"ok", "duplicate"}
        else:
            allowed = {"partial"} if int(row["n_records"]) > 0 else {"skipped"}
        if got not in allowed:
            odd.append((key, row["fitparse_status"], row["n_sessions"], row["n_records"], got, message))
    assert not odd, "\n".join(map(str, odd))
    failed = [n for n, (st, _) in status.items() if st == "failed"]
    assert all("fit_corrupt" in n or "fit_other" in n or "other/" in n for n in failed)


def test_every_run_is_stored(corpus, inventory):
    sources = read.sources(corpus.con, only_athlete(corpus.con)).set_index("file_name")
    acts = read.activities(corpus.con, only_athlete(corpus.con))
    for key, row in inventory.items():
        if not key.startswith("fit_run/"):
            continue
        src = sources.loc[str(corpus_path(corpus, key))]
        mine = acts[acts.source_id == src["source_id"]]
        if src["status"] == "duplicate":
            continue
        assert len(mine) == int(row["n_sessions"]), key
        assert (mine["sport"] == "running").all(), key


# The keys these tables had as PRIMARY KEYs before they were dropped for the write's speed
# (store/schema.sql): every file's rows must still hold them once.
FRAME_KEYS = {"laps": "lap_index", "hr_seconds": "heart_rate", "pace_seconds": "pace_s_per_km"}


@pytest.mark.parametrize("table", sorted(FRAME_KEYS))
def test_each_activity_s_frame_rows_are_unique_on_their_key(corpus, table):
    key = FRAME_KEYS[table]
    rows, distinct = corpus.con.execute(
        f"SELECT count(*), count(DISTINCT (activity_id, {key})) FROM {table}"
    ).fetchall()[0]
    assert rows > 0 and rows == distinct, (table, rows, distinct)


def corpus_path(corpus, key):
    return corpus.realdata / key


def test_strength_sets_in_the_store_match_the_files(corpus, inventory):
    """Work sets and rests apart, each counted in the file by fitparse itself (its set messages by
    set_type); together they are INVENTORY.tsv's n_sets."""
    con = corpus.con.cursor()
    for key, row in inventory.items():
        if not key.startswith("fit_strength/"):
            continue
        fit = fitparse.FitFile(str(corpus_path(corpus, key)))
        kinds = collections.Counter(m.get_value("set_type") for m in fit.get_messages("set"))
        assert kinds["active"] + kinds["rest"] == int(row["n_sets"]), key
        where = " JOIN sources src USING (source_id) WHERE src.file_name = ?"
        file = [str(corpus_path(corpus, key))]
        sets, sessions = con.execute(
            "SELECT count(t.set_index), count(DISTINCT s.session_id) FROM strength_sessions s"
            " LEFT JOIN strength_sets t USING (session_id)" + where,
            file,
        ).fetchone()
        (rests,) = con.execute(
            "SELECT count(*) FROM strength_rests r JOIN strength_sessions s USING (session_id)" + where, file
        ).fetchone()
        assert (sets, rests) == (kinds["active"], kinds["rest"]), key
        assert sessions >= 1, key  # a strength activity without sets is still a session


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_csvs_are_in_the_store(corpus):
    """Sessions and sets per app, counted in the files with the csv module: a Hevy workout is its
    (title, start_time), a Strong workout its Date. The legacy Strong file repeats a workout of the
    sample (the same start): kept once, from the file imported first (files go in name order)."""
    folder = corpus.realdata / "csv_strength"
    hevy = _rows(folder / "strongstats__sample_hevy.csv")
    expected = {"hevy": (len({(r["title"], r["start_time"]) for r in hevy}), len(hevy))}
    seen: set[str] = set()
    strong_sets = 0
    for name in sorted(STRONG):
        rows = _rows(folder / name)
        new = {r["Date"] for r in rows} - seen
        strong_sets += sum(r["Date"] in new for r in rows)
        seen |= new
    expected["strong"] = (len(seen), strong_sets)
    stored = {
        app: (sessions, sets)
        for app, sessions, sets in corpus.con.cursor()
        .execute(
            "SELECT s.app, count(DISTINCT s.session_id), count(t.set_index) FROM strength_sessions s"
            " LEFT JOIN strength_sets t USING (session_id) WHERE s.app IN ('hevy', 'strong') GROUP BY 1"
        )
        .fetchall()
    }
    assert stored == expected
    formats = set(read.sources(corpus.con, only_athlete(corpus.con))["format"].dropna())
    assert {"fit", "strava_csv", "strong_csv", "hevy_csv"} <= formats


def test_reimporting_the_corpus_changes_nothing(corpus, realdata):
    before = read.table_counts(corpus.con, only_athlete(corpus.con))
    again = ingest_paths(
        corpus.con, [realdata / f for f in ("fit_run", "fit_strength", "csv_strength")], corpus.raw_dir
    )
    assert {r.status for r in again} == {"duplicate"}
    assert read.table_counts(corpus.con, only_athlete(corpus.con)) == before
    kept = {p.name.split(".")[0] for p in corpus.raw_dir.rglob("*") if p.is_file()}
    assert set(read.sources(corpus.con, only_athlete(corpus.con))["sha256"]) <= kept
