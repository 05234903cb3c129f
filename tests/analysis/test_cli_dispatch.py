"""python -m cli COMMAND: the dispatcher runs each command's module, and `python -m cli.export`
keeps working."""

from __future__ import annotations

import subprocess
import sys

import config
from cli.__main__ import COMMANDS


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=config.ROOT, timeout=300
    )


def test_the_dispatcher_names_its_commands_and_refuses_others():
    done = cli("cli")
    assert done.returncode == 2 and all(name in done.stdout for name in COMMANDS)
    done = cli("cli", "nothing")
    assert done.returncode == 2 and "no command 'nothing'" in done.stderr


def test_each_command_runs_through_the_dispatcher_and_alone():
    for name in COMMANDS:
        done = cli("cli", name, "--help")
        assert done.returncode == 0, (name, done.stderr)
        assert "usage: python -m cli" in done.stdout, name
    assert cli("cli.export", "--help").returncode == 0
