"""The Settings page through AppTest: a bad row stays in its editor with its message while the good
rows save and the toast counts them; dates in ISO; one units choice shown alike in the sidebar and
in Settings; the assumed profile values said with a link to Settings."""

from __future__ import annotations

import json
import shutil

import pytest
from app_helpers import open_app
from athletes import only_athlete

from analysis.settings import Settings
from store import read, settings_write
from store.db import connect

ISO_EDITORS = ("races", "injury")


def no_errors(at) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def editor(at, name: str):
    return next(d for d in at.data_editor if d.key.startswith(f"{name}_editor_"))


def edit(
    at, name: str, added: list[dict], edited: dict | None = None, deleted: list[int] | None = None
) -> None:
    at.session_state[editor(at, name).key] = {
        "edited_rows": edited or {},
        "added_rows": added,
        "deleted_rows": deleted or [],
    }
    at.run()


def click(at, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def toasts(at) -> list[str]:
    return [t.value for t in at.get("toast")]


@pytest.fixture()
def fresh(tmp_path, use_db):
    """An empty database the test writes to."""
    db = use_db(tmp_path / "fresh.duckdb")
    connect(db).close()
    return db


def stored(db) -> dict:
    from ui import data

    return read.settings(data.connection(str(db)), only_athlete(data.connection(str(db))))


def test_a_race_without_a_distance_stays_with_its_message_and_the_others_save(fresh):
    at = open_app("pages/settings.py")
    edit(
        at,
        "races",
        [
            {"date": "2026-05-01", "distance": "half", "name": "Spring half"},
            {"date": "2026-06-01", "name": "Summer 10"},
            {"date": "2026-09-20", "distance": "marathon"},
        ],
    )
    click(at, "Save races")
    no_errors(at)
    assert toasts(at) == ["Saved 2 races; 1 row not saved: row 3 has no distance."]
    assert [r["distance"] for r in stored(fresh)["races"]] == ["half", "marathon"]
    table = editor(at, "races").value
    assert table["name"].tolist()[-1] == "Summer 10", "the row not saved is still in the editor"
    assert any("Row 3 has no distance" in w.value for w in at.warning)
    # Filled in and saved again: now it goes in, and the message goes away.
    edit(at, "races", [], edited={2: {"distance": "10k"}})
    click(at, "Save races")
    no_errors(at)
    assert toasts(at) == ["Saved 3 races."] and not at.warning
    assert len(stored(fresh)["races"]) == 3


def test_an_injury_without_onset_stays_with_its_message_and_the_others_save(fresh):
    at = open_app("pages/settings.py")
    edit(
        at,
        "injury",
        [
            {"onset_date": "2026-03-01", "body_area": "calf", "severity": "minor"},
            {"onset_date": "2026-04-02", "body_area": "knee"},
            {"onset_date": "2026-05-10", "body_area": "hip"},
            {"body_area": "shin", "note": "forgot the date"},
        ],
    )
    click(at, "Save injury log")
    no_errors(at)
    assert toasts(at) == ["Saved 3 injuries (3 new); 1 row not saved: row 4 has no onset date."]
    from ui import data

    injuries = read.injuries(data.connection(str(fresh)), only_athlete(data.connection(str(fresh))))
    assert injuries["body_area"].tolist() == ["calf", "knee", "hip"]
    table = editor(at, "injury").value
    assert table["body_area"].tolist() == ["calf", "knee", "hip", "shin"]
    assert any("Row 4 has no onset date" in w.value for w in at.warning)


def test_every_date_editor_shows_iso_dates_and_blank_for_missing(fresh):
    at = open_app("pages/settings.py")
    for name in ISO_EDITORS:
        proto = editor(at, name).proto
        types = [c.get("type_config", {}) for c in json.loads(proto.columns).values()]
        dates = [t for t in types if t.get("type") == "date"]
        assert dates and all(t.get("format") == "YYYY-MM-DD" for t in dates), name
        assert proto.HasField("placeholder") and proto.placeholder == "", "missing cells blank, not None"


def test_one_units_choice_in_the_sidebar_and_in_settings(demo_db, tmp_path, use_db):
    db = use_db(tmp_path / "demo.duckdb")
    shutil.copy(demo_db, db)
    con = connect(db)
    # Saved apart by an older page.
    settings_write.save_settings(con, only_athlete(con), {"units_distance": "km", "units_weight": "lb"})
    con.close()
    sidebar = open_app().sidebar.radio(key="units_choice")  # the sidebar is drawn by the app's first run
    at = open_app("pages/settings.py")
    no_errors(at)
    in_settings = next(r for r in at.main.radio if r.label == "Units")
    assert sidebar.label == in_settings.label == "Units"
    assert sidebar.options == in_settings.options == ["km · kg", "mi · lb"]
    assert sidebar.value == in_settings.value == "km"
    assert Settings.from_dict(stored(db)).units_weight == "kg", "weights follow the one choice"
    assert any("weights are shown in kg" in w.value for w in at.warning), "the disagreement is said"
    in_settings.set_value("mi")
    next(b for b in at.button if b.label == "Save").click().run()
    no_errors(at)
    values = stored(db)
    assert (values["units_distance"], values["units_weight"]) == ("mi", "lb")
    assert not at.warning
    assert open_app().sidebar.radio(key="units_choice").value == "mi"


@pytest.mark.realdata
def test_unset_profile_values_are_said_where_they_are_used_with_a_link(fresh, realdata):
    from ingest.pipeline import ingest_paths

    con = connect(fresh)
    ingest_paths(con, [realdata / "fit_run" / "sportslib__6782987395.fit"], fresh.parent / "raw")
    con.close()
    at = open_app("pages/load.py")
    no_errors(at)
    said = [c.value for c in at.caption if c.value.startswith("Assumed:")]
    # The charts' load here is hrTSS (auto, a run with heart rate): the line names what it rests on,
    # the maximum and threshold HR, and not the sex, which only TRIMP uses.
    assert said and "threshold HR" in said[0] and "maximum HR" in said[0], said
    assert "TRIMP" not in said[0], said
    assert any(link.label == "Set them in Settings" for link in at.get("page_link"))
    at = open_app("pages/settings.py")
    assert any("men's TRIMP constants" in c.value for c in at.caption)
    con = connect(fresh)
    settings_write.save_settings(
        con,
        only_athlete(con),
        {"sex": "female", "hr_rest": 50, "hr_max": 190, "threshold_hr": 170, "threshold_pace_s_per_km": 270},
    )
    con.close()
    at = open_app("pages/load.py")
    assert not [c.value for c in at.caption if c.value.startswith("Assumed:")], (
        "nothing assumed, nothing said"
    )
