"""The Settings page's editable tables (races, the injury log), checked row by row before saving.

Pure functions, no Streamlit: a row missing a required field is not saved and not dropped either.
It stays in the editor (the page keeps it as pending) with a message naming its row, as the editor
numbers them (1 = the first row shown), and the field; the other rows are saved, and the page's
message counts both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis import RACE_DISTANCES
from ui import fmt

RACE_COLUMNS = ["date", "distance", "name"]
INJURY_COLUMNS = [
    "injury_id",
    "onset_date",
    "end_date",
    "body_area",
    "severity",
    "time_loss",
    "medical_visit",
    "note",
]
_INJURY_FIELDS = INJURY_COLUMNS[1:]


def _value(x: Any) -> Any:
    """None for every spelling of missing (None, NA, NaN, NaT, a blank string)."""
    if x is None or x is pd.NA or x is pd.NaT:
        return None
    if isinstance(x, float) and pd.isna(x):
        return None
    if isinstance(x, str) and not x.strip():
        return None
    return x


def _date(x: Any) -> dt.date | None:
    x = _value(x)
    return None if x is None else pd.Timestamp(x).date()


@dataclass(frozen=True)
class Problem:
    row: int  # as the editor numbers it, from 1 (0: not known)
    text: str  # "has no onset date"

    def __str__(self) -> str:
        return f"row {self.row} {self.text}" if self.row > 0 else f"a row {self.text}"


@dataclass
class RacePlan:
    """What saving the race table does: the races to store, and the rows kept back."""

    races: list[dict[str, str]] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)  # rows as typed, to show again
    problems: list[Problem] = field(default_factory=list)


def plan_races(edited: pd.DataFrame) -> RacePlan:
    """Check each row of the race editor: a race needs a date and a distance; a blank row is
    nothing to save. ``pending`` keeps the incomplete rows as typed."""
    plan = RacePlan()
    for i, r in enumerate(edited.to_dict("records"), start=1):
        row = {c: _value(r.get(c)) for c in RACE_COLUMNS}
        if all(v is None for v in row.values()):
            continue
        missing = [w for c, w in (("date", "date"), ("distance", "distance")) if row[c] is None]
        if row["distance"] is not None and str(row["distance"]) not in RACE_DISTANCES:
            missing.append(f"known distance ({', '.join(RACE_DISTANCES)})")
        if missing:
            plan.pending.append(row)
            plan.problems.append(Problem(i, "has no " + " and no ".join(missing)))
            continue
        name = "" if row["name"] is None else str(row["name"])
        plan.races.append(
            {
                "date": pd.Timestamp(row["date"]).date().isoformat(),
                "distance": str(row["distance"]),
                "name": name,
            }
        )
    return plan


def injury_row(r: dict[str, Any]) -> dict[str, Any]:
    """An editor row as the store takes it (dates as dates, flags as bools, blanks as None)."""
    out = {c: _value(r.get(c)) for c in _INJURY_FIELDS}
    for c in ("onset_date", "end_date"):
        out[c] = _date(out[c])
    for c in ("time_loss", "medical_visit"):
        if out[c] is not None:
            out[c] = bool(out[c])
    return out


def injury_problem(row: dict[str, Any]) -> str | None:
    """Why this injury cannot be saved, or None."""
    if row["onset_date"] is None:
        return "has no onset date"
    if row["end_date"] is not None and row["end_date"] < row["onset_date"]:
        return (
            f"is back to running ({row['end_date']:%Y-%m-%d}) before its onset ({row['onset_date']:%Y-%m-%d})"
        )
    return None


@dataclass
class InjuryPlan:
    """What saving the injury editor does."""

    added: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    pending: list[dict[str, Any]] = field(default_factory=list)  # rows kept back, with injury_id or None
    problems: list[Problem] = field(default_factory=list)


def plan_injuries(stored: pd.DataFrame, edited: pd.DataFrame) -> InjuryPlan:
    """Diff the edited injury log against the stored one, row by row: new rows to add, stored
    rows to change or delete, and rows that cannot be saved (kept back with their problem)."""
    old = {int(r["injury_id"]): injury_row(r) for r in stored.to_dict("records")}
    plan, seen = InjuryPlan(), set()
    for i, r in enumerate(edited.to_dict("records"), start=1):
        row = injury_row(r)
        injury_id = _value(r.get("injury_id"))
        if injury_id is not None:
            injury_id = int(injury_id)
            seen.add(injury_id)
            if row == old.get(injury_id):
                continue
        elif all(v is None for v in row.values()):
            continue  # a blank row: nothing typed
        problem = injury_problem(row)
        if problem:
            plan.pending.append({"injury_id": injury_id, **row})
            plan.problems.append(Problem(i, problem))
        elif injury_id is None:
            plan.added.append(row)
        else:
            plan.changed.append((injury_id, row))
    plan.deleted = [i for i in old if i not in seen]
    return plan


def with_pending(stored: pd.DataFrame, pending: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """The table the editor shows: the stored rows, a kept-back edit of a stored row in its place
    (matched on injury_id), the kept-back new rows after them."""
    table = stored[columns].copy() if len(stored) else pd.DataFrame(columns=columns)
    new = []
    for row in pending:
        rid = row.get("injury_id")
        if rid is not None and "injury_id" in table and (table["injury_id"] == rid).any():
            idx = table.index[table["injury_id"] == rid][0]
            for c in columns:
                table.at[idx, c] = row.get(c)
        elif rid is None:
            new.append({c: row.get(c) for c in columns})
    if new:
        table = pd.concat([table, pd.DataFrame(new, columns=columns)], ignore_index=True)
    return table.reset_index(drop=True)


def problems_in(table: pd.DataFrame, kind: str) -> list[Problem]:
    """The rows of the table as the editor shows it that cannot be saved (kind: 'race' or 'injury')."""
    rows = table.to_dict("records")
    if kind == "race":
        return plan_races(table).problems
    out = []
    for i, r in enumerate(rows, start=1):
        row = injury_row(r)
        if all(v is None for v in row.values()):
            continue
        problem = injury_problem(row)
        if problem:
            out.append(Problem(i, problem))
    return out


def saved_message(count: int, word: str, problems: list[Problem], extra: str = "") -> str:
    """'Saved 3 injuries; 1 row not saved: row 4 has no onset date.' ('Nothing saved' for none)."""
    text = (f"Saved {fmt.plural(count, word)}" if count else "Nothing saved") + (
        f" ({extra})" if extra else ""
    )
    if problems:
        text += f"; {fmt.plural(len(problems), 'row')} not saved: " + "; ".join(str(p) for p in problems)
    return text + "."
