"""The confidence word: independence first, Admiralty grades only raise it."""

from __future__ import annotations

import dataclasses

import pytest

from briefgen.analyse.comparisons import compare_all
from briefgen.analyse.figures import FigureRef
from briefgen.analyse.grading import confidence
from tests.corpus_factory import brief, figure


def _refs(*values: tuple[float, str | None, str | None, int | None, str | None]) -> list[FigureRef]:
    """(value, claimant, reliability, credibility, outlet) per value, each in a brief of its own."""
    refs = []
    for n, (value, by, reliability, credibility, outlet) in enumerate(values):
        f = dataclasses.replace(figure(f"f{n}", "casualties", "pokrovsk", value, claimed_by=by),
                                credibility=credibility)
        b = dataclasses.replace(brief(f"b{n}", f, outlet=outlet), reliability=reliability)
        refs.append(FigureRef(b, f))
    return refs


@pytest.mark.parametrize(("values", "word"), [
    ([(100, "isw", "A", None, "tass"), (100, "michael-kofman", "B", 2, "washington-post")], "high"),
    ([(100, "isw", "A", None, "tass"), (100, "michael-kofman", "B", 5, "washington-post")], "moderate"),
    ([(100, "isw", "A", None, "tass"), (100, "michael-kofman", None, None, "washington-post")], "moderate"),
    ([(100, "isw", None, None, "tass"), (100, "michael-kofman", None, None, "washington-post")], "moderate"),
    ([(100, "isw", "C", 3, "tass"), (100, None, None, None, "washington-post")], "moderate"),
    ([(100, "isw", "D", 3, "tass"), (100, None, None, None, "washington-post")], "low"),
    ([(100, None, "A", 1, "tass"), (100, None, "A", 1, "washington-post")], "low"),
    ([(100, "isw", "A", 1, "tass"), (200, "michael-kofman", "A", 1, "washington-post")], "low"),
    ([(100, "isw", "A", 1, "tass")], "low"),
])
def test_the_confidence_word(values, word: str) -> None:
    (comparison,) = compare_all(_refs(*values)).values()
    assert confidence(comparison).word == word
