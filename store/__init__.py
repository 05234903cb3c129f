"""The DuckDB store: the only package that speaks SQL.

- `store.db`: the connection, the schema and its version, transactions.
- `store.write`: one source file's parsed rows, written in one transaction.
- `store.read`: named read queries returning pandas DataFrames.
"""
