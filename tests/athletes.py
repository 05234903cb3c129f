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


def import_workers(paths: list[Path]) -> int:
    """Worker processes for a test database's import: two (CI's cores) for more files than
    ingest.parallel.PARALLEL_FROM_FILES, else none, as the command line decides: starting a worker (a
    Python with pandas) costs more than a small athlete's whole import."""
    from ingest.parallel import default_workers
    from ingest.pipeline import offered_files

    return min(2, default_workers(len(list(offered_files(paths)))))


def athlete_folder(base: Path, name: str) -> Path:
    """Where a session keeps one test athlete's database (`base`: the session's temporary folder)."""
    return base / ("demo-athlete" if name == "demo" else f"athlete-{name}")


def set_folder(base: Path, names: tuple[str, ...]) -> Path:
    """Where a session keeps the database of several test athletes."""
    return base / ("athletes-" + "-".join(names))


def claim(folder: Path, who: str) -> str:
    """Claim the import of the database in `folder` for `who` ("session", or "background" for
    tests/prebuild_athletes.py): each builds only the databases it claimed. Returns who holds the
    claim: `who` when it is new; an empty claim (being written) is the other's."""
    mark = folder.with_name(folder.name + ".claim")
    try:
        with open(mark, "x") as f:
            f.write(who)
        return who
    except FileExistsError:
        return mark.read_text()


def build_database(name: str, base: Path, today: dt.date, realdata: Path | None) -> Path:
    """Import one test athlete (ATHLETES) with the real pipeline into a new database under `base`,
    its recent dates relative to `today` ("demo": sample_logs/); a `done` file beside it marks it
    whole. Raises AssertionError naming the files that failed."""
    import config
    from ingest.pipeline import ingest_paths
    from store.db import connect

    folder = athlete_folder(base, name)
    folder.mkdir()
    paths = [config.sample_logs_dir()] if name == "demo" else athlete_paths(name, folder, today, realdata)
    path = folder / f"{name}.duckdb"
    con = connect(path)
    try:
        results = ingest_paths(con, paths, folder / "raw", workers=import_workers(paths))
    finally:
        con.close()
    failed = [(r.file_name, r.message) for r in results if r.status == "failed"]
    assert not failed, (name, failed)
    (folder / "done").touch()
    return path


def build_set(names: tuple[str, ...], base: Path, today: dt.date, realdata: Path | None) -> Path:
    """Several test athletes in one new database under `base`, each imported under their own name
    with the real pipeline, in this order; a `done` file beside it marks it whole."""
    import config
    from ingest.pipeline import ingest_paths
    from store import athletes
    from store.db import connect

    folder = set_folder(base, names)
    folder.mkdir()
    path = folder / "athletes.duckdb"
    con = connect(path)
    try:
        for name in names:
            if name == "demo":
                paths = [config.sample_logs_dir()]
            else:
                paths = athlete_paths(name, folder / name, today, realdata if name == "corpus" else None)
            athlete = athletes.ensure(con, name)
            results = ingest_paths(con, paths, folder / "raw", workers=import_workers(paths), athlete=athlete)
            failed = [(r.file_name, r.message) for r in results if r.status == "failed"]
            assert not failed, (name, failed)
    finally:
        con.close()
    (folder / "done").touch()
    return path
