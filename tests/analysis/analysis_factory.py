"""Builders of small store-shaped frames for the analysis tests (columns as in store/schema.sql)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

D0 = dt.date(2024, 1, 1)  # a Monday


def day(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def activities(rows: list[dict]) -> pd.DataFrame:
    """rows: dicts with at least activity_id and day (int offset from D0) or local_date.

    Defaults: running, 08:00 local, UTC+0, distance_km -> distance_m, minutes -> moving_s.
    """
    out = []
    for i, r in enumerate(rows):
        r = dict(r)
        aid = r.pop("activity_id", i + 1)
        d = day(r.pop("day")) if "day" in r else r.pop("local_date")
        hour = r.pop("hour", 8.0)
        offset_s = r.pop("utc_offset_s", 0)
        local = pd.Timestamp(d) + pd.Timedelta(hours=hour)
        km = r.pop("km", None)
        minutes = r.pop("minutes", None)
        if minutes is None and km is not None:
            minutes = km * 5.0  # 5:00 /km
        base = {
            "activity_id": aid,
            "source_id": 1,
            "sport": "running",
            "sub_sport": "generic",
            "name": None,
            "start_time_utc": local - pd.Timedelta(seconds=offset_s),
            "start_time_local": local,
            "local_date": pd.Timestamp(d),
            "utc_offset_s": offset_s,
            "local_time_basis": "local_timestamp",
            "elapsed_s": None if minutes is None else minutes * 60.0,
            "moving_s": None if minutes is None else minutes * 60.0,
            "distance_m": None if km is None else km * 1000.0,
            "ascent_m": 0.0,
            "avg_hr": None,
            "max_hr": None,
            "avg_cadence_spm": None,
            "calories_kcal": None,
            "rpe": None,
            "device": None,
            "session_index": 0,
            "is_race": False,
            "ngs_mps": None,
            "n_records": 0,
        }
        base.update(r)
        out.append(base)
    df = pd.DataFrame(out)
    for c in ("elapsed_s", "moving_s", "distance_m", "avg_hr", "max_hr", "rpe", "ngs_mps", "ascent_m"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    return df


def hr_seconds(rows: dict[int, dict[int, float]]) -> pd.DataFrame:
    """{activity_id: {bpm: seconds}} -> hr_seconds rows."""
    data = [(a, hr, s) for a, m in rows.items() for hr, s in m.items()]
    return pd.DataFrame(data, columns=["activity_id", "heart_rate", "seconds"])


def sessions(rows: list[dict]) -> pd.DataFrame:
    """Strength sessions: dicts with session_id, day, optional hour, duration_min, rpe, activity_id."""
    out = []
    for r in rows:
        d = day(r["day"])
        hour = r.get("hour", 18.0)
        local = pd.Timestamp(d) + pd.Timedelta(hours=hour) if hour is not None else pd.NaT
        out.append(
            {
                "session_id": r["session_id"],
                "source_id": 2,
                "activity_id": r.get("activity_id"),
                "start_time_utc": local,
                "start_time_local": local,
                "local_date": pd.Timestamp(d),
                "name": r.get("name", "Gym"),
                "duration_s": r.get("duration_min", 30.0) * 60.0,
                "rpe": r.get("rpe", np.nan),
                "app": "strong",
            }
        )
    return pd.DataFrame(out)


def sets(rows: list[tuple]) -> pd.DataFrame:
    """(session_id, exercise, region, set_type, reps, weight_kg[, rpe]) tuples."""
    data = []
    for i, r in enumerate(rows):
        sid, ex, region, kind, reps, kg, *rest = r
        data.append(
            {
                "session_id": sid,
                "set_index": i,
                "exercise": ex,
                "region": region,
                "set_type": kind,
                "reps": float(reps),
                "weight_kg": float(kg),
                "duration_s": np.nan,
                "rpe": rest[0] if rest else np.nan,
            }
        )
    return pd.DataFrame(data)


def injuries(rows: list[dict]) -> pd.DataFrame:
    out = []
    for i, r in enumerate(rows):
        out.append(
            {
                "injury_id": r.get("injury_id", i + 1),
                "onset_date": pd.Timestamp(day(r["onset"])),
                "end_date": pd.Timestamp(day(r["end"])) if r.get("end") is not None else pd.NaT,
                "body_area": r.get("body_area", "calf"),
                "severity": r.get("severity", "moderate"),
                "time_loss": r.get("time_loss", True),
                "medical_visit": r.get("medical_visit", False),
                "note": r.get("note", ""),
                "source_id": None,
            }
        )
    return pd.DataFrame(out)


def daily_frame(loads: list[float], column: str = "load", start: dt.date = D0) -> pd.DataFrame:
    dates = pd.date_range(pd.Timestamp(start), periods=len(loads), freq="D").astype("datetime64[ns]")
    return pd.DataFrame({"date": dates, column: np.asarray(loads, dtype=float)})
