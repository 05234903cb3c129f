"""The runner's own files: the injury log (Runstrong's injuries template) and a Runstrong settings
file (`{"format": "runstrong-settings", "version": 1, "settings": {...}}`)."""

from __future__ import annotations

import json

import pandas as pd

from ingest.errors import IngestError
from ingest.model import INJURY_COLUMNS, ParseResult
from ingest.textcsv import Table, boolean, cell, when

SEVERITIES = ("niggle", "minor", "moderate", "severe")
SETTINGS_FORMAT = "runstrong-settings"
SETTINGS_VERSIONS = (1,)


def parse_injuries(table: Table) -> ParseResult:
    i = table.index
    rows = []
    for line, row in enumerate(table.rows, start=2):
        onset = when(cell(row, i("onset_date")))
        if onset is None:
            raise IngestError(
                f"line {line}: onset_date {cell(row, i('onset_date'))!r} is not a date (YYYY-MM-DD)"
            )
        end_text = cell(row, i("end_date"))
        end = when(end_text)
        if end_text and end is None:
            raise IngestError(f"line {line}: end_date {end_text!r} is not a date (YYYY-MM-DD)")
        if end is not None and end[0].date() < onset[0].date():
            raise IngestError(f"line {line}: end_date {end_text} is before onset_date")
        severity = (cell(row, i("severity")) or "").lower() or None
        if severity is not None and severity not in SEVERITIES:
            raise IngestError(f"line {line}: severity {severity!r} is not one of {', '.join(SEVERITIES)}")
        rows.append(
            {
                "onset_date": onset[0].date(),
                "end_date": end[0].date() if end else None,
                "body_area": cell(row, i("body_area")),
                "severity": severity,
                "time_loss": boolean(cell(row, i("time_loss"))),
                "medical_visit": boolean(cell(row, i("medical_visit"))),
                "note": cell(row, i("note", "notes")),
            }
        )
    if not rows:
        raise IngestError("the injury log has a header but no injuries")
    frame = pd.DataFrame(rows, columns=INJURY_COLUMNS)
    return ParseResult("injuries_csv", "ok", "", injuries=frame)


def parse_settings(data: bytes) -> ParseResult:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"the JSON file cannot be read: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != SETTINGS_FORMAT:
        raise IngestError(
            f'a JSON file that is not a Runstrong settings file (expected "format": "{SETTINGS_FORMAT}")'
        )
    if doc.get("version") not in SETTINGS_VERSIONS:
        raise IngestError(f"settings file version {doc.get('version')!r}: this Runstrong reads version 1")
    settings = doc.get("settings")
    if not isinstance(settings, dict) or not settings:
        raise IngestError('the settings file has no "settings" object')
    return ParseResult(
        "runstrong_settings",
        "ok",
        f"{len(settings)} settings: {', '.join(sorted(settings))}",
        settings=settings,
    )
