"""The Settings page's larger forms: profile and units, strength and schedule, the injury log, and
deleting an activity. Each form returns the values to save (or None) or writes through the store."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis import units
from analysis.activitylist import activity_list
from analysis.compute import Results
from analysis.settings import Settings
from store import write
from ui import data, fmt

SEVERITIES = ["niggle", "minor", "moderate", "severe"]


def profile(s: Settings) -> dict[str, Any] | None:
    with st.form("profile"):
        st.caption("Heart-rate values set the TRIMP and hrTSS loads (Banister 1991; Morton 1990). Left empty, "
                   "Runstrong assumes a value and says so beside the numbers.")  # fmt: skip
        c1, c2 = st.columns(2)
        sexes = [None, "female", "male"]
        sex = c1.selectbox("Sex (TRIMP constants)", sexes, index=sexes.index(s.sex),
                           format_func=lambda x: "not set (men's constants)" if x is None else x)  # fmt: skip
        dist_units = c2.radio(
            "Distances", ["km", "mi"], index=["km", "mi"].index(s.units_distance), horizontal=True
        )
        c1, c2, c3 = st.columns(3)
        hr_rest = c1.number_input("Resting HR (bpm)", 25, 120, _int(s.hr_rest), placeholder="not set")
        hr_max = c2.number_input("Maximum HR (bpm)", 100, 230, _int(s.hr_max), placeholder="not set")
        lthr = c3.number_input(
            "Threshold HR (bpm)", 80, 220, _int(s.threshold_hr), placeholder="HRrest + 0.85 x reserve"
        )
        c1, c2, c3 = st.columns(3)
        pace_now = "" if s.threshold_pace_s_per_km is None else units.format_pace(
            s.threshold_pace_s_per_km * (units.M_PER_MI / units.M_PER_KM if s.units_distance == "mi" else 1.0),
            s.units_distance).split(" ")[0]  # fmt: skip
        pace = c1.text_input(f"Threshold pace (min:s per {s.units_distance})", pace_now, placeholder="e.g. 4:10",
                             help="Needed for rTSS and quality runs by pace.")  # fmt: skip
        weight_units = c2.radio(
            "Weights", ["kg", "lb"], index=["kg", "lb"].index(s.units_weight), horizontal=True
        )
        days = list(range(7))
        week_start = c3.selectbox("Weeks start on", days, index=s.week_start, format_func=fmt.weekday_name)
        if not st.form_submit_button("Save", type="primary"):
            return None
    pace_s = None
    if pace.strip():
        try:
            per_unit = units.parse_pace(pace)
        except ValueError as exc:
            st.error(str(exc))
            return None
        pace_s = per_unit / (units.M_PER_MI / units.M_PER_KM) if s.units_distance == "mi" else per_unit
    if hr_rest is not None and hr_max is not None and hr_max <= hr_rest:
        st.error("The maximum heart rate must be above the resting heart rate.")
        return None
    return {"sex": sex, "hr_rest": hr_rest, "hr_max": hr_max, "threshold_hr": lthr,
            "threshold_pace_s_per_km": pace_s, "units_distance": dist_units, "units_weight": weight_units,
            "week_start": week_start}  # fmt: skip


def _int(x: float | None) -> int | None:
    return None if x is None else round(x)


def strength(s: Settings) -> dict[str, Any] | None:
    with st.form("strength"):
        st.caption("Targets per week (seeds 000-004; Blagrove et al. 2018): off-season or base 2-3, race build-up "
                   "1-2, never 0: reduce it, don't remove it.")  # fmt: skip
        c1, c2, c3, c4 = st.columns(4)
        b_lo = c1.number_input("Base: at least", 0, 7, s.strength_target_base[0])
        b_hi = c2.number_input("Base: up to", 0, 7, s.strength_target_base[1])
        u_lo = c3.number_input("Build-up: at least", 0, 7, s.strength_target_buildup[0])
        u_hi = c4.number_input("Build-up: up to", 0, 7, s.strength_target_buildup[1])
        new = st.checkbox("New lifter (a base target of 1 is enough to start; seed 001)", s.new_lifter)
        policies = ["easy-day", "hard-day"]
        policy = st.radio("Scheduling policy", policies, index=policies.index(s.policy), horizontal=True,
                          format_func={"easy-day": "easy-day strength (seeds 000, 001, 004)",
                                       "hard-day": "hard-day strength (seed 002)"}.get)  # fmt: skip
        if not st.form_submit_button("Save", type="primary"):
            return None
    if b_lo > b_hi or u_lo > u_hi:
        st.error("The lower bound of a target must not be above its upper bound.")
        return None
    return {"strength_target_base": [b_lo, b_hi], "strength_target_buildup": [u_lo, u_hi], "new_lifter": new,
            "policy": policy}  # fmt: skip


def injury_log(injuries: pd.DataFrame) -> None:
    """Add, edit and delete injuries in one table; saved row by row through the store."""
    st.caption("An injury counts in the signal when it stopped or restricted running for 7 days or more, or led "
               "to a medical visit (Yamato 2015). Shorter niggles are kept and shown.")  # fmt: skip
    cols = [
        "injury_id",
        "onset_date",
        "end_date",
        "body_area",
        "severity",
        "time_loss",
        "medical_visit",
        "note",
    ]
    table = injuries[cols].copy() if len(injuries) else pd.DataFrame(columns=cols)
    for c in ("onset_date", "end_date"):
        table[c] = pd.to_datetime(table[c]).dt.date
    for c in ("time_loss", "medical_visit"):
        table[c] = table[c].astype("boolean")
    edited = st.data_editor(
        table, num_rows="dynamic", hide_index=True, width="stretch", key="injury_editor",
        disabled=["injury_id"],
        column_config={
            "injury_id": st.column_config.NumberColumn("id", format="%d"),
            "onset_date": st.column_config.DateColumn("onset", required=True),
            "end_date": st.column_config.DateColumn("back to running", help="Empty while ongoing."),
            "body_area": st.column_config.TextColumn("body area"),
            "severity": st.column_config.SelectboxColumn("severity", options=SEVERITIES),
            "time_loss": st.column_config.CheckboxColumn("running stopped or restricted"),
            "medical_visit": st.column_config.CheckboxColumn("medical visit"),
        },
    )  # fmt: skip
    if not st.button("Save injury log", type="primary", key="save_injuries"):
        return
    added, changed, deleted = diff_injuries(table, edited)
    try:
        for row in added:
            data.write(write.add_injury, row)
        for injury_id, row in changed:
            data.write(write.update_injury, injury_id, row)
    except ValueError as exc:
        st.error(str(exc))
        return
    for injury_id in deleted:
        data.write(write.delete_injury, injury_id)
    st.toast(f"Injury log saved: {len(added)} added, {len(changed)} changed, {len(deleted)} deleted.")
    st.rerun()


def _row(r: pd.Series) -> dict[str, Any]:
    def val(x):
        return None if x is None or x is pd.NA or (isinstance(x, float) and pd.isna(x)) or x is pd.NaT else x

    out = {c: val(r.get(c)) for c in ("onset_date", "end_date", "body_area", "severity", "time_loss",
                                      "medical_visit", "note")}  # fmt: skip
    for c in ("onset_date", "end_date"):
        if out[c] is not None:
            out[c] = pd.Timestamp(out[c]).date()
    for c in ("time_loss", "medical_visit"):
        if out[c] is not None:
            out[c] = bool(out[c])
    return out


def diff_injuries(before: pd.DataFrame, after: pd.DataFrame):
    """(rows to add, (id, row) to update, ids to delete) between the stored log and the edited one."""
    old = {int(r["injury_id"]): _row(r) for _, r in before.iterrows()}
    added, changed, seen = [], [], set()
    for _, r in after.iterrows():
        row = _row(r)
        if pd.isna(r.get("injury_id")):
            if any(v is not None for v in row.values()):
                added.append(row)
            continue
        i = int(r["injury_id"])
        seen.add(i)
        if row != old.get(i):
            changed.append((i, row))
    return added, changed, [i for i in old if i not in seen]


def delete_activity(res: Results | None) -> None:
    st.markdown("**Delete an activity**")
    if res is None:
        st.caption("Nothing to delete yet.")
        return
    acts = activity_list(res.loads, res.runs, res.strength_sessions)
    if acts.empty:
        st.caption("Nothing to delete yet.")
        return
    u = data.settings().units_distance
    keys = ("a" + acts["activity_id"].astype("string")).fillna("s" + acts["session_id"].astype("string"))
    labels = {k: " · ".join(x for x in (fmt.day(r.local_date), str(r.sport), fmt.dist(r.distance_m, u),
                                        "" if pd.isna(r.name) else str(r.name)) if x)
              for k, r in zip(keys, acts.itertuples(), strict=True)}  # fmt: skip
    key = st.selectbox("Activity", list(labels), format_func=labels.get, index=None, placeholder="Pick one",
                       key="delete_pick")  # fmt: skip
    sure = st.checkbox("Yes, delete it with its laps, records and sets", key="delete_sure")
    if st.button("Delete", disabled=key is None or not sure, key="delete_go"):
        n = (data.write(write.delete_activity, int(key[1:])) if key.startswith("a")
             else data.write(write.delete_strength_session, int(key[1:])))  # fmt: skip
        st.toast("Deleted." if n else "It was already gone.")
        st.rerun()
    st.caption("The file stays in the import history, so uploading it again does not bring it back.")
