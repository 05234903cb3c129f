"""A DuckDB connection that records the statements run through it, for the tests that count what an
import asks of the database."""

from __future__ import annotations

import sys

import duckdb


class Recording:
    """Records each statement run through the connection and its cursors (whitespace folded)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, statements: list[str]) -> None:
        self._con, self.statements = con, statements

    def cursor(self) -> Recording:
        return Recording(self._con.cursor(), self.statements)

    def execute(self, sql: str, *args, **kwargs) -> Recording:
        self.statements.append(" ".join(sql.split()))
        # DuckDB finds a frame by its variable name in the calling Python frame: the writer's.
        _frame = sys._getframe(1).f_locals.get("_frame")
        self._con.execute(sql, *args, **kwargs)
        return self

    def executemany(self, sql: str, *args, **kwargs) -> Recording:
        self.statements.append(" ".join(sql.split()))
        self._con.executemany(sql, *args, **kwargs)
        return self

    def sql(self, sql: str, *args, **kwargs):
        self.statements.append(" ".join(sql.split()))
        return self._con.sql(sql, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._con, name)
