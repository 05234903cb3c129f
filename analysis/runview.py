"""A run's streams shaped for its detail chart: pace, heart rate, elevation and cadence over
distance or time, smoothed and thinned so a long run draws quickly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis._frames import as_time, num

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
