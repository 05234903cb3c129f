"""The dashboard on the benchmark's database: each page through AppTest, and the analysis alone."""

from __future__ import annotations

import ast
import datetime as dt
import os
import statistics
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"


def discover_pages(app: Path = APP) -> list[dict]:
    """The pages app.py hands to st.navigation, in its order: [{path, title, default}]."""
    pages = []
    for node in ast.walk(ast.parse(app.read_text())):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page"):
            continue
        if not node.args or not isinstance(node.args[0], ast.Constant):
            continue
        kw = {k.arg: k.value for k in node.keywords}
        given, is_default = kw.get("title"), kw.get("default")
        title = given.value if isinstance(given, ast.Constant) else None
        default = isinstance(is_default, ast.Constant) and is_default.value is True
        path = str(node.args[0].value)
        pages.append({"path": path, "title": title or Path(path).stem, "default": default})
    if pages and not any(p["default"] for p in pages):
        pages[0]["default"] = True  # st.navigation's rule: the first page is the default
    return pages


def _app_test(db: str):
    os.environ["RUNSTRONG_DB"] = db
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(APP), default_timeout=900)


def _check(at, page: str) -> None:
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")


def _run(at, page: str) -> float:
    t = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t
    _check(at, page)
    return elapsed


def page_times(db: str, page: str, warm_runs: int = 3) -> dict:
    """One page in a fresh process: its first run (cold: connection, reads, the whole analysis,
    lazy imports) and the next runs (warm: what every later visit or widget change costs)."""
    at = _app_test(db)
    at.switch_page(page)  # before the first run, so that this page is the one run cold
    cold = _run(at, page)
    warm = [_run(at, page) for _ in range(warm_runs)]
    return {
        "cold_s": cold,
        "warm_s": warm[0],
        "warm_runs_s": warm,
        "title": at.title[0].value if len(at.title) else None,
    }


def app_all_pages(db: str, pages: list[dict]) -> dict:
    """All pages, one after another, twice, in one app process: its memory is the app's."""
    at = _app_test(db)
    times = {}
    for round_ in (1, 2):
        for p in pages:
            at.switch_page(p["path"])
            times[f"{round_}:{p['path']}"] = _run(at, p["path"])
    return {"runs_s": times}


def analysis(db: str, repeat: int = 3) -> dict:
    """store.read for the frames, then compute_all as the pages call it (same settings, same 'today')."""
    from analysis.compute import compute_all
    from analysis.settings import Settings
    from store import read
    from store.db import connect
    from ui.filters import default_range

    con = connect(db)  # as the app opens it (one process may not mix read-only and read-write)
    t = time.perf_counter()
    f = {
        name: getattr(read, name)(con)
        for name in (
            "activities",
            "laps",
            "hr_seconds",
            "strength_sessions",
            "strength_sets",
            "injuries",
            "pace_seconds",
        )
    }
    settings = read.settings(con)
    read_s = time.perf_counter() - t
    con.close()
    days = pd.to_datetime(pd.concat([f["activities"]["local_date"], f["strength_sessions"]["local_date"]]))
    today = default_range(days.min().date(), days.max().date(), dt.date.today())[1]
    s = Settings.from_dict(settings)
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        compute_all(
            f["activities"],
            f["hr_seconds"],
            f["laps"],
            f["strength_sessions"],
            f["strength_sets"],
            f["injuries"],
            s,
            today,
            f["pace_seconds"],
        )
        runs.append(time.perf_counter() - t)
    return {
        "read_s": read_s,
        "first_s": runs[0],
        "median_s": statistics.median(runs),
        "runs_s": runs,
        "today": today.isoformat(),
        "rows": {k: len(v) for k, v in f.items()},
    }
