"""`streamlit run app.py` in a subprocess for the browser and reliability tests: a free port, its
own database and raw store, a log file, stopped with its whole process group at the end."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """The dashboard as a runner starts it. `address=None` leaves the listening address to
    .streamlit/config.toml, for the tests that check what it says."""

    def __init__(self, db: Path, raw: Path, log: Path, address: str | None = "127.0.0.1"):
        self.db, self.raw = Path(db), Path(raw)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "RUNSTRONG_DB": str(self.db), "RUNSTRONG_RAW": str(self.raw)}
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(config.ROOT / "app.py"),
            "--server.port",
            str(self.port),
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
        ]
        if address is not None:
            cmd += ["--server.address", address]
        self.log = Path(log).open("w")
        self.proc = subprocess.Popen(
            cmd, cwd=config.ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            self._wait()
        except RuntimeError:
            self.stop()
            raise

    def _wait(self, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"streamlit did not answer on {self.url} within {timeout:.0f} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the server and any import workers it started
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()
