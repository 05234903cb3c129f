"""What the figures were measured on: cores, memory, Python, library versions, load, commit."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ("fitparse", "garmin-fit-sdk", "fitdecode", "duckdb", "pandas", "numpy", "pyarrow", "streamlit")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return None


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head


def load_average() -> float:
    return os.getloadavg()[0]


def machine() -> dict:
    versions: dict[str, str | None] = {}
    for lib in LIBRARIES:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = None
    return {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_gb": round(_memory_gb() or 0, 1),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "libraries": versions,
        "commit": _commit(),
    }


def run_alone(load_before: float, started: float) -> dict:
    """What a page measured alone (bench.plan_page, bench.roster_page) records beside its figures:
    the load average before and now, its wall time since ``started`` (time.perf_counter), the date
    and the commit."""
    return {
        "load_before": load_before,
        "load_after": load_average(),
        "wall_s": time.perf_counter() - started,
        "date": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "commit": machine()["commit"],
    }
