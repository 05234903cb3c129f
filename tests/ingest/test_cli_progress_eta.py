"""`python -m ingest` on more than 20 files, its stderr a terminal: the progress bar counts the
files against the total and says the time left, with worker processes parsing ahead; the files of
an export zip count one by one."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import zipfile

import config


def _run_on_a_terminal(args: list[str]) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal (the bar shows only there); stdout, the report, piped."""
    master, slave = pty.openpty()
    # A terminal 160 columns wide (a new one is 0 wide, and tqdm draws nothing in it).
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "ingest", *args],
        cwd=config.ROOT,
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    out = proc.stdout.read().decode() if proc.stdout else ""
    code = proc.wait(timeout=300)
    os.close(master)
    return code, out, b"".join(chunks).decode(errors="replace")


def _states(err: str) -> list[tuple[str, str, str]]:
    # tqdm's line: '40%|####      | 10/25 [00:01<00:01, 9.50file/s, 2025-05-30-07-05-11.fit]'.
    return re.findall(r"(\d+)/25 \[(\d\d:\d\d)<(\d\d:\d\d|\?)", err)


def test_the_cli_shows_files_done_of_the_total_and_the_time_left(tmp_path):
    files = sorted((config.sample_logs_dir() / "garmin").glob("*.fit"))[:25]
    code, out, err = _run_on_a_terminal(
        ["--db", str(tmp_path / "db.duckdb"), "--raw", str(tmp_path / "raw"), "--workers", "2", "-q"]
        + [str(f) for f in files]
    )
    assert code == 0, out + err
    assert "25 files: 25 ok" in out
    states = _states(err)
    assert states, err
    done = [int(n) for n, _, _ in states]
    assert done == sorted(done) and done[-1] == 25
    assert any(left != "?" and int(n) < 25 for n, _, left in states), states  # a time left, mid-way


def test_one_export_zip_of_25_files_counts_its_files_with_the_time_left(tmp_path):
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted((config.sample_logs_dir() / "garmin").glob("*.fit"))[25:50]:
            z.write(f, f"activities/{f.name}")
    code, out, err = _run_on_a_terminal(
        [
            "--db",
            str(tmp_path / "db.duckdb"),
            "--raw",
            str(tmp_path / "raw"),
            "--workers",
            "2",
            "-q",
            str(export),
        ]
    )
    assert code == 0, out + err
    assert "26 files: 26 ok" in out, out  # the 25 inside and the zip's own row
    states = _states(err)
    assert states, err
    done = [int(n) for n, _, _ in states]
    assert done == sorted(done) and done[-1] == 25 and len(set(done)) > 10
    assert any(left != "?" and int(n) < 25 for n, _, left in states), states  # a time left, mid-way
