"""The Activities page through AppTest on the demo, a strength-only log and real runs with and
without heart rate: the detail fits each kind of session, nothing missing reads as None/nan/NaT,
units follow the setting, and the session RPE and note are saved."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from app_helpers import open_app
from athletes import ATHLETE_PARAMS, only_athlete

from analysis.activitylist import row_keys
from store import read, settings_write
from store.db import connect

RUNS = {
    "hr_stream_no_avg": "fit_run/deephaven__ThursMorn.fit",  # HR stream, no session average
    "no_hr_gps": "fit_run/gc__10kUNLP2014-Garmin15.fit",  # GPS, no heart rate at all
    "hr_gps": "fit_run/sportslib__6782987395.fit",
}
STRENGTH = ["csv_strength/strongstats__sample_hevy.csv", "fit_strength/jarkko__20474406937_ACTIVITY.fit"]
BAD = re.compile(r"\b(None|nan|NaN|NaT|<NA>)\b")


def _db(tmp_path_factory, name: str, files: list[Path]) -> Path:
    from ingest.pipeline import ingest_paths

    folder = tmp_path_factory.getbasetemp() / f"activities-{name}"
    path = folder / "app.duckdb"
    if not path.exists():
        folder.mkdir(exist_ok=True)
        con = connect(path)
        ingest_paths(con, files, folder / "raw")
        con.close()
    return path


@pytest.fixture(scope="session")
def runs_db(tmp_path_factory, realdata) -> Path:
    return _db(tmp_path_factory, "runs", [realdata / f for f in RUNS.values()])


@pytest.fixture(scope="session")
def strength_db(tmp_path_factory, realdata) -> Path:
    return _db(tmp_path_factory, "strength", [realdata / f for f in STRENGTH])


def copy(db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy.duckdb"
    shutil.copy(db, out)
    return out


def con_of(path: Path):
    """The app's own cached connection (DuckDB refuses a second one with another configuration)."""
    from ui import data

    return data.connection(str(path))


def whole_log(path: Path) -> tuple[dt.date, dt.date]:
    con = con_of(path)
    days = pd.concat(
        [
            pd.to_datetime(read.activities(con, only_athlete(con))["local_date"]),
            pd.to_datetime(read.strength_sessions(con, only_athlete(con))["local_date"]),
        ]
    )
    return days.min().date(), days.max().date()


def activity(path: Path, file_suffix: str) -> int:
    con = con_of(path)
    acts = read.activities(con, only_athlete(con)).merge(
        read.sources(con, only_athlete(con))[["source_id", "file_name"]], on="source_id"
    )
    return int(acts.loc[acts["file_name"].str.endswith(file_suffix), "activity_id"].iloc[0])


