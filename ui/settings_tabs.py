"""The Settings page, one function per tab in the page's order (pages/settings.py lays out the
tabs): profile and units, load and thresholds, strength and schedule, races, the injury log,
exercise regions, data. Each saves through the store and says what it saved; the two editable
tables check every row (ui.settings_rows) and keep a row they cannot save, with its problem."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import config
from analysis import (
    ACWR_METHODS,
    LOAD_METHOD_LABELS,
    LOAD_METHODS,
    POLICY_INFO,
    RACE_DISTANCES,
    REGIONS,
    UNIT_SYSTEMS,
    Results,
    Settings,
    activity_list,
    acwr_label,
    cite,
    units,
)
from ingest import SEVERITIES, delete_athlete, ingest_bytes, localtime
from store import athletes as store_athletes
from store import edits, settings_write
from ui import assumed, athletes, data, export, filters, fmt
from ui import settings_rows as rows

ISO = "YYYY-MM-DD"  # every date editor on this page
TOAST = "settings_toast"  # a message to show after the rerun that follows a save
DEFAULTS = Settings()  # the recommended values, for the captions that cite them


def save(values: dict[str, Any], message: str) -> None:
    data.write(settings_write.save_settings, values)
    st.session_state[TOAST] = message
    st.rerun()


def show_toast() -> None:
    """The message of the save that led to this run, once."""
    message = st.session_state.pop(TOAST, None)
    if message:
        st.toast(message)


# --- Profile & units -------------------------------------------------------------------------------------


def profile(s: Settings, res: Results | None) -> None:
    if res is not None:
        assumed.note(res, link=False)
    with st.form("profile"):
        st.caption(
            "Heart-rate values set the TRIMP and hrTSS loads (Banister 1991; Morton 1990). Left empty, "
            "Runstrong assumes a value and says so beside the numbers."
        )
        c1, c2 = st.columns(2)
        sexes = [None, "female", "male"]
        sex = c1.selectbox(
            "Sex (TRIMP constants)",
            sexes,
            index=sexes.index(s.sex),
            format_func=lambda x: "not set: men's constants assumed" if x is None else x,
        )
        choice = c2.radio(
            "Units",
            list(filters.UNITS),
            index=list(filters.UNITS).index(s.units_distance),
            format_func=filters.UNITS.get,
            horizontal=True,
            help="Distances, paces and weights on every page; the same choice as in the sidebar.",
        )
        c1, c2, c3 = st.columns(3)
        hr_rest = c1.number_input("Resting HR (bpm)", 25, 120, _int(s.hr_rest), placeholder="not set")
        hr_max = c2.number_input("Maximum HR (bpm)", 100, 230, _int(s.hr_max), placeholder="not set")
        lthr = c3.number_input(
            "Threshold HR (bpm)", 80, 220, _int(s.threshold_hr), placeholder="not set: from resting and max"
        )
        c1, c2 = st.columns(2)
        per_unit = units.M_PER_MI / units.M_PER_KM if s.units_distance == "mi" else 1.0
        pace_now = (
            ""
            if s.threshold_pace_s_per_km is None
            else units.format_pace(s.threshold_pace_s_per_km * per_unit, s.units_distance).split(" ")[0]
        )
        pace = c1.text_input(
            f"Threshold pace (min:s per {units.distance_label(s.units_distance)})",
            pace_now,
            placeholder="e.g. 4:10",
            help="Needed for rTSS and quality runs by pace.",
        )
        week_start = c2.selectbox(
            "Weeks start on", list(range(7)), index=s.week_start, format_func=fmt.weekday_name
        )
        zone = c1.text_input(
            "Your time zone",
            s.timezone or "",
            placeholder="as your watch files show, e.g. Europe/Berlin",
            help="CSV files write times without a zone: they are read as this wall clock. "
            "Changing it places the CSV times already imported again.",
        )
        if not st.form_submit_button("Save", type="primary"):
            return
    if Settings.from_dict_problems({"timezone": zone})[1]:
        st.error(
            f"Time zone: {zone.strip()!r} is not a zone name; write it like Europe/Berlin or America/New_York."
        )
        return
    pace_s = None
    if pace.strip():
        try:
            pace_s = units.parse_pace(pace) / per_unit
        except ValueError as exc:
            st.error(f"Threshold pace: {exc}")
            return
    if hr_rest is not None and hr_max is not None and hr_max <= hr_rest:
        st.error("The maximum heart rate must be above the resting heart rate.")
        return
    if (zone.strip() or None) != s.timezone:  # the CSV wall clocks already stored follow the new zone
        data.write(settings_write.save_settings, {"timezone": zone.strip() or None})
        data.write(localtime.place_stored)
    save(
        {
            "sex": sex,
            "hr_rest": hr_rest,
            "hr_max": hr_max,
            "threshold_hr": lthr,
            "threshold_pace_s_per_km": pace_s,
            "units_distance": choice,
            "units_weight": UNIT_SYSTEMS[choice],
            "week_start": week_start,
            "timezone": zone.strip() or None,
        },
        "Profile saved.",
    )


def _int(x: float | None) -> int | None:
    return None if x is None else round(x)


# --- Load & thresholds -----------------------------------------------------------------------------------


def load(s: Settings) -> None:
    with st.form("load"):
        method = st.selectbox(
            "Load method for the charts",
            LOAD_METHODS,
            index=LOAD_METHODS.index(s.load_method),
            format_func=LOAD_METHOD_LABELS.__getitem__,
        )
        cross = st.checkbox("Count cross-training (rides, swims) in fitness", s.load_include_cross_training)
        lift = st.checkbox(
            "Count strength sessions in fitness",
            s.load_include_strength,
            help="Off by default: strength stays out of the running fitness curve.",
        )
        ref = st.checkbox("Show the acute:chronic ratio's reference lines by default", s.acwr_show_reference)
        acwr = st.selectbox(
            "Acute:chronic ratio for the injury signal",
            ACWR_METHODS,
            index=ACWR_METHODS.index(s.injury_acwr_method),
            format_func=lambda m: acwr_label(m, s),
        )
        niggles = st.checkbox(
            f"Include niggles (under {s.injury_counted_min_days} days, no medical visit) in the injury signal",
            s.injury_include_niggles,
        )
        c1, c2, c3 = st.columns(3)
        warn = c1.number_input("Monotony: warn above", 0.5, 10.0, float(s.monotony_warn), 0.1)
        flag = c2.number_input("Monotony: flag above", 0.5, 10.0, float(s.monotony_flag), 0.1)
        prog = c3.number_input(
            "2-week progression: info above (%)", 0, 200, round(s.progression_threshold * 100)
        )
        if not st.form_submit_button("Save", type="primary"):
            return
    save(
        {
            "load_method": method,
            "load_include_cross_training": cross,
            "load_include_strength": lift,
            "acwr_show_reference": ref,
            "injury_acwr_method": acwr,
            "injury_include_niggles": niggles,
            "monotony_warn": warn,
            "monotony_flag": flag,
            "progression_threshold": prog / 100,
        },
        "Load settings saved.",
    )


# --- Strength & schedule ---------------------------------------------------------------------------------


def _span(pair: tuple[int, int]) -> str:
    return f"{pair[0]}-{pair[1]}" if pair[0] != pair[1] else str(pair[0])


def strength(s: Settings) -> None:
    with st.form("strength"):
        st.caption(
            f"Recommended sessions per week: off-season or base {_span(DEFAULTS.strength_target_base)}, race "
            f"build-up {_span(DEFAULTS.strength_target_buildup)}, never 0: reduce it, don't remove it "
            f"(Blagrove et al. 2018; {cite('run_smarter')})."
        )
        c1, c2, c3, c4 = st.columns(4)
        b_lo = c1.number_input("Base: at least", 0, 7, s.strength_target_base[0])
        b_hi = c2.number_input("Base: up to", 0, 7, s.strength_target_base[1])
        u_lo = c3.number_input("Build-up: at least", 0, 7, s.strength_target_buildup[0])
        u_hi = c4.number_input("Build-up: up to", 0, 7, s.strength_target_buildup[1])
        new = st.checkbox(
            "New lifter: a base target of 1 a week is enough to start",
            s.new_lifter,
            help=f"From {cite('revel')}.",
        )
        policy = st.radio(
            "Scheduling policy",
            list(POLICY_INFO),
            index=list(POLICY_INFO).index(s.policy),
            format_func=lambda p: POLICY_INFO[p].label(s),
            help="The Schedule check page lists each policy's rules with their sources.",
        )
        if not st.form_submit_button("Save", type="primary"):
            return
    if b_lo > b_hi or u_lo > u_hi:
        st.error("The lower bound of a target must not be above its upper bound.")
        return
    save(
        {
            "strength_target_base": [b_lo, b_hi],
            "strength_target_buildup": [u_lo, u_hi],
            "new_lifter": new,
            "policy": policy,
        },
        "Strength targets saved.",
    )


# --- Races -----------------------------------------------------------------------------------------------


def _editor_key(name: str) -> str:
    """A new key after each save, so the editor starts from the saved table (plus the rows kept back)."""
    return f"{name}_editor_{st.session_state.get(f'{name}_generation', 0)}"


def _next_generation(name: str) -> None:
    st.session_state[f"{name}_generation"] = st.session_state.get(f"{name}_generation", 0) + 1


def _kept_back(problems: list[rows.Problem]) -> None:
    for p in problems:
        st.warning(f"Row {p.row} {p.text}: it is not saved. Fill it in and save again, or delete the row.")


def races(s: Settings) -> None:
    weeks = ", ".join(f"{d} {s.buildup_weeks[d]} weeks" for d in RACE_DISTANCES if d in s.buildup_weeks)
    st.caption(
        f"A race date sets the build-up before it: {weeks}; the last {s.taper_weeks} weeks "
        f"are the taper. With no race, build-ups are detected from {s.detect_min_weeks}+ weeks of rising "
        "fitness and long run. Dates as YYYY-MM-DD."
    )
    stored = pd.DataFrame([r.to_dict() for r in s.races], columns=rows.RACE_COLUMNS)
    table = pd.concat(
        [stored, pd.DataFrame(st.session_state.get("races_pending", []), columns=rows.RACE_COLUMNS)],
        ignore_index=True,
    )
    table["date"] = pd.to_datetime(table["date"]).dt.date
    edited = st.data_editor(
        table,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        placeholder="",
        key=_editor_key("races"),
        column_config={
            "date": st.column_config.DateColumn("date", format=ISO),
            "distance": st.column_config.SelectboxColumn("distance", options=list(RACE_DISTANCES)),
            "name": st.column_config.TextColumn("name"),
        },
    )
    _kept_back(rows.problems_in(table, "race"))
    if not st.button("Save races", type="primary"):
        return
    plan = rows.plan_races(edited)
    data.write(settings_write.save_settings, {"races": plan.races})
    st.session_state["races_pending"] = plan.pending
    _next_generation("races")
    kept = rows.problems_in(
        pd.concat([pd.DataFrame(plan.races), pd.DataFrame(plan.pending)], ignore_index=True).reindex(
            columns=rows.RACE_COLUMNS
        ),
        "race",
    )
    st.session_state[TOAST] = rows.saved_message(len(plan.races), "race", kept)
    st.rerun()


# --- Injury log ------------------------------------------------------------------------------------------


def _injury_table(stored: pd.DataFrame) -> pd.DataFrame:
    table = rows.with_pending(stored, st.session_state.get("injury_pending", []), rows.INJURY_COLUMNS)
    for c in ("onset_date", "end_date"):
        table[c] = pd.to_datetime(table[c]).dt.date
    for c in ("time_loss", "medical_visit"):
        table[c] = table[c].astype("boolean")
    table["injury_id"] = table["injury_id"].astype("Int64")
    return table


def injury_log(injuries: pd.DataFrame) -> None:
    """Add, edit and delete injuries in one table; saved row by row through the store."""
    st.caption(
        f"An injury counts in the signal when it stopped or restricted running for {data.settings().injury_counted_min_days} "
        "days or more, or led to a medical visit (Yamato 2015). Shorter niggles are kept and shown. "
        "Dates as YYYY-MM-DD."
    )
    table = _injury_table(injuries)
    edited = st.data_editor(
        table,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        placeholder="",
        key=_editor_key("injury"),
        disabled=["injury_id"],
        column_config={
            "injury_id": st.column_config.NumberColumn("id", format="%d", width=50),
            "onset_date": st.column_config.DateColumn("onset", format=ISO, width=100),
            "end_date": st.column_config.DateColumn(
                "back to running", format=ISO, width=120, help="Empty while ongoing."
            ),
            "body_area": st.column_config.TextColumn("body area", width=120),
            "severity": st.column_config.SelectboxColumn("severity", options=list(SEVERITIES), width=100),
            "time_loss": st.column_config.CheckboxColumn(
                "time loss", width=80, help="Running stopped or restricted."
            ),
            "medical_visit": st.column_config.CheckboxColumn("medical visit", width=100),
            "note": st.column_config.TextColumn("note"),
        },
    )
    _kept_back(rows.problems_in(table, "injury"))
    if not st.button("Save injury log", type="primary", key="save_injuries"):
        return
    plan = rows.plan_injuries(injuries, edited)
    failed: list[dict[str, Any]] = []
    added = changed = 0
    for row in plan.added:
        try:
            data.write(edits.add_injury, row)
            added += 1
        except ValueError as exc:  # the store's own check: keep the row with its reason
            failed.append({"injury_id": None, **row, "_why": str(exc)})
    for injury_id, row in plan.changed:
        try:
            data.write(edits.update_injury, injury_id, row)
            changed += 1
        except ValueError as exc:
            failed.append({"injury_id": injury_id, **row, "_why": str(exc)})
    for injury_id in plan.deleted:
        data.write(edits.delete_injury, injury_id)
    pending = plan.pending + [{k: v for k, v in r.items() if k != "_why"} for r in failed]
    st.session_state["injury_pending"] = pending
    _next_generation("injury")
    after = rows.with_pending(data.frames().injuries, pending, rows.INJURY_COLUMNS)
    kept = rows.problems_in(after, "injury")
    kept += [
        rows.Problem(0, f"could not be saved: {r['_why']}") for r in failed if not rows.injury_problem(r)
    ]
    parts = [
        f"{n} {w}" for n, w in ((added, "new"), (changed, "changed"), (len(plan.deleted), "deleted")) if n
    ]
    st.session_state[TOAST] = rows.saved_message(added + changed, "injury", kept, ", ".join(parts))
    st.rerun()


def injury_import() -> None:
    st.markdown("**Import an injury log (CSV)**")
    st.caption(
        "Columns: onset_date, end_date, body_area, severity (" + ", ".join(SEVERITIES) + "), time_loss, "
        "medical_visit, note; dates as YYYY-MM-DD. The Import page offers the template."
    )
    up = st.file_uploader("Injury CSV", type=["csv"], key="injury_csv")
    if up is not None and st.button("Import", key="import_injuries"):
        results = ingest_bytes(
            data.con(), up.name, up.getvalue(), config.raw_dir(), athlete=data.athlete_to_write()
        )
        for r in results:
            (st.success if r.status in ("ok", "partial") else st.error)(
                f"{fmt.md(r.file_name)}: {r.status}, {fmt.plural(r.injuries, 'injury')} added. {fmt.md(r.message)}"
            )


# --- Exercise regions ------------------------------------------------------------------------------------


def _region(x: object) -> str | None:
    return None if fmt.missing(x) else str(x)


def exercise_regions() -> None:
    ex = data.exercises()
    if ex.empty:
        st.caption("No exercises in the log yet.")
        return
    st.caption(
        "Your choice wins over the built-in list of exercises; clear it to use the built-in region again."
    )
    edited = st.data_editor(
        ex[["exercise", "sets", "shipped_region", "own_region"]],
        hide_index=True,
        width="stretch",
        disabled=["exercise", "sets", "shipped_region"],
        placeholder="",
        key="regions_editor",
        column_config={
            "own_region": st.column_config.SelectboxColumn("your region", options=list(REGIONS)),
            "shipped_region": "built-in region",
        },
    )
    before = {e: _region(r) for e, r in zip(ex["exercise"], ex["own_region"], strict=True)}
    changed = {
        r.exercise: _region(r.own_region)
        for r in edited.itertuples()
        if _region(r.own_region) != before[r.exercise]
    }
    if st.button("Save regions", disabled=not changed, type="primary", key="save_regions"):
        data.write(edits.save_exercise_regions, changed)
        st.session_state[TOAST] = f"Saved {fmt.plural(len(changed), 'region')}."
        st.rerun()


# --- Data ------------------------------------------------------------------------------------------------


def export_and_delete(s: Settings, res: Results | None) -> None:
    st.markdown("**Export all data**")
    st.caption(
        "Every table as CSV and Parquet, plus the computed daily, weekly, runs and injury-signal files, in one zip."
    )
    con, athlete = data.con(), data.athlete()
    st.download_button(
        "Download everything (zip)",
        data=lambda: export.zip_bytes(con, athlete, res),
        file_name=athletes.export_file_name(data.athlete_name(), len(data.athletes()) > 1),
        mime="application/zip",
        icon=":material/download:",
    )
    st.divider()
    delete_activity(res, s)
    st.caption(f"Database: {fmt.md(config.db_path())}. Units shown: {filters.UNITS[s.units_distance]}.")


def delete_activity(res: Results | None, s: Settings) -> None:
    st.markdown("**Delete an activity**")
    acts = activity_list(res.loads, res.runs, res.strength_sessions) if res is not None else None
    if acts is None or acts.empty:
        st.caption("Nothing to delete yet.")
        return
    u = s.units_distance
    keys = ("a" + acts["activity_id"].astype("string")).fillna("s" + acts["session_id"].astype("string"))
    labels = {
        k: " · ".join(
            x
            for x in (
                fmt.day(r.local_date),
                str(r.sport),
                fmt.dist(r.distance_m, u),
                "" if pd.isna(r.name) else str(r.name),
            )
            if x
        )
        for k, r in zip(keys, acts.itertuples(), strict=True)
    }
    key = st.selectbox(
        "Activity",
        list(labels),
        format_func=labels.__getitem__,
        index=None,
        placeholder="Pick one",
        key="delete_pick",
    )
    sure = st.checkbox("Yes, delete it with its laps, records and sets", key="delete_sure")
    if st.button("Delete", disabled=key is None or not sure, key="delete_go") and key is not None:
        n = (
            data.write(edits.delete_activity, int(key[1:]))
            if key.startswith("a")
            else data.write(edits.delete_strength_session, int(key[1:]))
        )
        st.session_state[TOAST] = "Deleted." if n else "It was already gone."
        st.rerun()
    st.caption("The file stays in the import history, so uploading it again does not bring it back.")


# --- Athletes --------------------------------------------------------------------------------------------


def athletes_tab() -> None:
    """Add, rename and delete athletes (ui.athletes holds the checks and the words)."""
    st.caption(
        "Each athlete has their own imported files, settings, races, injuries and plan; a file is a "
        "duplicate only of the same athlete's files, so one file can go in for two. With two athletes or "
        "more the sidebar shows a picker: every page, and what the Import page takes in, follow the "
        "athlete picked there."
    )
    con = data.con()
    listing = data.athletes()
    names = {int(i): str(n) for i, n in zip(listing["athlete_id"], listing["name"], strict=True)}
    if names:
        table = pd.DataFrame(
            [
                {"athlete": n, **{k: c.get(k, 0) for k, _ in athletes.CONTENTS}}
                for i, n in names.items()
                for c in [store_athletes.contents(con, i)]
            ]
        )
        st.dataframe(table, hide_index=True, width="stretch")
    else:
        st.caption(
            f"No athlete yet: the first import creates one named {athletes.FIRST_NAME}, or add one here."
        )

    with st.form("athlete_add"):
        new = st.text_input("Add an athlete", placeholder="Their name")
        if st.form_submit_button("Add athlete"):
            problem = athletes.name_problem(new, names.values())
            if problem:
                st.error(problem)
            else:
                athletes.switch_to(store_athletes.ensure(con, athletes.tidy(new)))
                st.session_state[TOAST] = (
                    f"Added {fmt.md(athletes.tidy(new))}: the pages now show them. Import their files on "
                    "the Import page."
                )
                st.rerun()
    if not names:
        return

    shown = data.athlete()
    ids = list(names)
    who = st.selectbox(
        "Athlete to rename or delete",
        ids,
        index=ids.index(shown) if shown in ids else 0,
        format_func=names.__getitem__,
        key="athlete_edit_pick",
    )
    name = names[who]
    with st.form("athlete_rename"):
        renamed = st.text_input("New name", value=name)
        if st.form_submit_button("Rename"):
            problem = athletes.name_problem(renamed, names.values(), current=name)
            if problem:
                st.error(problem)
            else:
                store_athletes.rename(con, who, athletes.tidy(renamed))
                st.session_state[TOAST] = f"{fmt.md(name)} is now called {fmt.md(athletes.tidy(renamed))}."
                st.rerun()

    # Folded away: a deletion is rare and cannot be undone. Its sentence names what goes.
    with st.expander(f"Delete {fmt.md(name)}", icon=":material/delete:"):
        st.markdown(athletes.deletion_text(name, store_athletes.contents(con, who)))
        sure = st.checkbox(
            f"Yes, delete {fmt.md(name)} and all of the above", key=f"athlete_delete_sure_{who}"
        )
        if st.button(f"Delete {fmt.md(name)}", disabled=not sure, key=f"athlete_delete_go_{who}"):
            removed = delete_athlete(con, who, config.raw_dir())
            athletes.forget(who)
            athletes.switch_to(data.athlete())
            st.session_state[TOAST] = f"Deleted {fmt.md(name)}." + (
                f" {fmt.plural(removed, 'imported file')} no other athlete shares removed." if removed else ""
            )
            st.rerun()
