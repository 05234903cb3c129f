"""Display conversions: storage is SI (m, s, kg, m/s); pages show km or miles, kg or lb.

Every function takes a scalar or an array/Series and keeps NaN as NaN (missing stays missing).
"""

from __future__ import annotations

import math

import numpy as np

M_PER_KM = 1000.0
M_PER_MI = 1609.344  # international mile
KG_PER_LB = 0.45359237  # international avoirdupois pound
M_PER_FT = 0.3048


def _check(units: str, allowed: tuple[str, ...]) -> None:
    if units not in allowed:
        raise ValueError(f"units must be one of {allowed}, not {units!r}")


def distance(m, units: str = "km"):
    """Metres to km or miles."""
    _check(units, ("km", "mi"))
    return m / (M_PER_KM if units == "km" else M_PER_MI)


def to_metres(value, units: str = "km"):
    _check(units, ("km", "mi"))
    return value * (M_PER_KM if units == "km" else M_PER_MI)


def elevation(m, units: str = "km"):
    """Metres, or feet when distances are shown in miles."""
    _check(units, ("km", "mi"))
    return m if units == "km" else m / M_PER_FT


def elevation_label(units: str = "km") -> str:
    return "m" if units == "km" else "ft"


def weight(kg, units: str = "kg"):
    _check(units, ("kg", "lb"))
    return kg if units == "kg" else kg / KG_PER_LB


def to_kg(value, units: str = "kg"):
    _check(units, ("kg", "lb"))
    return value if units == "kg" else value * KG_PER_LB


def pace_s(speed_mps, units: str = "km"):
    """Seconds per km or per mile from a speed; NaN for a zero or missing speed."""
    _check(units, ("km", "mi"))
    unit_m = M_PER_KM if units == "km" else M_PER_MI
    v = np.asarray(speed_mps, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(v > 0, unit_m / np.where(v > 0, v, 1.0), np.nan)
    return float(out) if out.ndim == 0 else out


def speed_from_pace(pace_s_per_unit: float, units: str = "km") -> float:
    _check(units, ("km", "mi"))
    return (M_PER_KM if units == "km" else M_PER_MI) / pace_s_per_unit


def format_pace(seconds: float | None, units: str = "km") -> str:
    """'4:05 /km'; '' when missing."""
    if seconds is None or not math.isfinite(seconds):
        return ""
    total = math.floor(float(seconds) + 0.5)
    return f"{total // 60}:{total % 60:02d} /{units}"


def parse_pace(text: str) -> float:
    """'4:05' -> 245.0 seconds (per the unit the user works in)."""
    parts = [p for p in str(text).strip().split(":")]
    if len(parts) != 2:
        raise ValueError(f"a pace looks like 4:05, not {text!r}")
    minutes, seconds = int(parts[0]), float(parts[1])
    if not 0 <= seconds < 60 or minutes < 0:
        raise ValueError(f"a pace looks like 4:05, not {text!r}")
    return minutes * 60 + seconds


def format_duration(seconds: float | None) -> str:
    """'1:02:03' or '42:05'; '' when missing."""
    if seconds is None or not math.isfinite(seconds):
        return ""
    total = math.floor(float(seconds) + 0.5)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def distance_label(units: str = "km") -> str:
    _check(units, ("km", "mi"))
    return units


def weight_label(units: str = "kg") -> str:
    _check(units, ("kg", "lb"))
    return units
