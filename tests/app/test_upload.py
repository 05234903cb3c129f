"""The Upload page: a real FIT file and a Strong CSV through st.file_uploader (AppTest), shown in
the result table and found in the store; a folder by path; the templates offered."""

from __future__ import annotations

import pytest
from athletes import only_athlete
from streamlit.testing.v1 import AppTest

import config
from ingest import mappings
from store import read

APP = str(config.ROOT / "app.py")


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNSTRONG_DB", str(tmp_path / "db.duckdb"))
    monkeypatch.setenv("RUNSTRONG_RAW", str(tmp_path / "raw"))
    return tmp_path


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("pages/upload.py").run()
    assert not at.exception, at.exception
    return at


def _submit(at: AppTest, label: str) -> AppTest:
    # Labels are Markdown: a file name in one is escaped ('log\\.csv').
    next(b for b in at.button if b.label.replace("\\", "") == label).click().run()
    assert not at.exception, at.exception
    return at


def _store(app_env):
    # The page's cached connection holds the file in this process: read through a cursor of it.
    from ui import data

    return data.connection(str(app_env / "db.duckdb"))


@pytest.mark.realdata
def test_uploading_a_fit_run_and_a_strong_csv(app_env, realdata):
    at = _page()
    fit = realdata / "fit_run" / "fitparse__garmin-fenix-5-run.fit"
    strong = realdata / "csv_strength" / "strongstats__sample_strong.csv"
    at.file_uploader[0].set_value(
        [
            (fit.name, fit.read_bytes(), "application/octet-stream"),
            (strong.name, strong.read_bytes(), "text/csv"),
        ]
    )
    _submit(at, "Import files")
    table = at.dataframe[0].value
    rows = table.set_index("file")
    assert rows.loc[fit.name, "format"] == "FIT" and rows.loc[fit.name, "activities"] == 1
    assert rows.loc[strong.name, "format"] == "Strong" and rows.loc[strong.name, "strength sessions"] == 15
    assert rows.loc[strong.name, "sets"] == 250
    assert set(rows["status"]) == {"ok"}
    summary = next(s.value for s in at.success)
    assert summary.startswith(
        "2 files: 1 activity (1 run) and 15 strength sessions (250 sets) added, from "
    ), summary
    con = _store(app_env)
    assert read.table_counts(con, only_athlete(con))["activities"] == 1
    assert read.table_counts(con, only_athlete(con))["strength_sets"] == 250
    assert set(read.sources(con, only_athlete(con))["file_name"]) == {
        fit.name,
        strong.name,
    }
    # Every offered file is kept in the raw store.
    assert len([p for p in (app_env / "raw").rglob("*") if p.is_file()]) == 2


@pytest.mark.realdata
def test_the_same_upload_again_changes_nothing_and_says_so(app_env, realdata):
    at = _page()
    fit = realdata / "fit_run" / "fitparse__garmin-fenix-5-run.fit"
    for _ in range(2):
        at.file_uploader[0].set_value((fit.name, fit.read_bytes(), "application/octet-stream"))
        _submit(at, "Import files")
    rows = at.dataframe[0].value
    assert any(w.value == "1 file: nothing new added; 1 was imported before." for w in at.success)
    assert list(rows["status"]) == ["duplicate"]
    assert "already imported" in rows["message"].iloc[0]
    assert read.table_counts(_store(app_env), only_athlete(_store(app_env)))["sources"] == 1


def test_a_folder_by_path_and_a_bad_path(app_env, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "injuries.csv").write_text(
        "onset_date,end_date,body_area,severity,time_loss,medical_visit,note\n"
        "2025-03-01,2025-03-20,left calf,moderate,true,false,strain\n"
    )
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    at = _page()
    at.text_input[0].set_value(str(tmp_path / "nowhere"))
    _submit(at, "Import folder")
    assert any("No such file or folder" in e.value for e in at.error)
    at.text_input[0].set_value(str(folder))
    _submit(at, "Import folder")
    rows = at.dataframe[0].value.set_index("file")
    assert rows.loc[str(folder / "injuries.csv"), "injuries"] == 1
    failed = rows.loc[str(folder / "notes.csv")]
    assert failed["status"] == "failed" and "Strong" in failed["message"] and "template" in failed["message"]
    assert any("failed" in w.value for w in at.warning)
    assert read.table_counts(_store(app_env), only_athlete(_store(app_env)))["injuries"] == 1


def test_templates_are_offered_for_download(app_env):
    at = _page()
    labels = [b.label for b in at.get("download_button")]
    assert any("runs.csv" in label for label in labels)
    assert any("strength.csv" in label for label in labels)
    assert any("injuries.csv" in label for label in labels)


