"""Import: the runner's exports in, through the browser or from a folder, with a report of what came
in; a CSV no format reads opens the column mapper."""

from __future__ import annotations

import shlex
from pathlib import Path

import streamlit as st

import config
from ingest import SUPPORTED, TEMPLATES, ingest_paths, ingest_uploads, template, template_help
from store import read
from ui import athletes, data, fmt, import_progress, import_report, mapping_step, page
from ui.strength_merges import strength_merges

page.ensure_app()
st.title("Import your training")
st.caption(
    f"Runstrong reads {SUPPORTED}. A CSV from any other app or your own spreadsheet: offer it, and "
    "map its columns once. Every file is kept, so the database can be rebuilt; the same file "
    "offered twice changes nothing."
)
several = len(data.athletes()) > 1
st.markdown(
    f"Importing for **{fmt.md(athletes.shown_name())}**."
    + (" For another athlete, pick them in the sidebar first." if several else "")
)
UPLOAD_LABEL = (
    "Watch and app exports: FIT (.fit, .fit.gz), TCX, GPX, CSV, ZIP (a Strava or Garmin Connect "
    "export), athlete.json"
)


def _run(what: str, go) -> None:
    bar = st.progress(0.0, text=f"Importing {what}…")
    results = go(import_progress.bar_updater(bar))
    bar.empty()
    st.session_state["upload_results"] = results


def _import_files(files: list[tuple[str, bytes]]) -> None:
    _run(
        fmt.plural(len(files), "file"),
        lambda p: ingest_uploads(data.con(), files, config.raw_dir(), p, athlete=data.athlete_to_write()),
    )


with st.form("upload", clear_on_submit=True):
    files = st.file_uploader(UPLOAD_LABEL, accept_multiple_files=True)
    sent = st.form_submit_button("Import files", type="primary")
if sent and files:
    _import_files([(f.name, f.getvalue()) for f in files])

with st.form("folder"):
    folder = st.text_input(
        "Or a folder on this computer (a watch over USB, a Garmin Express folder, an "
        "unpacked export): every FIT, TCX, GPX, CSV and ZIP inside it",
        placeholder="/media/GARMIN",
    )
    go_folder = st.form_submit_button("Import folder")
if go_folder and folder.strip():
    path = Path(folder.strip()).expanduser()
    if not path.exists():
        st.error(f"No such file or folder: {path}")
    else:
        _run(
            str(path),
            lambda p: ingest_paths(data.con(), [path], config.raw_dir(), p, athlete=data.athlete_to_write()),
        )

results = st.session_state.get("upload_results")
if results:
    ids = [r.source_id for r in results if r.source_id is not None and r.status in ("ok", "partial")]
    import_report.show(results, read.came_in(data.con(), data.athlete(), ids))

mapping_step.mapping_step(
    data.con(), data.athlete(), config.raw_dir(), data.settings().units_distance, _import_files
)
mapping_step.saved_mappings(data.con(), data.athlete(), data.athlete_to_write)

merged = read.merges(data.con(), data.athlete())
if len(merged):
    with st.expander(f"Duplicates merged ({len(merged)}): the same training from more than one file"):
        st.dataframe(
            merged[
                [
                    "kind",
                    "role",
                    "merged_file",
                    "kept_file",
                    "kept_sport",
                    "kept_start_time_utc",
                    "kept_distance_m",
                    "merged_distance_m",
                ]
            ],
            hide_index=True,
            width="stretch",
        )

strength_merges(data.con(), data.athlete())

with st.expander("Templates for anything else"):
    st.markdown(template_help())
    cols = st.columns(len(TEMPLATES))
    for col, (name, what) in zip(cols, TEMPLATES.items(), strict=True):
        col.download_button(f"{name} ({what})", template(name), file_name=name, mime="text/csv")

with st.expander("From the command line"):
    st.markdown(
        f"The same import without the browser (stop the dashboard first: it holds the database). "
        f"Every imported file is kept under {fmt.md(config.raw_dir())}."
    )
    # With several athletes the command line needs the name (without one it refuses, listing them).
    named = f"--athlete {shlex.quote(athletes.shown_name())} " if several else ""
    st.code(
        f".venv/bin/python -m ingest {named}PATH...        # files, folders, archives\n"
        ".venv/bin/python -m ingest --rebuild      # a new database from the raw folder",
        language="bash",
    )
