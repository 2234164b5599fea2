"""Markup in every free-text field a contributor writes, and in the vocabulary's
labels: the site builds, and no page, chart or feed carries it as markup.

Each payload must come out as text (escaped) or not at all; a payload found
unescaped in any HTML, SVG or XML file of the site fails the test."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import MINI, copy_project, mkdocs_build

PAYLOADS = {
    "img": "<img src=x onerror=alert(11)>",
    "attr": '"><svg onload=alert(12)>',
    "script": "</title><script>alert(13)</script>",
    "style": "<style>body{display:none}</style>",
}
# Where each goes: (file under data/, text replaced, replacement holding {p}).
PLACES = [
    ("briefs/alpha.yml", "title: Alpha report on Pokrovsk", "title: 'Alpha {p}'"),
    ("briefs/alpha.yml", "  - The city is nearly surrounded.", "  - 'Surrounded {p}'"),
    ("briefs/alpha.yml", "    role: The city under attack.", "    role: 'Under attack {p}'"),
    ("briefs/alpha.yml", "    context: Size of the city before the war.", "    context: 'Size {p}'"),
    ("briefs/alpha.yml", '    text: "The city will fall within weeks."', "    text: 'Fall {p}'"),
    ("briefs/alpha.yml", "    context: Speaking to the paper.", "    context: 'Speaking {p}'"),
    ("briefs/alpha.yml", "    what: Small groups enter [[pokrovsk]].",
     "    what: 'Groups enter [[pokrovsk]] {p}'"),
    ("briefs/alpha.yml", "    text: The fall of the city is imminent.", "    text: 'Imminent {p}'"),
    ("briefs/alpha.yml", "  One named analyst; the numbers are hers.", "  One analyst {p}"),
    ("briefs/alpha.yml", "  [[anna-kovalenko]] expects [[pokrovsk]] to fall soon.",
     "  [[anna-kovalenko]] expects [[pokrovsk]] to fall {p}"),
    ("people.yml", "  description: Fictional analyst used by the tests.", "  description: 'Analyst {p}'"),
    ("places.yml", "  description: City used by the tests.", "  description: 'City {p}'"),
    ("organisations.yml", "  description: Fictional think tank used by the tests.",
     "  description: 'Think tank {p}'"),
    ("metrics.yml", "  label: Pre-war population", "  label: 'Pre-war {p}'"),
    ("metrics.yml", "  description: People living in a place before February 2022.",
     "  description: 'People {p}'"),
    ("topics.yml", "  description: The fight for the city and its roads.", "  description: 'Fight {p}'"),
    ("topics.yml", "  name: Battle of Bakhmut", "  name: 'Battle {p}'"),
]
VOCABULARY = """sides:
  independent:
    label: 'Independent {p}'
    colour: "#009E73"
  media:
    label: Journalists
    colour: "#CC79A7"
  russia:
    label: Russian officials
    colour: "#D55E00"
qualifiers:
  about: 'about {p}'
kinds:
  person: [analyst, commander, official]
  place: [city, region]
  organisation: [media-outlet, think-tank]
"""


class _Injected(HTMLParser):
    """Elements and attributes a payload would add if it were markup: an event
    handler running alert(1x), a script or style holding it, an element named x."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._inside: str | None = None
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") and "alert(1" in (value or ""):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")
        self._inside = tag if tag in ("script", "style") else None
        self._json = dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        # JSON-LD holds the text, with <, > and & as \u escapes: markup only if a raw < is left.
        if self._inside and (("<" in data) if self._json else ("alert(1" in data or "display:none" in data)):
            self.found.append(f"<{self._inside}>{data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self._inside = None


def _yaml_safe(payload: str) -> str:
    return payload.replace("'", "''")


def test_no_markup_a_contributor_writes_reaches_a_page(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    data = project / "data"
    payloads = list(PAYLOADS.values())
    for number, (file, old, new) in enumerate(PLACES):
        path = data / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new.format(p=_yaml_safe(payloads[number % len(payloads)])), 1),
                        encoding="utf-8")
    (data / "vocabulary.yml").write_text(VOCABULARY.format(p=_yaml_safe(PAYLOADS["img"])), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    published = [p for p in site.rglob("*") if p.suffix in (".html", ".svg", ".xml")]
    assert len(published) > 30
    found = []
    for path in published:
        parser = _Injected()
        parser.feed(path.read_text(encoding="utf-8"))
        found += [(path.relative_to(site).as_posix(), what) for what in parser.found]
    assert found == []
    # The words are there, as text: the brief's title on its page.
    page = (site / "briefs" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "Alpha &lt;img src=x onerror=alert(11)&gt;" in page
