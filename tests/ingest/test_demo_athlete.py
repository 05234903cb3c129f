"""The demo athlete's phone-app exports, injury log and settings go in whole (`make run` loads
sample_logs/ with `python -m ingest`); the numbers come from the generator's own expected.json."""

from __future__ import annotations

import json

import pytest
from athletes import only_athlete

import config
from ingest.__main__ import main
from store import read
from store.db import connect

LOGS = config.sample_logs_dir()
EXPECTED = config.ROOT / "demo" / "expected.json"


@pytest.fixture()
def expected():
    if not (LOGS / "strong.csv").exists() or not EXPECTED.exists():
        pytest.skip("no demo athlete in sample_logs/ (run `make demo`)")
    return json.loads(EXPECTED.read_text())


def test_the_demo_athletes_apps_injuries_and_settings(expected, tmp_path):
    db = tmp_path / "demo.duckdb"
    files = [LOGS / n for n in ("strong.csv", "hevy_workouts.csv", "injuries.csv", "athlete.json")]
    assert main(["--quiet", "--db", str(db), "--raw", str(tmp_path / "raw"), *map(str, files)]) == 0
    con = connect(db)
    try:
        apps = read.strength_sessions(con, only_athlete(con))["app"].value_counts().to_dict()
        by_source = expected["totals"]["strength_by_source"]
        assert apps == {"strong": by_source["strong"], "hevy": by_source["hevy"]}
        assert len(read.injuries(con, only_athlete(con))) == len(expected["injuries"])
        settings = read.settings(con, only_athlete(con))
        for key in ("sex", "hr_rest", "hr_max", "threshold_pace_s_per_km"):
            assert settings[key] == expected["athlete"][key]
        assert [r["name"] for r in settings["races"]] == [r["name"] for r in expected["races"]]
        # Per session, working sets by region as the generator planned them.
        sets, sessions = (
            read.strength_sets(con, only_athlete(con)),
            read.strength_sessions(con, only_athlete(con)),
        )
        working = sets[sets["set_type"] != "warmup"].merge(sessions[["session_id", "start_time_local"]])
        for s in (s for s in expected["strength_sessions"] if s["source"] in ("strong", "hevy")):
            mine = working[
                working["start_time_local"].astype(str).str[:16] == s["start_local"][:16].replace("T", " ")
            ]
            counts = [int((mine["region"] == r).sum()) for r in ("lower", "core", "upper")]
            assert (counts, len(mine)) == (s["lower_core_upper_sets"], s["working_sets"]), s["start_local"]
    finally:
        con.close()