LOG = (
    "Mein Lauftagebuch\n\n"
    "Datum;Sportart;Strecke (km);Dauer;Puls Ø;Bemerkung\n"
    "01.02.21;Laufen;10,5;52:30;148;locker\n"
    "03.04.21;Rad;26,2;1:05:10;;\n"
    "05.04.21;LaD;8;40;139;\n"
)


def test_an_unknown_csv_opens_the_column_mapper_and_goes_in(app_env):
    at = _page()
    at.file_uploader[0].set_value(("log.csv", LOG.encode("cp1252"), "text/csv"))
    _submit(at, "Import files")
    # The failure is said in full, above the table, and the summary counts right.
    assert any(w.value.startswith("1 file: nothing new added. 1 failed") for w in at.warning)
    why = next(e for e in at.expander if e.label == "Why 1 file failed")
    text = " ".join(m.value for m in why.markdown)
    assert "match no format Runstrong reads" in text and "Import page" in text
    assert list(at.dataframe[0].value.columns[:3]) == ["file", "status", "message"]
    # The mapping step: what was detected, the columns, the ambiguous date order asked.
    assert any(s.value == "Map the columns of a CSV Runstrong does not know" for s in at.subheader)
    labels = {s.label: s.value for s in at.selectbox}
    assert labels["Encoding"] == "cp1252" and labels["Delimiter"] == ";"
    assert (
        labels["Date"] == "Datum"
        and labels["Distance"] == "Strecke (km)"
        and labels["Average HR"] == "Puls Ø"
    )
    assert at.number_input[0].value == 3 and at.checkbox[0].value is True  # header line, decimal comma
    order = next(r for r in at.radio if "more than one way" in r.label)
    assert order.value == "dmy"
    order.set_value("mdy").run()  # month first: 02 Jan, 04 Mar, 04 May
    preview = next(d for d in at.dataframe if "start" in d.value.columns).value
    assert list(preview["start"]) == ["2021-01-02", "2021-03-04", "2021-05-04"]
    order = next(r for r in at.radio if "more than one way" in r.label)
    order.set_value("dmy").run()
    preview = next(d for d in at.dataframe if "start" in d.value.columns).value
    assert list(preview["sport"]) == ["Run", "Ride", "Other"] and preview["distance"].iloc[0] == "10.50 km"
    at.text_input(key=next(t.key for t in at.text_input if t.label == "Name of this mapping")).set_value(
        "Tagebuch"
    )
    _submit(at, "Save the mapping and import log.csv")
    rows = at.dataframe[0].value.set_index("file")
    assert rows.loc["log.csv", "status"] == "ok" and rows.loc["log.csv", "activities"] == 3
    assert "column mapping 'Tagebuch'" in rows.loc["log.csv", "message"]
    ok = next(s.value for s in at.success)
    assert ok.startswith(
        "1 file: 3 activities (1 ride, 1 run, 1 other activity) added, from 1 Feb 2021 to 5 Apr 2021"
    )
    assert not any(s.value == "Map the columns of a CSV Runstrong does not know" for s in at.subheader)
    con = _store(app_env)
    assert read.table_counts(con, only_athlete(con))["activities"] == 3
    assert [m.name for m in mappings.saved(con, only_athlete(con))] == ["Tagebuch"]
    # The saved mapping is listed and exported.
    saved = next(e for e in at.expander if e.label.startswith("Column mappings you saved (1)"))
    assert any(b.label == "Export the mappings (JSON)" for b in saved.get("download_button"))


def test_a_mapping_that_reads_no_row_says_why(app_env):
    at = _page()
    text = "Wann;Was;Wie weit\n;Laufen;10\n;Laufen;12\n"
    at.file_uploader[0].set_value(("empty_dates.csv", text.encode(), "text/csv"))
    _submit(at, "Import files")
    at.selectbox(key=next(s.key for s in at.selectbox if s.label == "Date")).set_value("Wann").run()
    assert any(
        "reads no row" in e.value and "empty date column 'Wann'" in e.value.replace("\\", "")
        for e in at.error
    )
    save = next(b for b in at.button if b.label.startswith("Save the mapping"))
    assert save.disabled


