"""The restricted Markdown renderer: entity links, and nothing unsafe survives."""

from __future__ import annotations

import pytest

from briefgen.write.sanitise import entity_ids_in, render_markdown


def resolve(entity_id: str) -> tuple[str, str, str] | None:
    return {"pokrovsk": ("Pokrovsk", "../../places/pokrovsk/", "")}.get(entity_id)


def test_entity_links_use_the_registry_name_or_the_given_words() -> None:
    html = render_markdown("[[pokrovsk|Krasnoarmeysk]] is also [[pokrovsk]].", resolve)
    assert html == '<p><a href="../../places/pokrovsk/">Krasnoarmeysk</a> is also Pokrovsk.</p>'
    html = render_markdown("[[pokrovsk]].\n\nThen [[pokrovsk|Krasnoarmeysk]].", resolve)
    assert html == (
        '<p><a href="../../places/pokrovsk/">Pokrovsk</a>.</p>\n'
        '<p>Then <a href="../../places/pokrovsk/">Krasnoarmeysk</a>.</p>'
    )
    assert entity_ids_in("[[a]] and [[b-2|x]] but not [[Bad]]") == ["a", "b-2"]


def test_an_entity_link_says_who_the_entity_is_and_a_quote_cannot_break_it() -> None:
    def described(entity_id: str) -> tuple[str, str, str]:
        return ("Pokrovsk", "../p/", 'Place · a "rail" hub')

    html = render_markdown("At [[pokrovsk]].", described)
    assert html == '<p>At <a href="../p/" title="Place · a rail hub">Pokrovsk</a>.</p>'


def test_link_words_cannot_inject_markdown_or_html() -> None:
    html = render_markdown("[[pokrovsk|*bold* <b>x</b> `code`]]", resolve)
    assert html == '<p><a href="../../places/pokrovsk/">*bold* &lt;b&gt;x&lt;/b&gt; `code`</a></p>'


def test_an_unresolved_id_renders_its_words_without_a_link() -> None:
    assert render_markdown("see [[nowhere|that town]]", resolve) == "<p>see that town</p>"


def test_only_external_links_carry_rel_noopener_noreferrer() -> None:
    html = render_markdown("[a](https://example.org/) and [[pokrovsk]]", resolve, inline=True)
    assert html == (
        '<a rel="nofollow noopener noreferrer" href="https://example.org/">a</a> and '
        '<a href="../../places/pokrovsk/">Pokrovsk</a>'
    )


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "<a href='javascript:x' onclick='y'>z</a>",
        "![i](javascript:alert(1))",
        "{: onclick=alert(1) }\n\npara",
    ],
)
def test_nothing_executable_survives(source: str) -> None:
    html = render_markdown(source, resolve).lower()
    assert "<script" not in html and "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert 'href="javascript' not in html and 'href="data' not in html and 'src="javascript' not in html
    assert "<img" not in html and 'onclick="' not in html


# --- the direct path for plain paragraphs gives what Markdown would --------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefgen.write.sanitise import _plain_paragraph, _through_markdown  # noqa: E402


def described(entity_id: str) -> tuple[str, str, str] | None:
    return {"pokrovsk": ("Pokrovsk", "../../places/pokrovsk/", "Place · a rail hub"),
            "kyiv": ("Kyiv", "../../places/kyiv/", "")}.get(entity_id)


WORDS = st.lists(st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(["[[pokrovsk]]", "[[kyiv|the capital]]", "[[nowhere]]", "1. ", "- ", "  ",
                     "“quoted”", "it's", "a, b; c: d", "10 %", "#", "*x*", "<b>", "&amp;"]),
), max_size=8).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(WORDS, st.booleans())
def test_the_direct_path_renders_what_markdown_renders(text: str, inline: bool) -> None:
    fast = _plain_paragraph(text, described, inline)
    if fast is not None:
        assert fast == str(_through_markdown(text, described, inline)), text


def test_plain_roles_take_the_direct_path() -> None:
    assert _plain_paragraph("Mayor of [[kyiv]], quoted on [[pokrovsk]] twice: [[pokrovsk]].",
                            described, True) == (
        'Mayor of <a href="../../places/kyiv/">Kyiv</a>, quoted on '
        '<a href="../../places/pokrovsk/" title="Place · a rail hub">Pokrovsk</a> twice: Pokrovsk.')
    assert _plain_paragraph("*bold* words", described, True) is None
