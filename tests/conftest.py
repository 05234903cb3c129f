"""Shared fixtures: the real-data corpus beside the project, and fresh databases."""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import config

REALDATA = config.ROOT.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def realdata() -> Path:
    """../shared/realdata, read in place (never copied). Absent in a user's fresh clone: the test
    skips with the reason, unless REQUIRE_REALDATA=1 (CI), where it fails."""
    if not (REALDATA / "INVENTORY.tsv").exists():
        message = f"the real-data corpus is not at {REALDATA}"
        if os.environ.get("REQUIRE_REALDATA") == "1":
            pytest.fail(message + " and REQUIRE_REALDATA=1")
        pytest.skip(message)
    return REALDATA


# How a test reaches the corpus other than by asking for `realdata` (or a fixture that does).
CORPUS_PARAMS = {"corpus", "realdata"}  # a parameter value: the "corpus" test athlete, a source
CORPUS_CALLS = ('getfixturevalue("realdata")', 'athlete_db("corpus")')


def needs_corpus(item: pytest.Item) -> bool:
    """Whether a collected test reads ../shared/realdata: it asks for `realdata` directly or through
    another fixture (`fixturenames` is the whole closure), is parametrised with the corpus (the
    "corpus" test athlete), or asks for it by name in its body."""
    if "realdata" in getattr(item, "fixturenames", ()):
        return True
    params = getattr(getattr(item, "callspec", None), "params", {})
    if any(isinstance(v, str) and v in CORPUS_PARAMS for v in params.values()):
        return True
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function is not None else ""
    except (OSError, TypeError):
        source = ""
    return any(call in source for call in CORPUS_CALLS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The `realdata` marker is exact, so `-m "not realdata"` selects what a clone without
    ../shared runs, all of it: a test that reads the corpus without the marker, or carries it
    without reading the corpus, stops the collection."""
    unmarked = [i.nodeid for i in items if needs_corpus(i) and i.get_closest_marker("realdata") is None]
    needless = [i.nodeid for i in items if i.get_closest_marker("realdata") and not needs_corpus(i)]
    problems = []
    if unmarked:
        problems.append(
            "these tests read the real-export corpus (../shared/realdata) without the `realdata` marker; "
            "add @pytest.mark.realdata (or pytestmark, or marks= on the corpus parameter): "
            + ", ".join(unmarked)
        )
    if needless:
        problems.append(
            "these tests carry the `realdata` marker but do not read the corpus (a clone without it would "
            "leave them out); mark only the tests that ask for `realdata`: " + ", ".join(needless)
        )
    if problems:
        raise pytest.UsageError("\n".join(problems))


@pytest.fixture(scope="session")
def inventory(realdata: Path) -> dict[str, dict[str, str]]:
    """INVENTORY.tsv keyed by the file's path relative to realdata/."""
    with open(realdata / "INVENTORY.tsv", newline="") as f:
        return {row["file"]: row for row in csv.DictReader(f, delimiter="\t")}


@pytest.fixture()
def db(tmp_path: Path):
    """A fresh, empty database file and raw store in a temporary folder."""
    from store.db import connect

    con = connect(tmp_path / "runstrong.duckdb")
    yield con
    con.close()


@pytest.fixture()
def raw_dir(tmp_path: Path) -> Path:
    return tmp_path / "raw"


# The test athletes the background build imports, the biggest first (the session claims the small
# ones itself when a test asks for one before the background reaches it), then the lists of athletes
# the tests ask athletes_db for (another list is built when asked, as before).
PREBUILD_ORDER = (
    "demo",
    "ten_years",
    "corpus",
    "injured_racing",
    "old_runs",
    "no_hr_miles",
    "newcomer",
    "strength_only",
)
PREBUILD_SETS = (("old_runs", "strength_only", "injured_racing"), ("demo", "corpus"))


@pytest.fixture(scope="session", autouse=True)
def prebuild(request, tmp_path_factory):
    """The test athletes' databases imported in a process of their own (tests/prebuild_athletes.py)
    from the session's start, when a collected test asks for one: the first tests (pure functions)
    leave the second core idle meanwhile. Stopped at the session's end if still running."""
    from athletes import ATHLETES

    asked = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    if "athlete_db" in asked:
        names = [n for n in PREBUILD_ORDER if n in ATHLETES]
    else:
        names = ["demo"] if "demo_db" in asked else []
    if "athletes_db" in asked:
        names += ["+".join(s) for s in PREBUILD_SETS if set(s) <= set(ATHLETES)]
    if not (REALDATA / "INVENTORY.tsv").exists():
        names = [n for n in names if "corpus" not in n.split("+")]
    if not names or not (config.sample_logs_dir() / "athlete.json").exists():
        yield None
        return
    base = tmp_path_factory.getbasetemp()
    tests = config.ROOT / "tests"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(config.ROOT), str(tests)])}
    real = str(REALDATA) if any("corpus" in n.split("+") for n in names) else ""
    command = [sys.executable, str(tests / "prebuild_athletes.py"), str(base), dt.date.today().isoformat()]
    with open(base / "prebuild.log", "w") as log:
        proc = subprocess.Popen(
            [*command, real, *names],
            cwd=config.ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its import's worker processes stop with it
        )
    yield proc
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()


