"""A run's detail, shaped for the Activities page: its streams (pace, heart rate, elevation,
cadence over distance or time, smoothed and thinned so a long run draws quickly), pace ticks in
min:ss, its GPS route, and its load by each method with why a method is empty.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import units
from analysis._frames import as_time, num
from analysis.metrics import LOAD_METHOD_LABELS, METRICS

#: Below this speed (1 m/s, 16:40 /km) the runner is standing or walking a few steps: no pace is
#: drawn, so stops do not flatten the pace axis.
MIN_PACE_SPEED_MPS = 1.0
COLUMNS = ["elapsed_s", "distance_m", "speed_mps", "heart_rate", "altitude_m", "cadence_spm"]


def run_streams(records: pd.DataFrame, smooth_s: float = 30.0, max_points: int = 2000) -> pd.DataFrame:
    """elapsed_s (from the first record), distance_m, speed_mps (smoothed over ``smooth_s``
    seconds; from the distance stream when the file has no speed; NaN below 1 m/s), heart_rate,
    altitude_m, cadence_spm. Records without a time are dropped; at most ``max_points`` rows
    (every k-th row kept)."""
    if records is None or len(records) == 0:
        return pd.DataFrame(columns=COLUMNS)
    r = records.assign(_t=as_time(records["timestamp_utc"])).dropna(subset=["_t"])
    r = r.sort_values("_t", kind="stable").drop_duplicates("_t", keep="last")
    if r.empty:
        return pd.DataFrame(columns=COLUMNS)
    t = r["_t"]
    elapsed = ((t - t.iloc[0]) / np.timedelta64(1, "s")).to_numpy(dtype=float)
    dist = num(r, "distance_m").to_numpy()
    speed = num(r, "speed_mps")
    if speed.notna().sum() == 0 and np.isfinite(dist).sum() > 1:
        d = pd.Series(dist).interpolate(limit_area="inside").to_numpy()
        dt_s = np.diff(elapsed, prepend=np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            speed = pd.Series(np.where(dt_s > 0, np.diff(d, prepend=np.nan) / dt_s, np.nan), index=r.index)
    s = pd.Series(speed.to_numpy(dtype=float), index=pd.DatetimeIndex(t))
    smooth = s.rolling(f"{int(smooth_s)}s", min_periods=1).mean().to_numpy()
    smooth = np.where(smooth >= MIN_PACE_SPEED_MPS, smooth, np.nan)
    out = pd.DataFrame(
        {
            "elapsed_s": elapsed,
            "distance_m": dist,
            "speed_mps": smooth,
            "heart_rate": num(r, "heart_rate").to_numpy(),
            "altitude_m": num(r, "altitude_m").to_numpy(),
            "cadence_spm": num(r, "cadence_spm").to_numpy(),
        }
    )
    if len(out) > max_points:
        step = int(np.ceil(len(out) / max_points))
        out = out.iloc[::step]
    return out.reset_index(drop=True)


#: Steps between pace ticks, in seconds; the smallest that gives at most ``max_ticks`` ticks wins.
PACE_STEPS_S = (5, 10, 15, 20, 30, 60, 120, 300, 600)


def pace_ticks(pace_s: pd.Series | np.ndarray, max_ticks: int = 6) -> tuple[list[float], list[str]]:
    """Tick positions (seconds per km or mile) and their labels in min:ss ('5:30'), covering the
    finite paces given: a pace axis reads like a watch, not in decimal minutes."""
    p = np.asarray(pace_s, dtype=float)
    p = p[np.isfinite(p)]
    if p.size == 0:
        return [], []
    lo, hi = float(p.min()), float(p.max())
    step = next((s for s in PACE_STEPS_S if (hi - lo) / s <= max_ticks - 1), PACE_STEPS_S[-1])
    first = np.floor(lo / step) * step
    last = np.ceil(hi / step) * step
    values = [float(v) for v in np.arange(first, last + step / 2, step)]
    return values, [pace_label(v) for v in values]


def pace_label(seconds: float) -> str:
    """'5:30' (no unit: the axis title carries it); '' when missing."""
    if seconds is None or not np.isfinite(seconds):
        return ""
    total = int(np.floor(float(seconds) + 0.5))
    return f"{total // 60}:{total % 60:02d}"


def stream_avg_hr(records: pd.DataFrame | None) -> float | None:
    """Mean heart rate of a record stream (samples above 0 bpm), for a session whose summary gave
    none; None when the stream has no heart rate."""
    if records is None or len(records) == 0 or "heart_rate" not in records:
        return None
    hr = num(records, "heart_rate")
    hr = hr[hr > 0]
    return float(hr.mean()) if len(hr) else None


#: Latitude/longitude 0/0 is a watch's "no fix yet", not a place anyone runs.
def route(records: pd.DataFrame | None, max_points: int = 3000) -> pd.DataFrame:
    """The GPS track (lat_deg, lon_deg) in time order, without missing or 0/0 fixes, at most
    ``max_points`` points (every k-th kept); empty when the file holds no position."""
    cols = ["lat_deg", "lon_deg"]
    if records is None or len(records) == 0 or not set(cols) <= set(records.columns):
        return pd.DataFrame(columns=cols, dtype=float)
    lat, lon = num(records, "lat_deg"), num(records, "lon_deg")
    ok = lat.between(-90, 90) & lon.between(-180, 180) & ~((lat == 0) & (lon == 0))
    out = pd.DataFrame({"lat_deg": lat[ok].to_numpy(), "lon_deg": lon[ok].to_numpy()})
    if len(out) < 2:
        return pd.DataFrame(columns=cols, dtype=float)
    if len(out) > max_points:
        out = out.iloc[:: int(np.ceil(len(out) / max_points))]
    return out.reset_index(drop=True)


def route_aspect(track: pd.DataFrame) -> float:
    """How much shorter a degree of longitude is than one of latitude at the track's latitude
    (cos of the mean latitude): with it as the x axis' scale ratio the route keeps its shape."""
    if len(track) == 0:
        return 1.0
    return float(max(np.cos(np.radians(track["lat_deg"].mean())), 0.01))


