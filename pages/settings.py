"""Settings: profile, units, load, strength targets, policy, races; the injury log; exercise
regions; export everything; delete an activity. Every value is saved in the store's settings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import config
from analysis import units
from analysis.settings import LOAD_METHODS, RACE_DISTANCES, Settings
from analysis.strength import REGIONS
from ingest.pipeline import ingest_bytes
from store import write
from ui import data, export, filters, fmt, page
from ui import settings_forms as forms

page.ensure_app()
st.title("Settings")
span = filters.date_range()
if span is None:
    page.empty_state("The settings below apply once your training is in.")
raw = data.settings_dict()
s, problems = Settings.from_dict_problems(raw)
for p in problems:
    st.warning(f"A stored setting could not be used and its default applies: {p}")


def save(values: dict, message: str = "Saved.") -> None:
    data.write(write.save_settings, values)
    st.toast(message)
    st.rerun()


tabs = st.tabs(["Profile & units", "Load & thresholds", "Strength & schedule", "Races", "Injury log",
                "Exercise regions", "Data"])  # fmt: skip

with tabs[0]:
    values = forms.profile(s)
    if values is not None:
        save(values, "Profile saved.")

with tabs[1]:
    with st.form("load"):
        labels = {"auto": "automatic: hrTSS, else rTSS, else session RPE, else minutes", "hrtss": "hrTSS",
                  "rtss": "rTSS", "trimp": "TRIMP", "srpe": "session RPE", "time": "moving minutes",
                  "distance": "distance"}  # fmt: skip
        method = st.selectbox("Load method for the charts", LOAD_METHODS, index=LOAD_METHODS.index(s.load_method),
                              format_func=labels.get)  # fmt: skip
        cross = st.checkbox("Count cross-training (rides, swims) in fitness", s.load_include_cross_training)
        lift = st.checkbox("Count strength sessions in fitness", s.load_include_strength,
                           help="Off by default: strength stays out of the running fitness curve (DOMAIN.md 3).")  # fmt: skip
        ref = st.checkbox("Show ACWR reference lines by default", s.acwr_show_reference)
        acwr = st.selectbox("ACWR for the injury signal", ["uncoupled", "coupled", "ewma"],
                            index=["uncoupled", "coupled", "ewma"].index(s.injury_acwr_method))  # fmt: skip
        niggles = st.checkbox("Include niggles (under 7 days, no medical visit) in the injury signal",
                              s.injury_include_niggles)  # fmt: skip
        c1, c2, c3 = st.columns(3)
        warn = c1.number_input("Monotony: warn above", 0.5, 10.0, float(s.monotony_warn), 0.1)
        flag = c2.number_input("Monotony: flag above", 0.5, 10.0, float(s.monotony_flag), 0.1)
        prog = c3.number_input(
            "2-week progression: info above (%)", 0, 200, round(s.progression_threshold * 100)
        )
        if st.form_submit_button("Save", type="primary"):
            save({"load_method": method, "load_include_cross_training": cross, "load_include_strength": lift,
                  "acwr_show_reference": ref, "injury_acwr_method": acwr, "injury_include_niggles": niggles,
                  "monotony_warn": warn, "monotony_flag": flag, "progression_threshold": prog / 100})  # fmt: skip

with tabs[2]:
    values = forms.strength(s)
    if values is not None:
        save(values, "Strength targets saved.")

with tabs[3]:
    st.caption("A race date sets a build-up: marathon 16 weeks, half 12, 10 km 10, 5 km 8, the last 2 the taper. "
               "With no race, build-ups are detected from 4+ weeks of rising fitness and long run.")  # fmt: skip
    races = pd.DataFrame([r.to_dict() for r in s.races], columns=["date", "distance", "name"])
    races["date"] = pd.to_datetime(races["date"]).dt.date
    edited = st.data_editor(races, num_rows="dynamic", hide_index=True, width="stretch", key="races_editor",
                            column_config={"date": st.column_config.DateColumn(required=True),
                                           "distance": st.column_config.SelectboxColumn(options=list(RACE_DISTANCES),
                                                                                        required=True)})  # fmt: skip
    if st.button("Save races", type="primary"):
        rows = edited.dropna(subset=["date", "distance"])
        save({"races": [{"date": pd.Timestamp(r.date).date().isoformat(), "distance": r.distance,
                         "name": "" if pd.isna(r.name) else str(r.name)} for r in rows.itertuples()]},
             f"Saved {fmt.plural(len(rows), 'race')}.")  # fmt: skip

with tabs[4]:
    forms.injury_log(data.frames().injuries)
    st.markdown("**Import an injury log (CSV)**")
    st.caption("Columns: onset_date, end_date, body_area, severity (niggle, minor, moderate, severe), time_loss, "
               "medical_visit, note. The Upload page offers the template.")  # fmt: skip
    up = st.file_uploader("Injury CSV", type=["csv"], key="injury_csv")
    if up is not None and st.button("Import", key="import_injuries"):
        results = data.write(ingest_bytes, up.name, up.getvalue(), config.raw_dir())
        for r in results:
            (st.success if r.status in ("ok", "partial") else st.error)(
                f"{fmt.md(r.file_name)}: {r.status}, {fmt.plural(r.injuries, 'injury')} added. {fmt.md(r.message)}")  # fmt: skip

with tabs[5]:
    ex = data.exercises()
    if ex.empty:
        st.caption("No exercises in the log yet.")
    else:
        st.caption("Your choice wins over the shipped table; clear it to use the shipped region again.")
        edited = st.data_editor(ex[["exercise", "sets", "shipped_region", "own_region"]], hide_index=True,
                                width="stretch", disabled=["exercise", "sets", "shipped_region"], key="regions_editor",
                                column_config={"own_region": st.column_config.SelectboxColumn("your region",
                                                                                              options=list(REGIONS)),
                                               "shipped_region": "shipped region"})  # fmt: skip
        before = dict(zip(ex["exercise"], ex["own_region"], strict=True))
        changed = {r.exercise: (None if pd.isna(r.own_region) else r.own_region) for r in edited.itertuples()
                   if (None if pd.isna(r.own_region) else r.own_region) != (None if pd.isna(before[r.exercise])
                                                                              else before[r.exercise])}  # fmt: skip
        if st.button("Save regions", disabled=not changed, type="primary", key="save_regions"):
            data.write(write.save_exercise_regions, changed)
            st.toast(f"Saved {fmt.plural(len(changed), 'region')}.")
            st.rerun()

with tabs[6]:
    st.markdown("**Export all data**")
    st.caption(
        "Every table as CSV and Parquet, plus the computed daily, weekly, runs and injury-signal files, in one zip."
    )
    res = data.results(span[1]) if span is not None else None
    con = data.con()
    st.download_button("Download everything (zip)", data=lambda: export.zip_bytes(con, res),
                       file_name="runstrong-export.zip", mime="application/zip", icon=":material/download:")  # fmt: skip
    st.divider()
    forms.delete_activity(res)
    st.caption(f"Database: {fmt.md(config.db_path())}. Units shown: {units.distance_label(s.units_distance)}, "
               f"{units.weight_label(s.units_weight)}.")  # fmt: skip
