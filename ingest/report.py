"""The per-file import report as a table (the Upload page and the CLI show the same facts)."""

from __future__ import annotations

from importlib import resources

import pandas as pd

from ingest.formats import CSV_FORMATS
from ingest.pipeline import FileResult

FORMAT_LABELS = {
    "fit": "FIT",
    "zip": "ZIP archive",
    "runstrong_settings": "Runstrong settings",
    **{f.id: f.label for f in CSV_FORMATS},
}
COLUMNS = [
    "file",
    "format",
    "status",
    "activities",
    "strength sessions",
    "sets",
    "injuries",
    "planned sessions",
    "duplicates merged",
    "message",
]
TEMPLATES = {
    "runs.csv": "runs",
    "strength.csv": "strength sets",
    "injuries.csv": "injuries",
    "plan.csv": "a plan",
}


def results_frame(results: list[FileResult]) -> pd.DataFrame:
    """One row per offered file (archive members indented under their archive's name)."""
    rows = [
        {
            "file": r.file_name,
            "format": FORMAT_LABELS.get(r.format or "", r.format or ""),
            "status": r.status,
            "activities": r.activities,
            "strength sessions": r.strength_sessions,
            "sets": r.strength_sets,
            "injuries": r.injuries,
            "planned sessions": r.planned,
            "duplicates merged": r.merged,
            "message": r.message,
        }
        for r in results
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def totals(results: list[FileResult]) -> dict[str, int]:
    """Added rows over the files offered directly (an archive's line already sums its members)."""
    top = [r for r in results if r.parent is None]
    return {
        "files": len(results),
        "failed": sum(r.status == "failed" for r in results),
        "activities": sum(r.activities for r in top),
        "strength_sessions": sum(r.strength_sessions for r in top),
        "sets": sum(r.strength_sets for r in top),
        "injuries": sum(r.injuries for r in top),
        "planned": sum(r.planned for r in top),
        "merged": sum(r.merged for r in top),
    }


def reference_note(results: list[FileResult]) -> str:
    """How many FIT files the fast decoder handed to the reference one (ingest.fit.parse_fit), in a
    sentence for the CLI and the Import page; empty when none."""
    n = sum(r.reference_decoder for r in results)
    if not n:
        return ""
    files = "1 FIT file was" if n == 1 else f"{n} FIT files were"
    return f"{files} read by the reference decoder (slower), which the fast one could not read exactly."


def template(name: str) -> bytes:
    return resources.files("ingest").joinpath(f"templates/{name}").read_bytes()


def template_help() -> str:
    return resources.files("ingest").joinpath("templates/README.md").read_text(encoding="utf-8")
