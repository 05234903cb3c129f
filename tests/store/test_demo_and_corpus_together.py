"""The demo athlete and the real corpus in one database (a coach's install of two): each athlete's
export holds exactly what the same files give imported alone, the roster has a row for each, and a
file given to both goes in for both."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest
from athletes import CORPUS_RUNS, only_athlete

from cli.roster import main as roster_main
from ingest.pipeline import ingest_paths
from store import athletes, connect, read

pytestmark = pytest.mark.realdata

NAMES = ("demo", "corpus")
# What differs by design between two imports of the same files: the ids the sequences hand out,
# whose they are, and when each row was written.
IDS = {
    "athlete_id",
    "source_id",
    "activity_id",
    "session_id",
    "injury_id",
    "plan_id",
    "kept_id",
    "merged_into",
}
TIMES = {
    "imported_at_utc",
    "merged_at_utc",
    "edited_at_utc",
    "saved_at_utc",
    "decided_at_utc",
    "deleted_at_utc",
}


def _rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A table's rows without ids and write times, in one order, as text (a missing value as '')."""
    kept = frame.drop(columns=[c for c in frame.columns if c in IDS | TIMES])
    text = kept.astype(str).where(kept.notna(), "")
    return text.sort_values(list(text.columns)).reset_index(drop=True)


@pytest.fixture(scope="module")
def together(athletes_db, realdata, tmp_path_factory):  # realdata: the corpus athlete's files
    # A copy: the roster command opens the file read-only, and the process may hold the original.
    path = tmp_path_factory.mktemp("two") / "two.duckdb"
    shutil.copyfile(athletes_db(*NAMES), path)
    return path


def test_each_athletes_export_equals_their_files_imported_alone(together, athlete_db, tmp_path):
    both = connect(together, read_only=True)
    try:
        for name in NAMES:
            alone_path = tmp_path / f"{name}.duckdb"
            shutil.copyfile(athlete_db(name), alone_path)
            alone = connect(alone_path, read_only=True)
            try:
                mine = read.export_tables(both, athletes.by_name(both, name))
                theirs = read.export_tables(alone, only_athlete(alone))
                for table in sorted(set(theirs) - {"meta", "athletes"}):
                    assert len(mine[table]) == len(theirs[table]), (name, table)
                    pd.testing.assert_frame_equal(
                        _rows(mine[table]), _rows(theirs[table]), obj=f"{name}: {table}"
                    )
                assert len(mine["activities"]) > 0, name
            finally:
                alone.close()
    finally:
        both.close()


def test_the_roster_has_a_row_for_each(together, tmp_path):
    out = tmp_path / "roster.csv"
    assert roster_main(["--db", str(together), "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert sorted(r["name"] for r in rows) == sorted(NAMES)


def test_a_file_of_the_corpus_given_to_the_demo_too_goes_in_for_both(together, realdata, tmp_path):
    path = tmp_path / "given.duckdb"
    shutil.copyfile(together, path)
    con = connect(path)
    try:
        demo, corpus = athletes.by_name(con, "demo"), athletes.by_name(con, "corpus")
        given = realdata / "fit_run" / CORPUS_RUNS[0]
        before = read.table_counts(con, demo)["activities"]
        corpus_before = read.table_counts(con, corpus)
        (result,) = ingest_paths(con, [given], tmp_path / "raw", athlete=demo)
        assert result.status == "ok", result.message
        assert read.table_counts(con, demo)["activities"] == before + 1
        # The corpus keeps its own copy (the same bytes under both athletes), and giving it to the
        # demo again adds nothing.
        assert read.table_counts(con, corpus) == corpus_before
        shas = [set(read.sources(con, a)["sha256"]) for a in (demo, corpus)]
        assert len(shas[0] & shas[1]) == 1
        (again,) = ingest_paths(con, [given], tmp_path / "raw", athlete=demo)
        assert again.status == "duplicate"
        assert read.table_counts(con, demo)["activities"] == before + 1
    finally:
        con.close()
