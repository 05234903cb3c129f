"""The Strength page's donut and progression chart, read as figures: percentages that sum to 100,
no '0 %' label, a bodyweight session missing from the estimated 1-rep max (never 0), and the line
below the top of its axis."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.settings import Settings
from analysis.strength import balance, exercise_progression, strength_sessions_summary, whole_percentages
from ui import fmt
from ui.strength_charts import E1RM_NAME, balance_figure, progression_figure


def _sessions(days: list[int]) -> pd.DataFrame:
    start = pd.Timestamp("2026-03-02")
    return pd.DataFrame(
        {
            "session_id": list(range(1, len(days) + 1)),
            "activity_id": [pd.NA] * len(days),
            "start_time_utc": [start + pd.Timedelta(days=d, hours=18) for d in days],
            "local_date": [(start + pd.Timedelta(days=d)).date() for d in days],
            "name": ["lift"] * len(days),
            "duration_s": [3000.0] * len(days),
            "rpe": [np.nan] * len(days),
            "app": ["hevy"] * len(days),
        }
    )


def _sets(rows: list[tuple]) -> pd.DataFrame:
    """(session_id, exercise, region, reps, kg, duration_s) working sets."""
    return pd.DataFrame(
        [
            {
                "session_id": sid,
                "set_index": i,
                "exercise": ex,
                "region": region,
                "set_type": "working",
                "reps": float(reps),
                "weight_kg": float(kg),
                "duration_s": float(dur),
                "rpe": np.nan,
            }
            for i, (sid, ex, region, reps, kg, dur) in enumerate(rows)
        ]
    )


def test_whole_percentages_sum_to_100_where_rounding_each_gives_101():
    counts = [67, 67, 66]  # 33.5 %, 33.5 %, 33 %: each rounded, 34 + 34 + 33 = 101
    assert sum(int(fmt.pct(c / 200).split()[0]) for c in counts) == 101
    assert whole_percentages(counts) == [34, 33, 33]
    assert whole_percentages([0, 0]) == [0, 0] and whole_percentages([]) == []


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=6))
def test_whole_percentages_always_sum_to_100_and_stay_within_a_point(counts):
    pct = whole_percentages(counts)
    total = sum(counts)
    if total == 0:
        assert pct == [0] * len(counts)
        return
    assert sum(pct) == 100
    for p, c in zip(pct, counts, strict=True):
        assert abs(p - 100 * c / total) < 1


def test_the_donut_sums_to_100_and_hides_the_label_of_a_slice_under_1_percent():
    bal = pd.DataFrame({"region": ["lower", "core", "upper", "full", "unknown"], "sets": [67, 67, 66, 0, 0]})
    bal = bal.assign(share=bal["sets"] / 200, pct=whole_percentages(bal["sets"]))
    pie = balance_figure(bal).data[0]
    assert list(pie.labels) == ["lower", "core", "upper"]  # an empty region is no slice
    assert [int(t.split()[0]) for t in pie.text] == [34, 33, 33]

    bal = pd.DataFrame(
        {"region": ["lower", "core", "upper", "full", "unknown"], "sets": [500, 250, 120, 0, 1]}
    )
    bal = bal.assign(share=bal["sets"] / 871, pct=whole_percentages(bal["sets"]))
    pie = balance_figure(bal).data[0]
    labels = dict(zip(pie.labels, pie.texttemplate, strict=True))
    assert labels["unknown"] == "" and all(labels[r] for r in ("lower", "core", "upper"))
    assert "0 %" not in " ".join(pie.text)


def test_a_bodyweight_session_is_a_gap_in_the_estimated_1_rep_max_and_the_line_fits_its_axis():
    sess = _sessions([0, 3, 7, 10])
    sets = _sets(
        [
            (1, "pull up", "upper", 8, 10, np.nan),
            (2, "pull up", "upper", 10, 0, np.nan),  # bodyweight only
            (3, "pull up", "upper", 6, 15, np.nan),
            (3, "plank", "core", 0, 0, 60),  # a timed hold
            (4, "pull up", "upper", 0, 20, 30),  # weighted, but no reps: no 1-rep max either
        ]
    )
    summary = strength_sessions_summary(sess, sets, Settings())
    prog = exercise_progression(summary, sets)
    one = prog[prog["exercise"] == "pull up"]
    fig = progression_figure(one, "kg")
    bars, line = fig.data
    assert line.name == E1RM_NAME and "1RM" not in fig.to_json()
    y = np.array(line.y, dtype=float)
    assert np.isnan(y[1]) and np.isnan(y[3]), y  # missing, not 0
    assert not (y == 0).any() and not (np.array(bars.y, dtype=float) == 0).any()
    assert y[0] == 10 * (1 + 8 / 30) and y[2] == 15 * (1 + 6 / 30)
    top = fig.layout.yaxis2.range[1]
    assert top > np.nanmax(y) * 1.05  # the highest marker sits inside the plot, not on its edge
    plank = prog[prog["exercise"] == "plank"].iloc[0]
    assert np.isnan(plank["e1rm_kg"]) and np.isnan(plank["volume_load_kg"])


def test_balance_gives_whole_percentages():
    sess = _sessions([0])
    sets = _sets([(1, "squat", "lower", 5, 60, np.nan)] * 2 + [(1, "plank", "core", 0, 0, 60)])
    bal = balance(strength_sessions_summary(sess, sets, Settings())).set_index("region")
    assert bal["pct"].to_dict() == {"lower": 67, "core": 33, "upper": 0, "full": 0, "unknown": 0}
