"""Overview and Load on every test athlete (tests/athletes.py) with the app's default range: the
range ends at the latest data; nothing missing reads as None, nan, NaT or a zero; a range (or the
weeks shown) without runs says where the runs are instead of drawing empty charts; a race is shown
as the race, never as a spike; no internal words."""

from __future__ import annotations

import re

import pytest
from app_helpers import open_app
from athletes import ATHLETE_PARAMS, only_athlete

from ui.filters import default_range

FORBIDDEN = {
    "None": re.compile(r"\bNone\b"),
    "nan": re.compile(r"\bnan\b", re.I),
    "NaT": re.compile(r"\bNaT\b"),
    "zero distance": re.compile(r"(?<![\d.])0\.0 (km|mi)\b"),
    "zero time": re.compile(r"(?<![\d:])0:00\b"),
    "negative zero": re.compile(r"-0\.0\b"),
    "tiny number": re.compile(r"\d[eE]-\d"),
    "spec file": re.compile(r"\w\.md\b|seeds? \d"),
    "method id": re.compile(r"\b(hrtss|rtss|srpe)\b"),
    "command": re.compile(r"python -m|make run"),
    "none in the log": re.compile(r"none in (the|your) log"),
}


def shown_text(at) -> str:
    """Every text the page shows outside expanders' tables: markdown, captions, alerts, cards,
    headers and links."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [x.value for x in (*at.info, *at.success, *at.warning)]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in at.metric]
    parts += [getattr(link.proto, "label", "") for link in at.get("page_link")]
    return "\n".join(str(p) for p in parts)


def check_text(text: str) -> None:
    for name, pattern in FORBIDDEN.items():
        found = pattern.search(text)
        assert not found, f"{name}: ...{text[max(found.start() - 80, 0) : found.end() + 80]}..."


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/load.py"])
@pytest.mark.parametrize("athlete", ATHLETE_PARAMS)
def test_overview_and_load_on_every_athlete(athlete_db, shown_page, athlete, page):
    import datetime as dt

    from analysis.overview import data_span
    from store import read

    path = athlete_db(athlete)
    at = shown_page(athlete, page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    text = shown_text(at)
    check_text(text)

    from ui import data

    con = data.connection(str(path))  # the app's own connection in this process
    span = data_span(
        read.activities(con, only_athlete(con)),
        read.strength_sessions(con, only_athlete(con)),
        read.injuries(con, only_athlete(con)),
    )
    start, end = at.session_state["date_range"]
    assert (start, end) == default_range(span["first"], span["last"], dt.date.today())
    runs_in_range = span["last_run"] is not None and span["first_run"] <= end and span["last_run"] >= start
    if span["last_run"] is None:
        assert "Your log holds no run yet" in text
    elif not runs_in_range:
        assert f"Your runs are from {span['first_run']:%d %b %Y} to {span['last_run']:%d %b %Y}" in text, text
        assert any(b.label == "Show the runs" for b in at.button)
    if page == "pages/load.py" and runs_in_range:
        assert at.get("plotly_chart")


@pytest.mark.parametrize("athlete", ["injured_racing", "ten_years"])
def test_a_race_is_shown_as_the_race_not_as_a_spike(athlete_db, use_db, athlete):
    import datetime as dt

    from analysis.compute import compute_all
    from analysis.settings import Settings
    from store import read
    from ui import data

    path = use_db(athlete_db(athlete))
    con = data.connection(str(path))
    s = Settings.from_dict(read.settings(con, only_athlete(con)))
    acts = read.activities(con, only_athlete(con))
    races = [r.date for r in s.races if r.date <= dt.date.today()]
    assert races, "the athlete has a race behind them"
    race_day = max(races)
    # As of three days after the race: the Overview names the race, and no spike line or warning
    # speaks of it.
    today = race_day + dt.timedelta(days=3)
    at = open_app(span=(race_day - dt.timedelta(weeks=8), today))
    assert not at.exception, [e.value for e in at.exception]
    text = shown_text(at)
    assert "**Latest race:**" in text and f"{race_day:%d %b %Y}" in text, text
    res = compute_all(
        acts,
        read.hr_seconds(con, only_athlete(con)),
        read.laps(con, only_athlete(con)),
        read.strength_sessions(con, only_athlete(con)),
        read.strength_sets(con, only_athlete(con)),
        read.injuries(con, only_athlete(con)),
        s,
        today,
    )
    race_runs = res.runs[res.runs["is_race"].astype(bool)]
    race_spikes = race_runs[race_runs["spike_category"].isin(["small", "moderate", "large"])]
    for r in race_spikes.itertuples():
        assert f"{r.local_date:%d %b}: A {r.spike_category} spike" not in text, text
    spike_line = next((m.value for m in at.markdown if m.value.startswith("**Latest spike:**")), "")
    assert f"{race_day:%d %b %Y}" not in spike_line, spike_line
    # A race long enough to be a spike is not "no run that long": the line says a race was.
    if len(race_spikes) and "none in this range, nor before it" in spike_line:
        assert "but a race" in spike_line or "but races" in spike_line, spike_line


def test_races_over_the_spike_bound_are_counted_up_to_today():
    import datetime as dt

    import pandas as pd

    from analysis import races_over_spike_bound

    runs = pd.DataFrame(
        {
            "local_date": pd.to_datetime(["2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01"]),
            "spike_category": ["small", "moderate", "reference", "large"],
            "is_race": [True, False, True, True],
        }
    )
    assert races_over_spike_bound(runs, dt.date(2026, 5, 31)) == 1  # the small race; not the reference one
    assert races_over_spike_bound(runs, dt.date(2026, 6, 1)) == 2
    assert races_over_spike_bound(runs.iloc[:0], dt.date(2026, 6, 1)) == 0
