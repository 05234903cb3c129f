"""The committed sample_logs/: every FIT decodes, the CSVs have the apps' exact headers, and the
files agree with demo/expected.json (which is computed from the plan, not from the files)."""

from __future__ import annotations

import csv
import itertools
import json
import multiprocessing
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import fitparse
import pytest
from garmin_fit_sdk import Decoder, Stream

from demo.__main__ import DEFAULT_EXPECTED, DEFAULT_OUT

FIT_FILES = sorted((DEFAULT_OUT / "garmin").glob("*.fit"))
EXPECTED = json.loads(DEFAULT_EXPECTED.read_text(encoding="utf-8"))


def _decode(path: Path) -> dict:
    decoder = Decoder(Stream.from_byte_array(bytearray(path.read_bytes())))
    assert decoder.is_fit(), path.name
    messages, errors = decoder.read(enable_crc_check=True)  # header and file CRC
    assert errors == [], (path.name, errors)
    return messages


@pytest.fixture(scope="module")
def decoded() -> dict[str, dict]:
    return {p.name: _decode(p) for p in FIT_FILES}


def test_there_are_runs_rides_and_strength_files(decoded) -> None:
    sports = defaultdict(int)
    for messages in decoded.values():
        sports[messages["session_mesgs"][0]["sport"]] += 1
    assert sports["running"] == EXPECTED["totals"]["runs"]
    assert sports["cycling"] == EXPECTED["totals"]["rides"]
    assert sports["training"] == EXPECTED["totals"]["strength_by_source"]["garmin"]
    assert len(FIT_FILES) == EXPECTED["totals"]["fit_files"]


def _local_start(messages: dict):
    session = messages["session_mesgs"][0]
    activity = messages["activity_mesgs"][0]
    offset = activity["local_timestamp"] - int(activity["timestamp"].timestamp() - 631065600)
    return session["start_time"].replace(tzinfo=None) + timedelta(seconds=offset)


def test_weekly_running_matches_expected(decoded) -> None:
    weeks: dict[str, list] = defaultdict(lambda: [0.0, 0.0, 0, 0.0])
    for name, messages in decoded.items():
        session = messages["session_mesgs"][0]
        if session["sport"] != "running":
            continue
        local = _local_start(messages)
        assert name == f"{local:%Y-%m-%d-%H-%M-%S}.fit"
        monday = (local.date() - timedelta(days=local.weekday())).isoformat()
        w = weeks[monday]
        w[0] += session["total_distance"]
        w[1] += session["total_timer_time"]
        w[2] += 1
        w[3] = max(w[3] or 0.0, session["total_distance"])
    for exp in EXPECTED["weeks"]:
        got = weeks.get(exp["week_start"], [0.0, 0.0, 0, None])
        assert got[0] == pytest.approx(exp["distance_m"], abs=0.02), exp["week_start"]
        assert got[1] == pytest.approx(exp["time_s"]), exp["week_start"]
        assert got[2] == exp["runs"], exp["week_start"]
        if exp["longest_run_m"] is None:  # a week without a run has no longest run
            assert got[3] is None and exp["runs"] == 0, exp["week_start"]
        else:
            assert got[3] == pytest.approx(exp["longest_run_m"], abs=0.01), exp["week_start"]


def test_records_agree_with_the_session(decoded) -> None:
    for name, messages in decoded.items():
        session = messages["session_mesgs"][0]
        records = messages["record_mesgs"]
        if session["sport"] == "training":
            sets = messages["set_mesgs"]
            assert {s["set_type"] for s in sets} == {"active", "rest"}, name
            continue
        assert records[-1]["distance"] == pytest.approx(session["total_distance"], abs=0.011), name
        steps = [(b["timestamp"] - a["timestamp"]).total_seconds() for a, b in itertools.pairwise(records)]
        # smart recording: 5-8 s between records, except across a timer pause (1 s + the pause)
        paused = session["total_elapsed_time"] - session["total_timer_time"]
        assert sum(step - 1 for step in steps if step > 9) == pytest.approx(paused), name
        assert records[-1]["timestamp"] == session["timestamp"], name
        if session.get("avg_heart_rate") is not None:
            assert all("heart_rate" in r for r in records), name
        laps = messages["lap_mesgs"]
        assert sum(lap["total_distance"] for lap in laps) == pytest.approx(session["total_distance"], abs=0.5)


