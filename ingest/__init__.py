"""Reading runners' exports: FIT (fitparse, salvaged with garmin-fit-sdk), archives and CSVs.

Parsers take bytes and return rows (`ingest.model.ParseResult`); `ingest.pipeline` keeps the raw
file, hands the rows to `store.write` in one transaction per file, and reports per file.
"""
