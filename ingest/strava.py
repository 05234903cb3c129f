"""The Strava bulk export: activities.csv names each activity's file under activities/; the file
(FIT, GPX or TCX) is the richer copy, the CSV line brings the name, the type and the perceived
exertion: the runner's last word in Strava, over a GPX or TCX track's own name and type.

The join happens in the writer process, after a member is parsed and before it is written; the
CSV lines no file answered for (a GPX, a missing or broken file) are written at the end as
activities of their own.
"""

from __future__ import annotations

import posixpath

from ingest.model import Activity, ParseResult

#: Formats whose own name and type give way to the CSV line's.
TRACK_FORMATS = frozenset({"gpx", "tcx"})


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
        """Give the member's activity its CSV line's name, RPE and type.

        A FIT file keeps what it has (its sport unless 'generic', a watch's RPE) and takes the rest.
        A GPX or TCX track's name and type are what the phone app wrote at upload ("Morning Run");
        the CSV line's, where it has them, are what the runner named it in Strava since: they win."""
        line = self.by_ref.get(_key(member_path))
        if line is None or not result.activities:
            return False
        start = line.activity["start_time_utc"]
        target = min(
            result.activities, key=lambda a: abs((a.activity["start_time_utc"] - start).total_seconds())
        )
        row = target.activity
        track = result.format in TRACK_FORMATS
        for column in ("name", "rpe"):
            if line.activity.get(column) is not None and (track or row.get(column) is None):
                row[column] = line.activity[column]
        generic = row.get("sport") in (None, "generic")
        if (track or generic) and line.activity.get("sport") not in (None, "generic"):
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
