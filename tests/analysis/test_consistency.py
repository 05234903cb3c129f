"""Strength consistency and the build-up verdict (docs/metrics.md)."""

import datetime as dt

import pandas as pd
import pytest

from analysis.consistency import (
    buildup_verdicts,
    buildup_weeks,
    buildups_to_show,
    longest_gap,
    race_recap,
    strength_consistency,
    strength_weeks,
    targets,
)
from analysis.phases import buildups_from_races, week_phases
from analysis.settings import Race, Settings


def weeks_frame(counts, first="2024-01-01"):
    ws = pd.Series(pd.date_range(first, periods=len(counts), freq="7D").astype("datetime64[ns]"))
    return pd.DataFrame({"week_start": ws, "strength_sessions": counts})


def test_targets_by_phase_and_new_lifter():
    ph = pd.Series(["base", "build-up", "taper"])
    lo, hi = targets(ph, Settings())
    assert list(lo) == [2, 1, 1] and list(hi) == [3, 2, 2]
    lo, _ = targets(ph, Settings(new_lifter=True))
    assert list(lo) == [1, 1, 1]


def test_consistency_over_complete_weeks():
    counts = [2, 2, 0, 3, 1, 2, 2, 2, 2, 2, 2, 2, 1]
    weekly = weeks_frame(counts)
    sw = strength_weeks(
        weekly, week_phases(weekly["week_start"], buildups_from_races(Settings())), Settings()
    )
    assert list(sw["on_target"]) == [c >= 2 for c in counts]
    # Today is the Wednesday of the 13th week: 12 complete weeks.
    today = dt.date(2024, 3, 27)
    days = [dt.date(2024, 1, 1), dt.date(2024, 1, 3), dt.date(2024, 2, 10), dt.date(2024, 3, 26)]
    c = strength_consistency(sw, pd.Series(pd.to_datetime(days)), today)
    assert c["weeks_12w"] == 12 and c["share_12w"] == pytest.approx(10 / 12)
    assert c["weeks_8w"] == 8 and c["share_8w"] == pytest.approx(7 / 8)
    assert c["streak_weeks"] == 7  # weeks 6-12; the current week (1 session) is not yet on target
    # Gaps: Jan 4 .. Feb 9 (37 days without), Feb 11 .. Mar 25 (44, leap year); current gap 1 day.
    assert c["longest_gap_days"] == 44
    assert c["gap_from"] == dt.date(2024, 2, 11) and c["gap_to"] == dt.date(2024, 3, 25)
    assert c["current_gap_days"] == 1


def test_open_gap_up_to_today_counts():
    weekly = weeks_frame([1, 0, 0, 0])
    sw = strength_weeks(
        weekly, week_phases(weekly["week_start"], buildups_from_races(Settings())), Settings()
    )
    c = strength_consistency(sw, pd.Series(pd.to_datetime(["2024-01-02"])), dt.date(2024, 1, 28))
    assert c["longest_gap_days"] == 26 and c["current_gap_days"] == 26 and c["streak_weeks"] == 0


def race_setup(counts, race=dt.date(2024, 6, 30)):
    s = Settings(races=(Race(race, "marathon", "Summer marathon"),))
    weekly = weeks_frame(counts)  # 2024-01-01 ..
    b = buildups_from_races(s)
    sw = strength_weeks(weekly, week_phases(weekly["week_start"], b), s)
    return s, b, sw


def test_verdict_not_kept_with_the_zero_weeks():
    # Marathon on Sunday 2024-06-30: build-up weeks 2024-03-11 .. 2024-06-24 (16 weeks).
    before = [0, 0, 3, 3, 2, 2, 3, 2, 2, 2]  # the 8 weeks before the block: 19 sessions
    during = [2, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 1]
    s, b, sw = race_setup(before + during + [2, 2])
    v = buildup_verdicts(b, sw, dt.date(2024, 7, 20), s).iloc[0]
    assert v["weeks"] == 16 and v["weeks_on_target"] == 10
    assert v["share_on_target"] == pytest.approx(10 / 16)
    assert v["verdict"] == "not kept"
    assert v["zero_weeks"] == [
        dt.date(2024, 5, 6),
        dt.date(2024, 5, 13),
        dt.date(2024, 5, 20),
        dt.date(2024, 5, 27),
        dt.date(2024, 6, 10),
        dt.date(2024, 6, 17),
    ]
    assert v["sessions_per_week_before"] == pytest.approx(19 / 8)
    assert v["sessions_per_week_during"] == pytest.approx(sum(during) / 16)
    assert not v["in_progress"]