#: The loads table's rows: (column of session_loads, metric id of analysis.metrics, load_method id).
LOAD_ROWS = (
    ("hrtss", "hrtss", "hrtss"),
    ("rtss", "rtss", "rtss"),
    ("trimp", "trimp", None),
    ("srpe", "srpe", "srpe"),
    ("time_min", "time", "time"),
    ("distance_km", "distance", "distance"),
)
BASIS = {"stream": "HR stream", "avg_hr": "average HR", "ngs": "graded speed", "avg_speed": "average speed"}


def loads_table(load: pd.Series, u: str) -> pd.DataFrame:
    """One activity's load by each method (``load``: its session_loads row): method as people
    write it, value, unit (distance in the runner's units), whether it drives the charts, and
    what it was computed from. Missing values stay NaN."""
    rows = []
    for col, metric, method in LOAD_ROWS:
        value = load.get(col, np.nan)
        unit = METRICS[metric].unit
        if col == "distance_km":
            value, unit = (units.distance(value * 1000.0, u) if pd.notna(value) else np.nan), u
        basis = (
            load.get("trimp_basis")
            if col in ("hrtss", "trimp")
            else load.get("rtss_basis")
            if col == "rtss"
            else None
        )
        rows.append(
            {
                "method": LOAD_METHOD_LABELS[metric],
                "value": float(value) if pd.notna(value) else np.nan,
                "unit": unit,
                "drives the charts": "yes"
                if method is not None and load.get("load_method") == method
                else "",
                "from": BASIS.get(basis, "") if isinstance(basis, str) else "",
            }
        )
    return pd.DataFrame(rows)


def missing_loads(load: pd.Series, has_hr: bool, threshold_pace_set: bool) -> list[str]:
    """Why each empty method of ``load`` (a session_loads row) is empty, true for this activity
    only: [] when every method has a value."""
    out = []
    if pd.isna(load.get("trimp")) or pd.isna(load.get("hrtss")):
        out.append(
            "TRIMP and hrTSS: " + ("no heart rate in this file" if not has_hr else "no usable heart rate")
        )
    if bool(load.get("is_run")) and pd.isna(load.get("rtss")):
        out.append(
            "rTSS: " + ("no threshold pace in Settings" if not threshold_pace_set else "no speed or distance")
        )
    if pd.isna(load.get("srpe")):
        out.append("session RPE: no RPE given (enter one under Session RPE and note)")
    return out


#: FIT lap.intensity by number, for files whose intensity a parser left as a number (an older
#: FIT profile knows only 0-3): the FIT SDK profile's names.
LAP_INTENSITY = {
    "0": "active",
    "1": "rest",
    "2": "warmup",
    "3": "cooldown",
    "4": "recovery",
    "5": "interval",
    "6": "other",
}


def laps_table(laps: pd.DataFrame, u: str) -> pd.DataFrame:
    """One activity's laps in the runner's units: lap, distance, time (moving, else elapsed),
    pace, avg HR, intensity (by name). Missing numbers stay NaN; text ''."""
    time_s = num(laps, "moving_s").fillna(num(laps, "elapsed_s"))
    dist = num(laps, "distance_m")
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = num(laps, "avg_speed_mps").fillna(dist / time_s.where(time_s > 0))
    intensity = laps["intensity"].astype("string").str.strip() if "intensity" in laps else None
    return pd.DataFrame(
        {
            "lap": (num(laps, "lap_index") + 1).astype("Int64").to_numpy(),
            f"distance ({units.distance_label(u)})": units.distance(dist, u).to_numpy(),
            "time": [units.format_duration(x) for x in time_s.to_numpy(dtype=float)],
            "pace": [units.format_pace(p, u) for p in units.pace_s(speed.to_numpy(dtype=float), u)],
            "avg HR": num(laps, "avg_hr").to_numpy(),
            "intensity": (
                intensity.replace(LAP_INTENSITY).fillna("").to_numpy() if intensity is not None else ""
            ),
        }
    )
