"""The lazy loading behind the faces of analysis/, ingest/ and store/: a name is imported from
its module on first use, so a process that needs one module (a parsing worker, a page) loads
only that one and what it imports."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def lazy_face(
    package: str, where: Mapping[str, str], names: Sequence[str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The package's ``__getattr__`` and ``__dir__``. where: each public name and the module that
    defines it (a module's own name: the module itself); namespace: the package's globals(),
    where a loaded name is kept so that the next use costs nothing."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        loaded = importlib.import_module(f"{package}.{module}")
        value = loaded if module == name else getattr(loaded, name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(names))

    return __getattr__, __dir__
