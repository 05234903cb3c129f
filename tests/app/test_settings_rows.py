"""The Settings editors' row checks (ui.settings_rows): a row missing a required field is kept back
with its row number and the field, the others are saved, the message counts both."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from ui.settings_rows import (
    INJURY_COLUMNS,
    RACE_COLUMNS,
    Problem,
    plan_injuries,
    plan_races,
    problems_in,
    saved_message,
    with_pending,
)

D = dt.date


def test_a_race_without_a_distance_or_date_is_kept_back_and_the_others_saved():
    edited = pd.DataFrame(
        [
            [D(2026, 4, 19), "marathon", "Hamburg"],
            [D(2026, 6, 1), None, "no distance"],
            [None, "half", ""],
            [None, None, None],
            [pd.NaT, None, "only a name"],
        ],
        columns=RACE_COLUMNS,
    )
    plan = plan_races(edited)
    assert plan.races == [{"date": "2026-04-19", "distance": "marathon", "name": "Hamburg"}]
    assert [str(p) for p in plan.problems] == [
        "row 2 has no distance",
        "row 3 has no date",
        "row 5 has no date and no distance",
    ]  # row 4 is blank: nothing typed, nothing to say
    assert [r["name"] for r in plan.pending] == ["no distance", None, "only a name"]


def test_an_injury_without_onset_is_kept_back_and_a_stored_one_edited_badly_too():
    stored = pd.DataFrame(
        [[7, D(2026, 1, 5), None, "calf", "minor", True, False, None]], columns=INJURY_COLUMNS
    )
    edited = pd.DataFrame(
        [
            [7, None, None, "calf", "minor", True, False, None],  # onset cleared
            [None, D(2026, 3, 1), None, "knee", "moderate", True, True, None],
            [None, D(2026, 3, 9), D(2026, 3, 2), "hip", None, None, None, None],  # back before onset
            [None, None, None, "shin", None, None, None, "no onset"],
        ],
        columns=INJURY_COLUMNS,
    )
    plan = plan_injuries(stored, edited)
    assert [r["body_area"] for r in plan.added] == ["knee"] and not plan.changed and not plan.deleted
    assert [str(p) for p in plan.problems] == [
        "row 1 has no onset date",
        "row 3 is back to running (2026-03-02) before its onset (2026-03-09)",
        "row 4 has no onset date",
    ]
    assert [r["injury_id"] for r in plan.pending] == [7, None, None]
    # Shown again: the stored row with the kept-back edit in its place, the new rows after it.
    table = with_pending(stored, plan.pending, INJURY_COLUMNS)
    assert table["body_area"].tolist() == ["calf", "hip", "shin"] and pd.isna(table.loc[0, "onset_date"])
    assert [str(p) for p in problems_in(table, "injury")] == [
        "row 1 has no onset date",
        "row 2 is back to running (2026-03-02) before its onset (2026-03-09)",
        "row 3 has no onset date",
    ]


def test_the_message_counts_what_was_saved_and_names_what_was_not():
    assert saved_message(3, "injury", [Problem(4, "has no onset date")]) == (
        "Saved 3 injuries; 1 row not saved: row 4 has no onset date."
    )
    assert saved_message(1, "race", []) == "Saved 1 race."
    two = [Problem(2, "has no date"), Problem(3, "has no distance")]
    assert saved_message(0, "race", two, "1 deleted") == (
        "Nothing saved (1 deleted); 2 rows not saved: row 2 has no date; row 3 has no distance."
    )


rows = st.lists(
    st.tuples(
        st.one_of(st.none(), st.dates(D(2000, 1, 1), D(2030, 12, 31))),
        st.one_of(st.none(), st.sampled_from(["marathon", "half", "10k", "5k"])),
        st.one_of(st.none(), st.text(max_size=5)),
    ),
    max_size=8,
)


@given(rows)
def test_every_typed_race_row_is_saved_or_kept_back(typed):
    plan = plan_races(pd.DataFrame(typed, columns=RACE_COLUMNS))
    typed_rows = [r for r in typed if any(x is not None and (not isinstance(x, str) or x.strip()) for x in r)]
    assert len(plan.races) + len(plan.pending) == len(typed_rows)
    assert len(plan.problems) == len(plan.pending)
    assert all(r[0] is not None and r[1] is not None for r in typed_rows) == (not plan.problems)