def test_strength_workouts_joined_are_listed_and_can_be_kept_apart(app_env, tmp_path):
    import sys

    sys.path.insert(0, str(config.ROOT / "tests" / "ingest"))
    from test_strength_merge import counted, hevy, watch_fit

    folder = tmp_path / "gym"
    folder.mkdir()
    (folder / "watch.fit").write_bytes(watch_fit())
    (folder / "workout.csv").write_bytes(hevy())
    at = _page()
    at.text_input[0].set_value(str(folder))
    _submit(at, "Import folder")
    (joined,) = [e for e in at.expander if e.label.startswith("Strength workouts joined (1)")]
    row = joined.dataframe[0].value.iloc[0]
    assert row["date"] == "Tue 04 Mar 2025" and row["workout"] == "Leg day"
    assert row["watch file"] == "watch.fit (Garmin watch)" and row["app file"] == "workout.csv (Hevy)"
    assert (
        row["from the watch"].startswith("duration 45:00") and "heart rate (average" in row["from the watch"]
    )
    assert row["from the app"] == "5 sets, the workout's name and RPE (the watch's 3 sets set aside)"
    assert counted(_store(app_env)) == 1
    assert joined.button[0].disabled
    joined.selectbox[0].select_index(0).run()
    _submit(at, "Keep them apart")
    assert any(
        "Kept apart: Tue 04 Mar 2025 18:00 Leg day: Garmin watch and Hevy" in s.value for s in at.success
    )
    assert not [e for e in at.expander if e.label.startswith("Strength workouts joined")]
    assert counted(_store(app_env)) == 2
    # Offered again, the files change nothing: the pair stays apart.
    at.text_input[0].set_value(str(folder))
    _submit(at, "Import folder")
    assert not [e for e in at.expander if e.label.startswith("Strength workouts joined")]
    assert counted(_store(app_env)) == 2


STRENGTH_LOG = (
    "Datum,Einheit,Übung,Satz,Gewicht,Wdh\n"
    "04.03.2024,Beine,Kniebeuge,1,60 kg,8\n"
    "04.03.2024,Beine,Kniebeuge,2,135 lbs,5\n"
    "06.03.2024,Oben,Klimmzug,1,,10\n"
)


def test_a_strength_log_is_mapped_and_mappings_import_as_json(app_env, monkeypatch):
    at = _page()
    at.file_uploader[0].set_value(("kraft.csv", STRENGTH_LOG.encode(), "text/csv"))
    _submit(at, "Import files")
    kind = next(r for r in at.radio if r.label == "Each row is")
    assert kind.value == "strength"
    labels = {s.label: s.value for s in at.selectbox}
    assert (labels["Exercise"], labels["Weight"], labels["Reps"]) == ("Übung", "Gewicht", "Wdh")
    at.selectbox(key=next(s.key for s in at.selectbox if s.label == "Workout")).set_value("Einheit").run()
    preview = next(d for d in at.dataframe if "exercise" in d.value.columns).value
    assert list(preview["weight"]) == ["60 kg", "61.2 kg", "bodyweight"]  # a unit glued to the number wins
    assert preview["date"].iloc[0] == "Mon 04 Mar 2024"  # a four-digit year and a day above 12: day first
    _submit(at, "Save the mapping and import kraft.csv")
    ok = next(s.value for s in at.success)
    assert ok.startswith("1 file: 2 strength sessions (3 sets) added, from 4 Mar 2024 to 6 Mar 2024"), ok
    exported = mappings.export_json(_store(app_env), only_athlete(_store(app_env)))
    # Another install imports the mappings through the page.
    monkeypatch.setenv("RUNSTRONG_DB", str(app_env / "other.duckdb"))
    at2 = _page()
    saved = next(e for e in at2.expander if e.label.startswith("Column mappings you saved (0)"))
    assert saved is not None
    at2.file_uploader(key="map_import").set_value(("maps.json", exported.encode(), "application/json")).run()
    _submit(at2, "Import these mappings")
    assert any("1 mapping imported: kraft" in s.value.replace("\\", "") for s in at2.success)


def test_saving_a_mapping_imports_every_waiting_file_with_that_header(app_env):
    at = _page()
    second = LOG.split("01.02.21")[0] + "10.04.21;Laufen;12,0;61:00;150;lang\n"
    other = "Wann,Was\n2021-01-01,Laufen\n"
    at.file_uploader[0].set_value(
        [
            ("log.csv", LOG.encode(), "text/csv"),
            ("log2.csv", second.encode(), "text/csv"),
            ("odd.csv", other.encode(), "text/csv"),
        ]
    )
    _submit(at, "Import files")
    picker = next(s for s in at.selectbox if s.label == "3 files to map")
    picker.set_value(picker.options.index("log.csv")).run()  # the options are shown by file name
    _submit(at, "Save the mapping and import log.csv")
    rows = at.dataframe[0].value.set_index("file")
    assert list(rows.index) == ["log.csv", "log2.csv"] and set(rows["status"]) == {"ok"}
    assert any(s.value.startswith("2 files: 4 activities") for s in at.success)
    assert any(m.value.replace("\\", "") == "**odd.csv**" for m in at.markdown)  # the one left, by name
    assert read.table_counts(_store(app_env), only_athlete(_store(app_env)))["activities"] == 4
    assert [
        p.file_name for p in mappings.waiting(_store(app_env), only_athlete(_store(app_env)), app_env / "raw")
    ] == ["odd.csv"]
