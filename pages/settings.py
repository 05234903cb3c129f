"""Settings: profile and units, load, strength targets and policy, races, the injury log, exercise
regions, export and deletion, and the install's athletes. Each tab's body is a function of
ui.settings_tabs, in the same order; every value is saved in the store (the settings those of the
athlete shown)."""

from __future__ import annotations

import streamlit as st

from analysis import Settings
from ui import data, filters, page
from ui import settings_tabs as tabs

page.ensure_app()
st.title("Settings")
tabs.show_toast()
span = filters.date_range()
if span is None:
    page.empty_state("The settings below apply once your training is in.")
s, problems = Settings.from_dict_problems(data.settings_dict())
for p in problems:  # "units_weight: ..." reads "units weight: ..."
    name, _, why = p.partition(": ")
    st.warning(f"A stored setting could not be used as it is: {name.replace('_', ' ')}: {why}.")
res = data.results(span[1]) if span is not None else None

profile, load, strength, races, injuries, regions, data_tab, athletes_tab = st.tabs(
    [
        "Profile & units",
        "Load & thresholds",
        "Strength & schedule",
        "Races",
        "Injury log",
        "Exercise regions",
        "Data",
        "Athletes",
    ]
)
with profile:
    tabs.profile(s, res)
with load:
    tabs.load(s)
with strength:
    tabs.strength(s)
with races:
    tabs.races(s)
with injuries:
    tabs.injury_log(data.frames().injuries)
    tabs.injury_import()
with regions:
    tabs.exercise_regions()
with data_tab:
    tabs.export_and_delete(s, res)
with athletes_tab:
    tabs.athletes_tab()
