"""The test athletes: who they are, and how each becomes a database (tests/conftest.py `athlete_db`).

Six are written by demo.athletes for a given day (see its docstring); "corpus" is the real corpus
as one runner (runs 2011-2018 from several watches, then Hevy and Strong logs, read in place from
../shared/realdata); "demo" is sample_logs/ (tests/conftest.py `demo_db`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from demo.athletes import ATHLETE_NAMES, write_athlete

ATHLETES = (*ATHLETE_NAMES, "corpus", "demo")
#: ATHLETES for @pytest.mark.parametrize: "corpus" carries the `realdata` marker.
ATHLETE_PARAMS = [pytest.param(a, marks=pytest.mark.realdata) if a == "corpus" else a for a in ATHLETES]
# fit_run files that start in 2011-2018 (INVENTORY.tsv), from eight kinds of watch.
CORPUS_RUNS = (
    "fitparse__2013-02-06-12-11-14.fit",  # Forerunner 110
    "fitparse__activity-small-fenix2-run.fit",  # fenix 2
    "fitparse__developer-types-sample.fit",  # Stryd
    "fitparse__garmin-fenix-5-run.fit",  # fenix 5, 158 m
    "gc__10kUNLP2014-Garmin15.fit",  # Forerunner 15, no heart rate
    "gc__HRV-Data.fit",  # Stryd
    "gc__IpBike-HRV-Data.fit",  # IpBike
    "jimmykane__running-with-developer-data.fit",  # fenix 5X
    "sportslib__2067489619.fit",  # vivoactive HR
    "sportslib__garmin.fit",  # Forerunner 910XT, 28.5 km
    "sportstracker__Garmin_Fenix2_running_with_hrm.fit",  # fenix 2, sport "generic"
    "sportstracker__Garmin_Forerunner_910XT-Running.fit",  # Forerunner 910XT
)
CORPUS_STRENGTH = ("harrig12__strong.csv", "strongstats__sample_hevy.csv", "strongstats__sample_strong.csv")


def athlete_paths(name: str, folder: Path, today: dt.date, realdata: Path | None) -> list[Path]:
    """The files to import for one athlete (not "demo"): written under `folder`, or real ones."""
    if name == "corpus":
        if realdata is None:
            raise ValueError("the corpus athlete needs ../shared/realdata")
        return [realdata / "fit_run" / n for n in CORPUS_RUNS] + [
            realdata / "csv_strength" / n for n in CORPUS_STRENGTH
        ]
    return write_athlete(name, folder / "files", today)


def only_athlete(con) -> int:
    """The one athlete of a test database (a fresh one: "Me", created as the first import would):
    the id every store read and write of a one-athlete test takes. Several athletes: refused."""
    from store import athletes

    return athletes.choose(con)
