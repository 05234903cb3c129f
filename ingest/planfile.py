"""Runstrong's plan template (`planned_date,time,kind,run_type,distance_km,duration_min,
strength_focus,rpe,note`, docs/rules.md, planning ahead): planned sessions, never activities.

Each row is checked on its own (domain.plan.check_row, the Plan page's check): a bad row is
refused with its row number and the reason, and the others go in."""

from __future__ import annotations

import pandas as pd

from domain.plan import COLUMNS, TEMPLATE_COLUMNS, PlanRowError, check_row
from ingest.errors import IngestError
from ingest.model import ParseResult
from ingest.textcsv import Table, cell

FORMAT = "runstrong_plan_csv"
#: At most this many refused rows are named one by one in the file's message.
NAMED_REFUSALS = 20


def parse_plan(table: Table) -> ParseResult:
    i = table.index
    rows, refused = [], []
    for n, row in enumerate(table.rows, start=table.header_line + 1):
        values = {c: cell(row, i(c)) for c in TEMPLATE_COLUMNS}
        try:
            rows.append(check_row(values))
        except PlanRowError as exc:
            refused.append(f"row {n}: {exc}")
    if not rows and not refused:
        raise IngestError("the plan has a header but no planned sessions")
    if not rows:
        raise IngestError(f"no planned session could be read: {_listed(refused)}")
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    if not refused:
        return ParseResult(FORMAT, "ok", "", planned=frame)
    kept = len(rows)
    message = (
        f"{len(refused)} row{'s' if len(refused) != 1 else ''} refused, the other {kept} planned: "
        f"{_listed(refused)}. Correct {'them' if len(refused) != 1 else 'it'} and import the file again."
    )
    return ParseResult(FORMAT, "partial", message, planned=frame)


def _listed(refused: list[str]) -> str:
    more = len(refused) - NAMED_REFUSALS
    return "; ".join(refused[:NAMED_REFUSALS]) + (f"; and {more} more" if more > 0 else "")
