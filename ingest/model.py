"""What a parser hands over: plain rows, no database. The store decides where they go."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

# Column order of the tables the parsers fill (see store/schema.sql).
LAP_COLUMNS = [
    "lap_index",
    "start_time_utc",
    "elapsed_s",
    "moving_s",
    "distance_m",
    "avg_hr",
    "avg_speed_mps",
    "intensity",
    "trigger",
]
RECORD_COLUMNS = [
    "timestamp_utc",
    "distance_m",
    "speed_mps",
    "heart_rate",
    "cadence_spm",
    "altitude_m",
    "power_w",
    "lat_deg",
    "lon_deg",
]
SET_COLUMNS = [
    "set_index",
    "exercise",
    "region",
    "set_type",
    "reps",
    "weight_kg",
    "duration_s",
    "rpe",
    "start_time_utc",
]
REST_COLUMNS = ["rest_index", "start_time_utc", "duration_s"]
INJURY_COLUMNS = [
    "onset_date",
    "end_date",
    "body_area",
    "severity",
    "time_loss",
    "medical_visit",
    "note",
]


def empty_frame(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})


@dataclass
class StrengthSession:
    """One strength workout: a dict of strength_sessions columns and its sets."""

    session: dict[str, Any]
    sets: pd.DataFrame = field(default_factory=lambda: empty_frame(SET_COLUMNS))
    rests: pd.DataFrame | None = None  # a watch's rest periods between sets


@dataclass
class Activity:
    """One activity (one FIT session): a dict of activities columns, laps and records."""

    activity: dict[str, Any]
    laps: pd.DataFrame = field(default_factory=lambda: empty_frame(LAP_COLUMNS))
    records: pd.DataFrame = field(default_factory=lambda: empty_frame(RECORD_COLUMNS))
    strength: StrengthSession | None = None  # a watch strength session's sets
    hr_seconds: pd.DataFrame | None = None  # seconds at each heart rate, from the records
    pace_seconds: pd.DataFrame | None = None  # seconds at each pace, from the records
    ref: str | None = None  # the file a CSV line names (Strava's `Filename`), for the archive join


@dataclass
class ParseResult:
    """Everything one source file gave, with its status and a message a runner understands."""

    format: str | None  # None when no parser claimed the file
    status: str = "ok"  # ok | partial | failed | skipped | duplicate
    message: str = ""
    activities: list[Activity] = field(default_factory=list)
    strength_sessions: list[StrengthSession] = field(default_factory=list)
    injuries: pd.DataFrame | None = None
    settings: dict[str, Any] | None = None
    planned: pd.DataFrame | None = None  # planned sessions (the plan template): never activities
    # A FIT file the fast decoder handed to fitparse, the reference (ingest.fit.parse_fit)
    reference_fallback: bool = False

    @property
    def empty(self) -> bool:
        return not (
            self.activities
            or self.strength_sessions
            or (self.injuries is not None and len(self.injuries))
            or self.settings
            or (self.planned is not None and len(self.planned))
        )
