"""The dashboard's data: one DuckDB connection per process, reads cached on the data version."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd
import streamlit as st

import config
from analysis.compute import Results, compute_all
from analysis.settings import Settings
from store import read
from store.db import connect, data_version


@st.cache_resource(show_spinner=False)
def connection(path: str):
    """The process's one connection (DuckDB allows one writer process); pages use cursors."""
    return connect(path)


def con():
    return connection(str(config.db_path()))


def version() -> int:
    """Bumped by every write: a cache keyed on it shows a new upload at once."""
    return data_version(con())


@dataclass(frozen=True)
class Frames:
    activities: pd.DataFrame
    laps: pd.DataFrame
    hr_seconds: pd.DataFrame
    strength_sessions: pd.DataFrame
    strength_sets: pd.DataFrame
    injuries: pd.DataFrame
    settings: dict


@st.cache_data(show_spinner=False, max_entries=4)
def _frames(path: str, data_version: int) -> Frames:
    c = connection(path)
    return Frames(read.activities(c), read.laps(c), read.hr_seconds(c), read.strength_sessions(c),
                  read.strength_sets(c), read.injuries(c), read.settings(c))  # fmt: skip


def frames() -> Frames:
    return _frames(str(config.db_path()), version())


def settings() -> Settings:
    return Settings.from_dict(frames().settings)


@st.cache_data(show_spinner="Computing your training load…", max_entries=8)
def _results(path: str, data_version: int, settings_json: str, today: dt.date) -> Results:
    f = _frames(path, data_version)
    s = Settings.from_dict(json.loads(settings_json))
    return compute_all(f.activities, f.hr_seconds, f.laps, f.strength_sessions, f.strength_sets,
                       f.injuries, s, today)  # fmt: skip


def results(today: dt.date) -> Results:
    """Every metric as of `today` (the end of the sidebar's range)."""
    f = frames()
    return _results(str(config.db_path()), version(), json.dumps(f.settings, sort_keys=True), today)


def data_dates() -> tuple[dt.date, dt.date] | None:
    """First and last local date holding any activity or strength session."""
    f = frames()
    days = pd.concat([pd.to_datetime(f.activities["local_date"]),
                      pd.to_datetime(f.strength_sessions["local_date"])]).dropna()  # fmt: skip
    if days.empty:
        return None
    return days.min().date(), days.max().date()
