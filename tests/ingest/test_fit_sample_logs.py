"""The demo athlete's FIT files (sample_logs/garmin: real FIT, written by `python -m demo`) read by
our parser (fitparse) as Garmin's own FIT SDK reads them: sessions, laps, records, sets and rests.
These structure tests run in any clone; test_fit_realdata.py holds the real-export corpus's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from garmin_fit_sdk import Decoder, Stream

import config
from ingest.fit import FIT_EPOCH, parse_fit

# One file in ten, in date order (46 of 460): runs of every kind, strength sessions and a ride.
FILES = sorted((config.sample_logs_dir() / "garmin").glob("*.fit"))[::10]


def _garmin(path: Path) -> dict:
    messages, errors = Decoder(Stream.from_byte_array(bytearray(path.read_bytes()))).read()
    assert errors == [], (path.name, errors)
    return messages


def _naive(t: dt.datetime) -> dt.datetime:
    return t.astimezone(dt.UTC).replace(tzinfo=None)


def _or_missing(message: dict, key: str) -> float:
    return -1 if message.get(key) is None else message[key]


def test_the_sample_holds_every_kind_of_file():
    sports = {_garmin(p)["session_mesgs"][0]["sport"] for p in FILES}
    assert len(FILES) >= 40 and sports == {"running", "training", "cycling"}, (len(FILES), sports)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_demo_fit_file_reads_as_garmins_sdk_reads_it(path: Path):
    theirs = _garmin(path)
    result = parse_fit(path.read_bytes())
    assert result.status == "ok", result.message
    (session,) = theirs["session_mesgs"]
    (ours,) = result.activities
    act = ours.activity
    assert (act["sport"], act["sub_sport"]) == (session["sport"], session["sub_sport"])
    assert act["start_time_utc"] == _naive(session["start_time"])
    assert act["elapsed_s"] == pytest.approx(session["total_elapsed_time"])
    if "total_distance" in session:
        assert act["distance_m"] == pytest.approx(session["total_distance"], abs=0.5)
    # Local time: the activity message's local_timestamp (seconds from the FIT epoch, wall clock).
    (activity,) = theirs["activity_mesgs"]
    offset = FIT_EPOCH + dt.timedelta(seconds=activity["local_timestamp"]) - _naive(activity["timestamp"])
    assert act["start_time_local"] == act["start_time_utc"] + offset
    assert act["local_date"] == act["start_time_local"].date()

    laps = theirs["lap_mesgs"]
    assert len(ours.laps) == len(laps) == session["num_laps"]
    assert ours.laps["elapsed_s"].tolist() == pytest.approx([lap["total_elapsed_time"] for lap in laps])

    records = theirs["record_mesgs"]
    assert len(ours.records) == act["n_records"] == len(records)
    assert ours.records["timestamp_utc"].tolist() == [_naive(r["timestamp"]) for r in records]
    hr = [r.get("heart_rate") for r in records]
    assert ours.records["heart_rate"].fillna(-1).tolist() == [-1 if v is None else v for v in hr]

    sets = theirs.get("set_mesgs", [])
    if session["sport"] != "training":
        assert not sets and ours.strength is None
        return
    active = [s for s in sets if s["set_type"] == "active"]
    rests = [s for s in sets if s["set_type"] == "rest"]
    assert len(active) > 0 and len(ours.strength.sets) == len(active)
    assert ours.strength.sets["duration_s"].tolist() == pytest.approx([s["duration"] for s in active])
    assert ours.strength.sets["reps"].fillna(-1).tolist() == [_or_missing(s, "repetitions") for s in active]
    weights = [_or_missing(s, "weight") for s in active]
    assert ours.strength.sets["weight_kg"].fillna(-1).tolist() == pytest.approx(weights)
    assert ours.strength.rests["duration_s"].tolist() == pytest.approx([s["duration"] for s in rests])
