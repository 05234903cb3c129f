"""The phases `bench.child` can run, each in its own process (see bench.child.run_phase)."""

from __future__ import annotations

from bench import dashboard, decoders, ingest_bench

PHASES = {
    "decode": decoders.decode_all,
    "ingest": ingest_bench.ingest,
    "page": dashboard.page_times,
    "app": dashboard.app_all_pages,
    "analysis": dashboard.analysis,
}
