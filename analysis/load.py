"""Per-session load by every method the data allows (docs/metrics.md, load of one session).

| method   | formula                                                | source                       |
|----------|--------------------------------------------------------|------------------------------|
| srpe     | RPE (0-10) x moving minutes                            | Foster et al. 2001           |
| trimp    | sum dt_min x x a e^(b x), x = (HR-HRrest)/(HRmax-HRrest)| Banister 1991; Morton 1990  |
| hrtss    | 100 x TRIMP / TRIMP of 60 min at threshold HR          | GoldenCheetah TRIMP(100)     |
| rtss     | hours x (ngs / threshold speed)^2 x 100                | TrainingPeaks; Skiba GOVSS   |
| time     | moving minutes                                         | running-injury cohorts       |
| distance | km (runs only)                                         | running-injury cohorts       |

'auto' (the default) follows the fallback order of docs/metrics.md: hrTSS, else rTSS, else session RPE, else
moving minutes (a strength session: session RPE first, then the same order); each activity records
the method used in ``load_method``. An explicitly chosen
method is used alone: an activity without it has no load (NaN), and ``load_coverage`` says how much
of the history each method covers. Missing stays missing: no heart rate means no TRIMP, not 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis._frames import NONE, as_day, as_time, is_run, is_strength_activity, moving_seconds, num
from analysis.settings import Settings

#: Banister TRIMP weighting constants (Morton 1990): men a=0.64 b=1.92, women a=0.86 b=1.67.
TRIMP_CONSTANTS = {"male": (0.64, 1.92), "female": (0.86, 1.67)}
#: Stated defaults when the runner gave no HR profile: a typical adult resting HR, and a
#: population-typical maximum used only when the log itself holds no plausible maximum.
DEFAULT_HR_REST = 60.0
DEFAULT_HR_MAX = 190.0
#: Threshold HR default: HRrest + 0.85 (HRmax - HRrest) (docs/metrics.md).
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
    #: Activities with a plausible max HR that an HRmax read from the log rests on (0 when it was
    #: set, or taken as the common default).
    hr_max_activities: int = 0
    #: True when HRmax was read from the log but from fewer activities than
    #: Settings.hr_max_min_activities: an estimate from too little data (likely below the real
    #: maximum), said as such, and not used to call a run "quality" by heart rate.
    hr_max_thin: bool = False

    @property
    def constants(self) -> tuple[float, float]:
        return TRIMP_CONSTANTS[self.sex]


def hr_profile(settings: Settings, activities: pd.DataFrame | None = None) -> HRProfile:
    """Resolve HRrest, HRmax, threshold HR and sex, saying which are defaults and why.

    HRmax default: the highest per-activity max HR in the log within 120-220 bpm (a measured
    maximum beats an age formula), else 190. HRrest default: 60. Sex default: the men's constants
    (Banister's original). Threshold HR default: HRrest + 0.85 (HRmax - HRrest) (docs/metrics.md).

    A maximum read from fewer than ``settings.hr_max_min_activities`` activities with heart rate is
    an estimate from too little data (a few easy runs never reach the real maximum): the profile
    says so (``hr_max_thin``) and the key runs do not use its threshold HR (analysis.keyruns).
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
    counted = 0
    if hr_max is None:
        defaults.append("hr_max")
        seen = pd.Series(dtype=float)
        if activities is not None and "max_hr" in activities:
            seen = num(activities, "max_hr")
            seen = seen[(seen >= PLAUSIBLE_MAX_HR[0]) & (seen <= PLAUSIBLE_MAX_HR[1])]
        if len(seen):
            hr_max = float(seen.max())
            counted = len(seen)
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
    thin = settings.hr_max is None and 0 < counted < settings.hr_max_min_activities
    if thin:
        notes.append(
            f"maximum HR from only {counted} activities with heart rate (fewer than "
            f"{settings.hr_max_min_activities}): an estimate, likely below the real maximum"
        )
    return HRProfile(
        sex, float(hr_rest), float(hr_max), float(lthr), tuple(defaults), tuple(notes), counted, thin
    )


def trimp_per_minute(hr: np.ndarray | pd.Series, profile: HRProfile) -> np.ndarray:
    """Banister weighting x a e^(b x) per minute at heart rate hr (x clamped at 0)."""
    a, b = profile.constants
    x = (np.asarray(hr, dtype=float) - profile.hr_rest) / (profile.hr_max - profile.hr_rest)
    x = np.clip(x, 0.0, None)
    return x * a * np.exp(b * x)


def trimp_from_hr_seconds(hr_seconds: pd.DataFrame, profile: HRProfile) -> pd.Series:
    """TRIMP per activity_id from the time-at-heart-rate rows.

    The Banister weight is computed once per whole bpm (a lookup table), not once per row, and
    summed per activity in one pass (reduceat when the rows come grouped by activity, as the store
    returns them): ~100 rows x 3,000 activities in a few ms.
    """
    if hr_seconds is None or len(hr_seconds) == 0:
        return pd.Series(dtype=float, name="trimp")
    hr = np.rint(hr_seconds["heart_rate"].to_numpy(dtype=float)).astype(np.int64)
    secs = np.nan_to_num(hr_seconds["seconds"].to_numpy(dtype=float))
    lo = int(hr.min())
    table = trimp_per_minute(np.arange(lo, int(hr.max()) + 1, dtype=float), profile)
    weighted = table[hr - lo] * secs / 60.0
    aid = hr_seconds["activity_id"].to_numpy()
    if len(aid) > 1 and bool(np.all(aid[1:] >= aid[:-1])):
        starts = np.concatenate([[0], np.flatnonzero(aid[1:] != aid[:-1]) + 1])
        ids = aid[starts]
        total = np.add.reduceat(weighted, starts)
        seconds = np.add.reduceat(secs, starts)
    else:
        codes, ids = pd.factorize(hr_seconds["activity_id"])
        total = np.bincount(codes, weights=weighted, minlength=len(ids))
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
    is_run, is_strength, is_race, moving_s, elapsed_s, distance_m, ascent_m, avg_hr, ngs_mps, rpe,
    trimp, trimp_basis ('stream'/'avg_hr'), hrtss, rtss, rtss_basis ('ngs'/'avg_speed'), srpe,
    time_min, distance_km, load, load_method, in_fitness (counted in the running fitness curve).
    Rows are sorted by start time then activity_id, so results never depend on input order.
    """
    profile = profile or hr_profile(settings, activities)
    a = activities
    for c in ("sport", "sub_sport", "name", "start_time_utc", "start_time_local", "is_race"):
        if c not in a:
            a = a.assign(**{c: pd.NA})
    start = as_time(a["start_time_utc"]).to_numpy()
    order = np.lexsort((a["activity_id"].to_numpy(), start))  # NaT sorts first, consistently
    a = a.iloc[order].reset_index(drop=True)
    run = is_run(a).to_numpy()
    col = {
        c: num(a, c).to_numpy() for c in ("elapsed_s", "distance_m", "ascent_m", "avg_hr", "ngs_mps", "rpe")
    }
    moving = moving_seconds(a).to_numpy()
    minutes = moving / 60.0
    with np.errstate(invalid="ignore", divide="ignore"):
        stream = trimp_from_hr_seconds(hr_seconds, profile)
        trimp = pd.Series(a["activity_id"].to_numpy()).map(stream).to_numpy(dtype=float)
        avg_hr = np.where(col["avg_hr"] > 0, col["avg_hr"], np.nan)
        from_avg = trimp_per_minute(avg_hr, profile) * minutes
        trimp_basis = np.where(~np.isnan(trimp), "stream", np.where(~np.isnan(from_avg), "avg_hr", NONE))
        trimp = np.where(np.isnan(trimp), from_avg, trimp)
        trimp_hour = float(trimp_per_minute(np.array([profile.threshold_hr]), profile)[0] * 60.0)
        hrtss = 100.0 * trimp / trimp_hour if trimp_hour > 0 else np.full(len(a), np.nan)

        v_thr = settings.threshold_speed_mps
        dist = col["distance_m"]
        avg_speed = np.where((dist > 0) & (moving > 0), dist / moving, np.nan)
        ngs = np.where(col["ngs_mps"] > 0, col["ngs_mps"], np.nan)
        rtss_basis = np.where(
            ~run | (v_thr is None),
            NONE,
            np.where(~np.isnan(ngs), "ngs", np.where(~np.isnan(avg_speed), "avg_speed", NONE)),
        )
        v_norm = np.where(run, np.where(np.isnan(ngs), avg_speed, ngs), np.nan)
        rtss = moving / 3600.0 * (v_norm / v_thr) ** 2 * 100.0 if v_thr else np.full(len(a), np.nan)
        rpe = col["rpe"]
        srpe = np.where((rpe >= 0) & (rpe <= 10), rpe * minutes, np.nan)
    strength = is_strength_activity(a).to_numpy() & ~run
    out = pd.DataFrame(
        {
            "activity_id": a["activity_id"].to_numpy(),
            "local_date": as_day(a["local_date"]).to_numpy(),
            "start_time_utc": as_time(a["start_time_utc"]).to_numpy(),
            "start_time_local": as_time(a["start_time_local"]).to_numpy(),
            "sport": a["sport"].to_numpy(),
            "sub_sport": a["sub_sport"].to_numpy(),
            "name": a["name"].to_numpy(),
            "is_run": run,
            "is_strength": strength,
            "is_race": a["is_race"].astype("boolean").fillna(False).to_numpy(dtype=bool),
            "moving_s": moving,
            **{c: col[c] for c in ("elapsed_s", "distance_m", "ascent_m", "avg_hr", "ngs_mps", "rpe")},
            "trimp": trimp,
            "trimp_basis": pd.Series(trimp_basis, dtype=object),
            "hrtss": hrtss,
            "rtss": rtss,
            "rtss_basis": pd.Series(rtss_basis, dtype=object),
            "srpe": srpe,
            "time_min": minutes,
            "distance_km": np.where(run, dist / 1000.0, np.nan),
        }
    )
    out["load"], out["load_method"] = _chosen(out, settings.load_method)
    cross = ~run & ~strength
    out["in_fitness"] = (
        run | (cross & settings.load_include_cross_training) | (strength & settings.load_include_strength)
    )
    return out


def _chosen(df: pd.DataFrame, method: str) -> tuple[np.ndarray, pd.Series]:
    key = {"distance": "distance_km", "time": "time_min"}
    if method != "auto":
        load = df[key.get(method, method)].to_numpy(dtype=float)
        return load, pd.Series(np.where(~np.isnan(load), method, NONE), dtype=object)
    load = np.full(len(df), np.nan)
    used = np.full(len(df), None, dtype=object)
    # A strength session's load is its session RPE first (docs/metrics.md), then the usual order.
    strength = df["is_strength"].to_numpy(dtype=bool)
    passes = [("srpe", strength)] + [(m, np.ones(len(df), dtype=bool)) for m in AUTO_ORDER]
    for m, rows in passes:
        values = df[key.get(m, m)].to_numpy(dtype=float)
        take = np.isnan(load) & ~np.isnan(values) & rows
        load[take] = values[take]
        used[take] = m
    return load, pd.Series(used, dtype=object)


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
