"""Long lists are split into pages with stable URLs; no page grows with the corpus."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from briefgen.build.steps import generate_site
from briefgen.model import Mention, Quote
from briefgen.write.charts import ChartCache
from briefgen.write.templating import INLINE
from briefgen.write.urls import paged_path
from briefgen.write.view import PER_PAGE, Pager, paginate
from tests.corpus_factory import DEFAULT_ENTITIES, brief, corpus, entity, figure

BRIEFS = 2 * PER_PAGE + 30


def many_briefs() -> list:
    found = []
    for n in range(BRIEFS):
        b = brief(f"b{n:04d}", figure("pop", "population-prewar", "pokrovsk", 60000 + n),
                  published=f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}")
        found.append(dataclasses.replace(
            b,
            mentions=(Mention("pokrovsk", "The city."), Mention("volodymyr-zelensky", "Speaks.")),
            quotes=(Quote("q", "volodymyr-zelensky", f"We hold line {n}."),),
        ))
    return found


def test_paged_paths_keep_the_first_page_where_it_was() -> None:
    assert paged_path("briefs/index.md", 1) == "briefs/index.md"
    assert paged_path("briefs/index.md", 2) == "briefs/page/2.md"
    assert paged_path("index.md", 3) == "page/3.md"
    assert paged_path("places/pokrovsk/briefs.md", 2) == "places/pokrovsk/briefs/page/2.md"
    assert [p for p, _, _ in paginate("x.md", list(range(5)), 2)] == ["x.md", "x/page/2.md", "x/page/3.md"]
    assert paginate("x.md", [])[0][2] == Pager(1, 1, "x.md")
    assert Pager(7, 20, "x.md").numbers() == [1, None, 5, 6, 7, 8, 9, None, 20]


def test_indexes_and_entity_lists_are_paginated(tmp_path: Path) -> None:
    files = {f.path: str(f.content) for f in generate_site(corpus(*many_briefs()), ChartCache(tmp_path))}
    # The brief index: three pages, each linking the others.
    assert {"briefs/index.md", "briefs/page/2.md", "briefs/page/3.md"} <= set(files)
    assert "briefs/page/4.md" not in files
    first = files["briefs/index.md"]
    assert first.count("<tr><td data-label=") == PER_PAGE
    assert '<a href="page/2/">2</a>' in first and '<a href="page/3/">3</a>' in first
    assert files["briefs/page/3.md"].count("<tr><td data-label=") == BRIEFS - 2 * PER_PAGE
    assert '<a href="../../">1</a>' in files["briefs/page/2.md"]
    # An entity page shows the newest few and links the full, paginated list.
    place = files["places/pokrovsk.md"]
    listed = place.split('<ul class="bg-appearances" data-pagefind-ignore>')[1].split("</ul>")[0]
    assert listed.count("<li>") == INLINE
    assert f'<a href="briefs/">All {BRIEFS} briefs, newest first →</a>' in place
    assert "places/pokrovsk/briefs/page/3.md" in files
    person = files["people/volodymyr-zelensky.md"]
    assert person.count('<blockquote class="bg-quote" data-pagefind-ignore>') == INLINE
    assert f"All {BRIEFS} quotes" in person
    # Every value of a large comparison is listed, a page at a time.
    last = files["figures/population-prewar/pokrovsk/page/3.md"]
    assert last.count('<tr id="value-') == BRIEFS - 2 * PER_PAGE
    # The metric page summarises by subject instead of listing every value.
    assert files["figures/population-prewar.md"].count('<tr id="subject-') == 1


def test_no_page_holds_more_rows_than_a_page_allows(tmp_path: Path) -> None:
    files = generate_site(corpus(*many_briefs()), ChartCache(tmp_path))
    for f in files:
        if f.path.endswith(".md"):
            rows = len(re.findall(r"<tr[ >]", str(f.content)))
            assert rows <= PER_PAGE + INLINE + 40, (f.path, rows)


def test_corroborated_values_are_paginated_off_the_discrepancies_page(tmp_path: Path) -> None:
    # Two outlets agree on each of many towns' populations: one corroboration a town.
    towns = tuple(entity(f"town-{n:02d}", f"Town {n:02d}") for n in range(INLINE + 5))
    found = []
    for town in towns:
        for outlet in ("washington-post", "kyiv-independent"):
            # Each outlet's own count, attributed to it: an identified source.
            b = brief(f"{town.id}-{outlet}", figure("pop", "population-prewar", town.id, 60000,
                                                      claimed_by=outlet), outlet=outlet)
            found.append(dataclasses.replace(b, mentions=(Mention(town.id, "The town."),)))
    c = corpus(*found, entities=DEFAULT_ENTITIES + towns)
    files = {f.path: str(f.content) for f in generate_site(c, ChartCache(tmp_path))}
    page = files["figures/discrepancies.md"]
    assert page.count('<td data-label="Value">60,000 people</td>') == INLINE
    assert f"All {len(towns)} corroborated values →" in page
    assert files["figures/corroborated.md"].count('<td data-label="Value">60,000 people</td>') == len(towns)


def test_each_paged_list_names_its_two_pagers_apart(tmp_path: Path) -> None:
    # Above and below the list: a screen reader lists landmarks by name, and two
    # navigations called "Pages" cannot be told apart (axe's landmark-unique).
    files = {f.path: str(f.content) for f in generate_site(corpus(*many_briefs()), ChartCache(tmp_path))}
    paged = [path for path, text in files.items() if 'class="bg-pager"' in text]
    assert {"briefs/index.md", "places/pokrovsk/briefs.md"} <= set(paged)
    for path in paged:
        labels = re.findall(r'<nav class="bg-pager" aria-label="([^"]+)"', files[path])
        assert len(labels) == 2 and len(set(labels)) == 2, (path, labels)
