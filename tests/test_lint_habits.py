"""The habits CI holds: lint and types run before the tests, and the layout is ruff's (at most 20
`# fmt: skip`, each on a table of data that reads better aligned)."""

import re
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_FMT_SKIP = 20


def test_few_lines_escape_the_formatter():
    files = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    skips = [
        f"{f}:{i}"
        for f in files
        if (ROOT / f).is_file()
        for i, line in enumerate((ROOT / f).read_text(encoding="utf-8").splitlines(), 1)
        if "# fmt: skip" in line or "# fmt: off" in line
    ]
    assert len(skips) <= MAX_FMT_SKIP, "\n".join(skips)


def test_make_lint_runs_ruff_and_mypy_and_ci_runs_it_before_the_tests():
    make = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", make, re.M)
    assert recipe, "no lint target"
    steps = recipe.group(1)
    for command in ("ruff check", "ruff format --check", "mypy"):
        assert command in steps, command
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "make lint" in ci and ci.index("make lint") < ci.index("make test")


def test_mypy_covers_the_library_and_is_pinned():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert {"ingest", "store", "analysis", "ui"} <= set(config["files"])
    assert re.search(r"^mypy==\d", (ROOT / "requirements-dev.txt").read_text(), re.M)
