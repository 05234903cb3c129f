"""Archives and folders: .fit.gz, a Strava bulk export (joined with its activities.csv), a Garmin
Connect export (zips inside zips), a watch folder, and the limits against hostile zips."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import io
import random
import zipfile

import pytest
from athletes import only_athlete

from ingest import archives
from ingest.fit import parse_fit
from ingest.pipeline import Importer, Offered, ingest_paths, ingest_uploads
from store import read

RUN = "fit_run/sportslib__6782987395.fit"
RUN2 = "fit_run/gc__3386684871.fit"


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


GPX = b"""<?xml version="1.0"?><gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
<trkpt lat="52.5" lon="13.4"><time>2024-05-01T06:00:00Z</time></trkpt>
<trkpt lat="52.501" lon="13.4"><time>2024-05-01T06:01:00Z</time></trkpt>
<trkpt lat="52.502" lon="13.4"><time>2024-05-01T06:02:00Z</time></trkpt></trkseg></trk></gpx>"""


def strava_date(t: dt.datetime) -> str:
    return t.strftime("%b %-d, %Y, %-I:%M:%S %p")


@pytest.mark.realdata
def test_fit_gz(realdata, db, raw_dir):
    (r,) = ingest_paths(db, [realdata / "fit_other" / "gc__14582164182.fit.gz"], raw_dir)
    assert r.status == "ok" and r.format == "fit" and r.activities == 1 and r.records > 0


@pytest.mark.realdata
def test_strava_bulk_export_joins_the_csv_with_its_files(realdata, db, raw_dir):
    fit = (realdata / RUN).read_bytes()
    act = parse_fit(fit).activities[0].activity
    start, km = act["start_time_utc"], act["distance_m"] / 1000
    header = "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Moving Time,Distance,Perceived Exertion\n"
    csv = (
        header
        + "\n".join(
            [
                f'1,"{strava_date(start)}",Tempo Tuesday,Run,{act["elapsed_s"]:.0f},{km:.2f},activities/1.fit.gz,{act["moving_s"]:.0f},{km * 1000:.1f},7.0',
                f'2,"{strava_date(dt.datetime(2024, 5, 1, 6, 0))}",Morning Run,Run,1800,5.00,activities/2.gpx,1790,5000.0,',
                f'3,"{strava_date(dt.datetime(2024, 5, 3, 6, 0))}",Lost file,Ride,3600,20.00,activities/3.fit.gz,3500,20000.0,5',
            ]
        )
        + "\n"
    )
    export = zip_bytes(
        {
            "activities.csv": csv.encode(),
            "activities/1.fit.gz": gzip.compress(fit),
            "activities/2.gpx": GPX,
            "profile.csv": b"Athlete ID,Email Address,First Name\n1,a@b.c,A\n",
            "media/photo.jpg": b"\xff\xd8\xff\xe0 not really a photo",
        }
    )
    results = ingest_uploads(db, [("export_123.zip", export)], raw_dir)
    by_name = {r.file_name: r for r in results}
    assert list(by_name)[-1] == "export_123.zip"  # the archive's own line comes last
    top = by_name["export_123.zip"]
    assert top.status == "ok" and top.format == "zip" and top.activities == 3
    assert "1 .jpg" in top.message
    assert by_name["export_123.zip/activities/1.fit.gz"].activities == 1
    assert by_name["export_123.zip/activities/2.gpx"].activities == 1
    assert by_name["export_123.zip/profile.csv"].status == "skipped"
    strava_csv = by_name["export_123.zip/activities.csv"]
    assert strava_csv.activities == 1 and "2 joined" in strava_csv.message
    acts = read.activities(db, only_athlete(db)).set_index("name")
    # The FIT activity carries the CSV's name and perceived exertion, and its own records.
    tempo = acts.loc["Tempo Tuesday"]
    assert tempo["rpe"] == 7 and tempo["n_records"] > 100 and tempo["local_time_basis"] == "local_timestamp"
    # The GPX (no sport of its own) takes the CSV's name and type; its distance is its own.
    morning = acts.loc["Morning Run"]
    assert morning["sport"] == "running" and morning["n_records"] == 3 and morning["distance_m"] > 100
    assert acts.loc["Lost file", "sport"] == "cycling" and acts.loc["Lost file", "n_records"] == 0
    sources = read.sources(db, only_athlete(db))
    assert (sources.loc[sources.file_name != "export_123.zip", "parent_sha256"] == top.sha256).all()
    # Only the archive itself is kept in the raw store.
    assert [p.name.split(".")[0] for p in raw_dir.rglob("*") if p.is_file()] == [top.sha256]
    # Offering the same export again changes nothing.
    again = ingest_uploads(db, [("export_123.zip", export)], raw_dir)
    assert [r.status for r in again] == ["duplicate"]


@pytest.mark.realdata
def test_garmin_connect_export_zips_inside_zips(realdata, db, raw_dir):
    inner = zip_bytes(
        {"user_123.fit": (realdata / RUN).read_bytes(), "user_456.fit": (realdata / RUN2).read_bytes()}
    )
    outer = zip_bytes(
        {
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip": inner,
            "DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json": b"[]",
            "DI_CONNECT/DI-Connect-User/user_profile.json": b"{}",
        }
    )
    results = ingest_uploads(db, [("garmin_export.zip", outer)], raw_dir)
    names = [r.file_name for r in results]
    nested = "garmin_export.zip/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip"
    assert names == [f"{nested}/user_123.fit", f"{nested}/user_456.fit", nested, "garmin_export.zip"]
    assert results[-1].activities == 2 and results[-2].activities == 2
    assert "2 .json" in results[-1].message
    sources = read.sources(db, only_athlete(db)).set_index("file_name")
    assert sources.loc[f"{nested}/user_123.fit", "parent_sha256"] == sources.loc[nested, "sha256"]
    assert sources.loc[nested, "parent_sha256"] == sources.loc["garmin_export.zip", "sha256"]


@pytest.mark.realdata
def test_a_watch_folder(realdata, db, raw_dir, tmp_path):
    watch = tmp_path / "GARMIN"
    (watch / "Activity").mkdir(parents=True)
    (watch / "Monitor").mkdir()
    (watch / "Activity" / "A1.FIT").write_bytes((realdata / RUN).read_bytes())
    (watch / "Monitor" / "M1.FIT").write_bytes(
        (realdata / "fit_other" / "fitparse__MonitoringFile.fit").read_bytes()
    )
    (watch / "GarminDevice.xml").write_text("<Device/>")
    results = ingest_paths(db, [watch], raw_dir)
    assert [(r.file_name.split("GARMIN/")[1], r.status) for r in results] == [
        ("Activity/A1.FIT", "ok"),
        ("Monitor/M1.FIT", "skipped"),
    ]
    assert "monitoring" in results[1].message


def test_a_damaged_zip_fails_with_a_message(db, raw_dir):
    data = zip_bytes({"a.csv": b"x" * 1000})[:-30]
    (r,) = ingest_uploads(db, [("broken.zip", data)], raw_dir)
    assert r.status == "failed" and "zip" in r.message


# --- limits against hostile archives ------------------------------------------------------------

SMALL = archives.Limits(total_bytes=3_000_000, member_bytes=1_000_000, ratio=50, ratio_floor=64_000, depth=3)
TEMPLATE = b"date,distance_km,sport\n2025-01-01,5,run\n"


def run_limited(db, raw_dir, name: str, data: bytes):
    return Importer(db, raw_dir, SMALL).run([Offered(name, data=data)], workers=1)


def test_a_member_too_large_or_too_compressed_is_refused(db, raw_dir):
    data = zip_bytes({"big.csv": b"0" * 1_500_000, "bomb.csv": b"0" * 900_000, "ok.csv": TEMPLATE})
    results = run_limited(db, raw_dir, "bomb.zip", data)
    top = results[-1]
    assert [r.file_name for r in results] == ["bomb.zip/ok.csv", "bomb.zip"]
    assert "big.csv: refused: it unpacks to more than" in top.message
    assert "bomb.csv: refused: compression ratio" in top.message
    assert top.status == "ok" and top.activities == 1


def test_the_total_unpacked_size_is_capped(db, raw_dir):
    noise = base64.b64encode(random.Random(0).randbytes(650_000))  # incompressible: no ratio refusal
    members = {f"part{i}.csv": TEMPLATE + noise for i in range(5)}
    results = run_limited(db, raw_dir, "many.zip", zip_bytes(members))
    assert results[-1].status in ("failed", "partial") and "more than" in results[-1].message


def test_nesting_deeper_than_three_is_refused(db, raw_dir):
    data = zip_bytes({"runs.csv": TEMPLATE})
    for level in range(4):
        data = zip_bytes({f"level{level}.zip": data})
    results = run_limited(db, raw_dir, "deep.zip", data)
    assert any("nested more than 3 deep" in r.message for r in results)
    assert read.table_counts(db, only_athlete(db))["activities"] == 0


def test_names_pointing_outside_the_archive_are_refused_and_never_written(db, raw_dir, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../evil.csv", TEMPLATE)
        z.writestr("/etc/evil.csv", TEMPLATE)
        z.writestr("C:/evil.csv", TEMPLATE)
        z.writestr("good/runs.csv", TEMPLATE)
    results = run_limited(db, raw_dir, "evil.zip", buf.getvalue())
    assert [r.file_name for r in results] == ["evil.zip/good/runs.csv", "evil.zip"]
    assert results[-1].message.count("name points outside the archive") == 3
    assert not any(p.name == "evil.csv" for p in tmp_path.parent.rglob("evil.csv"))
    assert set(read.sources(db, only_athlete(db))["file_name"]) == {"evil.zip/good/runs.csv", "evil.zip"}


def test_safe_name():
    assert archives.safe_name("activities/1.fit.gz")
    for bad in ("../x.fit", "a/../../x.fit", "/abs.fit", "C:\\x.fit", "a\\..\\x.fit", "", "a\x00.fit"):
        assert not archives.safe_name(bad), bad


def test_a_gzip_bomb_is_refused():
    bomb = gzip.compress(b"\0" * 3_000_000)
    with pytest.raises(archives.ArchiveError, match="more than"):
        archives.gunzip(bomb, archives.Budget(SMALL))


@pytest.mark.realdata
def test_a_newer_export_adds_only_its_new_files(realdata, db, raw_dir):
    run1, run2 = (realdata / RUN).read_bytes(), (realdata / RUN2).read_bytes()
    ingest_uploads(db, [("export_1.zip", zip_bytes({"a/1.fit": run1}))], raw_dir)
    results = ingest_uploads(db, [("export_2.zip", zip_bytes({"a/1.fit": run1, "a/2.fit": run2}))], raw_dir)
    assert [(r.file_name, r.status) for r in results] == [
        ("export_2.zip/a/1.fit", "duplicate"),
        ("export_2.zip/a/2.fit", "ok"),
        ("export_2.zip", "ok"),
    ]
    assert "already imported as export_1.zip/a/1.fit" in results[0].message
    assert read.table_counts(db, only_athlete(db))["activities"] == 2


NAMED_GPX = GPX.replace(b"<trk><trkseg>", b"<trk><name>Morning Run</name><type>running</type><trkseg>")


@pytest.mark.realdata
def test_strava_gpx_and_tcx_members_take_the_csv_lines_name_type_and_rpe(realdata, db, raw_dir):
    # Strava writes the phone app's name into a GPX ("Morning Run"); the runner renamed it since,
    # and activities.csv holds that name, its type and the perceived exertion. A FIT member takes
    # them; a GPX or TCX member must too.
    tcx = (realdata / "other" / "gc__10kUNLP2014-Garmin15.tcx").read_bytes()
    lines = [
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename,Perceived Exertion",
        f'1,"{strava_date(dt.datetime(2024, 5, 1, 6, 0))}",Hill walk with Sam,Hike,120,0.2,activities/1.gpx,4',
        f'2,"{strava_date(dt.datetime(2014, 10, 11, 18, 8, 45))}",UNLP 10K,Run,2700,10.01,activities/2.tcx,9',
    ]
    csv = "\n".join(lines) + "\n"
    export = zip_bytes(
        {"activities.csv": csv.encode(), "activities/1.gpx": NAMED_GPX, "activities/2.tcx": tcx}
    )
    results = ingest_uploads(db, [("export_9.zip", export)], raw_dir)
    assert {r.file_name: r.status for r in results}["export_9.zip"] == "ok"
    acts = read.activities(db, only_athlete(db)).set_index("name")
    assert sorted(acts.index) == ["Hill walk with Sam", "UNLP 10K"]
    walk, race = acts.loc["Hill walk with Sam"], acts.loc["UNLP 10K"]
    assert walk["sport"] == "hiking" and walk["rpe"] == 4 and walk["n_records"] == 3
    assert race["sport"] == "running" and race["rpe"] == 9 and race["n_records"] == 686
