"""The dashboard's side of several athletes (AppTest): the sidebar picker (only with two athletes or
more; switching it moves every page, the range and the units to that athlete), the Import page
(whose data it takes in, and for whom it imports), and Settings -> Athletes (add, rename, delete
with a confirmation naming what goes)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from app_helpers import APP
from athlete_pair import _gpx
from streamlit.testing.v1 import AppTest

from ui import athletes as ui_athletes


@pytest.fixture()
def pair(athlete_pair, tmp_path, use_db):
    """A copy of the two-athlete database (the tests here write), with its raw store."""
    path = tmp_path / "pair.duckdb"
    shutil.copy(athlete_pair.source, path)
    shutil.copytree(athlete_pair.raw, tmp_path / "raw")
    use_db(path)
    return athlete_pair, path


def picker(at: AppTest):
    hits = [s for s in at.sidebar.selectbox if s.label == "Athlete"]
    return hits[0] if hits else None


def pick(at: AppTest, athlete: int) -> AppTest:
    """Pick an athlete in the sidebar, then run app.py again with the session's state: AppTest
    reruns only the page a widget changed on, without the sidebar that follows the pick."""
    picker(at).set_value(athlete).run()
    no_errors(at)
    fresh = AppTest.from_file(APP, default_timeout=180)
    for key in ("athlete_id", ui_athletes.SHOWN, ui_athletes.RANGES, *ui_athletes.RANGE_KEYS):
        if key in at.session_state:
            fresh.session_state[key] = at.session_state[key]
    fresh.run()
    no_errors(fresh)
    return fresh


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def store_con(path):
    # The app's cached connection holds the file in this process: read through it.
    from ui import data

    return data.connection(str(path))


def test_one_athlete_has_no_picker(athlete_db, use_db):
    use_db(athlete_db("newcomer"))
    at = AppTest.from_file(APP, default_timeout=180).run()
    no_errors(at)
    assert picker(at) is None
    assert "Athlete" not in [w.label for w in at.sidebar.selectbox]


def test_the_picker_switches_every_page_the_range_and_the_units(pair):
    p, _ = pair
    alex, billie = p.ids["Alex"], p.ids["Billie"]
    # Alex's range set by hand to weeks that hold none of Billie's data (her log is six weeks).
    old = (p.today - dt.timedelta(days=75), p.today - dt.timedelta(days=55))
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["date_range_input"] = old
    at.run()
    no_errors(at)
    box = picker(at)
    assert box is not None and box.options == ["Alex", "Billie"] and box.value == alex
    assert at.session_state["date_range"] == old
    assert at.session_state["units_choice"] == "km"

    at = pick(at, billie)
    assert at.session_state["athlete_id"] == billie
    assert at.session_state["units_choice"] == "mi"  # Billie's own setting
    start, end = at.session_state["date_range"]  # her default range, not Alex's
    assert end >= p.today - dt.timedelta(days=2) and start <= p.today - dt.timedelta(weeks=5), (start, end)

    at = pick(at, alex)  # back to Alex: his range as he left it, his units
    assert at.session_state["date_range"] == old
    assert at.session_state["units_choice"] == "km"

    at = pick(at, billie)
    assert picker(at).value == billie
    at.switch_page("pages/activities.py").run()
    no_errors(at)
    table = at.dataframe[0].value.to_csv().lower()
    assert p.marker("Billie") in table and p.marker("Alex") not in table


def test_the_picker_follows_a_choice_made_elsewhere(pair):
    """The Roster's click sets the athlete in the session and opens the Overview: the picker shows it."""
    p, _ = pair
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["athlete_id"] = p.ids["Billie"]
    at.run()
    no_errors(at)
    assert picker(at).value == p.ids["Billie"]
    assert at.session_state["units_choice"] == "mi"


