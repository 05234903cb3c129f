"""The dashboard's data: one DuckDB connection per process, reads cached on the data version.

Every write bumps the store's data version, so a cache keyed on it shows a new upload or a saved
setting at once. Display-only settings (units) do not key the analysis: switching km to miles
redraws without recomputing. Every loader reads one athlete's rows, the chosen one (`athlete()`),
and takes their id in its cache key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

import config
from analysis import (
    Results,
    Settings,
    check_week,
    compliance,
    compute_all,
    estimate,
    forecast,
    roster,
)
from store import athlete_versions, connect, data_version, derived, read, take_migration_message
from store import athletes as store_athletes

DISPLAY_ONLY = frozenset({"units_distance", "units_weight"})


@st.cache_resource(show_spinner=False)
def connection(path: str):
    """The process's one connection (DuckDB allows one writer process); pages use cursors."""
    return connect(path)


def _path() -> str:
    return str(config.db_path())


def con():
    return connection(_path())


def version() -> int:
    """Bumped by every write: a cache keyed on it shows a new upload at once."""
    return data_version(con())


@st.cache_data(show_spinner=False, max_entries=2)
def _athletes(path: str, data_version: int) -> pd.DataFrame:
    return store_athletes.listing(connection(path))


def athletes() -> pd.DataFrame:
    """Every athlete: athlete_id, name, created_at_utc (store.athletes.listing)."""
    return _athletes(_path(), version())


def athlete() -> int:
    """The chosen athlete's id: st.session_state["athlete_id"] when it names an existing athlete,
    else the first athlete, else 0 (a brand-new install: no rows, every page reads as empty)."""
    ids = [int(i) for i in athletes()["athlete_id"]]
    chosen = st.session_state.get("athlete_id")
    if chosen is not None and int(chosen) in ids:
        return int(chosen)
    return ids[0] if ids else 0


def athlete_to_write() -> int:
    """The athlete a write or an import is for: the chosen one; in a brand-new install, the first
    athlete ("Me"), created now, on first use (a setting saved before any import is theirs)."""
    return athlete() or store_athletes.choose(con())


def athlete_name() -> str | None:
    """The chosen athlete's name (None in a brand-new install)."""
    listing = athletes()
    rows = listing[listing["athlete_id"] == athlete()]
    return None if rows.empty else str(rows["name"].iloc[0])


def migration_note() -> str | None:
    """What the migration from a one-athlete database did: taken the first time the dashboard asks
    (store.db.take_migration_message) and kept for that browser session, so it stays on screen
    while the runner looks around; a later session never sees it again."""
    if "migration_note" not in st.session_state:
        st.session_state["migration_note"] = take_migration_message(con(), "dashboard")
    return st.session_state["migration_note"]


@dataclass(frozen=True)
class Frames:
    activities: pd.DataFrame
    laps: pd.DataFrame
    hr_seconds: pd.DataFrame
    strength_sessions: pd.DataFrame
    strength_sets: pd.DataFrame
    injuries: pd.DataFrame
    pace_seconds: pd.DataFrame


@st.cache_data(show_spinner=False, max_entries=2)
def _frames(path: str, athlete: int, data_version: int) -> Frames:
    c = connection(path)
    return Frames(
        read.activities(c, athlete),
        read.laps(c, athlete),
        read.hr_seconds(c, athlete),
        read.strength_sessions(c, athlete),
        read.strength_sets(c, athlete),
        read.injuries(c, athlete),
        read.pace_seconds(c, athlete),
    )


def frames() -> Frames:
    return _frames(_path(), athlete(), version())


@st.cache_data(show_spinner=False, max_entries=4)
def _settings(path: str, athlete: int, data_version: int) -> dict[str, Any]:
    return read.settings(connection(path), athlete)


def settings_dict() -> dict[str, Any]:
    return _settings(_path(), athlete(), version())


def settings() -> Settings:
    return Settings.from_dict(settings_dict())


@st.cache_data(show_spinner="Computing your training load…", max_entries=4)
def _results(path: str, athlete: int, data_version: int, analysis_json: str, today: dt.date) -> Results:
    f = _frames(path, athlete, data_version)
    s = Settings.from_dict(json.loads(analysis_json))
    return compute_all(
        f.activities,
        f.hr_seconds,
        f.laps,
        f.strength_sessions,
        f.strength_sets,
        f.injuries,
        s,
        today,
        f.pace_seconds,
    )


def results(today: dt.date) -> Results:
    """Every metric as of `today` (the end of the sidebar's range). Units: read settings()."""
    key = {k: v for k, v in settings_dict().items() if k not in DISPLAY_ONLY}
    return _results(_path(), athlete(), version(), json.dumps(key, sort_keys=True), today)


