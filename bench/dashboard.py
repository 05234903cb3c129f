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
    """The pages app.py hands to st.navigation, in its order: [{path, title, default}]; those it
    lists only with several athletes left out (bench.roster_page measures the Roster)."""
    from ui.page import SEVERAL_ATHLETES

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
        if path in SEVERAL_ATHLETES:
            continue
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


def _title(at) -> str | None:
    return at.title[0].value if len(at.title) else None


def open_cold(at, page: str) -> dict:
    """A fresh app's way to ``page``: {cold_s, open_s, first_s, title}. AppTest's first run cannot
    land on a page of st.navigation (before it, no page is registered: the page file runs alone,
    finds no app around it and goes to app.py's default page), so cold is that first run (the
    connection, the reads, the analysis, the lazy imports) plus the page's own first run after
    switching to it: an upper bound of a browser opening the page's address."""
    default = next(p["path"] for p in discover_pages() if p["default"])
    at.switch_page(page)
    open_s = _run(at, page)
    first_s, landed = 0.0, _title(at)
    if page != default:
        at.switch_page(page)  # the pages are registered now
        first_s = _run(at, page)
        if _title(at) == landed:
            raise RuntimeError(f"{page}: the app still shows its default page ({landed!r})")
    return {"cold_s": open_s + first_s, "open_s": open_s, "first_s": first_s, "title": _title(at)}


def page_times(db: str, page: str, warm_runs: int = 3) -> dict:
    """One page in a fresh process: its first showing (cold: see open_cold) and the next runs
    (warm: what every later visit or widget change costs)."""
    at = _app_test(db)
    cold = open_cold(at, page)
    warm = [_run(at, page) for _ in range(warm_runs)]
    return {**cold, "warm_s": warm[0], "warm_runs_s": warm}


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
    from store import athletes, read
    from store.db import connect
    from ui.filters import default_range

    con = connect(db)  # as the app opens it (one process may not mix read-only and read-write)
    athlete = athletes.choose(con, create=False)  # the benchmark's database holds one athlete
    t = time.perf_counter()
    f = {
        name: getattr(read, name)(con, athlete)
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
    settings = read.settings(con, athlete)
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
