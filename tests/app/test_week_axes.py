"""Weekly charts are labelled by the runner's week start (Settings, Monday by default) on every page:
the bars and calendar columns the pages draw sit on that weekday, and the axis labels name those
days (Plotly's own date ticks would fall on Sundays whatever the week)."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest
from app_helpers import open_app
from athletes import only_athlete

from store import settings_write
from store.db import connect
from ui.charts import WEEK_BAR, WEEK_TICKS, week_ticks

# Each page's weekly charts (Overview: the last weeks; Load: weekly running, monotony and strain;
# Strength: the calendar and the sessions per week; Schedule check: the rule breaks per week).
WEEKLY_CHARTS = {"overview": 1, "load": 2, "strength": 2, "schedule": 1}


@pytest.mark.parametrize("week_start", range(7))
def test_the_labelled_weeks_begin_on_the_week_start(week_start):
    for start, end in (
        ("2026-01-01", "2026-03-01"),
        ("2016-05-03", "2026-12-07"),
        ("2026-12-01", "2026-12-02"),
    ):
        ticks = week_ticks(start, end, week_start)
        assert len(ticks) and (ticks.day_of_week == week_start).all()
        assert len(ticks) <= WEEK_TICKS + 1
        assert pd.Timestamp(start) - pd.Timedelta(days=6) <= ticks[0] and ticks[-1] <= pd.Timestamp(end)
    # A label stays on its week when the range moves.
    a = week_ticks("2025-01-01", "2026-12-01", week_start)
    b = week_ticks("2025-01-20", "2026-12-20", week_start)
    assert set(a) & set(b) and set(a[a >= b[0]]) <= set(b)


def _day(value) -> pd.Timestamp:
    return pd.Timestamp(value)


def weekly_axes(spec: dict) -> list[tuple[str, dict, list[dict]]]:
    """(axis name, axis layout, traces on it) for every x axis that carries weekly bars or a calendar."""
    out = []
    layout = spec["layout"]
    for name, axis in layout.items():
        if not re.fullmatch(r"xaxis\d*", name):
            continue
        ref = "x" + name[5:]
        traces = [t for t in spec["data"] if t.get("xaxis", "x") == ref]
        weekly = [
            t
            for t in traces
            if (t.get("type") == "bar" and t.get("width") == WEEK_BAR["width"]) or t.get("type") == "heatmap"
        ]
        if weekly:
            out.append((name, axis, weekly))
    return out


def check_page(at, week_start: int, page: str) -> None:
    assert not at.exception, at.exception
    found = 0
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for name, axis, traces in weekly_axes(spec):
            found += 1
            for t in traces:
                days = pd.to_datetime(pd.Series(t["x"]))
                assert (days.dt.day_of_week == week_start).all(), (page, name, "drawn off the week start")
            vals, text = axis.get("tickvals"), axis.get("ticktext")
            if not vals:
                # Shared axes label the bottom row only: its twin carries the ticks.
                twins = [a for n, a, _ in weekly_axes(spec) if n != name and a.get("tickvals")]
                assert twins, (page, name, "a weekly axis without week labels: Plotly's would be Sundays")
                continue
            assert len(vals) == len(text)
            for v, label in zip(vals, text, strict=True):
                shown = label.split("<br>")[0]
                v = _day(v)
                # The label names the week's first day, at it or under the middle of its bar.
                first = [v.normalize() - pd.Timedelta(days=k) for k in range(5)]
                match = [d for d in first if f"{d:%d %b}" == shown]
                assert match, (page, v, label)
                assert match[0].day_of_week == week_start, (page, label, "not the week start")
    assert found >= WEEKLY_CHARTS[page], (page, found)


@pytest.mark.parametrize("athlete", ["demo", "injured_racing"])
@pytest.mark.parametrize("page", list(WEEKLY_CHARTS))
def test_weekly_charts_start_on_monday_by_default(shown_page, athlete, page):
    check_page(shown_page(athlete, f"pages/{page}.py"), 0, page)


@pytest.mark.parametrize("page", list(WEEKLY_CHARTS))
def test_weekly_charts_follow_the_week_start_setting(athlete_db, use_db, tmp_path, page):
    db = use_db(tmp_path / "runner.duckdb")
    shutil.copy(athlete_db("injured_racing"), db)
    con = connect(db)
    settings_write.save_settings(con, only_athlete(con), {"week_start": 2})  # Wednesday
    con.close()
    from ui import data

    data.connection.clear()
    check_page(open_app(f"pages/{page}.py"), 2, page)