def results_for(athlete_id: int, today: dt.date) -> Results:
    """Every metric of any athlete (not only the chosen one: the weekly reports' downloads) as of
    `today`, with their whole settings, units included. The chosen athlete's come from the cache;
    another's are computed here and not kept, so that a zip of every athlete's report does not push
    the pages' own entries out of the cache."""
    if athlete_id == athlete():
        return dataclasses.replace(results(today), settings=settings())
    return computed(con(), athlete_id, today)


def computed(c: Any, athlete_id: int, today: dt.date) -> Results:
    """One athlete's Results from the connection ``c`` with their whole settings, uncached and
    without Streamlit: safe off the script's thread, where a download button makes its file."""
    f = Frames(
        read.activities(c, athlete_id),
        read.laps(c, athlete_id),
        read.hr_seconds(c, athlete_id),
        read.strength_sessions(c, athlete_id),
        read.strength_sets(c, athlete_id),
        read.injuries(c, athlete_id),
        read.pace_seconds(c, athlete_id),
    )
    s = Settings.from_dict(read.settings(c, athlete_id))
    return compute_all(
        f.activities,
        f.hr_seconds,
        f.laps,
        f.strength_sessions,
        f.strength_sets,
        f.injuries,
        s,
        today,
        f.pace_seconds,
    )


@st.cache_data(show_spinner=False, max_entries=2)
def _planned(path: str, athlete: int, data_version: int) -> pd.DataFrame:
    return read.planned_sessions(connection(path), athlete)


def planned() -> pd.DataFrame:
    """The athlete's plan (store.read.planned_sessions)."""
    return _planned(_path(), athlete(), version())


@dataclass(frozen=True)
class PlanView:
    estimates: pd.DataFrame  # analysis.forecast.estimate: each planned session's load and its basis
    forecast: pd.DataFrame  # analysis.forecast.forecast: done days, then the planned days
    checks: pd.DataFrame  # analysis.plancheck.check_week for the week asked for
    matched: pd.DataFrame  # analysis.compliance.match: each planned session up to today, done or not
    compliance: dict | None  # analysis.compliance.week_compliance of the week asked for


@st.cache_data(show_spinner=False, max_entries=8)
def _plan_view(
    path: str, athlete: int, data_version: int, analysis_json: str, today: dt.date, week: dt.date, unit: str
) -> PlanView:
    res = _results(path, athlete, data_version, analysis_json, today)
    s = dataclasses.replace(res.settings, units_distance=unit)  # the flags' words say distances
    est = estimate(_planned(path, athlete, data_version), res.runs, res.today, s)
    fc = forecast.forecast(res.daily, est, res.today, s)
    checks = check_week(week, est, res.runs, res.strength_sessions, res.buildups, fc, res.today, s)
    plan = _planned(path, athlete, data_version)
    matched = compliance.match(plan, res.runs, res.strength_sessions, res.today)
    return PlanView(
        est,
        fc,
        checks,
        matched,
        compliance.week_compliance(week, plan, res.runs, res.strength_sessions, res.today),
    )


def plan_view(today: dt.date, week: dt.date) -> PlanView:
    """The plan's estimates, the forecast and the checks of the week from `week`, as of `today`."""
    key = {k: v for k, v in settings_dict().items() if k not in DISPLAY_ONLY}
    return _plan_view(
        _path(), athlete(), version(), json.dumps(key, sort_keys=True), today, week, settings().units_distance
    )


@st.cache_data(show_spinner=False, max_entries=4)
def _strength_plan(
    path: str, athlete: int, data_version: int, analysis_json: str, today: dt.date
) -> pd.DataFrame:
    res = _results(path, athlete, data_version, analysis_json, today)
    plan = _planned(path, athlete, data_version)
    matched = compliance.match(plan, res.runs, res.strength_sessions, res.today)
    return compliance.strength_weeks(plan, matched, res.settings.week_start)


def strength_plan(today: dt.date) -> pd.DataFrame:
    """Planned strength per week against done, as of `today` (analysis.compliance.strength_weeks);
    empty without planned strength."""
    key = {k: v for k, v in settings_dict().items() if k not in DISPLAY_ONLY}
    return _strength_plan(_path(), athlete(), version(), json.dumps(key, sort_keys=True), today)


