"""Every file in ../shared/realdata goes in with correct values or ends with a clear message."""

from __future__ import annotations

import pytest

from ingest.pipeline import ingest_paths
from store import read

pytestmark = pytest.mark.realdata


def test_every_file_has_a_result_and_none_crashed(corpus, realdata):
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
    by_status = {}
    for r in corpus.results:
        by_status.setdefault(r.status, []).append(r.file_name)
    assert len(by_status["ok"]) >= 85
    assert all("fit_corrupt" in n or "fit_other" in n or "other/" in n for n in by_status.get("failed", []))


def test_every_run_is_stored(corpus, inventory):
    sources = read.sources(corpus.con).set_index("file_name")
    acts = read.activities(corpus.con)
    for key, row in inventory.items():
        if not key.startswith("fit_run/"):
            continue
        src = sources.loc[str(corpus_path(corpus, key))]
        mine = acts[acts.source_id == src["source_id"]]
        if src["status"] == "duplicate":
            continue
        assert len(mine) == int(row["n_sessions"]), key
        assert (mine["sport"] == "running").all(), key


def corpus_path(corpus, key):
    return corpus.realdata / key


def test_strength_sets_in_the_store_match_the_inventory(corpus, inventory):
    con = corpus.con.cursor()
    for key, row in inventory.items():
        if not key.startswith("fit_strength/"):
            continue
        n = con.execute(
            "SELECT count(t.set_index), count(DISTINCT s.session_id) FROM strength_sessions s"
            " JOIN sources src USING (source_id) LEFT JOIN strength_sets t USING (session_id)"
            " WHERE src.file_name = ?",
            [str(corpus_path(corpus, key))],
        ).fetchall()[0]
        rests = con.execute(
            "SELECT count(*) FROM strength_rests r JOIN strength_sessions s USING (session_id)"
            " JOIN sources src USING (source_id) WHERE src.file_name = ?",
            [str(corpus_path(corpus, key))],
        ).fetchall()[0][0]
        assert n[0] == int(row["n_sets"]) - rests, key
        assert n[1] >= 1, key  # a strength activity without sets is still a session


def test_csvs_are_in_the_store(corpus):
    counts = read.table_counts(corpus.con)
    apps = read.strength_sessions(corpus.con)["app"].value_counts()
    assert apps["hevy"] == 335 and apps["strong"] >= 19
    assert counts["strength_sets"] > 7211
    formats = set(read.sources(corpus.con)["format"].dropna())
    assert {"fit", "strava_csv", "strong_csv", "hevy_csv"} <= formats


def test_reimporting_the_corpus_changes_nothing(corpus, realdata):
    before = read.table_counts(corpus.con)
    again = ingest_paths(
        corpus.con, [realdata / f for f in ("fit_run", "fit_strength", "csv_strength")], corpus.raw_dir
    )
    assert {r.status for r in again} == {"duplicate"}
    assert read.table_counts(corpus.con) == before
    kept = {p.name.split(".")[0] for p in corpus.raw_dir.rglob("*") if p.is_file()}
    assert set(read.sources(corpus.con)["sha256"]) <= kept
