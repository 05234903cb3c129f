"""Every test that reads the real-export corpus carries the `realdata` marker, and only those:
tests/conftest.py stops the collection otherwise. Here a planted suite, collected with that
conftest, shows the check finds each way of reaching the corpus, and a marker on a test that does
not, and lets a rightly marked suite through."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import config

TESTS = config.ROOT / "tests"

PLANTED = """
import pytest

@pytest.fixture()
def runs(realdata):
    return realdata

def test_asks_for_it(realdata):
    pass

def test_through_a_fixture(runs):
    pass

@pytest.mark.parametrize("athlete", ["demo", "corpus"])
def test_the_corpus_athlete(athlete_db, athlete):
    pass

def test_by_name(request):
    request.getfixturevalue("realdata")

@pytest.mark.realdata
def test_marked(runs):
    pass

@pytest.mark.parametrize("athlete", ["demo", pytest.param("corpus", marks=pytest.mark.realdata)])
def test_marked_athlete(athlete_db, athlete):
    pass

def test_without_the_corpus(tmp_path):
    pass

@pytest.mark.realdata
def test_marked_without_reading_it():
    pass
"""


def _collect(folder: Path, source: str) -> subprocess.CompletedProcess:
    shutil.copy(TESTS / "conftest.py", folder / "conftest.py")
    (folder / "test_planted.py").write_text(source)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(config.ROOT), str(TESTS)])}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(folder),
            "-c",
            os.devnull,
            str(folder),
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_unmarked_test_that_reads_the_corpus_stops_the_collection(tmp_path):
    done = _collect(tmp_path, PLANTED)
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    line = next(x for x in out.splitlines() if "without the `realdata` marker" in x)
    named = {n.split("::", 1)[1] for n in line.rsplit(": ", 1)[1].split(", ")}
    assert named == {
        "test_asks_for_it",
        "test_through_a_fixture",
        "test_the_corpus_athlete[corpus]",
        "test_by_name",
    }
    line = next(x for x in out.splitlines() if "but do not read the corpus" in x)
    assert line.rsplit(": ", 1)[1] == "test_planted.py::test_marked_without_reading_it", line


def test_marked_tests_collect(tmp_path):
    marked = PLANTED.replace("\ndef test_asks_for_it", "\n@pytest.mark.realdata\ndef test_asks_for_it")
    marked = marked.replace(
        "\ndef test_through_a_fixture", "\n@pytest.mark.realdata\ndef test_through_a_fixture"
    )
    marked = marked.replace("\ndef test_by_name", "\n@pytest.mark.realdata\ndef test_by_name")
    marked = marked.replace(
        '["demo", "corpus"]', '["demo", pytest.param("corpus", marks=pytest.mark.realdata)]'
    )
    marked = marked.replace("@pytest.mark.realdata\ndef test_marked_without", "def test_marked_without")
    done = _collect(tmp_path, marked)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "10 tests collected" in done.stdout, done.stdout


def test_no_test_file_reads_the_corpus_folder_but_through_the_fixture():
    """A path spelt out (../shared/realdata) would bypass both the fixture's skip and the check."""
    quoted = re.compile(r"""["']shared["']""")
    spelt = [
        p.relative_to(TESTS) for p in TESTS.rglob("test_*.py") if quoted.search(p.read_text(encoding="utf-8"))
    ]
    assert not spelt, spelt
