"""AppTest runs every page on real databases: empty, a few real runs, and the demo athlete; the
Overview's numbers, the weekly table and the schedule check against the demo's plan."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from app_helpers import open_app
from athletes import only_athlete

import config
from analysis import units
from analysis.schedule import rule_names
from analysis.settings import Settings
from ingest.pipeline import ingest_paths
from store import read
from ui.page import EMPTY

PAGES = [
    "pages/overview.py",
    "pages/load.py",
    "pages/strength.py",
    "pages/injury.py",
    "pages/activities.py",
    "pages/schedule.py",
    "pages/settings.py",
]
# A day inside the demo's marathon build-up (race 2026-04-19): the page's "now" for the checks.
DEMO_TODAY = dt.date(2026, 3, 11)


@pytest.fixture(scope="module")
def run_db(tmp_path_factory, realdata):
    """Real runs from fit_run, imported with the real pipeline."""
    from store.db import connect

    path = tmp_path_factory.mktemp("app") / "runs.duckdb"
    con = connect(path)
    ingest_paths(
        con,
        [
            realdata / "fit_run" / n
            for n in (
                "sportslib__6782987395.fit",
                "sportslib__6860622783.fit",
                "sportslib__6909950168.fit",
                "sportslib__6916663933.fit",
                "gc__3386684871.fit",
            )
        ],
        path.parent / "raw",
    )
    con.close()
    return path


def no_errors(at) -> None:
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_an_empty_database(use_db, tmp_path, page):
    use_db(tmp_path / "empty.duckdb")
    at = open_app(page)
    no_errors(at)
    assert any("upload" in i.value.lower() for i in at.info), "the empty state says what to upload"


def _texts(at) -> list[str]:
    return [e.value for kind in ("markdown", "info", "caption") for e in at.get(kind)]


# What each page shows of the five runs (2019-02-16 to 2020-03-14, no strength, no injury): each
# a thing the empty state cannot show.
ON_RUNS = {
    "pages/overview.py": lambda at: {m.label: m.value for m in at.metric}.get("Runs") == "1",
    "pages/load.py": lambda at: (
        bool(at.get("plotly_chart"))
        and at.dataframe[0].value.set_index("week starting").loc[dt.date(2020, 3, 9), "runs"] == 1
    ),
    "pages/strength.py": lambda at: any(t.startswith("No strength sessions yet") for t in _texts(at)),
    "pages/injury.py": lambda at: "**Runs, by their spike**" in _texts(at) and bool(at.get("plotly_chart")),
    "pages/activities.py": lambda at: str(at.dataframe[0].value["when"].iloc[0]).startswith("2020-03-14"),
    "pages/schedule.py": lambda at: any(
        t.startswith("No strength sessions in this range") for t in _texts(at)
    ),
    "pages/settings.py": lambda at: any(n.label == "Threshold HR (bpm)" for n in at.number_input),
}


@pytest.mark.realdata
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_real_runs(run_db, use_db, page):
    use_db(run_db)
    at = open_app(page)
    no_errors(at)
    empty = EMPTY.split(".")[0]  # "No training yet"
    assert not any(empty in t for t in _texts(at)), "the page is stuck in its empty state"
    assert ON_RUNS[page](at), _texts(at)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_demo_athlete(demo_db, use_db, page):
    use_db(demo_db)
    at = open_app(page, span=(dt.date(2025, 5, 19), DEMO_TODAY))
    no_errors(at)
    assert not any("No training yet" in i.value for i in at.info)
    if page != "pages/settings.py":
        assert at.get("plotly_chart"), "every dashboard page draws a chart"


@pytest.mark.realdata
def test_weekly_chart_shows_the_stored_weeks(run_db, use_db):
    use_db(run_db)
    at = open_app("pages/load.py")
    table = at.dataframe[0].value
    # The latest of the five runs (2020-03-14, 10.74 km) is in the week of 2020-03-09, alone.
    latest = table.iloc[0]
    assert str(latest["week starting"]) == "2020-03-09"
    assert latest["distance (km)"] == pytest.approx(10.7, abs=0.05)
    assert latest["runs"] == 1


def test_overview_numbers_match_the_demo_plan(demo_db, use_db):
    """Sunday 8 March 2026, week 10 of the marathon build-up: the week of 2 March and the four before
    it, from demo/expected.json (the generator's plan, not the files)."""
    weeks = {
        w["week_start"]: w for w in json.loads((config.ROOT / "demo" / "expected.json").read_text())["weeks"]
    }
    this = weeks["2026-03-02"]
    before = [weeks[d]["distance_m"] for d in ("2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23")]
    assert (this["distance_m"], this["time_s"], this["runs"], this["strength_sessions"]) == (
        74028.77,
        23400,
        5,
        0,
    )
    assert sum(before) / 4 == pytest.approx(65364.53)  # 74028.77 / 65364.53 = 1.133: +13 %
    use_db(demo_db)
    at = open_app(span=(dt.date(2025, 9, 1), dt.date(2026, 3, 8)))
    no_errors(at)
    metrics = {m.label: m for m in at.metric}
    assert metrics["Running distance (km)"].value == "74.0"
    assert metrics["Running distance (km)"].delta == "+13% vs 4-week mean"
    assert metrics["Running time"].value == "6:30:00"
    assert metrics["Runs"].value == "5"
    assert metrics["Strength sessions"].value == "0"
    low, high = Settings().strength_target_buildup
    assert metrics["Strength sessions"].delta == f"target {low}-{high} (build-up)"
    # Form: its band is the one its value falls in (Settings' bounds: below -30 high fatigue, to -10
    # building, to +5 neutral, above fresh), and fitness was built up over the months before.
    tsb = float(metrics["Form (TSB)"].value)
    lo, mid, hi = Settings().tsb_bands
    band = "high fatigue" if tsb < lo else "building" if tsb < mid else "neutral" if tsb <= hi else "fresh"
    assert metrics["Form (TSB)"].delta == band
    assert float(metrics["Fitness (CTL)"].value) > 20
    # The build-up is named, with its verdict so far: the demo drops strength in February (5 of the
    # 10 weeks from 29 December on target, then 5 without any session).
    phase = next(m.value for m in at.markdown if m.value.startswith("**Phase:**"))
    assert (
        "week 10 of 16 before Hamburg Marathon" in phase and "5 of 10 weeks on target, **not kept**" in phase
    )


def test_weekly_numbers_match_the_demo_plan(demo_db, use_db):
    expected = json.loads((config.ROOT / "demo" / "expected.json").read_text())["weeks"]
    use_db(demo_db)
    last = dt.date.fromisoformat(expected[-1]["week_start"]) + dt.timedelta(days=6)
    at = open_app("pages/load.py", span=(dt.date.fromisoformat(expected[0]["week_start"]), last))
    no_errors(at)
    table = at.dataframe[0].value.set_index("week starting")
    assert len(table) == len(expected)
    for w in expected:
        row = table.loc[dt.date.fromisoformat(w["week_start"])]
        assert row["distance (km)"] == pytest.approx(w["distance_m"] / 1000, abs=0.051), w["week_start"]
        assert row["runs"] == w["runs"], w["week_start"]
        if w["longest_run_m"] is None:  # no run that week: missing, not 0
            assert pd.isna(row["longest (km)"]), w["week_start"]
        else:
            assert row["longest (km)"] == pytest.approx(w["longest_run_m"] / 1000, abs=0.051), w["week_start"]
        assert row["strength"] == w["strength_sessions"], w["week_start"]


def test_miles_apply_everywhere(demo_db, tmp_path, use_db):
    import shutil

    from store import settings_write
    from store.db import connect

    db = use_db(tmp_path / "demo-copy.duckdb")
    shutil.copy(demo_db, db)
    span = (dt.date(2026, 1, 5), DEMO_TODAY)
    km = open_app("pages/load.py", span).dataframe[0].value.set_index("week starting")["distance (km)"]
    con = connect(db)
    # As the sidebar's switch does.
    settings_write.save_settings(con, only_athlete(con), {"units_distance": "mi", "units_weight": "lb"})
    con.close()
    from ui import data

    data.connection.clear()  # the app's cached connection saw the file before: open it again
    at = open_app("pages/load.py", span)
    no_errors(at)
    miles = at.dataframe[0].value.set_index("week starting")["distance (mi)"]
    assert miles.to_numpy() == pytest.approx(km.to_numpy() * 1000 / units.M_PER_MI, abs=0.051)
    at.switch_page("pages/overview.py").run()
    assert "Running distance (mi)" in {m.label for m in at.metric}


def test_activities_show_a_runs_detail_from_its_link(demo_db, use_db):
    from ui import data

    use_db(demo_db)
    at = open_app(span=(dt.date(2025, 5, 19), DEMO_TODAY))
    acts = read.activities(data.connection(str(demo_db)), only_athlete(data.connection(str(demo_db))))
    run = acts[
        (acts["sport"] == "running") & (pd.to_datetime(acts["local_date"]).dt.date <= DEMO_TODAY)
    ].iloc[-1]
    at.query_params["activity"] = f"a{run['activity_id']}"
    at.switch_page("pages/activities.py").run()
    no_errors(at)
    assert any(f"{pd.Timestamp(run['local_date']):%d %b %Y}" in h.value for h in at.subheader)
    labels = {m.label for m in at.metric}
    assert {"Distance", "Moving time", "Pace", "Load"} <= labels
    loads = next(
        d.value for d in at.dataframe if "method" in d.value.columns and "drives the charts" in d.value
    )
    assert (loads["drives the charts"] == "yes").sum() == 1


def test_schedule_check_under_both_policies(demo_db, use_db):
    """The plan (demo/expected.json) breaks the easy-day rules on purpose three times before 11 March
    2026, and lifts on easy days otherwise. Under the hard-day school rule 2 is not checked, rules
    1 and 3 break as before, and every session breaks its placement rule: none follows a hard run."""
    plan = json.loads((config.ROOT / "demo" / "expected.json").read_text())
    start, end = dt.date(2025, 5, 19), DEMO_TODAY
    in_range = lambda t: start <= dt.date.fromisoformat(t[:10]) <= end  # noqa: E731
    breaks = sorted((b["strength_start_local"][:10], b["rule"]) for b in plan["rule_breaks"])
    breaks = [b for b in breaks if in_range(b[0])]
    assert breaks == [("2025-09-19", 1), ("2025-10-19", 2), ("2025-11-06", 3)]
    sessions = sorted(s["start_local"][:10] for s in plan["strength_sessions"] if in_range(s["start_local"]))
    use_db(demo_db)
    at = open_app("pages/schedule.py", span=(start, end))

    def shown(policy):
        # The page names each rule (analysis.schedule's one list); the plan numbers them.
        number = {name: k for k, name in rule_names(policy).items()}
        table = at.dataframe[0].value
        rows = sorted((str(d), number[r]) for d, r in zip(table["date"], table["rule"], strict=True))
        return {m.label: m.value for m in at.metric}, rows

    metrics, rows = shown("easy-day")
    assert rows == breaks and metrics["Rule breaks in the range"] == "3"
    assert metrics["Strength sessions checked"] == str(len(sessions)) == "87"
    at.radio(key="schedule_policy").set_value("hard-day").run()
    no_errors(at)
    metrics, rows = shown("hard-day")
    assert [r for r in rows if r[1] != 4] == [b for b in breaks if b[1] != 2]
    assert [d for d, r in rows if r == 4] == sessions
    assert metrics["Rule breaks in the range"] == str(2 + len(sessions))
    week = at.table[0].value
    assert list(week["day"]) == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def test_settings_save_the_profile(demo_db, tmp_path, use_db):
    import shutil

    from ui import data

    db = use_db(tmp_path / "demo-copy.duckdb")
    shutil.copy(demo_db, db)
    at = open_app("pages/settings.py")
    lthr = next(n for n in at.number_input if n.label == "Threshold HR (bpm)")
    lthr.set_value(170)
    next(b for b in at.button if b.label == "Save").click().run()
    no_errors(at)
    assert (
        read.settings(data.connection(str(db)), only_athlete(data.connection(str(db))))["threshold_hr"] == 170
    )
