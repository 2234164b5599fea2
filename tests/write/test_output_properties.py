"""Property tests over generated output: any text in any field stays inert.

These render the generated pages the way MkDocs does (Python-Markdown with its
default extensions) without a full build, so hypothesis can try many inputs.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build.steps import generate_site
from briefgen.model import (
    Brief,
    Claim,
    Corpus,
    Entity,
    Event,
    Figure,
    Mention,
    Metric,
    PartialDate,
    Publication,
    Quote,
    Unit,
)
from briefgen.write.charts import ChartCache
from tests.htmlread import ActiveContent

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "</title><b>",
        "{: onclick=alert(1) }",
        '"><svg onload=alert(1)>',
        "<a href='javascript:x'>a</a>",
        "\u202e",
        "&lt;script&gt;",
        "`<script>`",
        "<<script>script>",
        "[[pokrovsk|<script>]]",
        "---\ntitle: x\n---",
        "{{ config }}",
        "--8<-- 'x'",
    ]
)
TEXT = st.lists(st.one_of(HOSTILE, st.text(max_size=20)), min_size=1, max_size=4).map("".join)


EXECUTABLE_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "style"}
# Pages that inline one drawing made by matplotlib, so that its points are links.
# Its text is escaped like any other (handlers and URLs inside are still checked);
# its only <style> is matplotlib's own, fixed rule.
INLINE_DRAWING_PAGES = {"connections/index.md", "map/index.md"}
MATPLOTLIB_STYLE = re.compile(r"<style[^>]*>\s*\*\{stroke-linejoin: round; stroke-linecap: butt\}\s*</style>")


def corpus_with(text: str) -> Corpus:
    """A small corpus with `text` in every free-text field."""
    entities = (
        Entity("pokrovsk", "place", text or "x", "city", text, aliases=(text,)),
        Entity("anna", "person", "Anna " + text, "analyst", text, side="independent"),
    )
    metric = Metric("population-prewar", text or "m", "count", text)
    people = Unit("people", "count", 1.0)
    figure = Figure(
        "f1",
        "population-prewar",
        "pokrovsk",
        "people",
        "about",
        60000.0,
        claimed_by="anna",
        context=text,
        known_unit=people,
    )
    other = Figure(
        "f2", "population-prewar", "pokrovsk", "people", "more-than", 70000.0, context=text, known_unit=people
    )
    brief = Brief(
        id="b1",
        title=text or "t",
        outlet=None,
        authors=("anna",),
        published=Publication(PartialDate(2025, 11), approximate=True, basis=text),
        article_type="analysis",
        summary=text,
        credibility=text,
        url=None,
        key_points=(text,),
        topics=(),
        mentions=(Mention("pokrovsk", text), Mention("anna", text)),
        figures=(figure, other),
        quotes=(Quote("q1", "anna", text, text),),
        events=(Event("e1", PartialDate(2025, 10, 2), text, ("pokrovsk",), ("anna",)),),
        claims=(Claim("c1", "anna", text),),
    )
    return Corpus(briefs=(brief,), entities=entities, metrics=(metric,), units=(people,))


def front_matter_and_body(page: str) -> tuple[str, str]:
    assert page.startswith("---\n")
    meta, _, body = page[4:].partition("\n---\n")
    return meta, body


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_leaves_no_script_handler_or_bad_url(text: str) -> None:
    with tempfile.TemporaryDirectory() as cache_dir:
        outputs = generate_site(corpus_with(text), ChartCache(Path(cache_dir)))
    for output in outputs:
        if not output.path.endswith(".md"):
            if isinstance(output.content, str) and output.path.endswith(".svg"):
                assert "<script" not in output.content, output.path
            continue
        meta, body = front_matter_and_body(str(output.content))
        # Text from a brief lands in the front matter only as escaped, quoted scalars:
        # the title, description and JSON-LD, and on entity pages the spellings
        # search weighs most.
        fields = yaml.safe_load(meta)
        assert set(fields) <= {"title", "description", "jsonld", "search", "tags"}, output.path
        for key in ("title", "description", "jsonld"):
            assert isinstance(fields.get(key, ""), str), (output.path, key)
        assert "\n" not in fields["title"], output.path
        assert all(isinstance(tag, str) for tag in fields.get("tags", [])), output.path
        assert "<" not in meta, output.path  # escaped before MkDocs prints it into <head>
        html = markdown.Markdown(extensions=["toc", "tables", "fenced_code"]).convert(body)
        active = ActiveContent(html)
        allowed: set[str] = set()
        if output.path in INLINE_DRAWING_PAGES and html.count("<svg") == 1:
            assert len(MATPLOTLIB_STYLE.findall(html)) == html.count("<style"), output.path
            allowed = {"svg", "style"}
        bad = [f"<{tag}>" for tag in active.elements if tag in EXECUTABLE_ELEMENTS - allowed]
        bad += [f"{tag}[{name}]" for tag, name in active.handlers] + active.unsafe_urls()
        assert bad == [], (output.path, bad)
