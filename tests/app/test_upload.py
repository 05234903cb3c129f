"""The Upload page: a real FIT file and a Strong CSV through st.file_uploader (AppTest), shown in
the result table and found in the store; a folder by path; the templates offered."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import config
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
    next(b for b in at.button if b.label == label).click().run()
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
    at.file_uploader[0].set_value([(fit.name, fit.read_bytes(), "application/octet-stream"),
                                   (strong.name, strong.read_bytes(), "text/csv")])  # fmt: skip
    _submit(at, "Import files")
    table = at.dataframe[0].value
    rows = table.set_index("file")
    assert rows.loc[fit.name, "format"] == "FIT" and rows.loc[fit.name, "activities"] == 1
    assert rows.loc[strong.name, "format"] == "Strong" and rows.loc[strong.name, "strength sessions"] == 15
    assert rows.loc[strong.name, "sets"] == 250
    assert set(rows["status"]) == {"ok"}
    assert any("1 activities" in s.value for s in at.success)
    con = _store(app_env)
    assert read.table_counts(con)["activities"] == 1
    assert read.table_counts(con)["strength_sets"] == 250
    assert set(read.sources(con)["file_name"]) == {fit.name, strong.name}
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
    assert list(rows["status"]) == ["duplicate"]
    assert "already imported" in rows["message"].iloc[0]
    assert read.table_counts(_store(app_env))["sources"] == 1


def test_a_folder_by_path_and_a_bad_path(app_env, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "injuries.csv").write_text("onset_date,end_date,body_area,severity,time_loss,medical_visit,note\n"
                                         "2025-03-01,2025-03-20,left calf,moderate,true,false,strain\n")  # fmt: skip
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
    assert read.table_counts(_store(app_env))["injuries"] == 1


def test_templates_are_offered_for_download(app_env):
    at = _page()
    labels = [b.label for b in at.get("download_button")]
    assert any("runs.csv" in label for label in labels)
    assert any("strength.csv" in label for label in labels)
    assert any("injuries.csv" in label for label in labels)
