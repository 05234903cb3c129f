"""The Import page's report of one import: a sentence of what came in (counts, sports, dates),
every failure's message in full, and the per-file table with the message beside the file."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ingest import FileResult, reference_note, results_frame, totals
from ui import fmt

# A stored sport -> the word for one of it in a sentence ("3 runs, 1 ride").
SPORT_WORDS = {
    "running": "run",
    "cycling": "ride",
    "walking": "walk",
    "hiking": "hike",
    "swimming": "swim",
    "training": "training session",
    "rowing": "row",
    "generic": "other activity",
}
SHOWN_FAILURES = 50  # beyond this the table holds the rest
REPORT_COLUMNS = [
    "file",
    "status",
    "message",
    "activities",
    "strength sessions",
    "sets",
    "injuries",
    "planned sessions",
    "duplicates merged",
    "format",
]


def _sport_word(sport: str | None) -> str:
    return SPORT_WORDS.get(sport or "generic") or str(sport).replace("_", " ") + " session"


def _day(d: Any) -> str:
    return f"{pd.Timestamp(d):%-d %b %Y}"


def summary(results: list[FileResult], came: dict[str, Any] | None) -> str:
    """'2 files: 14 activities (12 runs, 2 rides) and 3 strength sessions (40 sets), 3 Mar 2021 to
    28 Apr 2021; 2 duplicates merged; 1 failed: see why below.' `came`: store.read.came_in."""
    t = totals(results)
    parts = []
    if t["activities"]:
        what = fmt.plural(t["activities"], "activity")
        sports = sorted((came or {}).get("sports") or [], key=lambda sn: (-sn[1], sn[0] == "generic", sn[0]))
        if sports:
            what += " (" + ", ".join(fmt.plural(n, _sport_word(s)) for s, n in sports) + ")"
        parts.append(what)
    if t["strength_sessions"]:
        parts.append(
            f"{fmt.plural(t['strength_sessions'], 'strength session')} ({fmt.plural(t['sets'], 'set')})"
        )
    if t["injuries"]:
        parts.append(fmt.plural(t["injuries"], "injury"))
    if t["planned"]:
        parts.append(fmt.plural(t["planned"], "planned session") + " (on the Plan page)")
    text = f"{fmt.plural(t['files'], 'file')}: "
    if parts:
        text += ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + " added"
        first, last = (came or {}).get("first"), (came or {}).get("last")
        if first is not None and last is not None:
            text += f", on {_day(first)}" if first == last else f", from {_day(first)} to {_day(last)}"
    else:
        text += "nothing new added"
    if t["merged"]:
        text += f"; {fmt.plural(t['merged'], 'duplicate')} merged"
    known = sum(r.status == "duplicate" and not r.merged and r.parent is None for r in results)
    if known:
        text += f"; {known} {'was' if known == 1 else 'were'} imported before"
    text += "."
    if t["failed"]:
        text += f" {t['failed']} failed: see why below."
    if note := reference_note(results):
        text += " " + note
    return text


def report_frame(results: list[FileResult]) -> pd.DataFrame:
    """The per-file table with the message beside the file and status (so it is read, not cut)."""
    return results_frame(results)[REPORT_COLUMNS]


def show(results: list[FileResult], came: dict[str, Any] | None) -> None:
    t = totals(results)
    (st.warning if t["failed"] else st.success)(summary(results, came))
    failed = [r for r in results if r.status == "failed"]
    if failed:
        with st.expander(f"Why {fmt.plural(len(failed), 'file')} failed", expanded=len(failed) <= 10):
            for r in failed[:SHOWN_FAILURES]:
                st.markdown(f"- **{fmt.md(r.file_name)}**: {fmt.md(r.message)}")
            if len(failed) > SHOWN_FAILURES:
                st.caption(f"{len(failed) - SHOWN_FAILURES} more in the table below.")
    for r in results:  # a plan file's refused rows, each named: the runner corrects and re-imports
        if r.status == "partial" and r.planned:
            st.warning(f"**{fmt.md(r.file_name)}**: {fmt.md(r.message)}", icon=":material/event_busy:")
    st.dataframe(
        report_frame(results),
        hide_index=True,
        width="stretch",
        column_config={
            "message": st.column_config.TextColumn("message", width="large"),
            "file": st.column_config.TextColumn("file", width="medium"),
        },
    )
