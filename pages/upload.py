"""Upload: the runner's exports in, through the browser or from a folder, with a per-file report."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import config
from ingest.formats import SUPPORTED
from ingest.pipeline import ingest_paths, ingest_uploads
from ingest.report import TEMPLATES, results_frame, template, template_help, totals
from store import read
from ui import data, fmt, page

page.ensure_app()
st.title("Import your training")
st.caption(f"Runstrong reads {SUPPORTED}. Every file is kept under {config.raw_dir()} so the database "
           "can be rebuilt; the same file offered twice changes nothing.")  # fmt: skip


def _progress(bar):
    def update(done: int, total: int, name: str) -> None:
        text = f"{done} of {total}: {fmt.md(name[-60:])}"  # an archive's names are its author's: text only
        bar.progress(min(done / total, 1.0) if total else 1.0, text=text)

    return update


def _run(what: str, go) -> None:
    bar = st.progress(0.0, text=f"Importing {what}…")
    results = go(_progress(bar))
    bar.empty()
    st.session_state["upload_results"] = results


with st.form("upload", clear_on_submit=True):
    files = st.file_uploader("Watch and app exports: FIT, CSV, ZIP (a Strava or Garmin export)",
                             accept_multiple_files=True)  # fmt: skip
    sent = st.form_submit_button("Import files", type="primary")
if sent and files:
    _run(f"{len(files)} files", lambda p: ingest_uploads(data.con(), [(f.name, f.getvalue()) for f in files],
                                                         config.raw_dir(), p))  # fmt: skip

with st.form("folder"):
    folder = st.text_input("Or a folder on this computer (a watch over USB, a Garmin Express folder, an "
                           "unpacked export): every FIT, CSV and ZIP inside it", placeholder="/media/GARMIN")  # fmt: skip
    go_folder = st.form_submit_button("Import folder")
if go_folder and folder.strip():
    path = Path(folder.strip()).expanduser()
    if not path.exists():
        st.error(f"No such file or folder: {path}")
    else:
        _run(str(path), lambda p: ingest_paths(data.con(), [path], config.raw_dir(), p))

results = st.session_state.get("upload_results")
if results:
    t = totals(results)
    msg = (f"{t['files']} files: {t['activities']} activities, {t['strength_sessions']} strength sessions "
           f"({t['sets']} sets), {t['injuries']} injuries added; {t['merged']} duplicates merged.")  # fmt: skip
    (st.warning if t["failed"] else st.success)(
        msg + (f" {t['failed']} failed: see why below." if t["failed"] else "")
    )
    st.dataframe(results_frame(results), hide_index=True, width="stretch")

merged = read.merges(data.con())
if len(merged):
    with st.expander(f"Duplicates merged ({len(merged)}): the same training from more than one file"):
        st.dataframe(merged[["kind", "role", "merged_file", "kept_file", "kept_sport", "kept_start_time_utc",
                             "kept_distance_m", "merged_distance_m"]], hide_index=True, width="stretch")  # fmt: skip

with st.expander("Templates for anything else"):
    st.markdown(template_help())
    cols = st.columns(len(TEMPLATES))
    for col, (name, what) in zip(cols, TEMPLATES.items(), strict=True):
        col.download_button(f"{name} ({what})", template(name), file_name=name, mime="text/csv")
