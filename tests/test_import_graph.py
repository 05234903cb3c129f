"""One test of the import graph over every folder (the rules and the scanner: tests/import_rules.py),
and plantings that show the scanner fails on each kind of breach."""

import shutil
from pathlib import Path

import import_rules as rules
import pytest


def test_every_folder_is_scanned():
    for unit in rules.UNITS:
        assert rules.files_of(rules.ROOT, unit), f"nothing to scan in {unit}"
    scanned = {str(p.relative_to(rules.ROOT)) for u in rules.UNITS for p in rules.files_of(rules.ROOT, u)}
    assert {"app.py", "config.py", "analysis/units.py", "ingest/parse.py", "store/read.py"} <= scanned
    assert {"pages/overview.py", "ui/data.py", "cli/export.py", "bench/run.py", "demo/plan.py"} <= scanned
    # The command line's doorway sits in analysis/ but is scanned once, as cli.
    doorway = rules.ROOT / "analysis" / "__main__.py"
    assert doorway in rules.files_of(rules.ROOT, "cli") and doorway not in rules.files_of(
        rules.ROOT, "analysis"
    )


def test_the_layering_holds():
    breaches = [b for b in rules.scan() if b.rule == "layer"]
    assert not breaches, "\n".join(map(str, breaches))


def test_pages_ui_app_and_the_command_lines_go_through_the_faces():
    breaches = [b for b in rules.scan() if b.rule == "face"]
    assert not breaches, "\n".join(map(str, breaches))


@pytest.mark.parametrize(
    "unit, planted",
    [
        ("pages", "from analysis.summary import form_on"),
        ("ui", "import store.read"),
        ("ui", "from store import db"),
        ("app", "from store.db import connect"),
        ("cli", "from ingest.pipeline import ingest_paths"),
        ("pages", "def f():\n    from analysis.compute import compute_all"),
    ],
)
def test_a_planted_import_past_a_face_is_caught(unit, planted):
    source = "import datetime as dt\n" + planted + "\n"
    breaches = rules.scan_source(unit, source, f"{unit}/planted.py")
    assert [(b.line, b.rule) for b in breaches] == [(2 + planted.count("\n"), "face")]


def test_imports_through_the_faces_pass():
    source = "from analysis import form_on, units\nfrom store import read, Connection\nimport ingest\n"
    for unit in ("pages", "ui", "app", "cli"):
        assert rules.scan_source(unit, source, f"{unit}/x.py") == []
    # Inside its own package a module imports its siblings directly.
    assert rules.scan_source("analysis", "from analysis.summary import form_on\n", "analysis/x.py") == []


PLANTED = [
    ("analysis", "from ingest.errors import IngestError", "ingest"),
    ("analysis", "from ui import fmt", "ui"),
    ("analysis", "from pages import load", "pages"),
    ("analysis", "import streamlit as st", "streamlit"),
    ("analysis", "import duckdb", "duckdb"),
    ("analysis", "def f():\n    from store.read import activities", "store"),
    ("analysis", "import importlib\nimportlib.import_module('store.read')", "store"),
    ("analysis", "from pathlib import Path", "pathlib"),
    ("analysis", "import os.path", "os"),
    ("analysis", "text = open('weekly.csv').read()", "open"),
    ("analysis", "frame.to_csv('weekly.csv')", "to_csv"),
    ("analysis", "frame = pd.read_csv(path)", "read_csv"),
    ("analysis", "data = path.read_bytes()", "read_bytes"),
    ("analysis", "today = dt.date.today()", "today"),
    ("analysis", "now = datetime.now(tz)", "now"),
    ("analysis", "t = pd.Timestamp('now')", "now"),
    ("ingest", "from analysis.units import MI_M", "analysis"),
    ("ingest", "from ui import fmt", "ui"),
    ("ingest", "import pages.load", "pages"),
    ("store", "from analysis.plan import COLUMNS", "analysis"),
    ("store", "from ingest import model", "ingest"),
    ("store", "from ui.data import results", "ui"),
    ("store", "import pages", "pages"),
    ("pages", "import duckdb", "duckdb"),
    ("ui", "from duckdb import DuckDBPyConnection", "duckdb"),
    ("demo", "from analysis.compute import compute_all", "analysis"),
    ("domain", "from analysis.runmix import RUN_TYPES", "analysis"),
    ("domain", "from store.db import connect", "store"),
    ("domain", "today = dt.date.today()", "today"),
    ("domain", "text = open('plan.csv').read()", "open"),
    ("config", "from store.db import connect", "store"),
]


