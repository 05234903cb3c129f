"""The Strava bulk export: activities.csv names each activity's file under activities/; the file
(FIT) is the richer copy, the CSV line brings the name, the type and the perceived exertion.

The join happens in the writer process, after a member is parsed and before it is written; the
CSV lines no file answered for (a GPX, a missing or broken file) are written at the end as
activities of their own.
"""

from __future__ import annotations

import posixpath

from ingest.model import Activity, ParseResult


def _key(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/").lstrip("./")).lower()


class StravaJoin:
    def __init__(self, csv_path: str, csv_result: ParseResult):
        base = posixpath.dirname(csv_path)
        self.result = csv_result
        self.by_ref: dict[str, Activity] = {}
        for act in csv_result.activities:
            if act.ref:
                self.by_ref[_key(posixpath.join(base, act.ref))] = act
        self.used: set[int] = set()

    def enrich(self, member_path: str, result: ParseResult) -> bool:
        """Give the member's activity its CSV line's name, RPE and (for a 'generic' sport) type."""
        line = self.by_ref.get(_key(member_path))
        if line is None or not result.activities:
            return False
        start = line.activity["start_time_utc"]
        target = min(
            result.activities, key=lambda a: abs((a.activity["start_time_utc"] - start).total_seconds())
        )
        row = target.activity
        for column in ("name", "rpe"):
            if row.get(column) is None and line.activity.get(column) is not None:
                row[column] = line.activity[column]
        if row.get("sport") in (None, "generic") and line.activity.get("sport") not in (None, "generic"):
            row["sport"], row["sub_sport"] = line.activity["sport"], line.activity.get("sub_sport")
        self.used.add(id(line))
        return True

    def leftover(self) -> ParseResult:
        """The CSV with only the lines no file answered for."""
        rest = [a for a in self.result.activities if id(a) not in self.used]
        joined = len(self.result.activities) - len(rest)
        message = f"{len(self.result.activities)} activities listed, {joined} joined with their files"
        if rest:
            message += f", {len(rest)} from the CSV alone (their file is missing or unreadable)"
        return ParseResult(self.result.format, "ok", f"{message}; {self.result.message}", rest)
