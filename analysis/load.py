"""Per-session load by every method the data allows (DOMAIN.md section 3).

| method   | formula                                                | source                       |
|----------|--------------------------------------------------------|------------------------------|
| srpe     | RPE (0-10) x moving minutes                            | Foster et al. 2001           |
| trimp    | sum dt_min x x a e^(b x), x = (HR-HRrest)/(HRmax-HRrest)| Banister 1991; Morton 1990  |
| hrtss    | 100 x TRIMP / TRIMP of 60 min at threshold HR          | GoldenCheetah TRIMP(100)     |
| rtss     | hours x (ngs / threshold speed)^2 x 100                | TrainingPeaks; Skiba GOVSS   |
| time     | moving minutes                                         | running-injury cohorts       |
| distance | km (runs only)                                         | running-injury cohorts       |

'auto' (the default) follows DOMAIN.md's fallback order: hrTSS, else rTSS, else session RPE, else
moving minutes (a strength session: session RPE first, then the same order); each activity records
the method used in ``load_method``. An explicitly chosen
method is used alone: an activity without it has no load (NaN), and ``load_coverage`` says how much
of the history each method covers. Missing stays missing: no heart rate means no TRIMP, not 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis._frames import as_day, as_time, is_run, is_strength_activity, moving_seconds, num
from analysis.settings import Settings

#: Banister TRIMP weighting constants (Morton 1990): men a=0.64 b=1.92, women a=0.86 b=1.67.
TRIMP_CONSTANTS = {"male": (0.64, 1.92), "female": (0.86, 1.67)}
#: Stated defaults when the runner gave no HR profile: a typical adult resting HR, and a
#: population-typical maximum used only when the log itself holds no plausible maximum.
DEFAULT_HR_REST = 60.0
DEFAULT_HR_MAX = 190.0
#: Threshold HR default: HRrest + 0.85 (HRmax - HRrest) (DOMAIN.md section 3).
THRESHOLD_HRR_FRACTION = 0.85
#: Highest per-activity max HR believed when estimating HRmax from the log (above: strap artefact).
PLAUSIBLE_MAX_HR = (120.0, 220.0)

AUTO_ORDER = ("hrtss", "rtss", "srpe", "time")


@dataclass(frozen=True)
class HRProfile:
    """The heart-rate profile in force, with the names of the values that are defaults."""

    sex: str
    hr_rest: float
    hr_max: float
    threshold_hr: float
    defaults: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def constants(self) -> tuple[float, float]:
        return TRIMP_CONSTANTS[self.sex]


def hr_profile(settings: Settings, activities: pd.DataFrame | None = None) -> HRProfile:
    """Resolve HRrest, HRmax, threshold HR and sex, saying which are defaults and why.

    HRmax default: the highest per-activity max HR in the log within 120-220 bpm (a measured
    maximum beats an age formula), else 190. HRrest default: 60. Sex default: the men's constants
    (Banister's original). Threshold HR default: HRrest + 0.85 (HRmax - HRrest) (DOMAIN.md s.3).
    """
    defaults: list[str] = []
    notes: list[str] = []
    sex = settings.sex
    if sex not in TRIMP_CONSTANTS:
        sex = "male"
        defaults.append("sex")
        notes.append("sex not set: TRIMP uses the men's constants a=0.64, b=1.92 (Morton 1990)")
    hr_rest = settings.hr_rest
    if hr_rest is None:
        hr_rest = DEFAULT_HR_REST
        defaults.append("hr_rest")
        notes.append(f"resting HR not set: {DEFAULT_HR_REST:.0f} bpm assumed")
    hr_max = settings.hr_max
    if hr_max is None:
        defaults.append("hr_max")
        seen = pd.Series(dtype=float)
        if activities is not None and "max_hr" in activities:
            seen = num(activities, "max_hr")
            seen = seen[(seen >= PLAUSIBLE_MAX_HR[0]) & (seen <= PLAUSIBLE_MAX_HR[1])]
        if len(seen):
            hr_max = float(seen.max())
            notes.append(f"maximum HR not set: {hr_max:.0f} bpm, the highest in the log")
        else:
            hr_max = DEFAULT_HR_MAX
            notes.append(f"maximum HR not set and none in the log: {DEFAULT_HR_MAX:.0f} bpm assumed")
    if hr_max <= hr_rest:
        raise ValueError(f"maximum HR ({hr_max}) must be above resting HR ({hr_rest})")
    lthr = settings.threshold_hr
    if lthr is None:
        lthr = hr_rest + THRESHOLD_HRR_FRACTION * (hr_max - hr_rest)
        defaults.append("threshold_hr")
        notes.append(f"threshold HR not set: HRrest + 0.85 x HR reserve = {lthr:.0f} bpm")
    return HRProfile(sex, float(hr_rest), float(hr_max), float(lthr), tuple(defaults), tuple(notes))


def trimp_per_minute(hr: np.ndarray | pd.Series, profile: HRProfile) -> np.ndarray:
    """Banister weighting x a e^(b x) per minute at heart rate hr (x clamped at 0)."""
    a, b = profile.constants
    x = (np.asarray(hr, dtype=float) - profile.hr_rest) / (profile.hr_max - profile.hr_rest)
    x = np.clip(x, 0.0, None)
    return x * a * np.exp(b * x)


def trimp_from_hr_seconds(hr_seconds: pd.DataFrame, profile: HRProfile) -> pd.Series:
    """TRIMP per activity_id from the time-at-heart-rate rows.

    The Banister weight is computed once per whole bpm (a lookup table), not once per row, and
    summed per activity with one bincount: ~100 rows x 3,000 activities in a few ms.
    """
    if hr_seconds is None or len(hr_seconds) == 0:
        return pd.Series(dtype=float, name="trimp")
    hr = np.rint(hr_seconds["heart_rate"].to_numpy(dtype=float)).astype(np.int64)
    secs = np.nan_to_num(hr_seconds["seconds"].to_numpy(dtype=float))
    lo = int(hr.min())
    table = trimp_per_minute(np.arange(lo, int(hr.max()) + 1, dtype=float), profile)
    weight = table[hr - lo]
    codes, ids = pd.factorize(hr_seconds["activity_id"])
    total = np.bincount(codes, weights=weight * secs / 60.0, minlength=len(ids))
    seconds = np.bincount(codes, weights=secs, minlength=len(ids))
    out = pd.Series(total, index=pd.Index(ids, name="activity_id"), name="trimp")
    return out[seconds > 0]


def session_loads(
    activities: pd.DataFrame,
    hr_seconds: pd.DataFrame | None,
    settings: Settings,
    profile: HRProfile | None = None,
) -> pd.DataFrame:
    """One row per activity with every load method, the chosen load and the method used.

    Columns: activity_id, local_date, start_time_utc, start_time_local, sport, sub_sport, name,
    is_run, is_strength, is_race, moving_s, elapsed_s, distance_m, ascent_m, avg_hr, ngs_mps,
    trimp, trimp_basis ('stream'/'avg_hr'), hrtss, rtss, rtss_basis ('ngs'/'avg_speed'), srpe,
    time_min, distance_km, load, load_method, in_fitness (counted in the running fitness curve).
    Rows are sorted by start time then activity_id, so results never depend on input order.
    """
    profile = profile or hr_profile(settings, activities)
    a = activities.copy()
    a["local_date"] = as_day(a["local_date"])
    for c in ("start_time_utc", "start_time_local"):
        a[c] = as_time(a[c]) if c in a else pd.NaT
    a = a.sort_values(["start_time_utc", "activity_id"], kind="stable").reset_index(drop=True)
    for c in ("sport", "sub_sport", "name"):
        if c not in a:
            a[c] = pd.NA
    out = a[["activity_id", "local_date", "start_time_utc", "start_time_local", "sport"]].copy()
    out["sub_sport"] = a["sub_sport"]
    out["name"] = a["name"]
    out["is_run"] = is_run(a)
    out["is_strength"] = is_strength_activity(a) & ~out["is_run"]
    out["is_race"] = a["is_race"].fillna(False).astype(bool) if "is_race" in a else False
    out["moving_s"] = moving_seconds(a)
    for c in ("elapsed_s", "distance_m", "ascent_m", "avg_hr", "ngs_mps", "rpe"):
        out[c] = num(a, c)
    minutes = out["moving_s"] / 60.0

    stream = trimp_from_hr_seconds(hr_seconds, profile)
    trimp = out["activity_id"].map(stream).astype(float)
    avg_hr = out["avg_hr"].where(out["avg_hr"] > 0)
    from_avg = pd.Series(trimp_per_minute(avg_hr, profile), index=out.index) * minutes
    out["trimp_basis"] = np.where(trimp.notna(), "stream", np.where(from_avg.notna(), "avg_hr", None))
    out["trimp"] = trimp.fillna(from_avg)
    trimp_hour = float(trimp_per_minute(np.array([profile.threshold_hr]), profile)[0] * 60.0)
    out["hrtss"] = 100.0 * out["trimp"] / trimp_hour if trimp_hour > 0 else np.nan

    v_thr = settings.threshold_speed_mps
    avg_speed = (out["distance_m"] / out["moving_s"]).where((out["distance_m"] > 0) & (out["moving_s"] > 0))
    ngs = out["ngs_mps"].where(out["ngs_mps"] > 0)
    out["rtss_basis"] = np.where(
        ~out["is_run"] | (v_thr is None),
        None,
        np.where(ngs.notna(), "ngs", np.where(avg_speed.notna(), "avg_speed", None)),
    )
    v_norm = ngs.fillna(avg_speed).where(out["is_run"])
    hours = out["moving_s"] / 3600.0
    out["rtss"] = hours * (v_norm / v_thr) ** 2 * 100.0 if v_thr else np.nan
    out["srpe"] = (out["rpe"] * minutes).where(out["rpe"].between(0, 10))
    out["time_min"] = minutes
    out["distance_km"] = (out["distance_m"] / 1000.0).where(out["is_run"])

    out["load"], out["load_method"] = _chosen(out, settings.load_method)
    cross = ~out["is_run"] & ~out["is_strength"]
    out["in_fitness"] = (
        out["is_run"]
        | (cross & settings.load_include_cross_training)
        | (out["is_strength"] & settings.load_include_strength)
    )
    return out


def _chosen(df: pd.DataFrame, method: str) -> tuple[pd.Series, pd.Series]:
    col = {"distance": "distance_km", "time": "time_min"}.get(method, method)
    if method != "auto":
        load = df[col].astype(float)
        return load, pd.Series(np.where(load.notna(), method, None), index=df.index, dtype=object)
    load = pd.Series(np.nan, index=df.index)
    used = pd.Series(None, index=df.index, dtype=object)
    # A strength session's load is its session RPE first (DOMAIN.md s.3), then the usual order.
    strength = pd.Series(df["is_strength"].to_numpy(dtype=bool), index=df.index)
    passes = [("srpe", strength)] + [(m, pd.Series(True, index=df.index)) for m in AUTO_ORDER]
    for m, rows in passes:
        values = df[{"time": "time_min"}.get(m, m)]
        take = load.isna() & values.notna() & rows
        load = load.where(~take, values)
        used = used.where(~take, m)
    return load, used


def load_coverage(loads: pd.DataFrame) -> pd.DataFrame:
    """How much of the history each method covers: activities with it, share, and times used."""
    n = len(loads)
    rows = []
    for method, col in (
        ("hrtss", "hrtss"),
        ("trimp", "trimp"),
        ("rtss", "rtss"),
        ("srpe", "srpe"),
        ("time", "time_min"),
        ("distance", "distance_km"),
    ):
        have = int(loads[col].notna().sum()) if n else 0
        used = int((loads["load_method"] == method).sum()) if n else 0
        rows.append(
            {
                "method": method,
                "activities": have,
                "share": have / n if n else np.nan,
                "used": used,
            }
        )
    return pd.DataFrame(rows)
