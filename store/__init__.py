"""The DuckDB store: the only package that speaks SQL.

- `store.db`: the connection, the schema and its version, transactions.
- `store.write`: one source file's parsed rows, written in one transaction, merged with the rows
  already stored as the caller's rules say (`store.merge_rules`, `store.strength_join`).
- `store.edits`: the runner's edits and deletions in the dashboard.
- `store.settings_write`: settings and saved CSV column mappings.
- `store.carry`: what a rebuild carries from the old database to the new one.
- `store.read`: named read queries returning pandas DataFrames.

Pages, ui and the command lines import the names in `__all__` below from `store` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.faces import lazy_face

# The face: each public name and the module that defines it (a module's own name: the module).
# Nothing is imported until a name is first used, so a process that needs one module (a parsing
# worker, a page) loads only that one and what it imports.
_WHERE = {
    "Connection": "db",
    "DatabaseBusy": "db",
    "SchemaOutdated": "db",
    "connect": "db",
    "data_version": "db",
    "edits": "edits",
    "plan": "plan",
    "read": "read",
    "settings_write": "settings_write",
    "strength_join": "strength_join",
    "write": "write",
}
__all__ = [
    "Connection",
    "DatabaseBusy",
    "SchemaOutdated",
    "connect",
    "data_version",
    "edits",
    "plan",
    "read",
    "settings_write",
    "strength_join",
    "write",
]


__getattr__, __dir__ = lazy_face(__name__, _WHERE, __all__, globals())


if TYPE_CHECKING:
    from store import edits, plan, read, settings_write, strength_join, write
    from store.db import Connection, DatabaseBusy, SchemaOutdated, connect, data_version
