"""The runner's settings, each with its default and the source of that default
(docs/metrics.md, generated from this class by `make docs`).

The store keeps one JSON value per key in its ``settings`` table; the keys are the field names of
:class:`Settings`. ``Settings.from_dict`` tolerates missing keys (default), unknown keys (ignored)
and values of the wrong shape (default kept, key listed in ``Settings.from_dict_problems``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

RACE_DISTANCES = ("marathon", "half", "10k", "5k")
LOAD_METHODS = ("auto", "hrtss", "rtss", "trimp", "srpe", "time", "distance")
POLICIES = ("easy-day", "hard-day")
ACWR_METHODS = ("uncoupled", "coupled", "ewma")
#: One units choice for distances and weights together: km with kg, miles with pounds.
UNIT_SYSTEMS = {"km": "kg", "mi": "lb"}


@dataclass(frozen=True)
class Race:
    """A race the runner entered: its date sets a build-up (docs/metrics.md)."""

    date: dt.date
    distance: str  # marathon, half, 10k, 5k
    name: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Race:
        distance = str(d.get("distance", "")).strip().lower()
        aliases = {"half marathon": "half", "half-marathon": "half", "10 km": "10k", "5 km": "5k"}
        distance = aliases.get(distance, distance)
        if distance not in RACE_DISTANCES:
            raise ValueError(f"race distance must be one of {RACE_DISTANCES}, not {distance!r}")
        return cls(dt.date.fromisoformat(str(d["date"])[:10]), distance, str(d.get("name") or ""))

    def to_dict(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "distance": self.distance, "name": self.name}


@dataclass(frozen=True)
class Settings:
    """Every user setting. A value of None means "not given": the engine uses a stated default.

    Profile (Banister 1991; Morton 1990): sex 'male'/'female' picks the TRIMP constants (None: the
    men's constants, flagged as a default); hr_rest, hr_max in bpm (None: estimated, see
    analysis.load.hr_profile); threshold_hr (None: hr_rest + 0.85 (hr_max - hr_rest), docs/metrics.md);
    threshold_pace_s_per_km (None: no rTSS, it needs a threshold pace).
    """

    # Profile
    sex: str | None = None
    hr_rest: float | None = None
    hr_max: float | None = None
    threshold_hr: float | None = None
    threshold_pace_s_per_km: float | None = None
    # An HRmax read from the log (hr_max not set) is trusted from this many activities with heart
    # rate on: a few easy runs never reach the real maximum, so from fewer it is said as an
    # estimate from too little data and its threshold HR calls no run "quality" (Runstrong's
    # heuristic: about two months of three runs a week, which hold some hard efforts).
    hr_max_min_activities: int = 20
    # Display
    units_distance: str = "km"  # km | mi
    units_weight: str = "kg"  # kg | lb
    week_start: int = 0  # 0 = Monday (ISO), 6 = Sunday
    # The athlete's time zone (IANA name, e.g. "Europe/Berlin"): CSV times without an offset are
    # this wall clock (docs/formats.md). None: the zone of their FIT files, else this computer's.
    timezone: str | None = None
    # Load (docs/metrics.md): 'auto' = hrTSS, else rTSS, else session RPE, else moving minutes
    load_method: str = "auto"
    load_include_cross_training: bool = True
    load_include_strength: bool = False  # strength stays out of the running fitness curve
    # Fitness (GoldenCheetah PMCData, intervals.icu)
    ctl_days: int = 42
    atl_days: int = 7
    ramp_aggressive_per_week: float = 8.0
    tsb_bands: tuple[float, float, float] = (-30.0, -10.0, 5.0)
    # Ratios
    acwr_acute_days: int = 7
    acwr_chronic_days: int = 28
    acwr_reference: tuple[float, float] = (0.8, 1.3)  # Gabbett 2016, optional reference band
    acwr_danger: float = 1.5  # Gabbett 2016 / Hulin 2016, coupled, team sports
    acwr_show_reference: bool = False
    monotony_warn: float = 1.5  # Foster 1998
    monotony_flag: float = 2.0  # Foster 1998
    monotony_cap: float = 10.0
    strain_percentile: float = 90.0  # the runner's own 90th percentile
    progression_threshold: float = 0.30  # Nielsen et al. 2014
    # Spikes (Frandsen et al. 2025)
    spike_lookback_days: int = 30
    spike_bounds: tuple[float, float, float] = (1.10, 1.30, 2.00)
    # Key runs
    long_run_share: float = 0.25
    long_run_min_s: float = 90 * 60.0
    quality_min_s: float = 10 * 60.0
    quality_min_work_laps: int = 3
    quality_keywords: tuple[str, ...] = (
        "tempo",
        "interval",
        "threshold",
        "fartlek",
        "hills",
        "track",
        "reps",
    )
    race_keywords: tuple[str, ...] = ("race", "parkrun")
    # Build-ups
    races: tuple[Race, ...] = ()
    buildup_weeks: dict[str, int] = field(
        default_factory=lambda: {"marathon": 16, "half": 12, "10k": 10, "5k": 8}
    )
    taper_weeks: int = 2
    detect_min_weeks: int = 4
    # Strength (the coaching articles of docs/rules.md, Blagrove 2018, Ronnestad 2010, Spiering 2021)
    strength_target_base: tuple[int, int] = (2, 3)
    strength_target_buildup: tuple[int, int] = (1, 2)
    new_lifter: bool = False  # a new lifter may start with 1 session a week
    strength_min_session_s: float = 10 * 60.0
    heavy_lower_share: float = 0.40
    heavy_rpe: float = 7.0
    buildup_kept_share: float = 0.75  # heuristic: share of build-up weeks on target for "partly kept"
    buildup_before_weeks: int = 8  # "sessions per week before" a build-up: the 8 weeks before it
    # Scheduling (docs/rules.md)
    policy: str = "easy-day"  # easy-day | hard-day
    hard_day_within_s: float = 3 * 3600.0  # Middle Age Marathoner: within 3 h after a hard session
    heavy_before_key_s: float = 24 * 3600.0  # Run Smarter: no heavy lower body this long before a key run
    # Injury signal (docs/injury-signal.md)
    injury_include_niggles: bool = False
    injury_counted_min_days: int = 7  # Yamato 2015
    injury_window_days: int = 7
    injury_sensitivity_windows: tuple[int, ...] = (14, 28)
    injury_after_return_days: int = 28
    injury_min_injuries: int = 5  # fewer in a group: counts only
    injury_acwr_method: str = "uncoupled"
    injury_strength_weeks: int = 4

    @property
    def threshold_speed_mps(self) -> float | None:
        p = self.threshold_pace_s_per_km
        return 1000.0 / p if p and p > 0 else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values (dates as ISO strings, tuples as lists)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if f.name == "races":
                v = [r.to_dict() for r in v]
            elif isinstance(v, tuple):
                v = list(v)
            elif isinstance(v, dict):
                v = dict(v)
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Settings:
        """Build from stored values; a bad value keeps its default (see ``problems``)."""
        return cls.from_dict_problems(d)[0]

    @classmethod
    def from_dict_problems(cls, d: dict[str, Any] | None) -> tuple[Settings, list[str]]:
        """As from_dict, plus the keys whose value could not be used, with why."""
        base = cls()
        kwargs: dict[str, Any] = {}
        problems: list[str] = []
        for f in dataclasses.fields(cls):
            if not d or f.name not in d:
                continue
            try:
                kwargs[f.name] = _coerce(f.name, d[f.name], getattr(base, f.name))
            except (TypeError, ValueError, KeyError, AttributeError) as e:
                problems.append(f"{f.name}: {e}")
        _one_units_choice(kwargs, problems)
        return cls(**kwargs), problems

    def defaults_used(self) -> list[str]:
        """Profile fields the runner did not give (the engine says so beside the numbers)."""
        names = ["sex", "hr_rest", "hr_max", "threshold_hr", "threshold_pace_s_per_km"]
        return [n for n in names if getattr(self, n) is None]


def _coerce(name: str, value: Any, default: Any) -> Any:
    if name == "timezone":
        return _zone_name(value)
    if name == "races":
        return tuple(sorted((Race.from_dict(r) for r in value or []), key=lambda r: r.date))
    if value is None:
        if default is None or name in _NULLABLE:
            return None
        raise ValueError("missing value")
    if name in _CHOICES:
        v = str(value).strip().lower()
        if v not in _CHOICES[name]:
            raise ValueError(f"{v!r} is not one of {_CHOICES[name]}")
        return v
    if isinstance(default, bool):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    if isinstance(default, int):
        whole = int(value)
        if name == "week_start" and not 0 <= whole <= 6:
            raise ValueError("week_start must be 0 (Monday) to 6 (Sunday)")
        return whole
    if isinstance(default, float) or name in _NULLABLE:
        real = float(value)
        if real != real:  # NaN
            raise ValueError("not a number")
        return real
    if isinstance(default, tuple):
        items = list(value)
        if default and isinstance(default[0], str):
            return tuple(str(x).strip().lower() for x in items if str(x).strip())
        cast = type(default[0]) if default else float
        out = tuple(cast(x) for x in items)
        if default and len(out) != len(default) and name != "injury_sensitivity_windows":
            raise ValueError(f"expected {len(default)} values")
        return out
    if isinstance(default, dict):
        merged = dict(default)
        merged.update({str(k).lower(): int(v) for k, v in dict(value).items()})
        return merged
    return value


def _one_units_choice(kwargs: dict[str, Any], problems: list[str]) -> None:
    """Distances and weights are one choice: a stored pair that disagrees (an older Settings page
    saved them apart) follows the distance unit, and says so."""
    dist, weight = kwargs.get("units_distance"), kwargs.get("units_weight")
    if dist is None and weight is not None:
        kwargs["units_distance"] = next(d for d, w in UNIT_SYSTEMS.items() if w == weight)
    elif dist is not None:
        kwargs["units_weight"] = UNIT_SYSTEMS[dist]
        if weight is not None and weight != UNIT_SYSTEMS[dist]:
            problems.append(
                f"units_weight: {weight} does not go with distances in {dist}; weights are shown in "
                f"{UNIT_SYSTEMS[dist]} until you choose the units again"
            )


def _zone_name(value: Any) -> str | None:
    """An IANA time zone name, or None for "not set"; anything else is refused."""
    if value is None or not str(value).strip():
        return None
    name = str(value).strip()
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"{name!r} is not a time zone name (like Europe/Berlin or America/New_York)"
        ) from exc
    return name


_CHOICES = {
    "sex": ("male", "female"),
    "units_distance": ("km", "mi"),
    "units_weight": ("kg", "lb"),
    "load_method": LOAD_METHODS,
    "policy": POLICIES,
    "injury_acwr_method": ACWR_METHODS,
}
_NULLABLE = {"sex", "hr_rest", "hr_max", "threshold_hr", "threshold_pace_s_per_km"}
