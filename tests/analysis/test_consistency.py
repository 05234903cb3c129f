"""Strength consistency and the build-up verdict (DOMAIN.md section 6)."""

import datetime as dt

import pandas as pd
import pytest

from analysis.consistency import buildup_verdicts, strength_consistency, strength_weeks, targets
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
    assert v["zero_weeks"] == [dt.date(2024, 5, 6), dt.date(2024, 5, 13), dt.date(2024, 5, 20),
                               dt.date(2024, 5, 27), dt.date(2024, 6, 10), dt.date(2024, 6, 17)]  # fmt: skip
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