def test_verdict_kept_partly_in_progress_and_no_data():
    s, b, sw = race_setup([2] * 10 + [1] * 16)
    assert buildup_verdicts(b, sw, dt.date(2024, 7, 1), s)["verdict"].iloc[0] == "kept"
    s, b, sw = race_setup([2] * 10 + [1] * 12 + [0] + [1] * 3)
    assert buildup_verdicts(b, sw, dt.date(2024, 7, 1), s)["verdict"].iloc[0] == "partly kept"
    s, b, sw = race_setup([2] * 10 + [1] * 4)
    v = buildup_verdicts(b, sw, dt.date(2024, 4, 7), s).iloc[0]
    assert v["in_progress"] and v["weeks"] == 4 and v["verdict"] == "kept"
    s, b, sw = race_setup([0] * 26)
    assert buildup_verdicts(b, sw, dt.date(2024, 7, 1), s)["verdict"].iloc[0] == "no strength data"


def test_overlapping_buildups_each_get_their_own_weeks():
    # A half on 2024-05-26 inside a marathon build-up ending 2024-06-30: both blocks are judged.
    s = Settings(races=(Race(dt.date(2024, 6, 30), "marathon", "M"), Race(dt.date(2024, 5, 26), "half", "H")))
    weekly = weeks_frame([2] * 12 + [1] * 14)
    b = buildups_from_races(s)
    sw = strength_weeks(weekly, week_phases(weekly["week_start"], b), s)
    v = buildup_verdicts(b, sw, dt.date(2024, 7, 1), s).set_index("name")
    assert v.loc["H", "weeks"] == 12 and v.loc["M", "weeks"] == 16
    assert v.loc["H", "start"] == pd.Timestamp("2024-03-04")
    assert (v["verdict"] == "kept").all()


def test_the_current_week_is_not_judged_before_it_ends():
    # Race 2024-06-30, block weeks 2024-03-11 .. 2024-06-24. Today Tuesday 2024-03-26: two block
    # weeks complete (11 and 18 March, 1 session each), the third (25 March) has none so far.
    s, b, sw = race_setup([2] * 10 + [1, 1, 0])
    v = buildup_verdicts(b, sw, dt.date(2024, 3, 26), s).iloc[0]
    assert v["weeks"] == 2 and v["verdict"] == "kept" and v["in_progress"]
    assert v["zero_weeks"] == []
    # One session on the Tuesday: the current week is already on target and counts.
    s, b, sw = race_setup([2] * 10 + [1, 1, 1])
    assert buildup_verdicts(b, sw, dt.date(2024, 3, 26), s).iloc[0]["weeks"] == 3
    # Before the block starts: too early to say, not in progress.
    v = buildup_verdicts(b, sw, dt.date(2024, 3, 5), s).iloc[0]
    assert v["verdict"] == "too early to say" and not v["in_progress"] and v["weeks"] == 0


def test_the_verdict_is_the_same_whatever_day_after_the_race():
    s, b, sw = race_setup([2] * 10 + [1] * 8 + [0] * 2 + [1] * 6 + [2] * 8)
    first = buildup_verdicts(b, sw, dt.date(2024, 7, 1), s).iloc[0]
    later = buildup_verdicts(b, sw, dt.date(2024, 8, 25), s).iloc[0]
    assert (
        first["weeks"] == later["weeks"] == 16 and first["weeks_on_target"] == later["weeks_on_target"] == 14
    )
    assert first["verdict"] == later["verdict"] == "partly kept"  # 14/16 = 87.5 % >= 75 %


def test_buildup_weeks_states():
    # Race 2024-06-30: 16 block weeks from 2024-03-11. The log's weeks start 2024-03-18 (the first
    # block week is before the log); today Wednesday 2024-05-01.
    s = Settings(races=(Race(dt.date(2024, 6, 30), "marathon", "M"),))
    weekly = weeks_frame([1, 3, 0, 2, 1, 1, 0], first="2024-03-18")
    b = buildups_from_races(s)
    sw = strength_weeks(weekly, week_phases(weekly["week_start"], b), s)
    w = buildup_weeks(b, sw, dt.date(2024, 5, 1), s)
    assert len(w) == 16 and list(w["weeks_to_race"])[:2] == [15, 14] and w["weeks_to_race"].iloc[-1] == 0
    assert w["week_start"].iloc[0] == pd.Timestamp("2024-03-11")
    states = list(w["state"])
    assert states[:8] == [
        "before the log",
        "on target",
        "above the advised range",
        "no session",
        "on target",
        "on target",
        "on target",
        "to come",
    ]
    assert states[8:] == ["to come"] * 8
    assert w["sessions"].iloc[:1].isna().all() and w["sessions"].iloc[1] == 1


