"""Hostile text in briefs and the registry comes out inert in every output file."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from tests.conftest import MINI, ROOT, copy_project, mkdocs_build, read
from tests.htmlread import ActiveContent

EVIL_NAME = "Anna </title><script>alert('name')</script> Kovalenko"
EVIL_TITLE = "Alpha <img src=x onerror=alert('title')> report"
EVIL_SUMMARY = (
    "[[anna-kovalenko]] said <script>alert('summary')</script> and "
    "[click](JaVaScRiPt:alert('mixed')) and [two](&#106;avascript:alert('entity')) "
    "and [three](java&#x09;script:alert('tab')).\n\n"
    "{: onclick=\"alert('attr')\" }\n\n"
    '--8<-- "/etc/passwd"\n\n'
    "{{ config }}\n"
)
EVIL_ROLE = "<a href=\"javascript:alert('role')\" onmouseover=\"alert('role2')\">hover</a>"


def hostile_project(tmp_path: Path) -> Path:
    project = copy_project(MINI, tmp_path / "p")
    data = project / "data"
    people = data / "people.yml"
    people.write_text(people.read_text().replace("name: Anna Kovalenko", f"name: {json.dumps(EVIL_NAME)}"))
    alpha = data / "briefs" / "alpha.yml"
    text = alpha.read_text()
    text = text.replace("title: Alpha report on Pokrovsk", f"title: {json.dumps(EVIL_TITLE)}")
    summary = "".join(f"  {line}\n" for line in EVIL_SUMMARY.splitlines())
    old_summary = "summary: |\n  [[anna-kovalenko]] expects [[pokrovsk]] to fall soon.\n"
    text = text.replace(old_summary, f"summary: |\n{summary}")
    text = text.replace("role: Analyst who expects the city to fall.", f"role: {json.dumps(EVIL_ROLE)}")
    alpha.write_text(text)
    return project


def test_hostile_text_is_inert_in_every_output_file(tmp_path: Path) -> None:
    project = hostile_project(tmp_path)
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    checked = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".svg", ".csv", ".json", ".xml"}:
            continue
        text = path.read_text(encoding="utf-8")
        checked += 1
        if path.suffix == ".csv":
            # CSV is data, not markup: text stays as written, but no cell may
            # start a spreadsheet formula.
            cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
            assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], path
            continue
        active = ActiveContent(text)
        assert not [s for s in active.scripts if "alert(" in s], path
        for block in active.json_ld:
            # The hostile text is there as data, escaped so it cannot end the element.
            assert "<" not in block and isinstance(json.loads(block), dict), path
        assert active.handlers == [], (path, active.handlers)
        assert active.unsafe_urls() == [], path
        # Raw, unescaped payloads must not appear in any file, whatever its type.
        assert "<script>alert(" not in text, path
        assert "<img src=x" not in text, path
    assert checked > 20

    brief = read(site, "briefs/alpha")
    title = re.search(r"<title>(.*?)</title>", brief, re.S)
    assert title and "&lt;img src=x onerror=alert" in title.group(1)
    assert "{{ config }}" in brief  # shown as text, never evaluated
    assert "--8&lt;--" in brief  # shown as text, never included
    assert "/etc/passwd" in brief and "root:" not in brief
    assert "{: onclick" in brief  # the attribute list stays literal text
    person = read(site, "people/anna-kovalenko")
    assert "&lt;/title&gt;&lt;script&gt;" in person


def test_search_index_holds_hostile_text_as_text_the_search_box_shows_as_text(tmp_path: Path) -> None:
    import gzip
    import json

    project = hostile_project(tmp_path)
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    fragments = sorted((site / "search" / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments
    found = [json.loads(gzip.decompress(f.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd"))
             for f in fragments]
    # Pagefind keeps a page's text, so the hostile words are there as words...
    assert any("alert(" in page["content"] for page in found)
    # ...and the search box only ever inserts text: no HTML is built from an index entry.
    script = (ROOT / "briefgen" / "write" / "search.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in script


