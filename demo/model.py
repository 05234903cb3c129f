"""The plan's vocabulary: what one planned activity is, before it becomes a file.

Everything here is plain data. Distances are whole centimetres and durations whole seconds so that
the plan, the FIT files and expected.json agree to the last digit (FIT stores distance in cm).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

HOME_TZ = "Europe/Berlin"


@dataclass(frozen=True)
class Segment:
    """A stretch of steady intent inside a run or ride (a rep, a rest, a warm-up...)."""

    duration_s: int
    distance_cm: int
    intensity: str = "active"  # FIT lap intensity: active, rest, warmup, cooldown
    trigger: str = "distance"  # FIT lap_trigger of the lap this segment closes (structured runs)

    @property
    def speed_mps(self) -> float:
        return self.distance_cm / 100.0 / self.duration_s


@dataclass
class Cardio:
    """One planned run or ride (one FIT activity file)."""

    start_local: datetime  # naive wall clock in `tz`
    tz: str
    sport: str  # running | cycling
    sub_sport: str  # generic, trail, treadmill, road, indoor_cycling
    kind: str  # easy, recovery, long, tempo, intervals, race, ride
    segments: tuple[Segment, ...]
    route: str
    structured: bool = False  # laps = segments (workout) instead of 1-km auto laps
    has_hr: bool = True
    pauses: tuple[tuple[int, int], ...] = ()  # (timer second, pause length s)
    device: str = "fr965"
    race_name: str | None = None
    note: str = ""  # why the day looks as it does (story events)
    day_offset_bpm: float = 0.0  # day-to-day HR variation (heat, sleep, fitness)

    @property
    def distance_cm(self) -> int:
        return sum(s.distance_cm for s in self.segments)

    @property
    def timer_s(self) -> int:
        return sum(s.duration_s for s in self.segments)

    @property
    def elapsed_s(self) -> int:
        return self.timer_s + sum(p for _, p in self.pauses)

    @property
    def start_utc(self) -> datetime:
        return to_utc(self.start_local, self.tz)

    @property
    def utc_offset_s(self) -> int:
        return utc_offset_s(self.start_local, self.tz)

    @property
    def local_date(self) -> date:
        return self.start_local.date()

    @property
    def key(self) -> str:
        return f"{self.sport}-{self.start_local:%Y%m%d%H%M%S}"


@dataclass(frozen=True)
class StrengthSet:
    exercise: str  # key into demo.exercises.EXERCISES
    start_offset_s: int  # from the session start
    duration_s: int
    reps: int | None = None  # None for timed holds
    weight_kg: float | None = None  # None for bodyweight
    warmup: bool = False
    rpe: float | None = None


@dataclass
class StrengthSession:
    start_local: datetime
    tz: str
    source: str  # garmin | strong | hevy
    name: str
    template: str
    sets: tuple[StrengthSet, ...]
    duration_s: int
    device: str = "fr965"
    designated: str = ""  # a scheduling rule this session breaks on purpose
    note: str = ""

    @property
    def start_utc(self) -> datetime:
        return to_utc(self.start_local, self.tz)

    @property
    def local_date(self) -> date:
        return self.start_local.date()

    @property
    def key(self) -> str:
        return f"strength-{self.start_local:%Y%m%d%H%M%S}"


@dataclass(frozen=True)
class Injury:
    onset_date: date
    end_date: date
    body_area: str
    severity: str  # niggle, minor, moderate, severe
    time_loss: bool
    medical_visit: bool
    note: str


@dataclass(frozen=True)
class Race:
    date: date
    distance: str  # marathon, half
    name: str
    build_weeks: int


@dataclass
class Plan:
    start: date  # a Monday
    end: date  # a Sunday
    seed: int
    races: list[Race]
    cardio: list[Cardio] = field(default_factory=list)
    strength: list[StrengthSession] = field(default_factory=list)
    injuries: list[Injury] = field(default_factory=list)

    @property
    def runs(self) -> list[Cardio]:
        return [c for c in self.cardio if c.sport == "running"]


def to_utc(local: datetime, tz: str) -> datetime:
    """Naive local wall clock -> naive UTC (no ambiguous hours are ever planned)."""
    aware = local.replace(tzinfo=ZoneInfo(tz))
    offset = aware.utcoffset()
    assert offset is not None
    return local - offset


def utc_offset_s(local: datetime, tz: str) -> int:
    offset = local.replace(tzinfo=ZoneInfo(tz)).utcoffset()
    assert offset is not None
    return int(offset.total_seconds())
