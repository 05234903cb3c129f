"""Test athletes who are not the demo: the shapes of data real users bring, made small and exact.

Each athlete is a few files, written with the demo's own writers (FIT runs from demo.fitwriter,
Hevy and Strong CSVs from demo.exports), so that the app's tests import them through the real
pipeline. Everything "recent" is placed relative to `today`, a parameter: the same name and date
give the same bytes.

- old_runs: runs only, the latest more than two years before `today`; no settings file.
- strength_only: a Hevy log only, up to a few days ago; no runs, no settings file.
- no_hr_miles: GPS runs in New York without heart rate (no strap, no HR records), a few Hevy
  sessions, and a settings file in miles and pounds.
- ten_years: ten years of runs with a two-year gap, a half marathon each spring and a marathon each
  autumn (named in the settings file, each run as a race), a Strong log in the last two years.
- newcomer: three runs in the last ten days, nothing else.
- injured_racing: ten weeks of runs and Hevy sessions, a half marathon six days before `today` (in
  the settings file), and an injury with time loss that began on race day and has not ended.

`python -m demo.athletes OUT [--today YYYY-MM-DD] [NAME...]` writes them under OUT/NAME/.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from demo.exports import hevy_csv, strong_csv
from demo.fitwriter import encode_cardio, file_name
from demo.model import Cardio, Plan, Race, StrengthSession
from demo.strength import StrengthSlot, build_session
from demo.workouts import RunSlot, make_run

ATHLETE_NAMES = ("old_runs", "strength_only", "no_hr_miles", "ten_years", "newcomer", "injured_racing")
INTERVAL_S = 10  # seconds between records: small files, a quick import
FIT_WEEKS = 16  # ten_years: the weeks written as FIT files; the rest is Strava's activities.csv
STRAVA_HEADER = (
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Elapsed Time",
    "Distance",
    "Max Heart Rate",
    "Filename",
    "Elapsed Time",
    "Moving Time",
    "Distance",
    "Average Heart Rate",
)
AVG_HR = {"easy": 142, "recovery": 135, "long": 147, "tempo": 160, "intervals": 158, "race": 166}
INJURY_HEADER = ("onset_date", "end_date", "body_area", "severity", "time_loss", "medical_visit", "note")


@dataclass
class OpenInjury:
    """An injury as the runner logs it, the end date left blank while it lasts."""

    onset_date: date
    end_date: date | None
    body_area: str
    severity: str
    time_loss: bool
    medical_visit: bool
    note: str


@dataclass
class Athlete:
    """What one test athlete's files hold, before they are files."""

    name: str
    runs: list[Cardio] = field(default_factory=list)  # FIT files
    listed: list[Cardio] = field(default_factory=list)  # rows of a Strava activities.csv, no file
    strength: list[StrengthSession] = field(default_factory=list)  # source strong or hevy
    injuries: list[OpenInjury] = field(default_factory=list)
    settings: dict | None = None  # None: no athlete.json
    races: list[Race] = field(default_factory=list)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _rng(name: str, today: date) -> random.Random:
    return random.Random(f"{name}:{today.isoformat()}")


def _run(
    day: date,
    kind: str,
    km: float,
    rng: random.Random,
    route: str = "tiergarten",
    device: str = "fr965",
    has_hr: bool = True,
    tz: str = "Europe/Berlin",
    race: Race | None = None,
    hour: int = 7,
) -> Cardio:
    start = time(hour, rng.randint(0, 50), rng.randint(0, 59))
    slot = RunSlot(day, start, kind, km, route, tz=tz, race=race)
    return make_run(slot, rng, device, has_hr)


def _strength(
    day: date, template: str, source: str, rng: random.Random, tz: str = "Europe/Berlin"
) -> StrengthSession:
    slot = StrengthSlot(day, time(18, rng.randint(0, 40)), template, tz=tz)
    return build_session(slot, source, "fr965", 1.0 + rng.uniform(-0.05, 0.1), rng)


