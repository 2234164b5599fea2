"""`briefgen draft` reads a wire-style dateline and names organisations the text writes in lowercase."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.authoring.draft import read_article, render_draft
from briefgen.model import PartialDate
from briefgen.read.load import load_corpus

REPO = Path(__file__).resolve().parents[2]
# Written for this test, in the style of a wire report.
ARTICLE = """Army chief says troops have left the town

KYIV, 17 February 2024 — The army's new chief said on Saturday that his troops had left the town.
Russia's defence ministry claimed full control of it hours later, and Russia's defence ministry
published footage. The Ukrainian general staff said the withdrawal had been orderly.
"""


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load_corpus(REPO / "data", display_root=REPO)


@pytest.mark.parametrize("dateline", [
    "KYIV, 17 February 2024 —", "KYIV, Feb 17, 2024 -", "ANTAKYA, Turkey, 17 February 2024 —",
])
def test_the_date_of_a_dateline_is_the_publication_date(corpus, dateline: str) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE.replace("KYIV, 17 February 2024 —", dateline)
    assert read_article(text, corpus).published == PartialDate(2024, 2, 17)


def test_a_date_inside_a_sentence_is_not_the_publication_date(corpus) -> None:  # type: ignore[no-untyped-def]
    text = ARTICLE.replace("KYIV, 17 February 2024 — The", "On 17 February 2024 the")
    assert read_article(text, corpus).published is None


def test_bodies_named_in_lowercase_are_listed_for_the_registry(corpus) -> None:  # type: ignore[no-untyped-def]
    draft = read_article(ARTICLE, corpus)
    assert [(b.name, b.count) for b in draft.bodies] == [
        ("Russia's defence ministry", 2), ("Ukrainian general staff", 1)]
    text = render_draft("army-chief", draft, corpus, "article.txt")
    assert "#   Russia's defence ministry (2×)" in text
    assert "briefgen add organisation" in text