def test_a_switch_drops_what_the_page_held_for_the_other_athlete(pair):
    p, _ = pair
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.session_state["injury_pending"] = [{"body_area": "typed for Alex"}]
    at.session_state["upload_results"] = ["Alex's import"]
    picker(at).set_value(p.ids["Billie"]).run()
    no_errors(at)
    assert "injury_pending" not in at.session_state
    assert "upload_results" not in at.session_state


def test_the_import_page_says_whose_data_and_imports_for_them(pair, tmp_path):
    p, path = pair
    at = AppTest.from_file(APP, default_timeout=180).run()
    at = pick(at, p.ids["Billie"])
    at.switch_page("pages/upload.py").run()
    no_errors(at)
    said = [m.value for m in at.markdown if m.value.startswith("Importing for")]
    assert said == ["Importing for **Billie**. For another athlete, pick them in the sidebar first."], said
    assert any("--athlete Billie" in c.value for c in at.code)
    new = _gpx("newrunmark", dt.datetime.combine(p.today - dt.timedelta(days=1), dt.time(6, 30))).encode()
    at.file_uploader[0].set_value(("new.gpx", new, "application/gpx+xml"))
    next(b for b in at.button if b.label == "Import files").click().run()
    no_errors(at)
    from store import read

    con = store_con(path)
    names = {
        n: " ".join(read.activities(con, i)["name"].astype("string").fillna("")) for n, i in p.ids.items()
    }
    assert "newrunmark" in names["Billie"] and "newrunmark" not in names["Alex"]


def test_an_empty_install_imports_for_a_first_athlete_named_me(use_db, tmp_path):
    use_db(tmp_path / "empty.duckdb")
    at = AppTest.from_file(APP, default_timeout=180).run()
    at.switch_page("pages/upload.py").run()
    no_errors(at)
    assert [m.value for m in at.markdown if m.value.startswith("Importing for")] == ["Importing for **Me**."]
    run = _gpx("firstrun", dt.datetime(2026, 5, 3, 7, 0)).encode()
    at.file_uploader[0].set_value(("first.gpx", run, "application/gpx+xml"))
    next(b for b in at.button if b.label == "Import files").click().run()
    no_errors(at)
    from store import athletes

    con = store_con(tmp_path / "empty.duckdb")
    assert list(athletes.listing(con)["name"]) == ["Me"]


