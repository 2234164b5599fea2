"""The restricted Markdown renderer: entity links, and nothing unsafe survives."""

from __future__ import annotations

import pytest

from briefgen.render import entity_ids_in, render_markdown


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
