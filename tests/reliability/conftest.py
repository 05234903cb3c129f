"""The reliability suite's switches and servers: the `fuzz` marker, the 'fuzz-long' Hypothesis
profile `make fuzz` loads (`--hypothesis-profile=fuzz-long`), Debian's Chromium, and the app
served the way a runner starts it (address and limits from .streamlit/config.toml)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import settings

import config

settings.register_profile("fuzz-long", max_examples=5000, deadline=None)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "fuzz: random or damaged inputs (longer with --hypothesis-profile=fuzz-long)"
    )


class App:
    """`streamlit run app.py` as `make run` starts it, on a free port, in a session of its own so
    that stopping it reaches exactly its processes."""

    def __init__(self, folder: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.db, self.raw = folder / "app.duckdb", folder / "raw"
        env = {**os.environ, "RUNSTRONG_DB": str(self.db), "RUNSTRONG_RAW": str(self.raw)}
        # No --server.address: the address must come from .streamlit/config.toml.
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
               "--server.headless", "true", "--server.fileWatcherType", "none"]  # fmt: skip
        self.log = (folder / "streamlit.log").open("w")
        self.proc = subprocess.Popen(cmd, cwd=config.ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)  # fmt: skip
        end = time.monotonic() + 60
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}: see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not answer on {self.url}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    server = App(tmp_path_factory.mktemp("app"))
    yield server
    server.stop()