def _settings(p, name: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    if name is not None:
        at.session_state["athlete_id"] = p.ids[name]
    at.run()
    at.switch_page("pages/settings.py").run()
    no_errors(at)
    return at


def _press(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_athletes_tab_adds_an_athlete_and_refuses_a_blank_or_taken_name(pair):
    p, path = pair
    at = _settings(p)
    new = next(t for t in at.text_input if t.label == "Add an athlete")
    new.set_value("   ")
    _press(at, "Add athlete")
    assert [e.value for e in at.error] == [ui_athletes.name_problem("   ", [])]
    next(t for t in at.text_input if t.label == "Add an athlete").set_value(" billie ")
    _press(at, "Add athlete")
    assert [e.value for e in at.error] == ["There is already an athlete called Billie: choose another name."]
    next(t for t in at.text_input if t.label == "Add an athlete").set_value("Casey  Lee")
    _press(at, "Add athlete")
    from store import athletes

    listing = athletes.listing(store_con(path))
    assert list(listing["name"]) == ["Alex", "Billie", "Casey Lee"]
    assert at.session_state["athlete_id"] == int(listing["athlete_id"].iloc[-1])  # the pages show Casey


def test_the_athletes_tab_renames(pair):
    p, path = pair
    at = _settings(p, "Billie")
    assert at.selectbox(key="athlete_edit_pick").value == p.ids["Billie"]
    box = next(t for t in at.text_input if t.label == "New name")
    box.set_value("Alex")
    _press(at, "Rename")
    assert [e.value for e in at.error] == ["There is already an athlete called Alex: choose another name."]
    next(t for t in at.text_input if t.label == "New name").set_value("Billie Jo")
    _press(at, "Rename")
    no_errors(at)
    from store import athletes

    assert list(athletes.listing(store_con(path))["name"]) == ["Alex", "Billie Jo"]


def test_the_athletes_tab_deletes_after_a_confirmation_naming_what_goes(pair):
    p, path = pair
    from ingest.rawstore import find_raw
    from store import athletes, read

    con = store_con(path)
    counts = athletes.contents(con, p.ids["Billie"])
    shas = {n: set(read.sources(con, i)["sha256"]) for n, i in p.ids.items()}
    at = _settings(p, "Billie")
    assert not at.warning  # the confirmation is no warning of a problem: it is folded in its expander
    assert [e.label for e in at.expander if e.label.startswith("Delete")] == ["Delete Billie"]
    warning = next(m.value for m in at.markdown if m.value.startswith("Deleting"))
    assert warning.startswith(
        f"Deleting **Billie** removes {counts['files']} files, {counts['activities']} activities, "
        f"{counts['strength sessions']} strength sessions, 1 injury and {counts['planned sessions']} "
        "planned sessions, their settings"
    ), warning
    go = next(b for b in at.button if b.label == "Delete Billie")
    assert go.disabled
    at.checkbox(key=f"athlete_delete_sure_{p.ids['Billie']}").check().run()
    raw = path.parent / "raw"
    _press(at, "Delete Billie")
    no_errors(at)
    assert list(athletes.listing(con)["name"]) == ["Alex"]
    assert read.activities(con, p.ids["Billie"]).empty
    assert len(read.activities(con, p.ids["Alex"])) > 0
    assert [s for s in shas["Billie"] if find_raw(raw, s) is not None] == []  # her files are gone
    assert [s for s in shas["Alex"] if find_raw(raw, s) is None] == []  # his are kept
    assert at.session_state["athlete_id"] == p.ids["Alex"]


def test_a_name_is_refused_blank_too_long_or_taken_whatever_its_capitals():
    taken = ["Me", "Anna Berg"]
    assert ui_athletes.name_problem("Casey", taken) is None
    assert ui_athletes.name_problem("  ", taken).startswith("Write a name")
    assert "60" in ui_athletes.name_problem("x" * 61, taken)
    assert ui_athletes.name_problem("anna   berg", taken) == (
        "There is already an athlete called Anna Berg: choose another name."
    )
    # Renaming: their own name again says so; a new capital of their own name is a rename.
    assert (
        ui_athletes.name_problem("Anna Berg", taken, current="Anna Berg")
        == "Anna Berg is already called that."
    )
    assert ui_athletes.name_problem("anna berg", taken, current="Anna Berg") is None
    assert ui_athletes.tidy("  Anna \t Berg ") == "Anna Berg"


def test_the_confirmation_names_what_goes_and_leaves_out_what_they_have_none_of():
    counts = {"files": 12, "activities": 340, "strength sessions": 1, "injuries": 0, "planned sessions": 2}
    assert ui_athletes.contents_words(counts) == (
        "12 files, 340 activities, 1 strength session and 2 planned sessions"
    )
    assert ui_athletes.contents_words(
        {**counts, "activities": 0, "strength sessions": 0, "planned sessions": 0}
    ) == ("12 files")
    text = ui_athletes.deletion_text("Anna_B", dict.fromkeys(counts, 0))
    assert text.startswith("Deleting **Anna\\_B** removes no data yet, only their settings"), text


def test_the_export_zip_is_named_after_the_athlete_once_there_are_several():
    assert ui_athletes.export_file_name("Me", several=False) == "runstrong-export.zip"
    assert ui_athletes.export_file_name("Anna Berg", several=True) == "runstrong-export-anna-berg.zip"
    assert ui_athletes.export_file_name("Zoë/../x", several=True) == "runstrong-export-zoe-x.zip"
    assert ui_athletes.export_file_name("!!", several=True) == "runstrong-export.zip"