def _weeks(
    first_day: date,
    weeks: int,
    rng: random.Random,
    days: tuple[tuple[int, str, float], ...],
    **run_args,
) -> list[Cardio]:
    """Runs on the same days of each week from `first_day` (a Monday, unless a pattern is laid from
    another day): (days after the week's first day, kind, km)."""
    runs = []
    for w in range(weeks):
        start = first_day + timedelta(weeks=w)
        for offset, kind, km in days:
            runs.append(
                _run(start + timedelta(days=offset), kind, km + rng.uniform(-0.8, 0.8), rng, **run_args)
            )
    return runs


def old_runs(today: date) -> Athlete:
    """Twelve weeks of runs that ended more than two years ago."""
    rng = _rng("old_runs", today)
    last = today - timedelta(days=2 * 366 + 60)
    first = _monday(last) - timedelta(weeks=11)
    easy = ((1, "easy", 8.0), (3, "easy", 6.0), (6, "long", 14.0))
    runs = _weeks(first, 12, rng, easy, route="spree", device="fr245")
    return Athlete("old_runs", runs=[r for r in runs if r.local_date <= last])


def strength_only(today: date) -> Athlete:
    """Ten weeks of Hevy workouts, twice a week, the last a few days ago."""
    rng = _rng("strength_only", today)
    first = _monday(today - timedelta(days=3)) - timedelta(weeks=9)
    sessions = []
    for w in range(10):
        monday = first + timedelta(weeks=w)
        for weekday, template in ((0, "lower_a"), (3, "core_upper")):
            day = monday + timedelta(days=weekday)
            if day <= today - timedelta(days=3):
                sessions.append(_strength(day, template, "hevy", rng))
    return Athlete("strength_only", strength=sessions)


def no_hr_miles(today: date) -> Athlete:
    """Six weeks of phone-GPS runs in New York with no heart rate; miles and pounds."""
    rng = _rng("no_hr_miles", today)
    last = today - timedelta(days=1)
    first = _monday(last) - timedelta(weeks=5)
    days = ((1, "easy", 6.5), (4, "easy", 5.0), (6, "long", 13.0))
    args = {"route": "central_park", "device": "fr245", "has_hr": False, "tz": "America/New_York"}
    runs = [r for r in _weeks(first, 6, rng, days, **args) if r.local_date <= last]
    lifts = [
        _strength(first + timedelta(weeks=w, days=2), "lower_b", "hevy", rng, tz="America/New_York")
        for w in range(0, 6, 2)
    ]
    settings = {"sex": "male", "units_distance": "mi", "units_weight": "lb"}
    return Athlete("no_hr_miles", runs=runs, strength=lifts, settings=settings)


def ten_years(today: date) -> Athlete:
    """Ten years up to last week, nothing in years 4 and 5, a spring half and an autumn marathon a
    year (each run as a race and named in the settings file), Strong sessions in the last two years."""
    rng = _rng("ten_years", today)
    last = today - timedelta(days=4)
    first = _monday(today - timedelta(days=3652))
    gap = (first + timedelta(days=3 * 365), first + timedelta(days=5 * 365))
    runs: list[Cardio] = []
    races: list[Race] = []
    for year in range(first.year, last.year + 1):
        for month, distance, name in ((4, "half", "Spring Half"), (10, "marathon", "Autumn Marathon")):
            day = date(year, month, 1)
            day += timedelta(days=(6 - day.weekday()) % 7 + 7)  # the second Sunday
            if first <= day <= last and not gap[0] <= day < gap[1]:
                race = Race(day, distance, f"{name} {year}", 12)
                races.append(race)
                runs.append(_run(day, "race", 0, rng, route="koeln", race=race, hour=9))
    race_days = {r.date for r in races}
    monday = first
    while monday <= last:
        if not gap[0] <= monday < gap[1]:
            days = [(2, "easy", 8.0 + rng.uniform(-1, 1)), (5, "long", 15.0 + rng.uniform(-3, 3))]
            for weekday, kind, km in days:
                day = monday + timedelta(days=weekday)
                near_race = any(abs((day - r).days) <= 2 for r in race_days)
                if day <= last and not near_race:
                    device = "fr245" if day.year < first.year + 5 else "fr965"
                    runs.append(_run(day, kind, km, rng, route="grunewald", device=device))
        monday += timedelta(weeks=1)
    lifts = []
    monday = _monday(last) - timedelta(weeks=104)
    while monday <= last:
        day = monday + timedelta(days=rng.choice((0, 1, 3)))
        if day <= last:
            lifts.append(_strength(day, rng.choice(("lower_a", "lower_b", "circuit")), "strong", rng))
        monday += timedelta(weeks=1)
    settings = {
        "sex": "female",
        "hr_rest": 50,
        "hr_max": 186,
        "threshold_pace_s_per_km": 260,
        "races": [{"date": r.date.isoformat(), "distance": r.distance, "name": r.name} for r in races],
    }
    # FIT files for the last weeks, Strava's activity list for the years before (a 1-Hz simulation of
    # ten years would take a minute to write and to import).
    recent = last - timedelta(weeks=FIT_WEEKS)
    runs.sort(key=lambda r: r.start_local)
    return Athlete(
        "ten_years",
        runs=[r for r in runs if r.local_date > recent],
        strength=lifts,
        listed=[r for r in runs if r.local_date <= recent],
        settings=settings,
        races=races,
    )


