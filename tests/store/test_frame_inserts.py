"""A file's frames are inserted from their NumPy columns (store.write._insert_frame), which DuckDB
scans for less than the DataFrame: the rows stored must be the ones the DataFrame scan stores,
missing values (NaN, NaT, a str column's NaN, a nullable integer's NA) as NULL, whatever the
pandas types, and a frame of another type falls back on the DataFrame scan."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import write
from store.db import transaction

LAPS = pd.DataFrame(
    {
        "lap_index": np.arange(4, dtype=np.int64),
        "start_time_utc": pd.to_datetime(["2025-03-02 06:30", None, "2025-03-02 06:40", "2025-03-02 06:50"]),
        "elapsed_s": [600.0, np.nan, 610.5, 0.0],
        "moving_s": [590.0, 1.0, np.nan, np.nan],
        "distance_m": [1000.0, 2000.0, np.nan, 3.5],
        "avg_hr": [np.nan, 140.0, 150.0, 151.0],
        "avg_speed_mps": [3.1, 3.2, 3.3, np.nan],
        "intensity": pd.Series(["active", None, "rest", "warmup"], dtype="str"),
        "trigger": pd.Series([None, None, "manual", "distance"], dtype="str"),
    }
)


def _stored(con, table: str, activity_id: int) -> list[tuple]:
    return con.execute(f"SELECT * FROM {table} WHERE activity_id = ? ORDER BY ALL", [activity_id]).fetchall()


def _by_dataframe_scan(con, table: str, frame: pd.DataFrame, activity_id: int) -> list[tuple]:
    names = ", ".join(f'"{c}"' for c in frame.columns)
    con.execute(f"INSERT INTO {table} (activity_id, {names}) SELECT ?, {names} FROM frame", [activity_id])
    return _stored(con, table, activity_id)


@pytest.mark.parametrize(
    "frame",
    [
        LAPS,
        # pandas types the NumPy path leaves to the DataFrame scan: nullable integers and text
        # with NA, categories
        LAPS.astype({"lap_index": "Int64", "intensity": "string"}),
        LAPS.astype({"trigger": "category"}),
        LAPS.astype({"intensity": object, "trigger": object}),
    ],
    ids=["numpy-and-str", "nullable", "category", "object"],
)
def test_a_frame_is_stored_as_the_dataframe_scan_stores_it(db, frame):
    numpy_path = all(write._array(s) is not None for _, s in frame.items())
    assert numpy_path == (frame is LAPS or str(frame["intensity"].dtype) == "object")
    with transaction(db, None) as cur:
        write._insert_frame(cur, "laps", frame, activity_id=1)
    got = _stored(db, "laps", 1)
    assert got == [(1, *r[1:]) for r in _by_dataframe_scan(db, "laps", frame, 2)]
    assert len(got) == len(frame)
    assert got[1][2] is None and got[1][9] is None  # NaT and a missing str are NULL, not 'nan'
    assert got[0][6] is None  # NaN is NULL


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=False, width=32)),
            st.one_of(st.none(), st.floats(min_value=0, max_value=1e6, allow_nan=False)),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_records_with_any_missing_values_match_the_dataframe_scan(tmp_path_factory, rows):
    from store.db import connect

    con = connect(tmp_path_factory.mktemp("frames") / "f.duckdb")
    try:
        frame = pd.DataFrame(
            {
                "timestamp_utc": pd.date_range("2025-03-02 06:30", periods=len(rows), freq="s"),
                "heart_rate": [np.nan if a is None else a for a, _ in rows],
                "distance_m": [np.nan if b is None else b for _, b in rows],
            }
        )
        with transaction(con, None) as cur:
            write._insert_frame(cur, "records", frame, activity_id=1)
        expected = [(1, *r[1:]) for r in _by_dataframe_scan(con, "records", frame, 2)]
        assert _stored(con, "records", 1) == expected
    finally:
        con.close()
