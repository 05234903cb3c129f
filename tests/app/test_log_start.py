"""The start of a log on the test athletes (tests/athletes.py): a log's first weeks are not a return
to running nor spikes (not enough history); weeks before the first data are not zero weeks; an HR
profile estimated from a few runs is said as such and turns no easy run into a quality run; the
assumed-profile note only where an HR-based number is shown; a week's only short run is not called
a long run unless it is one."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from app_helpers import PAGES, open_app
from athletes import only_athlete

from analysis.activitylist import row_keys
from ui.filters import default_range


def _text(at) -> str:
    parts = [
        e.value for kind in ("markdown", "caption", "subheader", "info", "warning") for e in getattr(at, kind)
    ]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in at.metric]
    parts += [getattr(link.proto, "label", "") for link in at.get("page_link")]
    return "\n".join(str(p) for p in parts)


def _results(path):
    from analysis.compute import compute_all
    from analysis.settings import Settings
    from store import read
    from ui import data

    con = data.connection(str(path))  # the app's own cached connection (DuckDB refuses a second kind)
    return compute_all(
        read.activities(con, only_athlete(con)),
        read.hr_seconds(con, only_athlete(con)),
        read.laps(con, only_athlete(con)),
        read.strength_sessions(con, only_athlete(con)),
        read.strength_sets(con, only_athlete(con)),
        read.injuries(con, only_athlete(con)),
        Settings.from_dict(read.settings(con, only_athlete(con))),
        pace_seconds=read.pace_seconds(con, only_athlete(con)),
    )


def _whole_log(res) -> tuple[dt.date, dt.date]:
    days = pd.to_datetime(res.loads["local_date"])
    return days.min().date(), days.max().date()


def test_a_newcomers_first_runs_are_not_enough_history_not_a_return_nor_spikes(athlete_db, use_db):
    path = use_db(athlete_db("newcomer"))
    res = _results(path)
    assert set(res.runs["spike_category"]) == {"not enough history"}
    at = open_app()
    assert not at.exception, [e.value for e in at.exception]
    text = _text(at)
    assert "**Latest spike:** not enough history yet" in text, text
    assert "spike:" not in text.replace("**Latest spike:**", ""), text  # no spike warning
    from analysis.activitylist import activity_list

    listed = activity_list(res.loads, res.runs, res.strength_sessions)
    keys = row_keys(listed)
    first = listed.index[listed["kind"] == "run"][-1]  # newest first: the last run row is the log's first
    at.query_params["activity"] = keys[first]
    at.switch_page("pages/activities.py").run()
    assert not at.exception, [e.value for e in at.exception]
    detail = _text(at)
    assert "**Spike:** **not enough history**" in detail, detail
    assert "return to running" not in detail
    assert not (at.dataframe[0].value["spike"] == "return to running").any()


def _chart(at, word: str) -> dict:
    import json

    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if word in c.proto.spec)


def test_a_newcomers_weeks_start_at_the_first_data_and_the_mean_says_over_how_many(athlete_db, shown_page):
    from analysis._frames import week_start_of

    res = _results(athlete_db("newcomer"))
    first_day = pd.to_datetime(res.runs["local_date"]).min()
    first_week = week_start_of(pd.Series([first_day])).iloc[0]
    at = shown_page("newcomer", "pages/overview.py")
    assert not at.exception, [e.value for e in at.exception]
    text = _text(at)
    assert "4-week mean" not in text and "against the last four" not in text, text
    end = default_range(first_day.date(), res.today, dt.date.today())[1]  # the app's "as of" day
    this_week = week_start_of(pd.Series([pd.Timestamp(end)])).iloc[0]
    n = int((this_week - first_week).days // 7)
    assert f"the mean is over the {n} week" in text or (n == 0 and "no week before it" in text), text
    weekly = _chart(at, "strength sessions")
    bars = next(t for t in weekly["data"] if t["type"] == "bar")
    assert pd.Timestamp(bars["x"][0]) == first_week, bars["x"]  # no zero weeks before the log
    assert pd.Timestamp(weekly["layout"]["xaxis"]["range"][0]) >= first_week
    at = shown_page("newcomer", "pages/load.py")
    assert not at.exception, [e.value for e in at.exception]
    for word in ("week starting", "fitness (CTL)", "monotony"):
        axis = _chart(at, word)["layout"]["xaxis"]["range"]
        assert pd.Timestamp(axis[0]) >= first_week, (word, axis)


def test_a_newcomers_hr_max_is_said_as_an_estimate_and_makes_no_easy_run_quality(athlete_db, shown_page):
    res = _results(athlete_db("newcomer"))
    assert res.profile.hr_max_thin and res.profile.hr_max_activities == 3
    assert not res.runs["is_quality"].any(), res.runs["quality_reason"].tolist()  # three easy runs
    at = shown_page("newcomer", "pages/load.py")
    assert not at.exception, [e.value for e in at.exception]
    text = _text(at)
    assert (
        "the highest of only 3 activities with heart rate in your log, fewer than 20, so an estimate" in text
    )
    assert "not used to find quality runs" in text
    weekly = _chart(at, "week starting")
    quality = [t for t in weekly["data"] if t.get("name") == "quality runs"]
    assert all(not t.get("x") for t in quality), quality


#: Words of the assumed heart-rate profile (analysis.assumed): said only where heart rate is used.
HR_ASSUMED = re.compile(r"men's TRIMP constants|resting HR \d+ bpm|maximum HR \d+ bpm|threshold HR \d+ bpm")


@pytest.mark.parametrize("athlete", ["strength_only", "no_hr_miles"])
def test_no_assumed_heart_rate_is_said_to_a_log_without_heart_rate(athlete_db, shown_page, athlete):
    res = _results(athlete_db(athlete))
    assert not res.loads["trimp"].notna().any()  # no heart rate in the log: nothing rests on HRmax
    for page in PAGES:
        at = shown_page(athlete, page)
        assert not at.exception, (page, [e.value for e in at.exception])
        found = HR_ASSUMED.search(_text(at))
        assert not found, (page, found.group(0))


def test_the_assumed_heart_rate_is_said_where_the_load_uses_it(athlete_db, shown_page):
    res = _results(athlete_db("newcomer"))  # heart rate, no profile set: hrTSS rests on assumed values
    assert set(res.loads["load_method"]) == {"hrtss"}
    at = shown_page("newcomer", "pages/overview.py")
    assert HR_ASSUMED.search(_text(at)), "the Overview's open warnings name the assumed profile"
    at = shown_page("newcomer", "pages/load.py")
    assert re.search(r"maximum HR \d+ bpm", _text(at))


def test_a_weeks_only_short_run_says_why_it_is_the_long_run(athlete_db, use_db):
    # Three runs in seven days fall in two calendar weeks, one of them with a single run.
    from analysis.activitylist import activity_list

    path = use_db(athlete_db("newcomer"))
    res = _results(path)
    alone = res.runs[res.runs["long_only_run"]]
    assert len(alone) == 1 and bool(alone["is_long"].iloc[0])
    listed = activity_list(res.loads, res.runs, res.strength_sessions)
    row = listed.index[listed["activity_id"] == alone["activity_id"].iloc[0]][0]
    at = open_app()
    at.query_params["activity"] = row_keys(listed)[row]
    at.switch_page("pages/activities.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "long run (the week's only run)" in _text(at).replace("\\", "")  # the caption is escaped markdown
    assert "long (the week's only run)" in set(at.dataframe[0].value["run type"])
    at.switch_page("pages/load.py").run()
    assert "has that run as its long run" in _text(at)


def test_no_spike_in_a_short_log_says_its_first_weeks_were_not_judged(athlete_db, shown_page):
    from analysis import judged_from

    # Six weeks of runs, no spike among the judged ones.
    judged = judged_from(_results(athlete_db("no_hr_miles")).runs)
    at = shown_page("no_hr_miles", "pages/overview.py")
    assert not at.exception, [e.value for e in at.exception]
    line = next(m.value for m in at.markdown if m.value.startswith("**Latest spike:**"))
    assert "none in this range, nor before it" in line
    assert f"Runs before {judged:%a %d %b %Y}, the log's first 30 days: not enough history." in line, line


def test_runs_without_enough_history_are_drawn_outlined_on_the_injury_page(shown_page):
    at = shown_page("newcomer", "pages/injury.py")
    assert not at.exception, [e.value for e in at.exception]
    spikes = _chart(at, "not enough history")
    trace = next(t for t in spikes["data"] if t.get("name") == "not enough history")
    assert len(trace["x"]) == 3 and trace["marker"]["line"]["width"] == 1  # faint fill, visible edge


def test_a_ratio_chart_without_a_ratio_is_a_sentence_saying_when_it_comes(athlete_db, use_db):
    from ui.load_parts import ratio_gap

    path = use_db(athlete_db("newcomer"))
    res = _results(path)
    span = _whole_log(res)
    gap = ratio_gap(res.daily, "acwr_uncoupled", span, 28)
    first_load = pd.to_datetime(res.daily.loc[res.daily["load"] > 0, "date"]).min()
    assert gap is not None and f"{first_load:%d %b %Y}" in gap and "28 days" in gap
    at = open_app("pages/load.py", span=span)
    assert not at.exception, [e.value for e in at.exception]
    assert any("No acute:chronic ratio yet" in i.value for i in at.info)
    charts = [c for c in at.get("plotly_chart") if "acwr_chart" in str(c.proto.id)]
    assert not charts, "no empty ratio chart"
    # The demo has ratios: no sentence, the chart; a range before its first ratio points at it.
    demo = _results(use_db(athlete_db("demo")))
    lo, hi = _whole_log(demo)
    assert ratio_gap(demo.daily, "acwr_uncoupled", (lo, hi), 28) is None
    shown = open_app("pages/load.py", span=(lo, hi))
    assert [c for c in shown.get("plotly_chart") if "acwr_chart" in str(c.proto.id)]
    early = ratio_gap(demo.daily, "acwr_uncoupled", (lo, lo + dt.timedelta(days=10)), 28)
    assert early is not None and "after this range" in early
