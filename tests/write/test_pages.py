"""Rendered Markdown of the mini corpus against golden files.

Regenerate after an intended change with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.build.steps import generate_site
from briefgen.read.load import load_corpus
from briefgen.write.charts import ChartCache
from tests.conftest import MINI

GOLDEN = Path(__file__).parents[1] / "golden" / "pages"
PAGES = [
    "index.md",
    "briefs/index.md",
    "briefs/alpha.md",
    "briefs/beta.md",
    "people/index.md",
    "people/anna-kovalenko.md",
    "organisations/index.md",
    "places/index.md",
    "places/pokrovsk.md",
    "figures/index.md",
    "figures/population-prewar.md",
    "figures/population-prewar/pokrovsk.md",
    "figures/discrepancies.md",
    "topics/index.md",
    "topics/pokrovsk.md",
    "timeline/index.md",
    "data/index.md",
    "connections/index.md",
    "map/index.md",
]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    corpus = load_corpus(MINI / "data", display_root=MINI)
    cache = ChartCache(tmp_path_factory.mktemp("cache"))
    return {o.path: o.content for o in generate_site(corpus, cache, site_name="Test briefings")}


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_golden(outputs: dict[str, str | bytes], path: str) -> None:
    golden = GOLDEN / path.replace("/", "__")
    text = str(outputs[path])
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_no_raw_html_block_holds_a_blank_line(outputs: dict[str, str | bytes]) -> None:
    """Python-Markdown ends a raw HTML block at a blank line, which would show tags as text."""
    for path, content in outputs.items():
        if not path.endswith(".md"):
            continue
        depth = 0
        for line in str(content).splitlines():
            if not line.strip():
                assert depth == 0, path
            for tag in ("table", "ul", "ol", "dl", "div", "blockquote", "figure", "details"):
                depth += line.count(f"<{tag}") - line.count(f"</{tag}>")
