"""The project's layering, read from the source with ast (nothing is imported or run).

Which folder may import what (README, Layout): analysis/ is the pure engine, so it imports none of
the store, the parsers, the screens, Streamlit or DuckDB, does no file I/O and never reads the
clock; ingest/ and store/ know nothing of analysis or the screens; domain/, the vocabulary all of
them share, imports nothing of the project and is as pure as analysis/; pages/ and ui/ reach DuckDB only
through store/; the product never imports the demo generator, the benchmark or the tests; and
pages/, ui/, app.py and the command lines import analysis, ingest and store through their faces
(the names their ``__init__.py`` exports), not from their modules.

analysis/__main__.py is the exception that proves the rule: it is the command line's doorway
(`python -m analysis export`), importing cli/ only when run, so it is scanned as part of cli, not of
the engine (SCANNED_AS); `import analysis` never loads it.

`scan(root)` checks every folder; `scan_source(unit, source, path)` checks one file's text as if it
sat in `unit`. Each breach names the file, the line and the rule.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Every folder (and top-level module) of the project, by the name it is imported as.
UNITS = (
    "app",
    "config",
    "pages",
    "ui",
    "analysis",
    "ingest",
    "store",
    "domain",
    "cli",
    "bench",
    "demo",
    "docs",
)
PRODUCT = ("app", "config", "pages", "ui", "analysis", "ingest", "store", "domain", "cli")
#: Pure: no file I/O, no clock.
PURE = ("analysis", "domain")
#: Packages with a face: the others import them as `from analysis import x`, never `analysis.load`.
FACES = ("analysis", "ingest", "store")
#: Who must go through those faces.
THROUGH_FACES = ("app", "pages", "ui", "cli")

#: Files that sit in one folder but are scanned as part of another unit (path -> unit).
SCANNED_AS = {"analysis/__main__.py": "cli"}

_NOT_PRODUCT = {"bench", "demo", "tools", "tests"}
_FILE_MODULES = {"pathlib", "os", "shutil", "tempfile", "io", "glob", "fnmatch", "subprocess", "socket"}
_FILE_MODULES |= {"urllib", "http", "requests", "sqlite3", "pickle", "shelve", "zipfile", "tarfile", "gzip"}
_CLOCK_MODULES = {"time"}

#: unit -> the top-level modules it must not import.
FORBIDDEN: dict[str, frozenset[str]] = {
    "analysis": frozenset(
        {"store", "ingest", "ui", "pages", "app", "config", "cli", "streamlit", "duckdb", "sys"}
        | _FILE_MODULES
        | _CLOCK_MODULES
        | _NOT_PRODUCT
    ),
    "domain": frozenset(
        set(UNITS) - {"domain"} | {"streamlit", "duckdb", "sys", "tests"} | _FILE_MODULES | _CLOCK_MODULES
    ),
    "ingest": frozenset({"analysis", "ui", "pages", "app", "cli", "streamlit"} | _NOT_PRODUCT),
    "store": frozenset({"analysis", "ingest", "ui", "pages", "app", "cli", "streamlit"} | _NOT_PRODUCT),
    "ui": frozenset({"duckdb", "pages", "app", "cli"} | _NOT_PRODUCT),
    "pages": frozenset({"duckdb", "app", "cli"} | _NOT_PRODUCT),
    "app": frozenset({"duckdb", "cli"} | _NOT_PRODUCT),
    "config": frozenset(set(UNITS) - {"config"} | {"streamlit", "duckdb", "tests"}),
    # The weekly report's HTML is drawn by ui.report_html for the dashboard's download and for
    # `python -m cli report` alike (one renderer); the command lines still run no Streamlit.
    "cli": frozenset({"pages", "app", "streamlit"} | _NOT_PRODUCT),
    # The demo athlete is an independent oracle (demo/expected.json): it computes its own answers.
    "demo": frozenset(set(PRODUCT) | {"bench", "tests", "streamlit", "duckdb"}),
    "bench": frozenset({"tests"}),
    "docs": frozenset({"pages", "ui", "app", "streamlit", "duckdb"} | _NOT_PRODUCT),
}

#: Calls that read or write files (by the called function's or method's name).
_FILE_CALLS = set(
    "open read_text read_bytes write_text write_bytes mkdir unlink rmdir touch iterdir glob rglob "
    "read_csv read_parquet read_json read_excel read_pickle read_feather read_table read_fwf read_html "
    "read_xml read_sql to_pickle to_parquet to_excel to_feather to_hdf to_sql loadtxt genfromtxt "
    "fromfile tofile save savez savetxt load dump".split()
)
#: These write to a file only when given one (without it they return the text).
_FILE_IF_TARGET = {"to_csv", "to_json"}
_CLOCK_CALLS = {"now", "utcnow", "today"}
#: Constructors that read the clock when handed 'now' or 'today'.
_CLOCK_PARSERS = {"Timestamp", "to_datetime", "datetime64", "DatetimeIndex"}


@dataclass(frozen=True)
class Breach:
    path: str
    line: int
    text: str
    rule: str = "layer"  # "layer": who may import what, and analysis/'s purity; "face": past a face

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


def files_of(root: Path, unit: str) -> list[Path]:
    """The files scanned as `unit`: its module or folder, less those SCANNED_AS another unit, plus
    those SCANNED_AS it."""
    module = root / f"{unit}.py"
    if module.is_file():
        return [module]
    own = [
        p
        for p in (root / unit).rglob("*.py")
        if ".venv" not in p.parts and SCANNED_AS.get(p.relative_to(root).as_posix(), unit) == unit
    ]
    lent = [root / path for path, to in SCANNED_AS.items() if to == unit and (root / path).is_file()]
    return sorted(own + lent)


def face_names(root: Path = ROOT) -> dict[str, frozenset[str]]:
    """Each faced package's ``__all__``, read from its ``__init__.py`` (empty when it has none)."""
    out: dict[str, frozenset[str]] = {}
    for package in FACES:
        init = root / package / "__init__.py"
        names: set[str] = set()
        if init.is_file():
            for node in ast.parse(init.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                        names |= set(ast.literal_eval(node.value))
        out[package] = frozenset(names)
    return out


def scan(root: Path = ROOT) -> list[Breach]:
    """Every breach of the layering in the project at `root`."""
    faces = face_names(root)
    found: list[Breach] = []
    for unit in UNITS:
        for path in files_of(root, unit):
            text = path.read_text(encoding="utf-8")
            found += scan_source(unit, text, str(path.relative_to(root)), faces)
    return found


def imports_of(tree: ast.AST, unit: str) -> list[tuple[int, str, str | None]]:
    """(line, module, name) of every import: `from m import n` gives (line, m, n), `import m`
    (line, m, None); lazy ones inside functions and importlib's with a literal name count too."""
    out: list[tuple[int, str, str | None]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, None) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            # A relative import stays inside its own package.
            module = (unit if node.module is None else f"{unit}.{node.module}") if node.level else node.module
            out += [(node.lineno, module or "", a.name) for a in node.names]
        elif isinstance(node, ast.Call) and _called(node) in {"import_module", "__import__"}:
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                out.append((node.lineno, node.args[0].value, None))
    return out


def scan_source(
    unit: str, source: str, path: str, faces: dict[str, frozenset[str]] | None = None
) -> list[Breach]:
    """The breaches in one file of `unit` (its text given as `source`, reported as `path`)."""
    faces = face_names() if faces is None else faces
    tree = ast.parse(source, filename=path)
    found: list[Breach] = []
    forbidden = FORBIDDEN.get(unit, frozenset())
    for line, module, name in imports_of(tree, unit):
        top = module.split(".")[0]
        said = module if name is None else f"{name} from {module}"
        if top in forbidden:
            found.append(Breach(path, line, f"{unit} imports {said}: {unit} imports nothing of {top}"))
        elif unit in THROUGH_FACES and top in FACES and ("." in module or name not in faces[top] | {None}):
            found.append(
                Breach(
                    path, line, f"{unit} imports {said}: import it from {top}'s face (its __all__)", "face"
                )
            )
    if unit in PURE:
        found += _io_and_clock(unit, tree, path)
    return found


def _called(node: ast.Call) -> str | None:
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return None


def _io_and_clock(unit: str, tree: ast.AST, path: str) -> list[Breach]:
    found: list[Breach] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        targets = node.args or any(k.arg == "path_or_buf" for k in node.keywords)
        if name in _FILE_CALLS or (name in _FILE_IF_TARGET and targets):
            found.append(Breach(path, node.lineno, f"{unit} does file I/O: {name}()"))
        elif name in _CLOCK_CALLS and isinstance(node.func, ast.Attribute):
            found.append(Breach(path, node.lineno, f"{unit} reads the clock: {name}()"))
        elif name in _CLOCK_PARSERS:
            words = [
                a.value for a in node.args if isinstance(a, ast.Constant) and a.value in ("now", "today")
            ]
            if words:
                found.append(Breach(path, node.lineno, f"{unit} reads the clock: {name}({words[0]!r})"))
    return found
