"""python -m analysis export (the export's command-line shell; python -m cli export and python -m
cli.export are the same) against a real database file."""

import csv
import datetime as dt
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from analysis_factory import activities, day, injuries, sessions, sets

import config
from analysis.export import DAILY, RUNS, WEEKLY
from cli.export import main


@pytest.fixture()
def filled_db(tmp_path):
    from athletes import only_athlete

    from store.db import connect
    from store.settings_write import save_settings

    path = tmp_path / "rs.duckdb"
    con = connect(path)
    rows = [
        {
            "activity_id": i + 1,
            "day": d,
            "km": 8.0 + (d % 3),
            "name": "=cmd|' /C calc'!A0" if d == 3 else None,
        }
        for i, d in enumerate(range(0, 60, 2))
    ]
    acts = activities(rows)
    me = only_athlete(con)
    con.execute("INSERT INTO sources VALUES (1, ?, 'x.fit', 'a', 'fit', 'ok', '', now(), 1, NULL)", [me])
    con.execute(
        "INSERT INTO sources VALUES (2, ?, 'y.csv', 'b', 'strong_csv', 'ok', '', now(), 1, NULL)", [me]
    )
    for name, frame in {
        "activities": acts,
        "strength_sessions": sessions([{"session_id": 1, "day": 5}, {"session_id": 2, "day": 12}]),
        "strength_sets": sets(
            [(1, "squat", "lower", "working", 5, 60), (2, "plank", "core", "working", 1, 0)]
        ),
        "injuries": injuries([{"onset": 30, "end": 40}]),
    }.items():
        if name != "strength_sets":  # a set belongs to the athlete through its session
            frame = frame.assign(athlete_id=me)
        con.register("f", frame)
        cols = ", ".join(f'"{c}"' for c in frame.columns)
        con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM f")
        con.unregister("f")
    save_settings(
        con, me, {"week_start": 6, "races": [{"date": day(55).isoformat(), "distance": "5k"}], "hr_max": 190}
    )
    con.close()
    return path


def test_export_writes_the_four_files(filled_db, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--db", str(filled_db), "--out", str(out), "--today", day(59).isoformat()]) == 0
    daily = pd.read_csv(out / "daily.csv")
    weekly = pd.read_csv(out / "weekly.csv")
    runs = pd.read_csv(out / "runs.csv")
    assert list(daily.columns) == DAILY and list(weekly.columns) == WEEKLY and list(runs.columns) == RUNS
    assert len(daily) == 60 and daily["date"].iloc[0] == day(0).isoformat()
    assert daily["run_distance_m"].sum() == pytest.approx(sum(8000 + 1000 * (d % 3) for d in range(0, 60, 2)))
    # Week starts on Sunday (the stored setting), and the 5k race's build-up is in the phases.
    assert pd.to_datetime(weekly["week_start"]).dt.day_of_week.eq(6).all()
    assert {"base", "build-up", "taper"} <= set(weekly["phase"])
    assert len(runs) == 30 and runs["spike_category"].iloc[0] == "not enough history"  # the log's first run
    sig = json.loads((out / "injury_signal.json").read_text())
    assert sig["injuries"]["counted"] == 1 and sig["as_of"] == day(59).isoformat()
    assert "wrote" in capsys.readouterr().out


def test_each_spelling_writes_the_same_files_from_the_dashboards_database(filled_db, tmp_path):
    """As a coach types it, in a process of its own: without --db the dashboard's database
    (RUNSTRONG_DB) is read; both spellings write the same bytes."""
    env = {**os.environ, "RUNSTRONG_DB": str(filled_db)}
    written = {}
    for spelling in ("analysis", "cli"):
        out = tmp_path / spelling
        command = [sys.executable, "-m", spelling, "export", "--athlete", "Me", "--out", str(out)]
        done = subprocess.run(
            [*command, "--today", day(59).isoformat()],
            capture_output=True,
            text=True,
            cwd=config.ROOT,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        written[spelling] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert sorted(written["analysis"]) == ["daily.csv", "injury_signal.json", "runs.csv", "weekly.csv"]
    assert written["analysis"] == written["cli"]


def test_export_neutralises_formulas_only_in_text_cells(filled_db, tmp_path):
    from analysis.export import csv_bytes

    df = pd.DataFrame(
        {"name": ["=cmd|' /C calc'!A0", "easy"], "tsb": [-12.5, 3.0], "when": [dt.date(2024, 1, 1)] * 2}
    )
    text = csv_bytes(df).decode()
    rows = list(csv.reader(text.splitlines()))
    assert rows[1] == ["'=cmd|' /C calc'!A0", "-12.5", "2024-01-01"]


def test_missing_database_is_an_error_not_a_new_file(tmp_path, capsys, monkeypatch):
    assert main(["--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "o")]) == 2
    assert f"no database at {tmp_path / 'none.duckdb'}" in capsys.readouterr().err
    assert not (tmp_path / "none.duckdb").exists()
    monkeypatch.setenv("RUNSTRONG_DB", str(tmp_path / "default.duckdb"))  # without --db: the dashboard's
    assert main(["--out", str(tmp_path / "o")]) == 2
    assert f"no database at {tmp_path / 'default.duckdb'}" in capsys.readouterr().err
    assert not (tmp_path / "default.duckdb").exists() and not (tmp_path / "o").exists()


def test_a_week_without_runs_exports_an_empty_longest_run():
    from analysis.compute import compute_all
    from analysis.export import csv_bytes, export_frames
    from analysis.settings import Settings

    acts = activities([{"activity_id": 1, "day": 0, "km": 10}, {"activity_id": 2, "day": 15, "km": 12}])
    weekly = export_frames(compute_all(acts, settings=Settings(), today=day(20)))["weekly.csv"]
    rows = list(csv.DictReader(csv_bytes(weekly).decode().splitlines()))
    assert [r["runs"] for r in rows] == ["1", "0", "1"]
    assert [r["longest_run_m"] for r in rows] == ["10000.0", "", "12000.0"]
