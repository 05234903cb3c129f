"""The README's SQL example runs as written (shell quoting, Python quoting and the schema's column
names), on a database with a few runs imported."""

from __future__ import annotations

import re
import subprocess
import sys

import config
from ingest.pipeline import ingest_paths
from store.db import connect


def test_the_readmes_sql_example_runs_and_sums_the_weeks(tmp_path):
    readme = (config.ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^\.venv/bin/python -c \"import duckdb;.*?\"$", readme, re.MULTILINE | re.DOTALL)
    assert found, 'the README\'s SQL example (python -c "import duckdb; ...") is gone'
    # Three runs in two weeks, through the run template the Import page offers.
    runs = tmp_path / "runs.csv"
    runs.write_text(
        "date,time,sport,name,distance_km,duration_min,avg_hr,max_hr,ascent_m,rpe,race\n"
        "2026-03-02,07:00,running,,5,30,,,,,\n"
        "2026-03-04,07:00,running,,7.5,45,,,,,\n"
        "2026-03-10,07:00,running,,10,60,,,,,\n"
    )
    path = tmp_path / "runstrong.duckdb"
    con = connect(path)
    results = ingest_paths(con, [runs], tmp_path / "raw")
    con.close()
    assert [r.status for r in results] == ["ok"], [(r.status, r.message) for r in results]
    command = found.group(0).replace(".venv/bin/python", sys.executable, 1)  # the interpreter under test
    command = command.replace("data/runstrong.duckdb", str(path))
    out = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert re.search(r"2026-03-09.*\b10\.0\b", out.stdout) and re.search(
        r"2026-03-02.*\b12\.5\b", out.stdout
    ), out.stdout