@st.cache_data(show_spinner=False, max_entries=2)
def _data_dates(path: str, athlete: int, data_version: int) -> tuple[dt.date, dt.date] | None:
    f = _frames(path, athlete, data_version)
    days = pd.concat(
        [pd.to_datetime(f.activities["local_date"]), pd.to_datetime(f.strength_sessions["local_date"])]
    ).dropna()
    if days.empty:
        return None
    return days.min().date(), days.max().date()


def data_dates() -> tuple[dt.date, dt.date] | None:
    """First and last local date holding any activity or strength session."""
    return _data_dates(_path(), athlete(), version())


@st.cache_data(show_spinner=False, max_entries=16)
def _records(path: str, athlete: int, data_version: int, activity_id: int) -> pd.DataFrame:
    return read.records(connection(path), athlete, activity_id)


def records(activity_id: int) -> pd.DataFrame:
    """One activity's record stream (the run detail reads only the activity shown)."""
    return _records(_path(), athlete(), version(), int(activity_id))


@st.cache_data(show_spinner=False, max_entries=2)
def _exercises(path: str, athlete: int, data_version: int) -> pd.DataFrame:
    return read.exercises(connection(path), athlete)


def exercises() -> pd.DataFrame:
    return _exercises(_path(), athlete(), version())


def write(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one store write function (store.edits, store.settings_write, store.plan) on the
    connection for the chosen athlete (the function's second parameter); the data version it bumps
    refreshes every cache on the next run."""
    return fn(con(), athlete_to_write(), *args, **kwargs)


@st.cache_data(show_spinner=False, max_entries=4)
def _last_days(path: str, data_version: int) -> dict[int, dt.date | None]:
    ids = [int(a) for a in _athletes(path, data_version)["athlete_id"]]
    return read.last_data_days(connection(path), ids)


def roster_reference(calendar: dt.date) -> dt.date:
    """The roster's default date: the latest data day across the athletes, at most ``calendar``."""
    return roster.reference_date(_last_days(_path(), version()).values(), calendar)


#: What store.derived keeps of each athlete for the Roster.
ROSTER_ROW = "roster_row"


@functools.cache
def code_version() -> str:
    """A hash of the sources that shape a kept row (the engine, the vocabulary, the store's reads and
    schema): a row kept by an earlier version of Runstrong is computed again after an update."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for folder in ("analysis", "domain", "store"):
        for path in sorted((root / folder).iterdir()):
            if path.suffix in (".py", ".sql"):
                h.update(f"{folder}/{path.name}".encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


@st.cache_data(show_spinner=False, max_entries=4)
def _roster_keys(path: str, data_version: int, today: dt.date) -> dict[int, tuple[str, str]]:
    """athlete id -> (the key of their row as of ``today``, their distance unit). The key is what
    the row is computed from: the athlete's own data version, the day and the code."""
    c = connection(path)
    ids = [int(a) for a in _athletes(path, data_version)["athlete_id"]]
    versions = athlete_versions(c, ids)
    return {
        a: (
            f"{versions[a]} {today.isoformat()} {code_version()}",
            Settings.from_dict(_settings(path, a, data_version)).units_distance,
        )
        for a in ids
    }


@st.cache_data(show_spinner=False, max_entries=1024)
def _roster_row(path: str, athlete: int, key: str, today: dt.date) -> dict[str, Any]:
    """One athlete's row under ``key``: the one kept in the database by an earlier run when its key
    is the same, else computed now (uncached Results: thirty athletes' would push the pages' own out
    of the cache) and kept."""
    c = connection(path)
    kept = derived.stored(c, [athlete], ROSTER_ROW).get(athlete)
    if kept is not None and kept[0] == key:
        return roster.from_json(kept[1])
    row = roster.roster_row(computed(c, athlete, today))
    derived.keep(c, athlete, ROSTER_ROW, key, roster.to_json(row))
    return row


def roster_rows(today: dt.date, progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """One row per athlete as of ``today`` (analysis.roster.roster_row, with athlete_id, name and the
    athlete's own distance unit), in attention order. Each row is computed once for its key and kept
    in the database: a fresh start of the dashboard computes only the athletes whose data changed.
    ``progress(done, total)`` is told after each athlete (a roster of thirty computed afresh takes
    seconds)."""
    path, v = _path(), version()
    listing = _athletes(path, v)
    keys = _roster_keys(path, v, today)
    rows = []
    for done, (a, name) in enumerate(zip(listing["athlete_id"].astype(int), listing["name"], strict=True), 1):
        key, unit = keys[int(a)]
        rows.append(
            {"athlete_id": int(a), "name": str(name), "units": unit, **_roster_row(path, int(a), key, today)}
        )
        if progress is not None:
            progress(done, len(listing))
    return roster.attention_order(rows)
