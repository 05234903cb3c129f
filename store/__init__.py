"""The DuckDB store: the only package that speaks SQL.

- `store.db`: the connection, the schema and its version (and the migration from version 1),
  transactions.
- `store.athletes`: the athletes the store holds (list, create, rename, delete with every row).
  Every read and write below takes the athlete's id as its second parameter.
- `store.write`: one source file's parsed rows, written in one transaction, merged with the rows
  already stored as the caller's rules say (`store.merge_rules`, `store.strength_join`).
- `store.edits`: the runner's edits and deletions in the dashboard.
- `store.settings_write`: settings and saved CSV column mappings.
- `store.carry`: what a rebuild carries from the old database to the new one.
- `store.read`: named read queries returning pandas DataFrames.
- `store.derived`: what the dashboard computed from an athlete's rows (their roster row), kept
  under the key it was computed with, so that a fresh start need not compute it again.

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
    "athletes": "athletes",
    "DatabaseBusy": "db",
    "SchemaOutdated": "db",
    "connect": "db",
    "data_version": "db",
    "athlete_versions": "db",
    "derived": "derived",
    "edits": "edits",
    "plan": "plan",
    "read": "read",
    "settings_write": "settings_write",
    "strength_join": "strength_join",
    "take_migration_message": "db",
    "write": "write",
}
__all__ = [
    "Connection",
    "DatabaseBusy",
    "SchemaOutdated",
    "athlete_versions",
    "athletes",
    "connect",
    "data_version",
    "derived",
    "edits",
    "plan",
    "read",
    "settings_write",
    "strength_join",
    "take_migration_message",
    "write",
]


__getattr__, __dir__ = lazy_face(__name__, _WHERE, __all__, globals())


if TYPE_CHECKING:
    from store import athletes, derived, edits, plan, read, settings_write, strength_join, write
    from store.db import (
        Connection,
        DatabaseBusy,
        SchemaOutdated,
        athlete_versions,
        connect,
        data_version,
        take_migration_message,
    )
