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

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    loaded = importlib.import_module(f"{__name__}.{module}")
    value = loaded if module == name else getattr(loaded, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:
    from store import edits, plan, read, settings_write, strength_join, write
    from store.db import Connection, DatabaseBusy, SchemaOutdated, connect, data_version
