"""Helpers of the browser tests: the app server, waiting, screenshots, error boxes (a module of
its own name: `conftest` is ambiguous across folders)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import config

ARTIFACTS = config.ROOT / "test-artifacts" / "browser"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run app.py` in a subprocess, stopped (by its own pid) at the end."""

    def __init__(self, db: Path, raw: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "RUNSTRONG_DB": str(db), "RUNSTRONG_RAW": str(raw)}
        cmd = [sys.executable, "-m", "streamlit", "run", str(config.ROOT / "app.py"), "--server.port",
               str(self.port), "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]  # fmt: skip
        self.log = log.open("w")
        self.proc = subprocess.Popen(cmd, cwd=config.ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

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
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def settle(p, quiet_checks: int = 4) -> None:
    """Wait until the app is idle: no running script, no spinner, for a few checks in a row."""
    quiet = 0
    end = time.monotonic() + 90
    while quiet < quiet_checks and time.monotonic() < end:
        time.sleep(0.4)
        busy = p.locator(
            "[data-testid='stStatusWidget'], [data-testid='stSpinner'], [data-testid='stSkeleton']"
        )
        quiet = quiet + 1 if busy.count() == 0 else 0


def screenshot(p, name: str) -> Path:
    """The whole page (Streamlit scrolls inside its main block: grow the viewport to fit it)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = p.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stMainBlockContainer]')]"
        ".map(e => e.scrollHeight), 800)"
    )
    p.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 8000)})
    time.sleep(1.0)  # plotly redraws at the new size
    path = ARTIFACTS / f"{name}.png"
    p.screenshot(path=str(path))
    p.set_viewport_size({"width": 1400, "height": 1000})
    return path


def go(p, server: Server, name: str) -> None:
    """Open a page by its sidebar link (a real click, as a runner would)."""
    p.locator(f"a[data-testid='stSidebarNavLink'][href$='/{name}']").click()
    settle(p)


def errors(p) -> list[str]:
    boxes = p.locator("[data-testid='stException'], [data-testid='stAlertContentError']")
    return [boxes.nth(i).inner_text()[:300] for i in range(boxes.count())]
