"""Command-line shells around the pure engine: they open the database, read the clock and write
files, which analysis/ never does (`python -m cli.export`). The import command is `python -m ingest`."""