def show(use_db, path: Path, key: str | None = None, kinds: list[str] | None = None):
    use_db(path)
    at = open_app(span=whole_log(path))
    if key:
        at.query_params["activity"] = key
    if kinds is not None:
        at.session_state["act_kinds"] = kinds
    at.switch_page("pages/activities.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_text(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "subheader", "info") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def no_missing_words(at) -> None:
    assert not BAD.findall(shown_text(at)), BAD.findall(shown_text(at))
    for d in at.dataframe:
        text = d.value.select_dtypes(exclude="number").astype("string").fillna("")
        assert not text.apply(lambda c: c.str.fullmatch(BAD.pattern)).to_numpy().any(), d.value.head()


def loads_of(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "drives the charts" in d.value.columns)


def test_every_session_of_the_demo_reads_without_missing_words(demo_db, use_db):
    at = show(use_db, demo_db)
    no_missing_words(at)
    table = at.dataframe[0].value
    strength = table[table["kind"] == "strength"].iloc[0]
    assert pd.isna(strength["distance (km)"]) and strength["pace"] == ""
    ride = table[~table["kind"].str.startswith("run") & (table["kind"] != "strength")].iloc[0]
    assert ride["pace"] == "" and ride["spike"] == ""
    assert table["when"].is_monotonic_decreasing  # newest first, ISO text
    assert {"run", "strength", "cycling"} <= set(table["kind"].str.split(" · ").str[0])


@pytest.mark.realdata
def test_strength_detail_has_sets_and_duration_and_no_distance(strength_db, use_db):
    sessions = read.strength_sessions(con_of(strength_db), only_athlete(con_of(strength_db)))
    app = int(sessions.loc[sessions["activity_id"].isna(), "session_id"].iloc[0])
    watch = int(sessions["activity_id"].dropna().iloc[0])
    for key in (f"s{app}", f"a{watch}"):
        at = show(use_db, strength_db, key)
        no_missing_words(at)
        labels = {m.label for m in at.metric}
        assert "Distance" not in labels and "Pace" not in labels and "Duration" in labels
        assert not at.button_group, "no distance/time toggle on a strength session"
        sets = next(d.value for d in at.dataframe if "exercise" in d.value.columns)
        assert len(sets) and not sets["weight"].str.fullmatch(r"0(?:\.0)? kg").any()
        assert "nan run" not in shown_text(at) and "training · nan" not in shown_text(at)
    assert "Avg HR" in labels  # the watch gave heart rate
    assert (sets["weight"] == "bodyweight").any() or sets["weight"].str.endswith(" kg").all()


@pytest.mark.realdata
def test_strength_only_log_lists_sessions_without_none(strength_db, use_db):
    at = show(use_db, strength_db)
    no_missing_words(at)
    table = at.dataframe[0].value
    assert set(table["kind"]) == {"strength"}
    assert table["distance (km)"].isna().all() and (table["pace"] == "").all()


@pytest.mark.realdata
def test_a_run_with_an_hr_stream_but_no_average_shows_the_streams_mean(runs_db, use_db):
    aid = activity(runs_db, RUNS["hr_stream_no_avg"])
    at = show(use_db, runs_db, f"a{aid}")
    no_missing_words(at)
    hr = {m.label: m.value for m in at.metric}["Avg HR"]
    assert re.fullmatch(r"\d{2,3} bpm", hr), hr
    assert "lacks heart rate" not in shown_text(at) and "no heart rate" not in shown_text(at)


@pytest.mark.realdata
def test_a_run_without_heart_rate_says_so_and_draws_its_route(runs_db, use_db):
    aid = activity(runs_db, RUNS["no_hr_gps"])
    at = show(use_db, runs_db, f"a{aid}")
    no_missing_words(at)
    assert {m.label: m.value for m in at.metric}["Avg HR"] == "–"
    assert "TRIMP and hrTSS: no heart rate in this file" in shown_text(at)
    assert "Route" in shown_text(at)
    loads = loads_of(at).set_index("method")
    assert pd.isna(loads.loc["hrTSS", "value"])


@pytest.mark.realdata
def test_miles_mode_reaches_the_load_table_and_the_pace_axis(runs_db, use_db, tmp_path):
    path = copy(runs_db, tmp_path)
    settings_write.save_settings(
        con_of(path), only_athlete(con_of(path)), {"units_distance": "mi", "units_weight": "lb"}
    )
    aid = activity(path, RUNS["hr_gps"])
    at = show(use_db, path, f"a{aid}")
    no_missing_words(at)
    loads = loads_of(at).set_index("method")
    assert loads.loc["distance", "unit"] == "mi" and "km" not in set(loads["unit"])
    assert {m.label: m.value for m in at.metric}["Pace"].endswith("/mi")
    assert "distance (mi)" in at.dataframe[0].value.columns
    chart = next(c for c in at.get("plotly_chart") if "pace" in c.proto.spec)
    assert re.search(r'"ticktext":\["\d+:\d\d"', chart.proto.spec), "pace ticks read min:ss"


@pytest.mark.realdata
def test_session_rpe_and_note_are_saved_and_fill_the_load(runs_db, use_db, tmp_path):
    path = copy(runs_db, tmp_path)
    aid = activity(path, RUNS["no_hr_gps"])  # no HR: session RPE is the only effort-based load
    at = show(use_db, path, f"a{aid}")
    assert pd.isna(loads_of(at).set_index("method").loc["session RPE", "value"])
    at.number_input(key=f"rpe_a{aid}").set_value(6.0)
    at.text_area(key=f"note_a{aid}").set_value("hot day")
    at.button(key=f"save_a{aid}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    loads = loads_of(at).set_index("method")
    minutes = loads.loc["moving minutes", "value"]
    assert loads.loc["session RPE", "value"] == pytest.approx(6.0 * minutes)
    assert "Note: hot day" in shown_text(at)
    saved = read.activities(con_of(path), only_athlete(con_of(path))).set_index("activity_id").loc[aid]
    assert saved["rpe"] == 6.0 and saved["note"] == "hot day"


def test_a_filter_that_hides_every_session_says_so(demo_db, use_db):
    at = show(use_db, demo_db, kinds=[])
    assert any("No session in this range matches the filter" in i.value for i in at.info)


@pytest.mark.parametrize("athlete", ATHLETE_PARAMS)
def test_every_kind_of_session_of_every_athlete_reads_right(athlete_db, use_db, athlete):
    """The whole log of each test athlete: the table and the detail of its newest run, strength
    session and other session, in km and in miles, without None/nan/NaT or a wrong card."""
    path = athlete_db(athlete)
    at = show(use_db, path)
    no_missing_words(at)
    listed = activity_list_of(path)
    assert len(at.dataframe[0].value) == len(listed)
    keys = row_keys(listed)
    for kind in ("run", "strength", "other"):
        rows = listed.index[listed["kind"] == kind]
        if not len(rows):
            continue
        at = show(use_db, path, keys[rows[0]])
        no_missing_words(at)
        labels = {m.label for m in at.metric}
        assert kind != "strength" or "Distance" not in labels, labels
        assert ("Pace" in labels) == (kind == "run")
        assert bool(at.button_group) <= (kind != "strength")
        if kind == "run":
            assert not (
                "no heart rate" in shown_text(at) and {m.label: m.value for m in at.metric}["Avg HR"] != "–"
            ), "a run with heart rate never says it lacks it"


def activity_list_of(path: Path) -> pd.DataFrame:
    """The page's list, as the page computes it (the whole log)."""
    from analysis.activitylist import activity_list
    from analysis.compute import compute_all
    from analysis.settings import Settings

    con = con_of(path)
    s = Settings.from_dict(read.settings(con, only_athlete(con)))
    r = compute_all(
        read.activities(con, only_athlete(con)),
        read.hr_seconds(con, only_athlete(con)),
        read.laps(con, only_athlete(con)),
        read.strength_sessions(con, only_athlete(con)),
        read.strength_sets(con, only_athlete(con)),
        read.injuries(con, only_athlete(con)),
        s,
        whole_log(path)[1],
    )
    return activity_list(r.loads, r.runs, r.strength_sessions)