def newcomer(today: date) -> Athlete:
    """A new user: three runs in the last ten days, nothing else."""
    rng = _rng("newcomer", today)
    runs = [
        _run(today - timedelta(days=d), "easy", km, rng, route="tempelhof")
        for d, km in ((9, 4.0), (5, 5.0), (2, 5.5))
    ]
    return Athlete("newcomer", runs=runs)


def injured_race_day(today: date) -> date:
    """injured_racing's race and injury onset: six days before `today`, so that on every date the
    ongoing injury has kept the runner from running for 7 days (onset and today counted), which
    makes it a counted injury (docs/injury-signal.md) whatever day the athlete is built."""
    return today - timedelta(days=6)


def injured_racing(today: date) -> Athlete:
    """Ten weeks of running and Hevy sessions up to a half marathon six days ago, then a calf strain
    in the race that still keeps the runner from running (no end date). The long runs (17.5 km, give
    or take 0.8) make the race a small spike (about 1.15-1.27 x the longest of them) on every date."""
    rng = _rng("injured_racing", today)
    race_day = injured_race_day(today)
    race = Race(race_day, "half", "Stadtlauf Halbmarathon", 10)
    # The weeks run from the day before the race, whatever its weekday: the race falls on the second
    # day of a week's pattern, so every date gives the same log around it (its window, the lifts on
    # tempo days up to five days before it, a rule break still open), only shifted in the calendar.
    first = race_day - timedelta(days=1, weeks=10)
    days = ((1, "easy", 8.0), (3, "tempo", 0.0), (5, "easy", 6.0), (6, "long", 17.5))
    runs = [r for r in _weeks(first, 11, rng, days) if r.local_date < race_day - timedelta(days=1)]
    runs.append(_run(race_day, "race", 0, rng, route="koeln", race=race, hour=9))
    lifts = []
    for w in range(10):
        for weekday, template in ((0, "lower_a"), (3, "circuit")):
            day = first + timedelta(weeks=w, days=weekday)
            if day < race_day - timedelta(days=3):
                lifts.append(_strength(day, template, "hevy", rng))
    injury = OpenInjury(
        race_day, None, "right calf", "moderate", True, False, "calf strain at km 15 of the race"
    )
    settings = {
        "sex": "male",
        "hr_rest": 52,
        "hr_max": 190,
        "threshold_pace_s_per_km": 255,
        "races": [{"date": race.date.isoformat(), "distance": race.distance, "name": race.name}],
    }
    return Athlete(
        "injured_racing", runs=runs, strength=lifts, injuries=[injury], settings=settings, races=[race]
    )


