"""The phases `bench.child` can run, each in its own process (see bench.child.run_phase)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench import dashboard, decoders, ingest_bench, plan_page, roster_page

#: Each phase takes its arguments as keywords (from JSON) and returns a JSON-able dict.
PHASES: dict[str, Callable[..., dict[str, Any]]] = {
    "decode": decoders.decode_all,
    "ingest": ingest_bench.ingest,
    "page": dashboard.page_times,
    "app": dashboard.app_all_pages,
    "analysis": dashboard.analysis,
    "plan_page": plan_page.plan_page,
    "roster_page": roster_page.roster_page,
    "roster_page_kept": roster_page.roster_page_kept,
}
