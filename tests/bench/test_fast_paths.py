"""The decoder's fast paths give exactly what the straightforward code gives: the CRC computed in
numpy chunks, and the record columns built in bulk. Reference versions are kept here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import fit, fit_crc
from ingest.errors import IngestError

ROOT = Path(__file__).resolve().parents[2]


def crc_reference(data: bytes) -> int:
    crc = 0
    for byte in data:
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if (crc ^ byte) & 1 else crc >> 1
            byte >>= 1
    return crc


def column_reference(records: list[dict[str, Any]], *keys: str) -> np.ndarray:
    out = np.full(len(records), np.nan)
    for i, r in enumerate(records):
        for k in keys:
            v = r.get(k)
            if v is not None and not isinstance(v, str | tuple | list):
                out[i] = v
                break
    return out


def frame_reference(records: list[dict[str, Any]]) -> pd.DataFrame:
    ts = pd.Series([fit.to_utc(r.get("timestamp")) for r in records], dtype="datetime64[us]")
    col = column_reference
    frame = pd.DataFrame(
        {
            "timestamp_utc": ts,
            "distance_m": col(records, "enhanced_distance", "distance"),
            "speed_mps": col(records, "enhanced_speed", "speed"),
            "heart_rate": col(records, "heart_rate"),
            "cadence_spm": col(records, "cadence") + np.nan_to_num(col(records, "fractional_cadence")),
            "altitude_m": col(records, "enhanced_altitude", "altitude"),
            "power_w": col(records, "power"),
            "lat_deg": col(records, "position_lat") * fit.SEMICIRCLE_DEG,
            "lon_deg": col(records, "position_long") * fit.SEMICIRCLE_DEG,
        }
    )
    return frame[fit.RECORD_COLUMNS]


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=0, max_size=40_000))
def test_crc_matches_the_bitwise_definition(data):
    assert fit_crc.fit_crc(data) == crc_reference(data)


def test_crc_of_a_real_file_matches_its_stored_crc():
    path = next((ROOT / "sample_logs" / "garmin").glob("*.fit"))
    data = path.read_bytes()
    assert fit_crc.fit_crc(data[:-2]) == int.from_bytes(data[-2:], "little")
    fit_crc.check_crcs(data)
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0x10
    with pytest.raises(IngestError, match="CRC"):
        fit_crc.check_crcs(bytes(damaged))


def _check_record_frame(path: Path) -> int:
    """The bulk record frame of one file equals the record-by-record build; the records compared."""
    messages = fit.decode(path.read_bytes())
    records = messages.get("record", [])
    fit._anchor_relative_times(messages)
    pd.testing.assert_frame_equal(fit._records_frame(records), frame_reference(records), obj=path.name)
    return len(records)


# One demo file in 40 (12 of 460, in date order): runs, strength sessions, every kind of lap.
SAMPLE_FILES = sorted((ROOT / "sample_logs" / "garmin").glob("*.fit"))[::40]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_record_frame_matches_the_record_by_record_build(path):
    assert _check_record_frame(path) > 0


@pytest.mark.realdata
def test_record_frame_matches_on_every_watch_of_the_corpus(realdata):
    """The many odd watches (developer fields, compressed speed, relative clocks), the smaller files
    only (decoding is slow); a file that no longer decodes fails here, it is not skipped."""
    files = sorted(
        p for p in realdata.rglob("*.fit") if "corrupt" not in p.parent.name and p.stat().st_size < 50_000
    )
    assert {p.parent.name for p in files} == {"fit_run", "fit_other", "fit_strength"}
    counts = {p.name: _check_record_frame(p) for p in files}
    assert sum(n > 0 for n in counts.values()) > len(counts) / 2, counts


def test_record_frame_odd_values():
    records = [
        {"timestamp": 1_000_000_000, "heart_rate": 140, "distance": 5.0, "enhanced_distance": None},
        {"timestamp": 5, "distance": 6.5, "enhanced_distance": 7.0},  # a clock since power-on
        {"heart_rate": (1, 2), "cadence": 80, "fractional_cadence": 0.5, "position_lat": 2**30},
        {"timestamp": None, "heart_rate": "n/a", "power": 250},
    ]
    pd.testing.assert_frame_equal(fit._records_frame(records), frame_reference(records))
    pairs = [{"timestamp": 1_000_000_000 + i, "speed": (1.0, 2.0), "enhanced_speed": None} for i in range(3)]
    pd.testing.assert_frame_equal(fit._records_frame(pairs), frame_reference(pairs))  # no 2-D column
    assert fit._records_frame([]).shape == (0, len(fit.RECORD_COLUMNS))
