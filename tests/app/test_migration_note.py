"""The dashboard on a database made before athletes (schema version 1): it opens, brought up to date
in place, says so in the first browser session only, and shows the runner's data as before."""

from __future__ import annotations

from pathlib import Path

import duckdb
from app_helpers import open_app

SCHEMA_V1 = Path(__file__).parents[1] / "store" / "data" / "schema_v1.sql"


def test_a_version_1_database_opens_and_the_dashboard_says_the_migration_once(use_db, tmp_path):
    path = use_db(tmp_path / "old.duckdb")
    con = duckdb.connect(str(path))
    con.execute(SCHEMA_V1.read_text())
    con.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('data_version', '4')")
    con.execute("INSERT INTO settings VALUES ('units_distance', '\"mi\"')")
    con.close()

    at = open_app()
    assert not at.exception and not at.error
    said = [i.value for i in at.info if "earlier Runstrong" in i.value]
    assert len(said) == 1 and '"Me"' in said[0] and "Nothing was re-imported" in said[0]
    # The runner's settings are the first athlete's: miles are still chosen.
    assert at.session_state["units_choice"] == "mi"
    assert at.session_state["migration_note"] == said[0]  # kept for this browser session
    again = open_app()  # another browser session: said once only
    assert not again.exception and not [i for i in again.info if "earlier Runstrong" in i.value]
