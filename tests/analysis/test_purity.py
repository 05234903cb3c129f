"""analysis/ stays pure: no streamlit, no duckdb, no store, no file I/O, no clock (__main__ excepted)."""

import ast
import re
from pathlib import Path

import pytest

ANALYSIS = Path(__file__).resolve().parents[2] / "analysis"
MODULES = sorted(p for p in ANALYSIS.glob("*.py") if p.name != "__main__.py")
FORBIDDEN_IMPORTS = {"streamlit", "duckdb", "store", "pathlib", "shutil", "tempfile", "io", "os", "time"}
FORBIDDEN_TEXT = [
    r"\bopen\(",
    r"\.to_csv\(",
    r"\.to_parquet\(",
    r"\.to_json\(",
    r"\.to_excel\(",
    r"\.write_text\(",
    r"\.write_bytes\(",
    r"\bread_csv\(",
    r"\bdatetime\.now\(",
    r"\bdatetime\.utcnow\(",
    r"\bdate\.today\(",
    r"\btime\.time\(",
    r"\bTimestamp\.now\(",
    r"\bTimestamp\.today\(",
    r"\bpd\.Timestamp\(\s*[\"'](now|today)[\"']",
]


def test_there_are_modules_to_scan():
    names = {p.name for p in MODULES}
    assert {"load.py", "injury.py", "keyruns.py", "export.py"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_forbidden_imports(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = [a.name.split(".")[0] for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            roots = [(node.module or "").split(".")[0]]
        else:
            continue
        bad = set(roots) & FORBIDDEN_IMPORTS
        assert not bad, f"{path.name}:{node.lineno} imports {bad}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_file_io_or_clock(path: Path):
    text = path.read_text()
    for pattern in FORBIDDEN_TEXT:
        m = re.search(pattern, text)
        assert m is None, f"{path.name} uses {m.group(0)!r}"


def test_scan_catches_a_violation(tmp_path: Path):
    # The scan itself must be able to fail.
    bad = "import duckdb\nx = open('f')\nfrom datetime import date\ny = date.today()\n"
    tree = ast.parse(bad)
    roots = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert roots & FORBIDDEN_IMPORTS
    assert re.search(FORBIDDEN_TEXT[0], bad) and re.search(r"\bdate\.today\(", bad)