BUILDERS: dict[str, Callable[[date], Athlete]] = {
    "old_runs": old_runs,
    "strength_only": strength_only,
    "no_hr_miles": no_hr_miles,
    "ten_years": ten_years,
    "newcomer": newcomer,
    "injured_racing": injured_racing,
}


def injuries_csv(injuries: list[OpenInjury]) -> str:
    """Runstrong's injury template, an ongoing injury with its end date blank."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(INJURY_HEADER)
    for inj in injuries:
        end = inj.end_date.isoformat() if inj.end_date else ""
        writer.writerow(
            [
                inj.onset_date.isoformat(),
                end,
                inj.body_area,
                inj.severity,
                str(inj.time_loss).lower(),
                str(inj.medical_visit).lower(),
                inj.note,
            ]
        )
    return buf.getvalue()


def strava_time(utc: datetime) -> str:
    """Strava's 'Jan 27, 2021, 1:57:47 PM' (UTC)."""
    hour = utc.hour % 12 or 12
    return f"{utc:%b} {utc.day}, {utc.year}, {hour}:{utc:%M:%S} {utc:%p}"


def strava_csv(runs: list[Cardio], rng: random.Random) -> str:
    """Strava's bulk-export activities.csv (a subset of its columns, in its order): Distance twice,
    km then metres; Elapsed Time twice; heart rate as the watch summed it up."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(STRAVA_HEADER)
    for n, run in enumerate(runs):
        avg = AVG_HR[run.kind] + rng.randint(-4, 4)
        km = run.distance_cm / 100_000
        name = run.race_name or ("Long Run" if run.kind == "long" else "Morning Run")
        writer.writerow(
            [
                9_000_000_000 + n,
                strava_time(run.start_utc),
                name,
                "Run",
                run.elapsed_s,
                f"{km:.2f}",
                avg + rng.randint(12, 22),
                "",
                float(run.elapsed_s),
                float(run.timer_s),
                run.distance_cm / 100,
                float(avg),
            ]
        )
    return buf.getvalue()


def settings_json(settings: dict) -> str:
    doc = {"format": "runstrong-settings", "version": 1, "settings": settings}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def athlete_files(name: str, today: date) -> dict[str, bytes]:
    """relative path -> bytes of one athlete's files."""
    athlete = BUILDERS[name](today)
    files: dict[str, bytes] = {}
    plan = Plan(today, today, 0, athlete.races, strength=athlete.strength)  # the exporters read a Plan
    if any(s.source == "strong" for s in athlete.strength):
        files["strong.csv"] = strong_csv(plan).encode()
    if any(s.source == "hevy" for s in athlete.strength):
        files["hevy_workouts.csv"] = hevy_csv(plan).encode()
    if athlete.injuries:
        files["injuries.csv"] = injuries_csv(athlete.injuries).encode()
    if athlete.listed:
        files["activities.csv"] = strava_csv(athlete.listed, _rng(f"{name}-list", today)).encode()
    if athlete.settings is not None:
        files["athlete.json"] = settings_json(athlete.settings).encode()
    for run in athlete.runs:
        path = f"garmin/{file_name(run.start_local)}"
        if path in files:
            raise AssertionError(f"{name}: two runs start at {run.start_local}")
        files[path] = encode_cardio(run, INTERVAL_S, name)[0]
    return files


def write_athlete(name: str, out_dir: Path, today: date) -> list[Path]:
    """Write one athlete's files under out_dir (created); returns their paths."""
    paths = []
    for rel, data in athlete_files(name, today).items():
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m demo.athletes", description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument(
        "names", nargs="*", metavar="NAME", help=f"any of {', '.join(ATHLETE_NAMES)} (default: all)"
    )
    ap.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = ap.parse_args(argv)
    unknown = set(args.names) - set(ATHLETE_NAMES)
    if unknown:
        ap.error(f"unknown athlete {', '.join(sorted(unknown))}: the names are {', '.join(ATHLETE_NAMES)}")
    for name in args.names or ATHLETE_NAMES:
        paths = write_athlete(name, args.out / name, args.today)
        print(f"{name}: {len(paths)} files in {args.out / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
