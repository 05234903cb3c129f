"""The repository stands alone: no file cites a definition that lives outside it.

The definitions are in docs/ (metrics, formats, rules, the injury signal), and the coaching articles
are named by title and author (analysis.articles, docs/rules.md). A citation of the specification
file the project started from, or of an article by its number in that collection, means nothing to
someone with a clone; this test finds any, with the file and line. The patterns below are spelled
with character classes so that this file does not find itself."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE = (
    ("the outside spec file", re.compile(r"D[O]MAIN")),
    ("an article by its number", re.compile(r"\bs[e]eds? ?0\d\d\b", re.I)),
    ("the outside article folder", re.compile(r"shared/s[e]eds")),
)
SKIP_DIRS = {
    ".git",
    ".venv",
    "data",
    "test-artifacts",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
}
TEXT_SUFFIXES = {
    ".py",
    ".md",
    ".sql",
    ".toml",
    ".csv",
    ".json",
    ".txt",
    ".cfg",
    ".ini",
    ".yml",
    ".yaml",
    ".sh",
}
TEXT_NAMES = {"Makefile", "run", ".gitignore"}


def text_files(root: Path) -> list[Path]:
    out = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part in SKIP_DIRS for part in rel.parts[:-1]) or not path.is_file():
            continue
        if path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES:
            out.append(path)
    return out


def outside_citations(root: Path) -> list[str]:
    """'file:line: what: the line' for every citation of something outside the repository."""
    found = []
    for path in text_files(root):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue  # not text after all (a sample file in another encoding holds no citation)
        for n, line in enumerate(lines, start=1):
            for what, pattern in OUTSIDE:
                if pattern.search(line):
                    found.append(f"{path.relative_to(root)}:{n}: {what}: {line.strip()[:120]}")
    return found


def test_no_file_cites_a_definition_outside_the_repository():
    assert outside_citations(ROOT) == [], "cite docs/ or the article by title and author instead"


def test_the_scan_finds_each_kind_of_outside_citation(tmp_path):
    # Planted text is put together from pieces, so that the scan of the repository passes over it.
    spec, seed = "D" + "OMAIN.md", "se" + "ed"
    (tmp_path / "a.py").write_text(
        f'"""Load ({spec} section 3)."""\nx = 1  # the {seed}s advise it, --{seed} 7\n'
    )
    (tmp_path / "b.md").write_text(
        f"Targets ({seed}s 000-004).\nSee {seed.title()} 004.\nfine: {seed} of 7\n"
    )
    (tmp_path / "c.sql").write_text(f"-- read ../shared/{seed}s/001.txt\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "d.py").write_text(f"# {spec}\n")
    found = outside_citations(tmp_path)
    assert [f.split(": ")[0] for f in found] == ["a.py:1", "b.md:1", "b.md:2", "c.sql:1"], found
