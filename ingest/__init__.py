"""Reading runners' exports: FIT (fitparse, salvaged with garmin-fit-sdk), archives and CSVs.

Parsers take bytes and return rows (`ingest.model.ParseResult`); `ingest.pipeline` keeps the raw
file, hands the rows to `store.write` in one transaction per file, and reports per file. Pages, ui
and the command lines import the names in `__all__` below from `ingest` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.faces import lazy_face

# The face: each public name and the module that defines it (a module's own name: the module).
# Nothing is imported until a name is first used, so a process that needs one module (a parsing
# worker, a page) loads only that one and what it imports.
_WHERE = {
    "CLOCKS": "mapper_dates",
    "CSV_FORMATS": "formats",
    "ColumnMapping": "mapper",
    "DATE_ORDERS": "mapper_words",
    "DELIMITERS": "textcsv",
    "ENCODINGS": "textcsv",
    "FIELDS": "mapper_words",
    "FileResult": "pipeline",
    "IngestError": "errors",
    "KINDS": "mapper_words",
    "ParseResult": "model",
    "SEVERITIES": "personal",
    "SPORTS": "mapper_words",
    "SUPPORTED": "formats",
    "TEMPLATES": "report",
    "Table": "textcsv",
    "decode": "textcsv",
    "delete_athlete": "pipeline",
    "detect_encoding": "textcsv",
    "ingest_bytes": "pipeline",
    "ingest_paths": "pipeline",
    "ingest_uploads": "pipeline",
    "localtime": "localtime",
    "mapper": "mapper",
    "mapper_dates": "mapper_dates",
    "mapper_suggest": "mapper_suggest",
    "mapper_words": "mapper_words",
    "mappings": "mappings",
    "read_table": "textcsv",
    "reference_note": "report",
    "results_frame": "report",
    "template": "report",
    "template_help": "report",
    "totals": "report",
}
__all__ = [
    "CLOCKS",
    "CSV_FORMATS",
    "DATE_ORDERS",
    "DELIMITERS",
    "ENCODINGS",
    "FIELDS",
    "KINDS",
    "SEVERITIES",
    "SPORTS",
    "SUPPORTED",
    "TEMPLATES",
    "ColumnMapping",
    "FileResult",
    "IngestError",
    "ParseResult",
    "Table",
    "decode",
    "delete_athlete",
    "detect_encoding",
    "ingest_bytes",
    "ingest_paths",
    "ingest_uploads",
    "localtime",
    "mapper",
    "mapper_dates",
    "mapper_suggest",
    "mapper_words",
    "mappings",
    "read_table",
    "reference_note",
    "results_frame",
    "template",
    "template_help",
    "totals",
]


__getattr__, __dir__ = lazy_face(__name__, _WHERE, __all__, globals())


if TYPE_CHECKING:
    from ingest import localtime, mapper, mapper_dates, mapper_suggest, mapper_words, mappings
    from ingest.errors import IngestError
    from ingest.formats import CSV_FORMATS, SUPPORTED
    from ingest.mapper import ColumnMapping
    from ingest.mapper_dates import CLOCKS
    from ingest.mapper_words import DATE_ORDERS, FIELDS, KINDS, SPORTS
    from ingest.model import ParseResult
    from ingest.personal import SEVERITIES
    from ingest.pipeline import FileResult, delete_athlete, ingest_bytes, ingest_paths, ingest_uploads
    from ingest.report import TEMPLATES, reference_note, results_frame, template, template_help, totals
    from ingest.textcsv import DELIMITERS, ENCODINGS, Table, decode, detect_encoding, read_table
