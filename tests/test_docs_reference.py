"""docs/ is the project's reference: its generated parts match the registries the engine reads
(analysis.metrics, analysis.settings, analysis.articles, analysis.schedule), every registered
metric, threshold and setting is in it, and its links lead somewhere."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from analysis.articles import ARTICLES
from analysis.metrics import METRICS, description
from analysis.schedule import RULES
from analysis.settings import Settings
from docs import build

DOCS = Path(build.__file__).resolve().parent
NAMED_PAGES = ("README.md", "metrics.md", "formats.md", "rules.md", "injury-signal.md")


def text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_the_pages_others_link_to_exist():
    assert [n for n in NAMED_PAGES if not (DOCS / n).is_file()] == []


def test_generated_parts_are_current():
    assert build.stale() == [], "the registries changed since docs/ was built: run `make docs`"


def test_the_check_command_agrees(capsys):
    assert build.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_every_registered_metric_and_threshold_is_in_metrics_md():
    doc = text("metrics.md")
    for m in METRICS.values():
        assert f"### {m.label} (`{m.id}`)" in doc, m.id
        assert description(m.id) in doc, m.id
        for t in m.thresholds:
            assert f"| {t.label} |" in doc, (m.id, t.label)
            if t.setting:
                assert f"`{t.setting}`" in doc, (m.id, t.setting)


def test_every_setting_is_in_metrics_md_with_its_default():
    doc = text("metrics.md")
    defaults = Settings().to_dict()
    for f in dataclasses.fields(Settings):
        default = json.dumps(defaults[f.name], ensure_ascii=False).replace("|", "\\|")
        assert f"| `{f.name}` | `{default}` |" in doc, f.name


def test_every_article_and_rule_is_in_rules_md():
    doc = text("rules.md")
    for a in ARTICLES.values():
        assert a.title in doc, a.title
    for rule in RULES.values():
        assert rule.label(Settings()) in doc, rule.key


def test_a_stale_block_is_found():
    """Drop one metric from the generated block, as if it had been added to the registry after the
    docs were built: render() puts it back, so stale() would name the file."""
    doc = text("metrics.md")
    m = next(iter(METRICS.values()))
    section = "\n".join(build._metric(m))
    assert section in doc
    planted = doc.replace(section, "", 1)
    assert planted != doc
    assert build.render(planted, "metrics.md") == doc


def test_a_setting_without_a_note_stops_the_build(monkeypatch):
    group, notes = build.SETTING_NOTES[0]
    first = next(iter(notes))
    trimmed = ((group, {k: v for k, v in notes.items() if k != first}), *build.SETTING_NOTES[1:])
    monkeypatch.setattr(build, "SETTING_NOTES", trimmed)
    with pytest.raises(build.DocsError, match=first):
        build.settings_block()


def test_a_missing_block_marker_is_named():
    with pytest.raises(build.DocsError, match="no block 'metrics'"):
        build.render("# metrics without their block\n", "metrics.md")


LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    s = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return s.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {slug(line.lstrip("#")) for line in lines if line.startswith("#")}


def broken_links(path: Path) -> list[str]:
    out = []
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        file_part, _, anchor = target.partition("#")
        dest = (path.parent / file_part).resolve() if file_part else path
        if not dest.exists():
            out.append(f"{path.name}: {target} (no such file)")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            out.append(f"{path.name}: {target} (no such heading)")
    return out


def test_links_in_docs_lead_somewhere():
    assert [b for p in sorted(DOCS.glob("*.md")) for b in broken_links(p)] == []


def test_the_link_check_finds_a_broken_link(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n[ok](a.md#title) [gone](b.md) [nowhere](a.md#nope)\n")
    assert broken_links(tmp_path / "a.md") == [
        "a.md: b.md (no such file)",
        "a.md: a.md#nope (no such heading)",
    ]


def test_the_readme_links_into_docs_lead_somewhere():
    readme = DOCS.parent / "README.md"
    into_docs = [b for b in broken_links(readme) if ": docs/" in b and ".md" in b]
    assert into_docs == []
