"""`make run` on an empty database: the demo athlete goes in and the dashboard answers on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from athletes import only_athlete

import config
from store import read
from store.db import connect

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"make run exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_make_run_loads_the_demo_and_serves_on_loopback(tmp_path):
    db = tmp_path / "runstrong.duckdb"
    port = free_port()
    env = {**os.environ, "RUNSTRONG_DB": str(db), "RUNSTRONG_RAW": str(tmp_path / "raw")}
    proc = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=config.ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/_stcore/health", proc, 240) == 200
        assert wait_for(f"http://127.0.0.1:{port}/", proc, 10) == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
    assert "loading the demo athlete" in out
    # The demo athlete is in the database the dashboard served, from every one of its sources.
    con = connect(db, read_only=True)
    counts = read.table_counts(con, only_athlete(con))
    apps = set(read.strength_sessions(con, only_athlete(con))["app"])
    con.close()
    assert counts["activities"] >= 450 and counts["injuries"] == 5
    assert {"strong", "hevy"} <= apps
