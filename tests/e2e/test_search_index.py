"""A real build's search: Pagefind's index in pieces, Material's own left out, every page's text in it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import ROOT, copy_project, mkdocs_build, read


def test_the_build_writes_pagefinds_index_in_pieces_and_no_whole_site_index(real_site):
    pagefind = real_site / "search" / "pagefind"
    assert (pagefind / "pagefind.js").is_file()
    pieces = list((pagefind / "index").glob("*.pf_index"))
    fragments = list((pagefind / "fragment").glob("*.pf_fragment"))
    assert len(pieces) > 1 and len(fragments) > 100
    assert not (real_site / "search" / "search_index.json").exists()
    assert (real_site / "search" / "search.js").is_file()


def test_every_page_offers_briefgens_named_search_dialog_and_not_materials(real_site):
    for page in ("", "places/pokrovsk/", "briefs/"):
        html = read(real_site, page)
        dialog = re.search(r'<div class="md-search" role="dialog" aria-label="([^"]+)"', html)
        assert dialog and dialog.group(1) == "Search", page
        assert 'data-md-component="search"' not in html  # Material's search stays asleep
        assert "data-pagefind-body" in html
        # The header's search button is named by hidden text: a <label> may not carry aria-label.
        assert re.search(r'<label class="md-header__button md-icon" for="__search">\s*<svg.*?</svg>\s*'
                         r'<span class="bg-visually-hidden">Search</span>\s*</label>', html, re.S), page


def test_an_entity_page_carries_every_spelling_for_the_index_to_weigh(real_site):
    html = read(real_site, "people/oleksandr-syrskyi/")
    terms = re.search(r'<p class="bg-search-terms" hidden data-pagefind-weight="10">([^<]*)</p>', html)
    assert terms
    for spelling in ("Сирський", "Сырский", "Syrskiy", "Syrskyi", "Oleksandr Sirskiy"):
        assert spelling in terms.group(1)


def test_the_index_holds_every_page_that_offers_its_text_to_search(real_site):
    offered = [page for page in real_site.rglob("*.html")
               if "data-pagefind-body" in page.read_text(encoding="utf-8")]
    entry = json.loads((real_site / "search" / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(offered) > 100


def test_search_false_leaves_materials_search_as_configured(tmp_path: Path):
    project = copy_project(ROOT, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - briefgen\n", "  - briefgen:\n      search: false\n"), encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "search" / "search_index.json").is_file()
    assert not (project / "site" / "search" / "pagefind").exists()
    assert 'data-md-component="search"' in read(project / "site", "")


def test_a_build_whose_pages_are_unchanged_reuses_the_last_index(tmp_path: Path):
    from tests.conftest import MINI

    project = copy_project(MINI, tmp_path / "project")
    kept = project / ".cache" / "briefgen"

    def build_and_index() -> tuple[bytes, list[str]]:
        result = mkdocs_build(project, project / "site")
        assert result.returncode == 0, result.stderr
        entry = (project / "site" / "search" / "pagefind" / "pagefind-entry.json").read_bytes()
        return entry, sorted(path.name for path in kept.glob("search-index-*"))

    first, kept_first = build_and_index()
    assert len(kept_first) == 1
    again, kept_again = build_and_index()
    assert (again, kept_again) == (first, kept_first)
    brief = project / "data" / "briefs" / "alpha.yml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("title: ", "title: Changed, ", 1),
                     encoding="utf-8")
    _, kept_after = build_and_index()
    assert len(kept_after) == 1 and kept_after != kept_first  # made again, the old one dropped


def _indexed_text(site: Path) -> dict[str, str]:
    """What Pagefind holds of each page: its fragments, gzip'd JSON after a signature."""
    import gzip

    texts = {}
    for fragment in (site / "search" / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data.removeprefix(b"pagefind_dcd"))
        texts[record["url"]] = record["content"]
    return texts


def test_the_index_holds_what_a_page_says_not_the_lists_of_other_pages(real_site):
    # Lists of other pages' content (a place's briefs, figures and events; a
    # brief's related briefs and the data behind its chart) are searchable on
    # their own pages: indexed again they crowd every result for a name, and
    # cost Pagefind a third of its memory at 1,000 briefs.
    texts = _indexed_text(real_site)
    place = texts["/places/pokrovsk/"]
    assert "Pokrovsk" in place and "Also written" in place
    html = read(real_site, "places/pokrovsk/")
    listed = re.search(r'<ul class="bg-appearances" data-pagefind-ignore>(.*?)</ul>', html, re.S)
    assert listed
    for title in re.findall(r"<a [^>]*>([^<]+)</a>", listed.group(1)):
        assert title not in place
    brief = texts["/briefs/pokrovsk-on-the-brink/"]
    page = read(real_site, "briefs/pokrovsk-on-the-brink/")
    summary = re.search(r'<div class="bg-summary">\s*<p>(.*?)</p>', page, re.S)
    assert summary
    first_words = " ".join(re.sub(r"<[^>]+>", "", summary.group(1)).split()[:6])
    assert first_words in brief
    assert "The data behind this chart" not in brief
