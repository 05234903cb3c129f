"""The Plan page and the Overview's coming week, through AppTest: the demo athlete with the
issue's planned week imported from the template (exactly its flags), a session added, moved and
deleted in the page, Place my strength accepted and its flags cleared, and other test athletes
(miles, strength only, a newcomer) with a plan."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from app_helpers import open_app
from athletes import only_athlete
from test_athletes_text import collect, scan
from test_schedule_page import clean as clean_schedule

from ingest.pipeline import ingest_uploads
from ingest.report import template
from store import read
from store.db import connect

HEADER = template("plan.csv").decode()
DEMO_LAST = dt.date(2026, 11, 15)  # the demo athlete's last day (a Sunday)
WEEK = DEMO_LAST + dt.timedelta(days=1)


def _planned_in(path):
    """The plan stored in the file, through the connection the app holds (DuckDB shares it)."""
    con = connect(path)
    return read.planned_sessions(con, only_athlete(con))


def _d(n: int) -> str:
    return (WEEK + dt.timedelta(days=n)).isoformat()


#: The issue's week: a heavy-legs evening before a quality run, strength on the long-run day, a long
#: run far longer than any of the 30 days before it (22 km against 14.3), and a harmless upper-body
#: session after an easy run.
ISSUE_WEEK = (
    f"{_d(1)},07:00,run,easy,6,,,,\n"
    f"{_d(1)},18:00,strength,,,40,lower_heavy,7,squats\n"
    f"{_d(2)},07:00,run,quality,10,,,,tempo\n"
    f"{_d(3)},07:00,run,easy,6,,,,\n"
    f"{_d(3)},18:00,strength,,,30,upper,,\n"
    f"{_d(6)},08:30,run,long,22,,,,\n"
    f"{_d(6)},17:00,strength,,,20,core,,\n"
)
RUNS_ONLY = f"{_d(1)},07:00,run,easy,6,,,,\n{_d(2)},07:00,run,quality,10,,,,\n{_d(6)},08:30,run,long,14,,,,\n"


def clean(at) -> str:
    """No error, and nothing the text scan of every page forbids (None, nan, jargon, bare rule numbers)."""
    text = clean_schedule(at)
    found = scan(collect(at), runs_in_range=True)
    assert not found, "\n".join(found)
    return text


def _copy(src, tmp_path, name="a.duckdb"):
    dst = tmp_path / name
    shutil.copy(src, dst)
    return dst


def _with_plan(path, text: str, tmp_path) -> None:
    con = connect(path)
    (r,) = ingest_uploads(con, [("plan.csv", (HEADER + text).encode())], tmp_path / "raw-plan")
    assert r.status == "ok" and r.planned, r.message
    con.close()


def _plan_page(week: dt.date):
    at = open_app("pages/plan.py")
    assert not at.exception, at.exception
    at.selectbox(key="plan_week").set_value(week).run()
    return at


def _flags(at) -> list[str]:
    shown = [e.value for e in at.warning] + [e.value for e in at.info if "Source:" in e.value]
    return [f.replace("\\", "") for f in shown]  # markdown escapes


def test_the_issues_week_gives_exactly_its_flags(demo_db, use_db, tmp_path):
    path = use_db(_copy(demo_db, tmp_path))
    _with_plan(path, ISSUE_WEEK, tmp_path)
    at = _plan_page(WEEK)
    text = clean(at)
    flags = _flags(at)
    assert len(flags) == 3, flags
    assert "Source:" in text
    rule1, rule2, spike = (next(f for f in flags if w in f) for w in ("Rule 1", "Rule 2", "spike"))
    assert "Tuesday's heavy lower body session at 18:00" in rule1
    assert "How to Fit It In" in rule1 and "Fix:" in rule1 and "Move Tuesday" in rule1
    assert "Sunday's core session" in rule2 and "Revel Sports" in rule2
    assert "22.0 km" in spike and "Frandsen" in spike
    # The planned load per day, with its estimate.
    table = at.table[0].value
    assert list(table.columns) == ["day", "planned distance", "planned load", "how the load is estimated"]
    assert "median load per minute" in " ".join(table["how the load is estimated"])
    assert "Fitness, fatigue and form with the plan" in text and len(at.get("plotly_chart")) == 1


def test_add_move_delete_and_the_flag_follows(demo_db, use_db, tmp_path):
    path = use_db(_copy(demo_db, tmp_path))
    _with_plan(path, RUNS_ONLY, tmp_path)
    at = _plan_page(WEEK)
    assert any("0 strength sessions this week" in f for f in _flags(at))
    # Add a heavy session on the Tuesday evening, before Wednesday's quality run: rule 1.
    at.selectbox(key="plan_add_day").set_value(WEEK + dt.timedelta(days=1))
    at.text_input(key="plan_add_time").input("18:00")
    at.radio(key="plan_add_kind").set_value("strength")
    at.selectbox(key="plan_add_focus").set_value("lower_heavy")
    at.number_input(key="plan_add_duration").set_value(40)
    at.button(key="FormSubmitter:plan_add-Add to the plan").click().run()
    assert not at.exception, at.exception
    assert any("Planned:" in s.value for s in at.success)
    assert any("Rule 1" in f for f in _flags(at)), _flags(at)
    # Move it to the Monday: the rule flag goes.
    con_rows = _planned_in(path)
    pid = int(con_rows.loc[con_rows["kind"] == "strength", "plan_id"].iloc[0])
    at.selectbox(key="plan_edit_pick").set_value(pid).run()
    at.date_input(key=f"plan_edit_day_{pid}").set_value(WEEK)
    at.button(key=f"FormSubmitter:plan_edit_{pid}-Save changes").click().run()
    assert not at.exception, at.exception
    assert not any("Rule" in f for f in _flags(at)), _flags(at)
    # Delete it: back to no strength in the week.
    at.selectbox(key="plan_edit_pick").set_value(pid).run()
    at.button(key=f"FormSubmitter:plan_edit_{pid}-Delete this session").click().run()
    assert any("0 strength sessions this week" in f for f in _flags(at))
    # A bad row stays out with the reason.
    at.radio(key="plan_add_kind").set_value("run")
    at.number_input(key="plan_add_duration").set_value(None)
    at.button(key="FormSubmitter:plan_add-Add to the plan").click().run()
    assert any("a planned run needs a distance" in e.value for e in at.error)


def test_place_my_strength_clears_the_flags(demo_db, use_db, tmp_path):
    path = use_db(_copy(demo_db, tmp_path))
    _with_plan(path, RUNS_ONLY, tmp_path)
    at = _plan_page(WEEK)
    at.button(key="plan_place").click().run()
    assert any("Proposed strength sessions" in m.value for m in at.markdown)
    at.button(key="plan_place_accept").click().run()
    assert not at.exception, at.exception
    assert any("strength sessions added to the plan" in s.value for s in at.success)
    clean(at)
    assert _flags(at) == [], _flags(at)
    assert (_planned_in(path)["kind"] == "strength").sum() == 2


def test_repeat_last_weeks_pattern_from_what_was_done(demo_db, use_db, tmp_path):
    path = use_db(_copy(demo_db, tmp_path))
    at = _plan_page(WEEK)
    assert any("Nothing planned" in i.value for i in at.info)
    at.button(key="plan_repeat").click().run()
    assert not at.exception, at.exception
    plan = _planned_in(path)
    # The demo's last week: 5 runs and 3 strength sessions, on the same weekdays a week later.
    assert (plan["kind"] == "run").sum() == 5 and (plan["kind"] == "strength").sum() == 3
    assert set(plan["planned_date"].dt.date) <= {WEEK + dt.timedelta(days=i) for i in range(7)}
    clean(at)


def test_the_overview_shows_the_coming_week_only_with_a_plan(demo_db, use_db, tmp_path):
    path = use_db(_copy(demo_db, tmp_path))
    at = open_app("pages/overview.py")
    assert not any(h.value == "The coming week" for h in at.subheader)
    _with_plan(path, ISSUE_WEEK, tmp_path)
    at = open_app("pages/overview.py")
    assert not at.exception, at.exception
    assert at.subheader[0].value == "The coming week"
    assert sum("Rule" in w.value for w in at.warning) >= 2


@pytest.mark.parametrize("athlete", ["no_hr_miles", "strength_only", "newcomer"])
def test_other_athletes_with_a_plan(athlete_db, use_db, tmp_path, athlete):
    path = use_db(_copy(athlete_db(athlete), tmp_path))
    # The week after the coming week (as the page sees it): every day of it is ahead.
    week = open_app("pages/plan.py").selectbox(key="plan_week").value + dt.timedelta(days=7)
    rows = (
        f"{week + dt.timedelta(days=1)},07:00,run,easy,5,,,,\n{week + dt.timedelta(days=1)},06:00,strength,,,30,lower,,\n"
        f"{week + dt.timedelta(days=5)},,run,long,,90,,,\n"
    )
    _with_plan(path, rows, tmp_path)
    at = _plan_page(week)
    text = clean(at)
    assert "Rule 3" in text.replace("\\", "")  # lifting before the run
    if athlete == "no_hr_miles":
        assert "mi" in text and " km" not in text.replace("km ·", "")
    # The long run given only its 90 minutes: its distance from a pace, or why there is none.
    flat = text.replace("\\", "")
    if athlete == "strength_only":
        assert "(90 minutes) could not run: it has no distance" in flat
        assert "No run in your log yet: fitness, fatigue and form start from zero" in flat
        fc = next(c for c in at.get("plotly_chart") if "fitness (CTL)" in c.proto.spec)
        done = next(t for t in json.loads(fc.proto.spec)["data"] if t["name"] == "fitness (CTL)")
        assert len(done["x"]) == 1  # not weeks of a flat zero before the plan
    else:
        assert "its 90 minutes at " in flat and "could not run" not in flat
    at = open_app("pages/overview.py")
    clean(at)


def test_the_export_writes_the_plans_checks_and_forecast(demo_db, tmp_path):
    import pandas as pd

    from cli.export import main

    path = _copy(demo_db, tmp_path)
    _with_plan(path, ISSUE_WEEK, tmp_path)
    out = tmp_path / "out"
    assert main(["--db", str(path), "--out", str(out), "--today", DEMO_LAST.isoformat()]) == 0
    checks = pd.read_csv(out / "plan_check.csv")
    assert list(checks.columns) == ["date", "session", "check", "severity", "message", "source"]
    assert sorted(checks["check"]) == ["rule_1", "rule_2", "spike"], checks
    assert set(checks["date"]) == {_d(1), _d(6)}
    fc = pd.read_csv(out / "forecast.csv")
    assert fc["date"].iloc[-1] == _d(6) and fc["planned"].sum() == 7
    sunday = fc.iloc[-1]
    assert sunday["spike_category"] == "moderate" and round(sunday["spike_ratio"], 2) == 1.53
    assert "median load per minute" in sunday["load_estimate"] and sunday["load"] > 0
    done = fc[~fc["planned"]]
    daily = pd.read_csv(out / "daily.csv")
    assert list(done["date"]) == list(daily["date"])
    pd.testing.assert_series_equal(done["ctl"].reset_index(drop=True), daily["ctl"], check_names=False)


def test_a_past_week_says_what_was_done(demo_db, use_db, tmp_path):
    path = use_db(_copy(demo_db, tmp_path))
    last = WEEK - dt.timedelta(days=7)  # the demo's last week: Tue 5.2 km, Wed 10.3 km, Mon strength
    day = [(last + dt.timedelta(days=i)).isoformat() for i in range(7)]
    _with_plan(
        path,
        f"{day[0]},18:00,strength,,,40,lower_heavy,,\n{day[1]},07:00,run,easy,5,,,,\n"
        f"{day[2]},07:00,run,quality,14,,,,\n{day[4]},07:00,run,easy,20,,,,\n",
        tmp_path,
    )
    at = _plan_page(last)
    clean(at)
    line = next(m.value for m in at.markdown if "Planned against done" in m.value).replace("\\", "")
    assert "3 planned runs: 2 done (1 partly)" in line and "1 planned strength session: 1 done" in line
    assert "3 unplanned runs, 2 unplanned strength sessions" in line  # Thu, Sat, Sun; Tue, Thu
    marks = " ".join(m.value for m in at.markdown)
    assert ":orange[partly done]" in marks and ":red[missed]" in marks
    assert any(i.value.startswith("This week is over by Sun 15 Nov 2026: the grid shows") for i in at.info)


def test_the_load_page_draws_the_plan_dashed(demo_db, use_db, tmp_path):
    import json

    path = use_db(_copy(demo_db, tmp_path))
    at = open_app("pages/load.py")
    assert not any("planned" in c.proto.spec for c in at.get("plotly_chart"))
    _with_plan(path, ISSUE_WEEK, tmp_path)
    at = open_app("pages/load.py")
    clean(at)
    figs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    fitness = next(f for f in figs if any(t.get("name") == "fitness (CTL)" for t in f["data"]))
    planned = [t for t in fitness["data"] if str(t.get("name", "")).endswith(", planned")]
    assert [t["name"] for t in planned] == ["fitness, planned", "fatigue, planned", "form, planned"]
    assert all(t["line"]["dash"] == "dash" for t in planned)
    assert planned[0]["x"][0][:10] == DEMO_LAST.isoformat() and planned[0]["x"][-1][:10] == _d(6)
