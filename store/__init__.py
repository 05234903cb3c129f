"""The DuckDB store: the only package that speaks SQL.

- `store.db`: the connection, the schema and its version, transactions.
- `store.write`: one source file's parsed rows, written in one transaction, merged with the rows
  already stored as the caller's rules say (`store.merge_rules`, `store.strength_join`).
- `store.edits`: the runner's edits and deletions in the dashboard.
- `store.settings_write`: settings and saved CSV column mappings.
- `store.carry`: what a rebuild carries from the old database to the new one.
- `store.read`: named read queries returning pandas DataFrames.
"""
