"""Checks before they happen (docs/rules.md, planning ahead), on hand-built plans: each check fires on the
plan built to break it and stays quiet on one that keeps it; "Place my strength" never proposes a
placement a check then flags; the forecast over the done days is the history."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest
from analysis_factory import activities, day, sessions, sets

from analysis.compute import compute_all
from analysis.forecast import estimate, forecast
from analysis.placement import place_strength
from analysis.plancheck import check_week
from analysis.settings import Settings

WEEKS = 6
TODAY = day(7 * WEEKS - 1)  # the last Sunday of the history
NEXT = day(7 * WEEKS)  # the Monday after it: the planned week


def _history():
    runs, lifts, lift_sets = [], [], []
    for w in range(WEEKS):
        base = 7 * w
        runs += [
            {"activity_id": 100 + 3 * w, "day": base + 1, "hour": 7, "km": 8},  # Tue easy
            {
                "activity_id": 101 + 3 * w,
                "day": base + 3,
                "hour": 7,
                "km": 10,
                "name": "Tempo",
            },  # Thu quality
            {"activity_id": 102 + 3 * w, "day": base + 6, "hour": 8, "km": 16},  # Sun long
        ]
        lifts += [
            {"session_id": 10 + 2 * w, "day": base + 0, "hour": 18},
            {"session_id": 11 + 2 * w, "day": base + 2, "hour": 18},
        ]
        lift_sets += [(10 + 2 * w, "squat", "lower", "working", 5, 80)] * 3
        lift_sets += [(11 + 2 * w, "plank", "core", "working", 1, 0)] * 2
    return activities(runs), sessions(lifts), sets(lift_sets)


@pytest.fixture(scope="module")
def history():
    acts, st, ss = _history()
    return compute_all(acts, strength_sessions=st, strength_sets=ss, today=TODAY)


def plan(rows: list[tuple]) -> pd.DataFrame:
    """(day offset from NEXT, "HH:MM" or None, kind, run_type, km, minutes, focus) rows."""
    out = []
    for i, (n, time, kind, run_type, km, minutes, focus) in enumerate(rows, start=1):
        out.append(
            {
                "plan_id": i,
                "planned_date": pd.Timestamp(NEXT + dt.timedelta(days=n)),
                "time_local": dt.time.fromisoformat(time) if time else None,
                "kind": kind,
                "run_type": run_type,
                "distance_m": km * 1000.0 if km else np.nan,
                "duration_s": minutes * 60.0 if minutes else np.nan,
                "strength_focus": focus,
                "rpe": np.nan,
                "note": None,
            }
        )
    return pd.DataFrame(out)


def checks(res, p: pd.DataFrame, settings: Settings | None = None) -> pd.DataFrame:
    s = settings or res.settings
    est = estimate(p, res.runs, res.today, s)
    fc = forecast(res.daily, est, res.today, s)
    return check_week(NEXT, est, res.runs, res.strength_sessions, res.buildups, fc, res.today, s)


GOOD_RUNS = [
    (1, "07:00", "run", "easy", 8, None, None),
    (3, "07:00", "run", "quality", 10, None, None),
    (6, "08:00", "run", "long", 17, None, None),
]
#: The issue's week: a heavy-legs evening before a quality run, strength on the long-run day, a long
#: run far longer than any of the 30 days before it, a harmless upper-body session after an easy run.
BROKEN = [
    (1, "18:00", "strength", None, None, 40, "lower_heavy"),  # Tue evening, Wed quality at 07:00
    (2, "07:00", "run", "quality", 10, None, None),
    (4, "07:00", "run", "easy", 6, None, None),
    (4, "18:00", "strength", None, None, 30, "upper"),  # harmless
    (6, "08:00", "run", "long", 26, None, None),  # 26 / 16 = 1.625: moderate spike
    (6, "17:00", "strength", None, None, 20, "core"),  # on the long-run day
]


def test_the_broken_week_gives_exactly_its_flags(history):
    c = checks(history, plan(BROKEN))
    got = sorted(zip(c["check"], c["rule"].fillna(0).astype(int), strict=True))
    assert got == [("rule", 1), ("rule", 2), ("spike", 0)], c[["check", "rule", "message"]]
    r1 = c[c["rule"] == 1].iloc[0]
    assert (
        "Tuesday's heavy lower body session at 18:00" in r1["message"]
        and "Wednesday's quality run" in r1["message"]
    )
    assert "Run Smarter" in r1["source"] and "How to Fit It In" in r1["source"] and r1["plan_ids"] == (1, 2)
    assert r1["fix"].startswith("Move Tuesday's heavy lower body session to ")
    r2 = c[c["rule"] == 2].iloc[0]
    assert "Sunday's core session" in r2["message"] and "Revel Sports" in r2["source"]
    spike = c[c["check"] == "spike"].iloc[0]
    assert "1.62 x" in spike["message"] and "moderate" in spike["message"] and "Frandsen" in spike["source"]
    assert "17.6 km" in spike["fix"]  # 1.10 x 16 km


def test_the_fix_it_proposes_clears_the_flag(history):
    p = plan(BROKEN)
    c = checks(history, p)
    fix = c[c["rule"] == 1].iloc[0]["fix"]
    day_name = fix.split(" to ")[1].split(" ")[0].rstrip(":")
    n = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].index(day_name)
    p.loc[p["plan_id"] == 1, "planned_date"] = pd.Timestamp(NEXT + dt.timedelta(days=n))
    after = checks(history, p)
    assert not ((after["check"] == "rule") & (after["rule"] == 1)).any(), after["message"].tolist()


def test_a_week_that_keeps_every_rule_is_quiet(history):
    p = plan(
        [
            *GOOD_RUNS,
            (0, "18:00", "strength", None, None, 40, "lower_heavy"),
            (2, "18:00", "strength", None, None, 30, "core"),
        ]
    )
    assert checks(history, p).empty


def test_lifting_before_the_run_and_on_a_hard_day(history):
    p = plan(
        [
            *GOOD_RUNS,
            (3, "06:00", "strength", None, None, 30, "lower"),
            (0, "18:00", "strength", None, None, 30, "core"),
        ]
    )
    c = checks(history, p)
    assert sorted(c.loc[c["check"] == "rule", "rule"]) == [3, 4]


def test_hard_day_policy_checks_its_own_rule_4(history):
    s = dataclasses.replace(history.settings, policy="hard-day")
    p = plan(
        [
            *GOOD_RUNS,
            (3, "08:30", "strength", None, None, 30, "lower"),
            (0, "18:00", "strength", None, None, 30, "lower"),
        ]
    )
    c = checks(history, p, s)
    rows = c[c["check"] == "rule"]
    assert list(rows["rule"]) == [4] and "Monday's lower body session" in rows.iloc[0]["message"]
    assert "Middle Age Marathoner" in rows.iloc[0]["source"]


def test_strength_below_the_phase_target(history):
    c = checks(history, plan(GOOD_RUNS))
    t = c[c["check"] == "strength_target"]
    assert len(t) == 1 and t.iloc[0]["message"].startswith(
        "0 strength sessions this week; the base phase target is 2-3"
    )
    s = Settings.from_dict(
        {"races": [{"date": (NEXT + dt.timedelta(days=30)).isoformat(), "distance": "half"}]}
    )
    acts, st, ss = _history()
    res = compute_all(acts, strength_sessions=st, strength_sets=ss, settings=s, today=TODAY)
    c = checks(res, plan(GOOD_RUNS))
    t = c[c["check"] == "strength_target"].iloc[0]
    assert t["severity"] == "warning" and "race build-up target is 1-2" in t["message"]
    assert "don't remove it" in t["message"]


def test_progression_and_ramp(history):
    # 15 km a day and a 17.5 km long run: 107.5 km against the 34 of the week before.
    big = [(n, "07:00", "run", "quality" if n == 3 else "easy", 15, None, None) for n in range(6)]
    big += [
        (6, "08:00", "run", "long", 17.5, None, None),
        (0, "18:00", "strength", None, None, 40, "lower_heavy"),
        (2, "18:00", "strength", None, None, 30, "core"),
    ]
    c = checks(history, plan(big))
    prog = c[c["check"] == "progression"]
    assert len(prog) == 1 and "Nielsen" in prog.iloc[0]["source"] and "above 30%" in prog.iloc[0]["message"]
    assert "ramp" in set(c["check"]) and "GoldenCheetah" in c.loc[c["check"] == "ramp", "source"].iloc[0]
    assert not (c["check"] == "rule").any()


def test_place_my_strength_proposes_what_the_checks_pass(history):
    for policy in ("easy-day", "hard-day"):
        s = dataclasses.replace(history.settings, policy=policy)
        p = plan(GOOD_RUNS)
        est = estimate(p, history.runs, history.today, s)
        got = place_strength(
            NEXT, est, history.runs, history.strength_sessions, history.buildups, history.today, s
        )
        assert len(got) == 2 and all(not g["breaks"] and g["why"] for g in got), got
        rows = [
            (
                (g["day"].date() - NEXT).days,
                g["time"].strftime("%H:%M") if g["time"] else None,
                "strength",
                None,
                None,
                40,
                g["focus"],
            )
            for g in got
        ]
        c = checks(history, plan(GOOD_RUNS + rows), s)
        assert c.empty, (policy, c["message"].tolist())


def test_place_my_strength_prefers_the_habitual_day(history):
    got = place_strength(
        NEXT,
        estimate(plan(GOOD_RUNS), history.runs, history.today),
        history.runs,
        history.strength_sessions,
        history.buildups,
        history.today,
        history.settings,
    )
    assert got[0]["day"].date() == NEXT and got[0]["focus"] == "lower_heavy"  # Monday, as in 6 weeks of log
    assert got[0]["time"] == dt.time(18, 0) and "Mondays 6 times" in got[0]["why"]


def test_the_forecast_over_done_days_is_the_history(history):
    est = estimate(plan(BROKEN), history.runs, history.today)
    fc = forecast(history.daily, est, history.today)
    done = fc[~fc["planned"]]
    for col in ("ctl", "atl", "tsb", "ramp", "acwr_uncoupled", "acwr_coupled", "acwr_ewma", "progression"):
        np.testing.assert_array_equal(done[col].to_numpy(), history.daily[col].to_numpy(), err_msg=col)
    assert fc["date"].iloc[-1].date() == NEXT + dt.timedelta(days=6) and fc["planned"].sum() == 7
    sunday = fc.iloc[-1]
    assert (
        sunday["run_distance_m"] == 26000
        and sunday["load"] > 0
        and "median load per minute" in sunday["load_basis"]
    )


def test_a_planned_load_says_its_estimate():
    acts, st, ss = _history()
    res = compute_all(acts, strength_sessions=st, strength_sets=ss, today=TODAY)
    p = plan(
        [
            (0, None, "run", "race", None, 30, None),
            (1, None, "run", "easy", 10, None, None),
            (2, None, "strength", None, None, 30, "core"),
        ]
    )
    est = estimate(p, res.runs, res.today).set_index("plan_id")
    assert "all runs" in est.loc[1, "load_basis"]  # no race in the log: all runs' median
    assert est.loc[1, "distance_estimated"] and est.loc[1, "est_distance_m"] == pytest.approx(
        6000
    )  # 5:00 /km
    assert est.loc[2, "duration_estimated"] and est.loc[2, "est_duration_s"] == pytest.approx(3000)
    assert "easy runs" in est.loc[2, "load_basis"]
    assert est.loc[3, "est_load"] == 0 and "out of the running fitness curve" in est.loc[3, "load_basis"]
    empty = estimate(p, res.runs.iloc[0:0], res.today).set_index("plan_id")
    assert empty.loc[1, "load_basis"].startswith("planned minutes") and empty.loc[1, "est_load"] == 30


def test_planned_against_done(history):
    from analysis.compliance import DONE, MISSED, PARTLY, match, week_compliance

    # A plan for the history's last week (days 35-41): Tue easy 8 km, Thu tempo 10 km, Sun long 16 km
    # and Mon heavy / Wed core strength were done. Plan them with a twist each.
    last = day(35)
    rows = [
        (1, "07:00", "run", "easy", 8, None, None),  # done as planned
        (3, "07:00", "run", "quality", 14, None, None),  # 10 of 14 km: partly (71 %)
        (5, "08:00", "run", "long", 16, None, None),  # run the day after (Sunday): done
        (4, None, "run", "easy", 10, None, None),  # nothing on Friday or Saturday: missed
        (0, "18:00", "strength", None, None, 40, "lower_heavy"),  # done
        (6, "18:00", "strength", None, None, 30, "core"),
    ]  # no strength on Sunday nor Monday after
    p = plan(rows).assign(planned_date=lambda f: f["planned_date"] - pd.Timedelta(days=7))
    m = match(p, history.runs, history.strength_sessions, history.today).set_index("plan_id").sort_index()
    assert list(m["status"]) == [DONE, PARTLY, DONE, MISSED, DONE, MISSED]
    assert m.loc[2, "share"] == pytest.approx(10 / 14) and m.loc[3, "done_date"].date() == day(41)
    c = week_compliance(last, p, history.runs, history.strength_sessions, history.today)
    assert c["run"] == {"planned": 4, "done": 2, "partly": 1, "missed": 1, "unplanned": 0, "share": 0.75}
    # Wednesday's core session was done but not planned.
    assert c["strength"] == {"planned": 2, "done": 1, "partly": 0, "missed": 1, "unplanned": 1, "share": 0.5}
    # A run more than 150 % of the plan is not the planned one.
    far = plan([(1, "07:00", "run", "easy", 4, None, None)]).assign(
        planned_date=lambda f: f["planned_date"] - pd.Timedelta(days=7)
    )
    assert list(match(far, history.runs, history.strength_sessions, history.today)["status"]) == [MISSED]
    assert (
        week_compliance(NEXT, plan(GOOD_RUNS), history.runs, history.strength_sessions, history.today) is None
    )


def test_a_planned_day_without_any_done_session_is_missed(history):
    from analysis.compliance import week_compliance

    # A plan for today only, in a week where nothing is done yet (the week after the history).
    p = plan([(0, "07:00", "run", "easy", 8, None, None)])
    c = week_compliance(NEXT, p, history.runs, history.strength_sessions, NEXT)
    assert c is not None and c["run"]["missed"] == 1 and c["run"]["unplanned"] == 0
    assert c["strength"] == {"planned": 0, "done": 0, "partly": 0, "missed": 0, "unplanned": 0, "share": None}


def test_planned_strength_per_week(history):
    from analysis.compliance import match, strength_weeks

    # Last week: Monday's heavy session done, Sunday's core one missed; next week: one ahead.
    past = plan(
        [
            (0, "18:00", "strength", None, None, 40, "lower_heavy"),
            (6, "18:00", "strength", None, None, 30, "core"),
        ]
    ).assign(planned_date=lambda f: f["planned_date"] - pd.Timedelta(days=7))
    ahead = plan(
        [(2, "18:00", "strength", None, None, 30, "upper"), (1, "07:00", "run", "easy", 8, None, None)]
    )
    p = pd.concat([past, ahead.assign(plan_id=ahead["plan_id"] + 100)], ignore_index=True)
    m = match(p, history.runs, history.strength_sessions, history.today)
    w = strength_weeks(p, m)
    assert [d.date() for d in w["week_start"]] == [day(35), NEXT]
    assert list(w["planned"]) == [2, 1] and list(w["due"]) == [2, 0]
    assert w["done"].iloc[0] == 1 and pd.isna(w["done"].iloc[1])  # nothing to say of a week ahead
    assert strength_weeks(plan(GOOD_RUNS), m).empty  # runs only: no strength plan
