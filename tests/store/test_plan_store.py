"""The plan in the store: the plan template imported (bad rows refused one by one, never an
activity), the Plan page's edits, a week copied forward, and a rebuild that keeps the plan."""

from __future__ import annotations

import datetime as dt

import pytest
from athletes import only_athlete

from domain.plan import PlanRowError
from ingest.__main__ import main
from ingest.pipeline import ingest_uploads
from ingest.report import template
from store import plan, read
from store.db import connect

HEADER = template("plan.csv").decode()
GOOD = (
    "2026-03-02,07:00,run,easy,8,,,,\n"
    "2026-03-03,18:00,strength,,,40,lower_heavy,7,squats\n"
    "2026-03-04,,run,quality,,50,,8,tempo\n"
    "2026-03-08,08:00,run,long,24,,,,\n"
)
BAD = (
    "2026-13-40,07:00,run,easy,8,,,,\n"  # row 6: not a date
    "2026-03-05,,swim,,2,,,,\n"  # row 7: unknown kind
    "2026-03-06,,strength,,,30,legs,,\n"  # row 8: unknown focus
    "2026-03-07,,run,easy,,,,,\n"  # row 9: a run without distance or duration
)


def test_the_template_has_the_plan_header():
    assert (
        HEADER.strip() == "planned_date,time,kind,run_type,distance_km,duration_min,strength_focus,rpe,note"
    )


def test_a_plan_file_goes_to_the_plan_and_bad_rows_are_refused_one_by_one(db, raw_dir):
    (r,) = ingest_uploads(db, [("my plan.csv", (HEADER + GOOD + BAD).encode())], raw_dir)
    assert (r.format, r.status, r.planned, r.activities, r.strength_sessions) == (
        "runstrong_plan_csv",
        "partial",
        4,
        0,
        0,
    )
    for words in (
        "row 6: planned_date '2026-13-40' is not a date",
        "row 7: kind 'swim'",
        "row 8: strength_focus 'legs'",
        "row 9: a planned run needs a distance",
    ):
        assert words in r.message
    assert "row 2" not in r.message and "row 5" not in r.message
    p = read.planned_sessions(db, only_athlete(db))
    assert len(p) == 4 and p["source_id"].notna().all()
    assert (
        read.table_counts(db, only_athlete(db))["activities"] == 0
        and read.table_counts(db, only_athlete(db))["strength_sessions"] == 0
    )
    first = p.iloc[0]
    assert (first["planned_date"].date(), first["time_local"], first["kind"], first["run_type"]) == (
        dt.date(2026, 3, 2),
        dt.time(7, 0),
        "run",
        "easy",
    )
    assert first["distance_m"] == 8000 and p.iloc[1]["duration_s"] == 2400
    assert p.iloc[1]["strength_focus"] == "lower_heavy" and p.iloc[1]["rpe"] == 7
    assert pd_isna(p.iloc[2]["time_local"])


def test_the_same_plan_twice_adds_nothing(db, raw_dir):
    ingest_uploads(db, [("plan.csv", (HEADER + GOOD).encode())], raw_dir)
    (again,) = ingest_uploads(db, [("plan.csv", (HEADER + GOOD).encode())], raw_dir)
    assert again.status == "duplicate"
    # Another file planning the same sessions (a note changed) adds none of them again.
    (other,) = ingest_uploads(
        db, [("plan2.csv", (HEADER + GOOD.replace("squats", "squat day")).encode())], raw_dir
    )
    assert (other.status, other.planned, other.merged) == ("duplicate", 0, 4)
    assert len(read.planned_sessions(db, only_athlete(db))) == 4


def test_a_plan_with_no_good_row_fails_naming_each_row(db, raw_dir):
    (r,) = ingest_uploads(db, [("plan.csv", (HEADER + BAD).encode())], raw_dir)
    assert r.status == "failed" and "row 2:" in r.message and "row 5:" in r.message
    assert len(read.planned_sessions(db, only_athlete(db))) == 0


