"""Two test athletes in one database, each with a marker in everything they bring: the folder and
file names, workout and exercise names, a GPX run's name, race names, an injury's note, the plan's
notes and a session note. A page or export of one that shows the other's marker shows the other's
data (tests/app/test_athlete_separation.py, tests/app/test_athlete_picker.py and the browser test
of the picker).

A module of its own name (not a conftest: that name is ambiguous across folders)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from demo.athletes import athlete_files, injuries_csv

# name -> (test athlete written by demo.athletes, marker). Markers are letters only, so that no
# escaping (Markdown, HTML, CSV quoting) changes them on the way to the screen.
PAIR = {
    "Alex": ("injured_racing", "qxalphamarkq"),  # km, a half marathon six days ago, a calf injury
    "Billie": ("no_hr_miles", "qzbravomarkz"),  # miles and pounds, no heart rate
}


@dataclass(frozen=True)
class Pair:
    path: Path  # the database the app reads
    raw: Path  # its raw store
    export_path: Path  # a copy for the command line (the app's process holds `path` open)
    source: Path  # a copy no one opens: tests that write copy this one (with `raw`)
    ids: dict[str, int]  # name -> athlete_id
    today: dt.date

    def marker(self, name: str) -> str:
        return PAIR[name][1]

    def other(self, name: str) -> str:
        return next(n for n in PAIR if n != name)


def _mark_hevy(text: str, marker: str) -> str:
    """Every workout's title, and the first exercise's name, carry the marker."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    title, exercise = header.index("title"), header.index("exercise_title")
    first = body[0][exercise]
    for row in body:
        row[title] = f"{marker} {row[title]}"
        if row[exercise] == first:
            row[exercise] = f"{marker} {first}"
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n").writerows([header, *body])
    return out.getvalue()


def _gpx(marker: str, start: dt.datetime) -> str:
    """A 30-minute run of 6 km, named with the marker."""
    points = []
    for i in range(0, 1801, 10):
        t = start + dt.timedelta(seconds=i)
        lat, lon = 52.5 + i * 0.0000185, 13.35
        points.append(f'<trkpt lat="{lat:.6f}" lon="{lon:.6f}"><time>{t:%Y-%m-%dT%H:%M:%SZ}</time></trkpt>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>{marker} evening loop</name><type>running</type><trkseg>{''.join(points)}</trkseg></trk></gpx>\n"
    )


def _plan(marker: str, today: dt.date) -> str:
    rows = [
        (today - dt.timedelta(days=2), "07:00", "run", "easy", 8, "", "", "", f"{marker} river loop"),
        (today + dt.timedelta(days=2), "07:00", "run", "long", 16, "", "", "", f"{marker} long hills"),
        (today + dt.timedelta(days=3), "18:00", "strength", "", "", 45, "lower", 6, f"{marker} gym"),
    ]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        [
            "planned_date",
            "time",
            "kind",
            "run_type",
            "distance_km",
            "duration_min",
            "strength_focus",
            "rpe",
            "note",
        ]
    )
    w.writerows([(d.isoformat(), *rest) for d, *rest in rows])
    return out.getvalue()


def marked_files(name: str, folder: Path, today: dt.date) -> list[Path]:
    """Write one athlete's files, marked, under folder/<marker>-files/; returns their paths."""
    builder, marker = PAIR[name]
    files = athlete_files(builder, today)
    out: dict[str, bytes] = {}
    for rel, data in files.items():
        if rel == "hevy_workouts.csv":
            out[f"{marker}-hevy_workouts.csv"] = _mark_hevy(data.decode(), marker).encode()
        elif rel == "injuries.csv":
            out[f"{marker}-injuries.csv"] = (
                data.decode().replace("calf strain", f"{marker} calf strain").encode()
            )
        elif rel == "athlete.json":
            doc = json.loads(data)
            races = doc["settings"].get("races") or [
                {"date": (today + dt.timedelta(days=40)).isoformat(), "distance": "10k", "name": "City 10K"}
            ]
            doc["settings"]["races"] = [{**r, "name": f"{marker} {r['name']}"} for r in races]
            out["athlete.json"] = json.dumps(doc).encode()
        elif rel.endswith(".fit"):
            out[f"garmin/{marker}-{Path(rel).name}"] = data
        else:
            raise AssertionError(f"{builder} brings a file this test does not mark: {rel}")
    if "injuries.csv" not in files:
        from demo.athletes import OpenInjury

        injury = OpenInjury(
            today - dt.timedelta(days=20),
            today - dt.timedelta(days=9),
            "left knee",
            "moderate",
            True,
            False,
            f"{marker} knee pain after the long run",
        )
        out[f"{marker}-injuries.csv"] = injuries_csv([injury]).encode()
    evening = dt.datetime.combine(today - dt.timedelta(days=3), dt.time(19, 5))
    out[f"{marker}-evening.gpx"] = _gpx(marker, evening).encode()
    out[f"{marker}-plan.csv"] = _plan(marker, today).encode()
    paths = []
    base = folder / f"{marker}-files"
    for rel, data in out.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def build_pair(folder: Path, today: dt.date) -> Pair:
    """Both athletes imported with the real pipeline into folder/pair.duckdb, each under their name;
    a session note on each one's latest run. Asserts every file went in."""
    from ingest.pipeline import ingest_paths
    from store import athletes, edits, read
    from store.db import connect

    path, raw = folder / "pair.duckdb", folder / "raw"
    con = connect(path)
    ids = {}
    try:
        for name in PAIR:
            ids[name] = athletes.ensure(con, name)
            results = ingest_paths(con, marked_files(name, folder, today), raw, athlete=ids[name])
            failed = [
                (r.file_name, r.status, r.message) for r in results if r.status not in ("ok", "partial")
            ]
            assert not failed, (name, failed)
            acts = read.activities(con, ids[name])
            latest = acts.sort_values("start_time_utc").iloc[-1]
            edits.save_session_note(
                con, ids[name], 6, f"{PAIR[name][1]} felt strong", activity_id=int(latest["activity_id"])
            )
    finally:
        con.close()
    copies = folder / "pair-export.duckdb", folder / "pair-source.duckdb"
    for copy in copies:
        shutil.copy(path, copy)
    return Pair(path, raw, *copies, ids, today)
