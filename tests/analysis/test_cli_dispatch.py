"""python -m analysis COMMAND and python -m cli COMMAND: the same dispatcher runs each command's
module, and `python -m cli.export` keeps working."""

from __future__ import annotations

import subprocess
import sys

import pytest

import config
from cli.__main__ import COMMANDS

SPELLINGS = ("analysis", "cli")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=config.ROOT, timeout=300
    )


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_dispatcher_names_its_commands_and_refuses_others(spelling):
    done = cli(spelling, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: python -m {spelling} COMMAND")
    listed = [line.split()[0] for line in done.stdout.splitlines()[2:]]
    assert listed == list(COMMANDS)
    done = cli(spelling)
    assert done.returncode == 2 and all(name in done.stdout for name in COMMANDS)
    done = cli(spelling, "nothing")
    assert done.returncode == 2 and "no command 'nothing'" in done.stderr


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_each_command_runs_through_the_dispatcher(spelling):
    for name in COMMANDS:
        done = cli(spelling, name, "--help")
        assert done.returncode == 0, (name, done.stderr)
        assert done.stdout.startswith(f"usage: python -m {spelling} {name} "), name


def test_a_command_runs_alone():
    done = cli("cli.export", "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: python -m cli.export ")


def test_the_doorway_loads_no_command_line_until_run():
    """`import analysis.__main__` (as `python -m analysis` does before main) reaches neither cli nor
    the store: the doorway imports them only when a command runs."""
    code = (
        "import sys, analysis.__main__; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cli', 'store', 'duckdb')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=config.ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]"]