@pytest.mark.parametrize("unit, planted, named", PLANTED)
def test_a_planted_breach_is_caught_at_its_line(unit, planted, named):
    source = "from __future__ import annotations\n\nimport numpy as np\n" + planted + "\n"
    breaches = [b for b in rules.scan_source(unit, source, f"{unit}/planted.py") if b.rule == "layer"]
    assert len(breaches) == 1, breaches
    (b,) = breaches
    assert b.path == f"{unit}/planted.py" and named in b.text
    assert b.line == 4 + planted.count("\n")
    assert str(b).startswith(f"{unit}/planted.py:{b.line}: ")


def test_what_the_rules_allow_passes():
    clean = (
        "import datetime as dt\nimport numpy as np\nimport pandas as pd\n"
        "from analysis.units import distance\nfrom analysis import units\n"
        "text = frame.to_csv(index=False)\nday = pd.Timestamp('2024-01-01')\n"
    )
    assert rules.scan_source("analysis", clean, "analysis/clean.py") == []
    assert (
        rules.scan_source("ingest", "import duckdb\nfrom store import read\nopen('x')\n", "ingest/x.py") == []
    )
    assert rules.scan_source("ui", "import streamlit as st\nfrom ui import fmt\n", "ui/x.py") == []
    for unit in ("analysis", "ingest", "store"):
        assert rules.scan_source(unit, "from domain.plan import COLUMNS\n", f"{unit}/x.py") == []


def copy_of_the_project(to: Path) -> None:
    for unit in rules.UNITS:
        src = rules.ROOT / f"{unit}.py"
        if src.is_file():
            shutil.copy(src, to / src.name)
        else:
            shutil.copytree(rules.ROOT / unit, to / unit, ignore=shutil.ignore_patterns("__pycache__"))


def plant(path: Path, line: str) -> int:
    """Append ``line`` to the file (made when missing); the line number it lands on."""
    lines = [*(path.read_text().splitlines() if path.exists() else []), line]
    path.write_text("\n".join(lines) + "\n")
    return len(lines)


def test_a_breach_planted_in_a_copy_of_the_project_is_found_with_file_and_line(tmp_path: Path):
    copy_of_the_project(tmp_path)
    before = set(rules.scan(tmp_path))
    line = plant(tmp_path / "analysis" / "units.py", "from ingest.errors import IngestError  # planted")
    new = set(rules.scan(tmp_path)) - before
    assert [(b.path, b.line, b.rule) for b in new] == [("analysis/units.py", line, "layer")]


def test_only_the_doorway_of_analysis_may_reach_the_command_line(tmp_path: Path):
    """analysis/__main__.py imports cli (a breach anywhere else in analysis/) and passes as cli; the
    store and DuckDB in any other analysis module are still caught, and the doorway itself is held
    to cli's rules (no Streamlit)."""
    doorway = (rules.ROOT / "analysis" / "__main__.py").read_text()
    assert rules.scan_source("analysis", doorway, "analysis/__main__.py"), "the exemption is needed"
    assert rules.scan_source("cli", doorway, "analysis/__main__.py") == []
    copy_of_the_project(tmp_path)
    before = set(rules.scan(tmp_path))
    planted = {
        "analysis/compute.py": plant(tmp_path / "analysis" / "compute.py", "import duckdb"),
        "analysis/roster.py": plant(tmp_path / "analysis" / "roster.py", "from store import read"),
        "analysis/main.py": plant(tmp_path / "analysis" / "main.py", "from cli.__main__ import main"),
        "analysis/__main__.py": plant(tmp_path / "analysis" / "__main__.py", "import streamlit"),
    }
    new = set(rules.scan(tmp_path)) - before
    assert sorted((b.path, b.line, b.rule) for b in new) == sorted(
        (p, n, "layer") for p, n in planted.items()
    )
    assert {b.path: b.text.split(":")[0] for b in new}["analysis/__main__.py"] == "cli imports streamlit"
