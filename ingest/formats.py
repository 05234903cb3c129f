"""Which reader a text file needs, from its header: every CSV format Runstrong reads, the columns
that identify it, and the message for a header none of them has."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ingest import csv_activities, csv_strength, mapper, personal, planfile
from ingest.errors import UnsupportedFormat
from ingest.model import ParseResult
from ingest.textcsv import Table


@dataclass(frozen=True)
class CsvFormat:
    id: str
    label: str
    needs: tuple[tuple[str, ...], ...]  # every group must be present; any name of a group will do
    parse: Callable[[Table], ParseResult]

    def matches(self, table: Table) -> bool:
        return all(table.has(*group) for group in self.needs)


# Order matters where headers overlap: Strava before Garmin (both have "Activity Type"), FitNotes
# before the strength template (both have Exercise and Reps; only FitNotes has Category).
CSV_FORMATS = [
    CsvFormat("strong_csv", "Strong", (("Exercise Name",), ("Set Order",), ("Date",)), csv_strength.parse_strong),
    CsvFormat("hevy_csv", "Hevy", (("exercise_title",), ("set_index",), ("start_time",)), csv_strength.parse_hevy),
    CsvFormat("fitnotes_csv", "FitNotes", (("Date",), ("Exercise",), ("Category",), ("Reps",)),
              csv_strength.parse_fitnotes),
    CsvFormat("gcexport_csv", "garmin-connect-export (gcexport) activities.csv",
              (("Start Time", "Begin Timestamp", "Begin timestamp"), ("Distance (km)",)), csv_activities.parse_gcexport),
    CsvFormat("strava_csv", "Strava activities.csv", (("Activity Date", "Aktivitätsdatum"),
              ("Activity Type", "Aktivitätsart")), csv_activities.parse_strava),
    CsvFormat("garmin_csv", "Garmin Connect activities CSV", (("Activity Type", "Aktivitätstyp", "Type d'activité"), ("Date", "Datum"),
              ("Distance", "Distanz")), csv_activities.parse_garmin),
    CsvFormat(planfile.FORMAT, "Runstrong plan template", (("planned_date",), ("kind",)), planfile.parse_plan),
    CsvFormat("injuries_csv", "Runstrong injury template", (("onset_date",), ("body_area",)), personal.parse_injuries),
    CsvFormat("runstrong_strength_csv", "Runstrong strength template", (("date",), ("exercise",), ("reps",)),
              csv_strength.parse_template),
    CsvFormat("runstrong_runs_csv", "Runstrong run template", (("date",), ("distance_km",)),
              csv_activities.parse_run_template),
]  # fmt: skip

SUPPORTED = (
    "FIT (.fit, .fit.gz), TCX and GPX tracks, ZIP archives (a Strava or Garmin Connect export, or any zip of these files), "
    f"CSV from {', '.join(f.label for f in CSV_FORMATS[:6])}, Runstrong's templates for runs, strength "
    "sets, injuries and the plan, and a Runstrong settings file (athlete.json)"
)
TEMPLATE_HINT = (
    "For any other app, map its columns once on the Import page (the column mapper), or copy your data "
    "into Runstrong's templates (runs.csv, strength.csv, injuries.csv, on the Import page)."
)
UNKNOWN_CSV = "a CSV whose columns"  # how the message of a CSV no format reads begins
MAPPER_HINT = (
    "Map its columns once on the Import page (offer the file there: the column mapper opens), and this "
    "file and every later one with the same columns go in."
)


def detect(table: Table) -> CsvFormat | None:
    for fmt in CSV_FORMATS:
        if fmt.matches(table):
            return fmt
    return None


def parse_csv(
    table: Table, mappings: Mapping[str, str] | None = None, data: bytes | None = None
) -> ParseResult:
    """A known format's reader, else the runner's saved column mapping for this header
    (`mappings`: signature -> JSON, from the store), else UnsupportedFormat naming the mapper."""
    fmt = detect(table)
    if fmt is not None:
        return fmt.parse(table)
    if mappings:
        found = mapper.lookup(data or b"", table, mappings)
        if found is not None:
            return mapper.apply(*found)
    shown = ", ".join(table.header[:8]) + (", ..." if len(table.header) > 8 else "")
    raise UnsupportedFormat(
        f"{UNKNOWN_CSV} ({shown}) match no format Runstrong reads and no column mapping you saved. "
        f"{MAPPER_HINT} Formats read without a mapping: {', '.join(f.label for f in CSV_FORMATS)}."
    )
