"""The faces of analysis/, ingest/ and store/: each ``__init__.py`` names its public API in
``__all__`` and loads a module only when one of its names is first used."""

import ast
import importlib
import subprocess
import sys

import import_rules as rules
import pytest


def _type_checking_names(package: str) -> set[str]:
    tree = ast.parse((rules.ROOT / package / "__init__.py").read_text())
    block = next(
        n for n in tree.body if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING"
    )
    return {a.asname or a.name for n in block.body if isinstance(n, ast.ImportFrom) for a in n.names}


@pytest.mark.parametrize("package", rules.FACES)
def test_the_face_lists_each_name_once_and_each_resolves_to_its_module(package):
    face = importlib.import_module(package)
    assert len(set(face.__all__)) == len(face.__all__)
    assert set(face.__all__) == set(face._WHERE) == _type_checking_names(package)
    for name, module in face._WHERE.items():
        defining = importlib.import_module(f"{package}.{module}")
        expected = defining if module == name else getattr(defining, name)
        assert getattr(face, name) is expected, name
    # A name that is also a submodule's must be that submodule: Python sets the package attribute
    # to the submodule on import, whatever the face said.
    for name in face.__all__:
        if (rules.ROOT / package / f"{name}.py").is_file():
            assert face._WHERE[name] == name, name
    with pytest.raises(AttributeError):
        face.no_such_name  # noqa: B018


@pytest.mark.parametrize("package", rules.FACES)
def test_importing_a_face_loads_none_of_its_modules(package):
    code = (
        f"import sys, {package}; "
        f"print(sorted(m for m in sys.modules if m.startswith('{package}.')), 'duckdb' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=rules.ROOT, check=True
    )
    assert out.stdout.split() == ["[]", "False"]