def test_garmin_strength_sets_match_expected(decoded) -> None:
    by_file = {s["file"]: s for s in EXPECTED["strength_sessions"] if s["file"]}
    assert len(by_file) == EXPECTED["totals"]["strength_by_source"]["garmin"]
    for name, exp in by_file.items():
        sets = decoded[name]["set_mesgs"]
        active = [s for s in sets if s["set_type"] == "active"]
        assert len(active) == exp["working_sets"], name
        assert all(isinstance(s["category"], list | tuple | str | int) for s in active)


def test_interval_sessions_have_work_and_rest_laps(decoded) -> None:
    found = 0
    for messages in decoded.values():
        kinds = [lap.get("intensity") for lap in messages.get("lap_mesgs", [])]
        if "rest" in kinds:
            found += 1
            assert kinds[0] == "warmup" and kinds[-1] == "cooldown"
            assert kinds.count("active") >= 3
    assert found > 10


def _fitparse_names(path: Path) -> tuple[str, set[str]]:
    """Every message of the file through fitparse, which checks the CRC as it reads: their names
    (module level, so that a 'spawn' worker can run it)."""
    return path.name, {m.name for m in fitparse.FitFile(str(path)).get_messages()}


@pytest.mark.slow
def test_every_fit_decodes_with_fitparse() -> None:
    """fitparse on every file, in two processes (about 20 s of CPU for all files; the suite's other
    tests leave the second core idle meanwhile)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        decoded = dict(pool.map(_fitparse_names, FIT_FILES, chunksize=8))
    assert list(decoded) == [p.name for p in FIT_FILES]
    for name, names in decoded.items():
        assert {"file_id", "session", "activity", "record", "lap", "event", "device_info"} <= names, name


def _rows(name: str) -> tuple[list[str], list[dict]]:
    with open(DEFAULT_OUT / name, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [dict(zip(header, row, strict=True)) for row in reader]


def test_strong_csv_is_the_2024_export() -> None:
    header, rows = _rows("strong.csv")
    assert (
        header
        == "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE".split(",")
    )
    first_line = (DEFAULT_OUT / "strong.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == ",".join(header)
    sessions = {r["Date"] for r in rows}
    assert len(sessions) == EXPECTED["totals"]["strength_by_source"]["strong"]
    assert all(r["Duration"].endswith("m") for r in rows)
    assert any(float(r["Seconds"]) > 0 and float(r["Reps"]) == 0 for r in rows)  # planks
    assert any(float(r["Weight"]) > 0 for r in rows)


def test_hevy_csv_is_the_hevy_export() -> None:
    header, rows = _rows("hevy_workouts.csv")
    assert header == (
        "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
        "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe"
    ).split(",")
    sessions = {(r["title"], r["start_time"]) for r in rows}
    assert len(sessions) == EXPECTED["totals"]["strength_by_source"]["hevy"]
    assert {r["set_type"] for r in rows} == {"normal", "warmup"}
    assert all(", " in r["start_time"] and r["start_time"].split(" ")[1] in "JunJulAug" for r in rows)


def test_injuries_csv_is_the_template() -> None:
    header, rows = _rows("injuries.csv")
    assert header == "onset_date,end_date,body_area,severity,time_loss,medical_visit,note".split(",")
    for r in rows:
        assert date.fromisoformat(r["onset_date"]) <= date.fromisoformat(r["end_date"])
        assert r["severity"] in ("niggle", "minor", "moderate", "severe")
        assert r["time_loss"] in ("true", "false") and r["medical_visit"] in ("true", "false")
    assert any(r["severity"] == "niggle" for r in rows)


def test_athlete_json_is_a_settings_file() -> None:
    doc = json.loads((DEFAULT_OUT / "athlete.json").read_text(encoding="utf-8"))
    assert doc["format"] == "runstrong-settings" and doc["version"] == 1
    s = doc["settings"]
    assert (s["hr_rest"], s["hr_max"], s["threshold_pace_s_per_km"]) == (48, 188, 250)
    assert [r["distance"] for r in s["races"]] == ["marathon", "half"]