def test_longest_gap_within_the_range_and_with_years():
    days = pd.Series(pd.to_datetime(["2023-12-01", "2024-01-10", "2024-03-01", "2024-03-03"]))
    # The whole log: 1 Dec .. 10 Jan (39 days without), 10 Jan .. 1 Mar (50 days), open up to 31 Mar (28).
    g = longest_gap(days, None, dt.date(2024, 3, 31))
    assert g == {
        "longest_gap_days": 50,
        "gap_from": dt.date(2024, 1, 11),
        "gap_to": dt.date(2024, 2, 29),
        "gap_open": False,
    }
    # A range from 20 Feb: the gap counts from the range's start (20 Feb .. 29 Feb, 10 days), and
    # the open gap after 3 March up to 31 March is longer (28 days).
    g = longest_gap(days, dt.date(2024, 2, 20), dt.date(2024, 3, 31))
    assert g == {
        "longest_gap_days": 28,
        "gap_from": dt.date(2024, 3, 4),
        "gap_to": dt.date(2024, 3, 31),
        "gap_open": True,
    }
    # A range with no session in it: the whole range is one gap.
    g = longest_gap(days, dt.date(2024, 1, 15), dt.date(2024, 1, 31))
    assert g["longest_gap_days"] == 17 and g["gap_from"] == dt.date(2024, 1, 15)
    # Before the first session ever there is no gap (the log had not begun).
    g = longest_gap(days, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert g["longest_gap_days"] == 30 and g["gap_from"] == dt.date(2023, 12, 2)
    assert longest_gap(days, None, dt.date(2023, 11, 30))["longest_gap_days"] is None
    assert longest_gap(days.iloc[2:], None, dt.date(2024, 3, 3))["gap_from"] == dt.date(2024, 3, 2)


def test_race_recap_for_four_weeks_after_the_race():
    s, b, sw = race_setup([2] * 10 + [1] * 16 + [2] * 6)
    v = buildup_verdicts(b, sw, dt.date(2024, 7, 28), s)
    r = race_recap(b, v, dt.date(2024, 7, 28))
    assert r["name"] == "Summer marathon" and r["verdict"] == "kept" and r["days_since"] == 28
    assert r["race_day"] == dt.date(2024, 6, 30)
    assert race_recap(b, v, dt.date(2024, 7, 29)) is None
    assert race_recap(b, v, dt.date(2024, 6, 29)) is None
    assert race_recap(b, v, dt.date(2024, 6, 30))["days_since"] == 0


def test_buildups_to_show_include_the_latest_outside_the_range():
    s = Settings(
        races=(
            Race(dt.date(2024, 6, 30), "marathon", "M"),
            Race(dt.date(2024, 10, 6), "half", "H"),
            Race(dt.date(2025, 4, 6), "10k", "next"),
        )
    )
    b = buildups_from_races(s).set_index("name")
    ids = {n: b.loc[n, "buildup_id"] for n in b.index}
    today = dt.date(2024, 12, 1)  # the 10 km build-up (from 2025-01-27) has not begun
    # A range in spring 2024 holds the marathon's build-up only: the half, the latest, is added after it.
    shown = buildups_to_show(b.reset_index(), dt.date(2024, 3, 1), dt.date(2024, 5, 1), today)
    assert shown == [(ids["H"], "after the range"), (ids["M"], None)]
    # A range in November holds none: the half is shown, before the range.
    shown = buildups_to_show(b.reset_index(), dt.date(2024, 11, 1), dt.date(2024, 11, 30), today)
    assert shown == [(ids["H"], "before the range")]
    # Both in the range, newest first.
    shown = buildups_to_show(b.reset_index(), dt.date(2024, 1, 1), today, today)
    assert shown == [(ids["H"], None), (ids["M"], None)]
    assert buildups_to_show(b.reset_index().iloc[:0], dt.date(2024, 1, 1), today, today) == []
