"""The runner's own files: the injury log and a Runstrong settings file."""

from __future__ import annotations

import datetime as dt
import json

from athletes import only_athlete

from ingest.pipeline import ingest_uploads, prepare
from store import read

HEADER = "onset_date,end_date,body_area,severity,time_loss,medical_visit,note\n"


def test_the_injury_log(db, raw_dir):
    text = HEADER + (
        '2025-07-29,2025-08-17,left Achilles,moderate,true,true,"physio, no running"\n'
        "2025-11-12,,left knee,niggle,false,false,\n"
    )
    (r,) = ingest_uploads(db, [("injuries.csv", text.encode())], raw_dir)
    assert (r.status, r.format, r.injuries) == ("ok", "injuries_csv", 2)
    inj = read.injuries(db, only_athlete(db))
    first = inj.iloc[0]
    assert str(first["onset_date"])[:10] == "2025-07-29" and first["note"] == "physio, no running"
    assert bool(first["time_loss"]) and bool(first["medical_visit"]) and first["severity"] == "moderate"
    assert inj["end_date"].isna().iloc[1] and inj["source_id"].notna().all()


def test_a_bad_injury_line_is_named():
    p = prepare("injuries.csv", (HEADER + "2025-07-29,2025-07-01,calf,minor,true,false,\n").encode())
    assert p.result.status == "failed" and "line 2" in p.result.message and "before" in p.result.message
    p = prepare("injuries.csv", (HEADER + "2025-07-29,,calf,terrible,true,false,\n").encode())
    assert p.result.status == "failed" and "niggle, minor, moderate, severe" in p.result.message


def test_the_settings_file(db, raw_dir):
    doc = {
        "format": "runstrong-settings",
        "version": 1,
        "settings": {
            "sex": "female",
            "hr_rest": 48,
            "races": [{"date": "2026-04-19", "distance": "marathon"}],
        },
    }
    (r,) = ingest_uploads(db, [("athlete.json", json.dumps(doc).encode())], raw_dir)
    assert r.status == "ok" and r.format == "runstrong_settings"
    settings = read.settings(db, only_athlete(db))
    assert settings["hr_rest"] == 48 and settings["races"][0]["distance"] == "marathon"


def test_other_json_files_are_refused_with_a_reason():
    for data, words in [
        (b'{"name": "x"}', "not a Runstrong settings file"),
        (b"{oops", "cannot be read"),
        (b'{"format": "runstrong-settings", "version": 9, "settings": {}}', "version 9"),
    ]:
        p = prepare("x.json", data)
        assert p.result.status == "failed" and words in p.result.message


def test_dates_are_real_dates():
    p = prepare("injuries.csv", (HEADER + "2025-07-29,,calf,minor,true,false,\n").encode())
    assert p.result.injuries["onset_date"].iloc[0] == dt.date(2025, 7, 29)
