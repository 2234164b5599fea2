"""The theme override prints every setting of mkdocs.yml as text, never as markup.

main.html is rendered here over a stand-in for Material's base.html that only
declares the blocks main.html fills, with hostile values in every setting it
prints (as if the settings check had been bypassed): none reaches the page as markup.
"""

from __future__ import annotations

from html.parser import HTMLParser
from types import SimpleNamespace

import jinja2
import pytest

from briefgen.build.steps import THEME_DIR

HOSTILE = '"><script>alert(1)</script><x y="'
STAND_IN_BASE = "<head>{% block site_meta %}{% endblock %}{% block htmltitle %}{% endblock %}" \
    "{% block extrahead %}{% endblock %}</head>"


class _Head(HTMLParser):
    """Every start tag with its attributes, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _render(**config: object) -> str:
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(str(THEME_DIR)),
        jinja2.DictLoader({
            "base.html": STAND_IN_BASE,
            "partials/language.html": "{% macro t(key) %}{{ key }}{% endmacro %}",
        }),
    ]))
    env.filters["url"] = lambda value: value
    settings = {"site_name": "Briefings", "site_description": "", "site_author": "", "extra": {},
                "plugins": {}, "theme": {"favicon": "img/favicon.png"}, **config}
    page = SimpleNamespace(meta={}, title="A page", is_homepage=False, previous_page=None, next_page=None,
                           canonical_url=str(config.get("site_url", "")) + "a-page/")
    return env.get_template("main.html").render(config=settings, page=page, base_url="..",
                                                mkdocs_version="1.6.1")


@pytest.mark.parametrize("setting", ["site_name", "site_description", "site_author", "site_url"])
def test_a_hostile_setting_is_printed_as_text_in_every_head_element(setting: str) -> None:
    value = ("https://e.example/x" + HOSTILE) if setting == "site_url" else HOSTILE
    head = _render(**{setting: value})
    assert "<script>" not in head and "<x " not in head, head
    parsed = _Head()
    parsed.feed(head)
    assert {tag for tag, _ in parsed.tags} <= {"head", "meta", "link", "title"}, parsed.tags
    # The value is still there, whole, as the text of an attribute or of the title.
    texts = [parsed.title] + [value or "" for _, attrs in parsed.tags for value in attrs.values()]
    assert any(value in text for text in texts), head


PYTHON_ONLY = ("rstrip", "lstrip", "strip", "startswith", "endswith", "split", "replace", "join",
               "format", "lower", "upper")


def test_the_theme_override_calls_no_python_string_method():
    # An export's theme override is read by Zensical too, whose templates
    # (MiniJinja) have Jinja's filters but not Python's string methods:
    # `base_url.rstrip('/')` stopped `zensical build` of every export.
    import re

    for template in THEME_DIR.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        called = re.findall(r"\.(" + "|".join(PYTHON_ONLY) + r")\(", text)
        assert not called, f"{template.name} calls {called}"
