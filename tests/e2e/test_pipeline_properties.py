"""Property: what the loader accepts, the site generator builds; what it refuses is located.

Hypothesis edits the mini fixture's YAML as text (a value replaced by a number,
arbitrary Unicode or link syntax; a key renamed; a line dropped or repeated; a
list item added) and runs the whole pipeline. Whenever `load_corpus` passes,
`generate_site` must raise nothing; whenever it fails, every problem names a
file and a line, and `check_paths` (what `briefgen check` runs) reports the same.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from briefgen.build.steps import generate_site
from briefgen.read.load import InvalidData, check_paths, load_corpus
from briefgen.write.charts import ChartCache
from tests.conftest import MINI

FILES = (
    "briefs/alpha.yml",
    "briefs/beta.yml",
    "people.yml",
    "places.yml",
    "organisations.yml",
    "metrics.yml",
    "units.yml",
)
ORIGINALS = {name: (MINI / "data" / name).read_text(encoding="utf-8") for name in FILES}

# `key: value` on one line, possibly as a list item: the value is what gets replaced.
_KEY_VALUE = re.compile(r"^(\s*(?:- )?)([^\s:#][^:#]*):[ \t]+(\S.*)$")

_HOSTILE_SNIPPETS = [
    "\ud800", "\udfff", "\u200b", "\u00ad", "\u2060", "\ufeff", "\u202e", "\u3164", "\u043e",
    "[[", "]]", "[[pokrovsk", "[[ [[pokrovsk]] ]]", "[[pokrovsk|x]]", "[[Pokrovsk]]", "[[nowhere]]",
    "[x](//evil.example/x)", "[x](/\\evil)", "[x](javascript:alert(1))", "<script>", "{{ config }}",
    "Pokrovsk", "POKROVSK", "Pokróvsk", "Krasnoarmeysk", "null", "", "~", "2099-01-01", "-5", "1e400",
]
_NUMBERS = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=8).map(str),
    st.sampled_from(["0", "1", "9007199254740993", "0." + "0" * 300 + "1", "1" + "0" * 400]),
)
_TEXTS = st.one_of(
    st.text(max_size=30),
    st.lists(st.sampled_from(_HOSTILE_SNIPPETS), min_size=1, max_size=4).map("".join),
    st.lists(st.text(min_size=1, max_size=4), max_size=40).map("\u200b".join),
)
# A value as YAML writes it: plain, or double-quoted with escapes (so lone
# surrogates and control characters reach the loader as escapes).
_VALUES = st.one_of(
    _NUMBERS,
    _TEXTS.map(json.dumps),
    _TEXTS.filter(lambda t: "\n" not in t and "\r" not in t),
    st.lists(_TEXTS.map(json.dumps), max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
)
_KEYS = st.one_of(
    st.sampled_from(["value", "low", "high", "unit", "aliases", "name", "factor", "family", "url", "id",
                     "published", "qualifier", "metric", "subject", "text", "summary", "role"]),
    st.text(min_size=1, max_size=12).map(json.dumps),
)


@st.composite
def mutated_files(draw: st.DrawFn) -> dict[str, str]:
    files = dict(ORIGINALS)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        name = draw(st.sampled_from(FILES))
        lines = files[name].split("\n")
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        found = _KEY_VALUE.match(lines[index])
        kind = draw(st.sampled_from(["value", "value", "value", "key", "drop", "repeat", "item"]))
        if kind == "value" and found:
            lines[index] = f"{found.group(1)}{found.group(2)}: {draw(_VALUES)}"
        elif kind == "key" and found:
            lines[index] = f"{found.group(1)}{draw(_KEYS)}: {found.group(3)}"
        elif kind == "drop":
            del lines[index]
        elif kind == "repeat":
            lines.insert(index, lines[index])
        elif kind == "item" and found and found.group(3).startswith("[") and found.group(3).endswith("]"):
            inner = found.group(3)[1:-1]
            item = draw(_VALUES)
            lines[index] = f"{found.group(1)}{found.group(2)}: [{inner + ', ' if inner else ''}{item}]"
        files[name] = "\n".join(lines)
    return files


@pytest.fixture(scope="module")
def chart_cache(tmp_path_factory: pytest.TempPathFactory) -> ChartCache:
    # One cache for every example: unchanged charts are drawn once.
    return ChartCache(tmp_path_factory.mktemp("charts"))


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutated_files())
def test_what_check_passes_builds_and_what_it_refuses_is_located(
    tmp_path_factory: pytest.TempPathFactory, chart_cache: ChartCache, files: dict[str, str]
) -> None:
    root = tmp_path_factory.mktemp("mutated")
    shutil.copytree(MINI / "data", root / "data")
    for name, text in files.items():
        # surrogatepass: a lone surrogate written raw is bytes that are not UTF-8.
        (root / "data" / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        corpus = load_corpus(root / "data", display_root=root)
    except InvalidData as invalid:
        problems = list(invalid.problems)
        event("refused")
        assert problems
        assert all(p.location.file.startswith("data") and p.location.line >= 1 for p in problems)
        assert all(str(p).encode("utf-8") for p in problems)  # printable, whatever the input
        assert check_paths([root / "data"], display_root=root) == problems
        return
    event("built")
    assert check_paths([root / "data"], display_root=root) == []
    outputs = generate_site(corpus, chart_cache)
    assert outputs
    for output in outputs:
        if isinstance(output.content, str):
            output.content.encode("utf-8")  # no lone surrogate reaches a page
