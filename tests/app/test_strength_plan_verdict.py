"""The Strength page's build-up verdict with a plan: the demo athlete with strength planned in the
weeks before the Köln half marathon (imported from the plan template) sees the planned count under
each planned week and a planned-against-done line; an athlete without a plan sees no trace of one."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pandas as pd
from app_helpers import open_app
from athletes import only_athlete
from test_plan_page import HEADER, clean

from ingest.pipeline import ingest_uploads
from store import read
from store.db import connect
from ui import palette, strength_charts, verdict_chart

MONDAY = dt.date(2026, 9, 14)  # three weeks before the Köln half marathon (4 Oct 2026)
PLANNED = [MONDAY + dt.timedelta(days=k) for k in (0, 2, 4)]


def _verdicts(at) -> dict:
    return next(
        json.loads(c.proto.spec) for c in at.get("plotly_chart") if "weeks before race day" in c.proto.spec
    )


def _sessions(at) -> dict:
    return next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "week starting" in c.proto.spec)


def test_planned_strength_beside_done_in_the_build_up(demo_db, use_db, tmp_path):
    path = use_db(shutil.copy(demo_db, tmp_path / "a.duckdb"))
    rows = "".join(f"{d.isoformat()},18:00,strength,,,40,lower,,\n" for d in PLANNED)
    con = connect(path)
    (r,) = ingest_uploads(con, [("plan.csv", (HEADER + rows).encode())], tmp_path / "raw-plan")
    assert r.status == "ok" and r.planned == 3, r.message
    logged = pd.to_datetime(read.strength_sessions(con, only_athlete(con))["local_date"]).dt.date.tolist()
    con.close()
    at = open_app("pages/strength.py", span=(dt.date(2026, 6, 1), dt.date(2026, 11, 15)))
    text = clean(at)
    line = next(m.value for m in at.markdown if "planned against done" in m.value)
    found = re.search(r"strength (\d) of 3 planned sessions done", line)
    assert found and "Köln Halbmarathon" in line, line
    # Done as planned: a logged session on the planned day or the day after, each used once.
    done, used = 0, []
    for d in PLANNED:
        hit = next((x for x in sorted(logged) if x in (d, d + dt.timedelta(days=1)) and x not in used), None)
        if hit:
            done, used = done + 1, [*used, hit]
    assert int(found.group(1)) == done, (line, [x for x in logged if x >= MONDAY][:6])
    marks = next(t for t in _verdicts(at)["data"] if t.get("name") == verdict_chart.PLANNED_NAME)
    assert marks["text"] == ["of 3"], marks
    assert "None" not in text and "nan" not in text
    # The sessions-per-week chart: a diamond at 3 in the planned week, beside its done bar.
    per_week = [t for t in _sessions(at)["data"] if t.get("name") == strength_charts.PLANNED_NAME]
    assert len(per_week) == 1 and per_week[0]["y"] == [3], per_week
    assert per_week[0]["x"][0].startswith("2026-09-17")  # the middle of the week of 14 September
    assert per_week[0]["marker"]["color"] == palette.PLANNED.hex
    assert f"{done} of the 3 due done as planned" in per_week[0]["customdata"][0]
    assert any(f"{palette.PLANNED.word} diamond: sessions planned" in c.value for c in at.caption)


def test_no_plan_no_planned_marks(demo_db, use_db):
    use_db(demo_db)
    at = open_app("pages/strength.py", span=(dt.date(2026, 6, 1), dt.date(2026, 11, 15)))
    clean(at)
    assert not any("planned against done" in m.value for m in at.markdown)
    assert not any(t.get("name") == verdict_chart.PLANNED_NAME for t in _verdicts(at)["data"])
    assert not any(t.get("name") == strength_charts.PLANNED_NAME for t in _sessions(at)["data"])
    assert not any("diamond" in c.value for c in at.caption)


def test_a_week_ahead_says_planned_not_of():
    w = pd.DataFrame({"week_start": pd.to_datetime(["2026-09-14", "2026-09-21"]), "x": [-3, -2], "y": [0, 0]})
    plan = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2026-09-14", "2026-09-21"]),
            "planned": [3, 2],
            "due": [3, 0],
            "done": [2.0, None],
        }
    )
    marks = verdict_chart._planned_marks(w, plan)
    assert list(marks.text) == ["of 3", "2 planned"]
    assert "all still ahead" in marks.customdata[1] and "2 of the 3 due done" in marks.customdata[0]
    lines = verdict_chart.plan_lines(
        [(1, None)], pd.DataFrame({"buildup_id": [1], "name": ["Köln"]}), w.assign(buildup_id=1), plan
    )
    assert lines == [
        "Köln, planned against done: strength 2 of 3 planned sessions done; 2 more planned ahead."
    ]
    assert verdict_chart._planned_marks(w, plan.iloc[:0]) is None


def test_the_sessions_chart_has_one_legend_entry_for_planned_weeks_in_its_range():
    weeks = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2026-09-07", "2026-09-14", "2026-09-21"]),
            "sessions": [2, 1, 0],
            "on_target": [True, False, False],
            "phase": ["build-up"] * 3,
            "target_min": [1] * 3,
            "target_max": [2] * 3,
        }
    )
    plan = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2026-09-14", "2026-09-21", "2026-10-05"]),  # the last: not shown
            "planned": [3, 2, 1],
            "due": [3, 0, 0],
            "done": [1.0, None, None],
        }
    )
    fig = strength_charts.sessions_figure(weeks, weeks["week_start"].min(), pd.Timestamp("2026-09-20"), plan)
    marks = [t for t in fig.data if t.name == strength_charts.PLANNED_NAME]
    assert len(marks) == 1 and marks[0].showlegend is not False and strength_charts.has_planned(fig)
    assert list(marks[0].y) == [3, 2] and marks[0].marker.color == palette.PLANNED.hex
    assert "1 of the 3 due done" in marks[0].customdata[0] and "all still ahead" in marks[0].customdata[1]
    # The week of 21 September, still going, is not a week without a session.
    assert not any(t.name == "no session" for t in fig.data)
    bare = strength_charts.sessions_figure(weeks, weeks["week_start"].min(), pd.Timestamp("2026-09-27"))
    assert not strength_charts.has_planned(bare) and any(t.name == "no session" for t in bare.data)
