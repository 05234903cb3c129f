"""TCX and GPX tracks: activities with records, UTC times, and a FIT copy of the same run wins."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from athletes import only_athlete

from ingest.pipeline import ingest_paths, prepare
from store import read


@pytest.mark.realdata
def test_a_garmin_tcx_matches_its_fit_twin(realdata, inventory):
    result = prepare("x.tcx", (realdata / "other" / "gc__10kUNLP2014-Garmin15.tcx").read_bytes()).result
    assert result.status == "ok" and result.format == "tcx"
    (act,) = result.activities
    twin = inventory["fit_run/gc__10kUNLP2014-Garmin15.fit"]
    assert act.activity["start_time_utc"] == dt.datetime.fromisoformat(twin["start_time"])
    assert act.activity["distance_m"] == pytest.approx(float(twin["total_distance_m"]), abs=1)
    assert act.activity["sport"] == "running" and act.activity["local_time_basis"] == "utc"
    assert len(act.records) == 686 and len(act.laps) == 11
    assert act.records["speed_mps"].notna().sum() > 600 and act.records["lat_deg"].between(-35, -34).all()


@pytest.mark.realdata
def test_polar_and_movescount_tcx_with_heart_rate(realdata):
    for name, km, hr in (("sportslib__polar.tcx", 10.821, 157), ("sportslib__movescount.tcx", 2.919, 137)):
        (act,) = prepare(name, (realdata / "other" / name).read_bytes()).result.activities
        assert act.activity["distance_m"] == pytest.approx(km * 1000, abs=1)
        assert act.activity["avg_hr"] == pytest.approx(hr, abs=1)
        assert act.hr_seconds is not None and act.hr_seconds["seconds"].sum() > 0


@pytest.mark.realdata
def test_a_lost_final_lap_does_not_shorten_the_run(realdata):
    # A Suunto (Movescount) TCX: two laps of ~1 km were written, but its trackpoints run on to
    # 2919 m over ~15 minutes. docs/formats.md: without a total, the larger of the laps' sum
    # and the stream's last distance.
    data = (realdata / "other" / "sportslib__movescount.tcx").read_bytes()
    text = data.decode()
    lap_total = r"<Lap [^>]*>\s*<TotalTimeSeconds>[^<]*</TotalTimeSeconds>\s*<DistanceMeters>([^<]+)"
    lap_sum = sum(float(x) for x in re.findall(lap_total, text))
    last = float(re.findall(r"<DistanceMeters>([^<]+)</DistanceMeters>", text)[-1])
    assert lap_sum == pytest.approx(1999.04) and last == 2919.0
    (act,) = prepare("m.tcx", data).result.activities
    assert act.activity["distance_m"] == last
    times = [dt.datetime.fromisoformat(t.replace("Z", "+00:00")) for t in re.findall(r"<Time>([^<]+)", text)]
    assert (
        act.activity["moving_s"] > 625 and act.activity["moving_s"] <= (times[-1] - times[0]).total_seconds()
    )


@pytest.mark.realdata
def test_a_gpx_track_sums_its_distance(realdata):
    result = prepare("g.gpx", (realdata / "other" / "sportslib__garmin.gpx").read_bytes()).result
    (act,) = result.activities
    assert act.activity["sport"] == "running" and len(act.records) == 217
    assert act.activity["start_time_utc"] == dt.datetime(2018, 4, 23, 15, 54, 34)
    assert 3500 < act.activity["distance_m"] < 4200  # haversine over the positions
    assert act.activity["max_hr"] == 132 and act.records["cadence_spm"].max() > 100  # steps per minute


@pytest.mark.realdata
def test_the_fit_copy_wins_over_the_tcx(realdata, db, raw_dir):
    tcx, fit = (
        realdata / "other" / "gc__10kUNLP2014-Garmin15.tcx",
        realdata / "fit_run" / "gc__10kUNLP2014-Garmin15.fit",
    )
    first, second = ingest_paths(db, [tcx, fit], raw_dir)
    assert first.format == "tcx" and first.activities == 1
    assert second.replaced == 1 and second.status == "ok"
    (act,) = read.activities(db, only_athlete(db)).itertuples()
    assert act.source_id == second.source_id and act.local_time_basis == "local_timestamp"
    assert list(read.merges(db, only_athlete(db))["merged_format"]) == ["tcx"]


def test_broken_xml_says_so():
    for data in (
        b"<gpx><trk><trkseg><trkpt lat='1' lon='2'>",
        b"<?xml version='1.0'?><kml/>",
        b"<gpx></gpx>",
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><gpx>&a;</gpx>',
    ):
        result = prepare("x.gpx", data).result
        assert result.status == "failed" and result.message and "unexpected" not in result.message