def built(request, path: Path, make: Callable[[], Path]) -> Path:
    """A test database of this session (`path`, in a folder of its own): imported here by `make`,
    or by the background build (`prebuild`) when it claimed it first (waited for; imported again
    here if it failed there)."""
    from athletes import claim

    folder = path.parent
    if (folder / "done").exists():
        return path
    if claim(folder, "session") != "session":
        proc = request.getfixturevalue("prebuild")
        while proc is not None and proc.poll() is None and not (folder / "done").exists():
            time.sleep(0.05)
        if (folder / "done").exists():
            return path
    shutil.rmtree(folder, ignore_errors=True)  # left half-built by a failed import: again, here
    return make()


def athlete_built(request, name: str, today: dt.date, realdata: Path | None) -> Path:
    from athletes import athlete_folder, build_database

    base = request.getfixturevalue("tmp_path_factory").getbasetemp()
    path = athlete_folder(base, name) / f"{name}.duckdb"
    return built(request, path, lambda: build_database(name, base, today, realdata))


@pytest.fixture(scope="session")
def demo_db(request) -> Path:
    """sample_logs/ imported once per test session with the real pipeline (the same data `make run`
    shows), shared by the app and browser tests; tests that write copy it first."""
    logs = config.sample_logs_dir()
    if not (logs / "athlete.json").exists():
        pytest.fail(f"the demo athlete is missing: {logs} (regenerate it with `python -m demo`)")
    return athlete_built(request, "demo", dt.date.today(), None)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from Debian (never a downloaded one), one per test session: Playwright's
    sync API runs an event loop that a second instance in the same process would collide with.
    Skipped when Chromium is absent, unless REQUIRE_BROWSER=1 (CI), where it fails."""
    if not CHROMIUM.exists():
        message = f"no browser at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and REQUIRE_BROWSER=1")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # launch() gives every run a fresh, temporary user-data dir.
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def athlete_db(request, tmp_path_factory):
    """`athlete_db(name) -> Path`: a test athlete (tests/athletes.py ATHLETES) imported once per
    session with the real pipeline, its recent dates relative to today. "corpus" needs the real
    corpus (skipped or failed as `realdata` says); tests that write copy the file first."""
    from athletes import ATHLETES

    today = dt.date.today()

    def build(name: str) -> Path:
        if name not in ATHLETES:
            raise ValueError(f"no test athlete {name!r}: the names are {', '.join(ATHLETES)}")
        if name == "demo":
            return request.getfixturevalue("demo_db")
        real = request.getfixturevalue("realdata") if name == "corpus" else None
        return athlete_built(request, name, today, real)

    return build


@pytest.fixture(scope="module")
def results_today(athlete_db):
    """`results_today(name)`: a test athlete's compute_all Results as of today, once per module.
    Read through the process's one connection to the file (the app's cached one): DuckDB refuses a
    read-only second connection to a file an earlier page test opened for writing."""
    from athletes import only_athlete

    from cli.compute import athlete_results
    from ui import data

    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            con = data.connection(str(athlete_db(name)))
            cache[name] = athlete_results(con, only_athlete(con), dt.date.today())
        return cache[name]

    return get


@pytest.fixture(scope="session")
def athlete_pair(tmp_path_factory):
    """Two athletes in one database, everything each brings marked with a string of theirs
    (tests/athlete_pair.py), built once per session. Tests that write copy `source` (and `raw`)."""
    from athlete_pair import build_pair

    return build_pair(tmp_path_factory.mktemp("athlete-pair"), dt.date.today())


@pytest.fixture(scope="session")
def athletes_db(request, tmp_path_factory):
    """`athletes_db(*names) -> Path`: several test athletes (tests/athletes.py ATHLETES) in one
    database, each imported under their own name with the real pipeline, once per session for each
    list of names. Tests that write copy the file first."""
    from athletes import ATHLETES, build_set, set_folder

    today = dt.date.today()

    def build(*names: str) -> Path:
        unknown = [n for n in names if n not in ATHLETES]
        if unknown:
            raise ValueError(f"no test athlete {unknown}: the names are {', '.join(ATHLETES)}")
        real = request.getfixturevalue("realdata") if "corpus" in names else None
        base = tmp_path_factory.getbasetemp()
        path = set_folder(base, names) / "athletes.duckdb"
        return built(request, path, lambda: build_set(names, base, today, real))

    return build