def test_edits_on_the_plan_page(db):
    run = plan.add_planned(
        db,
        only_athlete(db),
        {
            "planned_date": dt.date(2026, 3, 3),
            "kind": "run",
            "run_type": "quality",
            "distance_km": 10,
            "time": "07:00",
        },
    )
    lift = plan.add_planned(
        db,
        only_athlete(db),
        {
            "planned_date": dt.date(2026, 3, 2),
            "kind": "strength",
            "strength_focus": "lower_heavy",
            "duration_min": 40,
            "time": "18:00",
        },
    )
    with pytest.raises(PlanRowError, match="strength_focus"):
        plan.add_planned(db, only_athlete(db), {"planned_date": dt.date(2026, 3, 2), "kind": "strength"})
    plan.move_planned(db, only_athlete(db), lift, dt.date(2026, 3, 3))
    p = read.planned_sessions(db, only_athlete(db)).set_index("plan_id")
    assert p.loc[lift, "planned_date"].date() == dt.date(2026, 3, 3) and p.loc[lift, "time_local"] == dt.time(
        18
    )
    plan.move_planned(db, only_athlete(db), lift, dt.date(2026, 3, 4), None)
    assert pd_isna(read.planned_sessions(db, only_athlete(db)).set_index("plan_id").loc[lift, "time_local"])
    plan.update_planned(
        db,
        only_athlete(db),
        run,
        {"planned_date": dt.date(2026, 3, 3), "kind": "run", "run_type": "easy", "distance_m": 6000.0},
    )
    p = read.planned_sessions(db, only_athlete(db)).set_index("plan_id")
    assert p.loc[run, "run_type"] == "easy" and p.loc[run, "distance_m"] == 6000
    assert (
        plan.delete_planned(db, only_athlete(db), run) == 1
        and plan.delete_planned(db, only_athlete(db), run) == 0
    )
    assert list(read.planned_sessions(db, only_athlete(db))["plan_id"]) == [lift]


def pd_isna(v) -> bool:
    import pandas as pd

    return v is None or bool(pd.isna(v))


def test_repeat_last_weeks_pattern(db, raw_dir):
    ingest_uploads(db, [("plan.csv", (HEADER + GOOD).encode())], raw_dir)
    monday = dt.date(2026, 3, 2)
    assert plan.copy_week(db, only_athlete(db), monday, monday + dt.timedelta(days=7)) == 4
    assert plan.copy_week(db, only_athlete(db), monday, monday + dt.timedelta(days=7)) == 0  # not doubled
    p = read.planned_sessions(db, only_athlete(db))
    nxt = p[p["planned_date"] >= "2026-03-09"]
    assert [d.day for d in nxt["planned_date"]] == [9, 10, 11, 15]
    assert list(nxt["kind"]) == ["run", "strength", "run", "run"] and nxt["source_id"].isna().all()


def test_a_rebuild_keeps_the_plan_as_the_runner_left_it(tmp_path):
    db, raw = tmp_path / "runstrong.duckdb", tmp_path / "raw"
    con = connect(db)
    ingest_uploads(con, [("plan.csv", (HEADER + GOOD).encode())], raw)
    p = read.planned_sessions(con, only_athlete(con))
    plan.delete_planned(con, only_athlete(con), int(p["plan_id"].iloc[0]))  # an imported row deleted
    plan.move_planned(con, only_athlete(con), int(p["plan_id"].iloc[1]), dt.date(2026, 3, 5))  # one moved
    plan.add_planned(
        con,
        only_athlete(con),
        {"planned_date": dt.date(2026, 3, 6), "kind": "strength", "strength_focus": "core"},
    )
    cols = [
        "planned_date",
        "time_local",
        "kind",
        "run_type",
        "distance_m",
        "duration_s",
        "strength_focus",
        "note",
    ]
    before = read.planned_sessions(con, only_athlete(con))[cols].astype(str).values.tolist()
    imported_before = read.planned_sessions(con, only_athlete(con))["source_id"].notna().sum()
    con.close()
    assert main(["--rebuild", "--db", str(db), "--raw", str(raw)]) == 0
    con = connect(db)
    after = read.planned_sessions(con, only_athlete(con))
    assert sorted(after[cols].astype(str).values.tolist()) == sorted(before)
    assert after["source_id"].notna().sum() == imported_before == 3
    assert read.table_counts(con, only_athlete(con))["activities"] == 0
    con.close()
