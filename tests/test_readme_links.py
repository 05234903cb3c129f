"""Every relative link and image of README.md points at a file or folder of the repository, so a
newcomer who follows one never lands on a 404 (the pictures of docs/img/, the code map, docs/)."""

from __future__ import annotations

import re
from pathlib import Path

import config

README = config.ROOT / "README.md"
# Markdown links and images: [text](target), ![alt](target "title"); HTML: src="...", href="...".
MARKDOWN = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
HTML = re.compile(r"\b(?:src|href)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)  # http:, mailto:, an anchor


def relative_targets(markdown: str) -> list[str]:
    """The relative link and image targets of a Markdown text, outside code blocks, without their
    #anchor or ?query."""
    text = FENCE.sub("", markdown)
    found = MARKDOWN.findall(text) + HTML.findall(text)
    return [re.split(r"[#?]", t, maxsplit=1)[0] for t in found if not EXTERNAL.match(t)]


def missing(markdown: str, folder: Path) -> list[str]:
    return [t for t in relative_targets(markdown) if not (folder / t).exists()]


def test_every_relative_link_and_image_of_the_readme_exists():
    text = README.read_text(encoding="utf-8")
    targets = relative_targets(text)
    # The README shows its pictures and links docs/: a parse that found none would pass on nothing.
    assert "docs/img/flow.svg" in targets and "docs/img/overview.png" in targets, targets
    assert "docs/metrics.md" in targets, targets
    assert missing(text, README.parent) == []


def test_a_link_to_a_missing_file_is_reported_and_external_ones_are_not(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "here.md").write_text("x")
    text = (
        "[ok](docs/here.md#a-section) [gone](docs/gone.md) ![pic](img/none.png 'a title')\n"
        '<img src="img/also-none.png" width="49%"> [web](https://example.org/x.md) [up](#top)\n'
        "```sh\n[in code](not/a/link.md)\n```\n"
    )
    assert relative_targets(text) == [
        "docs/here.md",
        "docs/gone.md",
        "img/none.png",
        "img/also-none.png",
    ]
    assert missing(text, tmp_path) == ["docs/gone.md", "img/none.png", "img/also-none.png"]
