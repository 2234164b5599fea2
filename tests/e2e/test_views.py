"""The reader's views and what travels: downloads, topics, timeline, feed, structured data.

Each is generated from the mini corpus (and the real one) and checked in what a
reader or a tool gets: parsed JSON, parsed XML, the HTML of a real build.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from briefgen.build.steps import generate_site
from briefgen.model import Corpus, Event, Mention, PartialDate, Topic
from briefgen.read.load import load_corpus
from briefgen.write.charts import ChartCache
from briefgen.write.metadata import html_safe_json
from briefgen.write.urls import SECTION_OF_KIND
from tests import corpus_factory as cf
from tests.conftest import MINI, ROOT, copy_project, mkdocs_build, read

SITE_URL = "https://briefings.example.org/"


@pytest.fixture(scope="module")
def mini_corpus() -> Corpus:
    return load_corpus(MINI / "data", display_root=MINI)


@pytest.fixture(scope="module")
def real_corpus() -> Corpus:
    return load_corpus(ROOT / "data", display_root=ROOT)


def generated(corpus: Corpus, cache: Path, site_url: str = SITE_URL) -> dict[str, str | bytes]:
    return {o.path: o.content for o in generate_site(corpus, ChartCache(cache), site_url=site_url)}


@pytest.fixture(scope="module")
def mini_outputs(mini_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    return generated(mini_corpus, tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def real_outputs(real_corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | bytes]:
    return generated(real_corpus, tmp_path_factory.mktemp("cache"))


def loaded(outputs: dict[str, str | bytes], name: str) -> dict:
    text = outputs[f"data/{name}.json"]
    assert isinstance(text, str)
    return json.loads(text)


# --- data downloads ------------------------------------------------------------------


@pytest.mark.parametrize("which", ["mini", "real"])
def test_every_json_download_parses_and_matches_the_corpus_counts(which: str, request) -> None:
    corpus: Corpus = request.getfixturevalue(f"{which}_corpus")
    outputs = request.getfixturevalue(f"{which}_outputs")
    expected = {
        "briefs": [b.id for b in corpus.briefs],
        "entities": [e.id for e in corpus.entities],
        "figures": [f"{b.id}/{f.id}" for b in corpus.briefs for f in b.figures],
        "events": [f"{b.id}/{e.id}" for b in corpus.briefs for e in b.events],
        "claims": [f"{b.id}/{c.id}" for b in corpus.briefs for c in b.claims],
    }
    for name, ids in expected.items():
        data = loaded(outputs, name)
        items = data[name]
        assert data["count"] == len(items) == len(ids) > 0
        key = {"briefs": "id", "entities": "id"}.get(name)
        found = [i[key] if key else f"{i['brief']}/{i[name[:-1]]}" for i in items]
        assert sorted(found) == sorted(ids)


def test_json_downloads_are_deterministic_with_sorted_keys(mini_corpus, mini_outputs, tmp_path) -> None:
    again = generated(mini_corpus, tmp_path)
    for name in ("briefs", "entities", "figures", "events", "claims"):
        path = f"data/{name}.json"
        assert again[path] == mini_outputs[path]
        text = mini_outputs[path]
        assert isinstance(text, str)
        data = json.loads(text)
        items = data[name]
        assert list(data) == sorted(["count", name]) and data["count"] == len(items) > 0
        # One item per line, keys sorted: a diff of two builds shows the items that changed.
        lines = text.splitlines()
        assert len(lines) == len(items) + 2
        for line, item in zip(lines[1:-1], items, strict=True):
            one = json.dumps(item, sort_keys=True, ensure_ascii=False)
            assert line.removesuffix(",") == html_safe_json(one)


def test_figures_json_carries_reading_claimant_and_the_verdict_the_pages_show(real_outputs) -> None:
    figures = loaded(real_outputs, "figures")["figures"]
    verdicts = {f["verdict"] for f in figures}
    assert verdicts <= {"conflicting", "series", "corroborated", "consistent", "single"}
    # Since the verdicts were reviewed (issue 19), no values of the real corpus conflict:
    # its one former conflict, 21 months against "nearly two years", is consistent.
    assert {"consistent", "series"} <= verdicts and "conflicting" not in verdicts
    for f in figures:
        assert f["reason"] or f["verdict"] == "single"
        assert f["page"].startswith(SITE_URL + f"briefs/{f['brief']}/#figure-")
        assert f["claimant"] is not None or f["claimed_by"] is None
        normalised = f["normalised"]
        assert normalised["low"] is not None or normalised["high"] is not None
        if f["discrepancies"]:
            assert f["verdict"] == "conflicting"


def test_events_json_is_in_date_order(real_outputs) -> None:
    events = loaded(real_outputs, "events")["events"]
    # A date known to the month or year sorts at its first day.
    dates = [tuple(int(p) for p in (e["date"] + "-01-01").split("-")[:3]) for e in events]
    assert dates == sorted(dates)


def test_links_in_downloads_are_relative_to_the_root_without_a_site_url(mini_corpus, tmp_path) -> None:
    outputs = generated(mini_corpus, tmp_path, site_url="")
    briefs = loaded(outputs, "briefs")["briefs"]
    assert {b["page"] for b in briefs} == {f"briefs/{b.id}/" for b in mini_corpus.briefs}


def test_the_data_page_links_every_download_from_a_real_build(mini_site: Path) -> None:
    html = read(mini_site, "data")
    for name in ("briefs", "entities", "figures", "events", "claims"):
        assert f'href="{name}.json"' in html
        json.loads((mini_site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert 'href="../figures/population-prewar.csv"' in html
    # The data page is a section in the nav of every page.
    assert 'href="data/"' in read(mini_site, "")


# --- topics ----------------------------------------------------------------------------


def test_topic_pages_list_their_briefs_and_briefs_link_their_topics(mini_site: Path) -> None:
    topics = read(mini_site, "topics")
    assert 'href="pokrovsk/"' in topics and 'href="bakhmut-battle/"' in topics
    pokrovsk = read(mini_site, "topics/pokrovsk")
    # Newest first: beta (November 2025) before alpha.
    assert pokrovsk.index('href="../../briefs/beta/"') < pokrovsk.index('href="../../briefs/alpha/"')
    assert '<meta name="description" content="The fight for the city and its roads.">' in pokrovsk
    beta = read(mini_site, "briefs/beta")
    assert '<a href="../../topics/pokrovsk/">Pokrovsk</a>' in beta
    assert '<a href="../../topics/bakhmut-battle/">Battle of Bakhmut</a>' in beta
    assert 'href="topics/"' in read(mini_site, "")


def test_every_topic_a_real_brief_names_has_a_page_listing_it(real_corpus, real_outputs) -> None:
    for brief in real_corpus.briefs:
        for topic_id in brief.topics:
            page = real_outputs[f"topics/{topic_id}.md"]
            assert isinstance(page, str) and f'href="../../briefs/{brief.id}/"' in page


def test_a_long_topic_is_paginated(tmp_path: Path) -> None:
    briefs = [replace(cf.brief(f"b{n:03d}"), topics=("siege",)) for n in range(205)]
    corpus = replace(cf.corpus(*briefs), topics=(Topic("siege", "Siege", "Long sieges."),))
    outputs = generated(corpus, tmp_path)
    assert {"topics/siege.md", "topics/siege/page/2.md", "topics/siege/page/3.md"} <= set(outputs)
    assert "topics/siege/page/4.md" not in outputs
    listed = sum(str(outputs[p]).count('href="../../') for p in outputs if p.startswith("topics/siege"))
    assert listed >= 205


# --- timeline --------------------------------------------------------------------------

EVENT_ROW = re.compile(r'<a href="([^"]*#event-[^"]*)">')


def test_the_timeline_lists_every_event_in_date_order_linked_to_its_brief(mini_site: Path) -> None:
    html = read(mini_site, "timeline")
    assert EVENT_ROW.findall(html) == [
        "../briefs/beta/#event-siege-begins",
        "../briefs/beta/#event-bakhmut-taken",
        "../briefs/alpha/#event-incursion",
    ]
    # Each date at the precision written; months as headings; places and actors linked.
    assert '<time datetime="2022">2022</time>' in html
    assert '<time datetime="2023-05-20">20 May 2023</time>' in html
    # One table, a heading row per month, in date order; the intro names the period shown.
    assert "This page shows all of them, from 2022 to October 2025," in re.sub(r"<[^>]+>", "", html)
    months = re.findall(r'<tr class="bg-month"><th colspan="5" scope="colgroup" id="[^"]+">([^<]+)</th>',
                        html)
    assert months == ["2022, month not given", "May 2023", "October 2025"]
    assert html.count("<table") == 1
    assert re.search(r'<a href="\.\./places/bakhmut/"[^>]*>Bakhmut</a>', html)
    assert '<a href="../people/boris-ivanov/"' in html
    for anchor in ("event-siege-begins", "event-bakhmut-taken"):
        assert f'id="{anchor}"' in read(mini_site, "briefs/beta")
    # Year pages and the chart heading the page.
    assert 'href="2023/"' in html and 'src="events-per-month.svg"' in html
    assert "#event-bakhmut-taken" in read(mini_site, "timeline/2023")
    assert "#event-incursion" not in read(mini_site, "timeline/2023")
    assert (mini_site / "timeline" / "events-per-month.svg").read_text(encoding="utf-8").startswith("<?xml")
    assert 'href="timeline/"' in read(mini_site, "")


def test_the_real_timeline_shows_every_event_once_in_order(real_corpus, real_outputs) -> None:
    from briefgen.analyse.registry import Registry

    # In date order, with the events known only to a year heading that year.
    by_date = Registry(real_corpus).events_by_date
    ordered = sorted(by_date, key=lambda pair: (pair[1].date.year, pair[1].date.month or 0))
    expected = [f"{b.id}/#event-{e.id}" for b, e in ordered]
    year_pages = sorted(p for p in real_outputs if re.fullmatch(r"timeline/\d{4}\.md", p))
    found = [m.removeprefix("../../briefs/") for p in year_pages
             for m in EVENT_ROW.findall(str(real_outputs[p]))]
    assert found == expected


def test_a_long_timeline_keeps_its_first_page_short_and_paginates_years(tmp_path: Path) -> None:
    # 300 distinct events: alike words at one place on one day in two briefs would be one event.
    events = [Event(f"e{n:03d}", PartialDate(2024 + n // 150, n % 12 + 1, n // 12 % 28 + 1), "Shelling.",
                    places=("pokrovsk",)) for n in range(300)]
    briefs = [replace(cf.brief(f"b{n:02d}"), events=tuple(events[n * 10:(n + 1) * 10]),
                      mentions=(Mention("pokrovsk", "Target."),)) for n in range(30)]
    outputs = generated(cf.corpus(*briefs), tmp_path)
    first = str(outputs["timeline/index.md"])
    assert 0 < len(EVENT_ROW.findall(first)) <= 100
    assert {"timeline/2024.md", "timeline/2024/page/2.md", "timeline/2025.md"} <= set(outputs)
    rows = sum(len(EVENT_ROW.findall(str(outputs[p]))) for p in outputs
               if p.startswith(("timeline/2024", "timeline/2025")))
    assert rows == 300
    svg = outputs["timeline/events-per-month.svg"]
    assert svg == generated(cf.corpus(*briefs), tmp_path / "fresh")["timeline/events-per-month.svg"]


# --- reach: sitemap, canonical links, descriptions, Open Graph, the feed ---------------

POKROVSK = "City used by the tests."
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def pages_of(site: Path) -> list[str]:
    """Every page's directory URL relative to the site root ("" for the home page)."""
    found = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        found.append("" if rel == "." else rel + "/")
    return found


def test_the_sitemap_lists_every_page_and_pages_carry_canonical_links(mini_site: Path) -> None:
    sitemap = (mini_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>(.*?)</loc>", sitemap))
    pages = pages_of(mini_site)
    assert {SITE_URL + p for p in pages} <= listed
    for page in ("briefs/alpha/", "places/pokrovsk/", "timeline/", "topics/pokrovsk/"):
        assert f'<link rel="canonical" href="{SITE_URL}{page}">' in read(mini_site, page)


def test_brief_and_entity_pages_have_their_own_description_and_open_graph(mini_site: Path) -> None:
    alpha = read(mini_site, "briefs/alpha")
    assert '<meta name="description" content="Anna Kovalenko expects Pokrovsk to fall soon.">' in alpha
    assert '<meta property="og:description" content="Anna Kovalenko expects Pokrovsk to fall soon.">' in alpha
    assert '<meta property="og:title" content="Alpha report on Pokrovsk">' in alpha
    assert '<meta property="og:type" content="article">' in alpha
    assert f'<meta property="og:url" content="{SITE_URL}briefs/alpha/">' in alpha
    place = read(mini_site, "places/pokrovsk")
    assert f'<meta name="description" content="{POKROVSK}">' in place
    assert f'<meta property="og:description" content="{POKROVSK}">' in place
    assert '<meta property="og:type" content="website">' in place
    assert '<link rel="alternate" type="application/atom+xml"' in alpha


def test_the_feed_lists_briefs_newest_first_and_links_their_pages(mini_site: Path, mini_corpus) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(mini_site / "feed.xml").getroot()
    entries = feed.findall("a:entry", ns)
    dated = [b for b in mini_corpus.briefs if b.published.date]
    assert len(entries) == len(dated) == 2
    links = [e.find("a:link", ns).get("href") for e in entries]
    assert links == [f"{SITE_URL}briefs/beta/", f"{SITE_URL}briefs/alpha/"]
    for link in links:
        assert (mini_site / link.removeprefix(SITE_URL) / "index.html").is_file()
    updated = [e.find("a:updated", ns).text for e in entries]
    assert updated == sorted(updated, reverse=True)
    # Beta's date is approximate, and the entry says so.
    assert "approximate" in entries[0].find("a:summary", ns).text
    assert "approximate" not in entries[1].find("a:summary", ns).text


# --- structured data ---------------------------------------------------------------------


def jsonld_of(html: str) -> dict:
    [script] = JSONLD.findall(html)
    return json.loads(script)


def test_every_brief_page_carries_json_ld_that_parses(mini_site: Path, mini_corpus) -> None:
    for brief in mini_corpus.briefs:
        data = jsonld_of(read(mini_site, f"briefs/{brief.id}"))
        assert data["@context"] == "https://schema.org"
        assert data["headline"] == brief.title
        assert data["mainEntityOfPage"] == f"{SITE_URL}briefs/{brief.id}/"
        named = data.get("about", []) + data.get("mentions", [])
        kinds = {e.id: e.kind for e in mini_corpus.entities}
        mentioned = {f"{SITE_URL}{SECTION_OF_KIND[kinds[m.entity]]}/{m.entity}/" for m in brief.mentions}
        assert sorted(e["url"] for e in named) == sorted(mentioned)
    alpha = jsonld_of(read(mini_site, "briefs/alpha"))
    assert alpha["@type"] == "NewsArticle" and alpha["datePublished"] == "2025-10-29"
    assert alpha["publisher"]["name"] == "The Daily Test"


def test_entity_pages_carry_json_ld_of_their_kind(real_outputs, real_corpus) -> None:
    for entity in real_corpus.entities:
        page = str(real_outputs[f"{SECTION_OF_KIND[entity.kind]}/{entity.id}.md"])
        meta = yaml.safe_load(page.split("---\n")[1])
        data = json.loads(meta["jsonld"])
        assert data["@type"] == SCHEMA_TYPES[entity.kind]
        assert data["name"] == entity.name
        if entity.wikidata:
            assert data["sameAs"] == f"https://www.wikidata.org/wiki/{entity.wikidata}"
        if entity.latitude is not None:
            assert data["geo"] == {"@type": "GeoCoordinates", "latitude": entity.latitude,
                                   "longitude": entity.longitude}


SCHEMA_TYPES = {"person": "Person", "place": "Place", "organisation": "Organization"}
HOSTILE = '</script><script>alert(1)</script><!-- & "quoted" \'single\' -->'


def test_a_hostile_title_cannot_close_the_script_and_survives_as_data(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "project")
    brief = project / "data" / "briefs" / "alpha.yml"
    text = brief.read_text(encoding="utf-8")
    brief.write_text(re.sub(r"^title: .*$", "title: " + json.dumps(HOSTILE), text, count=1, flags=re.M),
                     encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    html = read(project / "site", "briefs/alpha")
    assert "<script>alert(1)" not in html
    data = jsonld_of(html)
    assert data["headline"] == HOSTILE
    assert html.count("</script>") == html.count("<script")
    assert '<meta property="og:title" content="&lt;/script&gt;' in html
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    titles = [t.text for t in ET.fromstring(feed).iter("{http://www.w3.org/2005/Atom}title")]
    assert HOSTILE in titles


# --- connections -----------------------------------------------------------------------

SVG_LINK = re.compile(r'<a xlink:href="([^"]+)"')


def test_every_graph_node_links_to_an_existing_entity_page(mini_site: Path, mini_corpus) -> None:
    html = read(mini_site, "connections")
    # The page links the drawing (its ties are written out as cards): a file beside it.
    assert 'href="graph.svg"' in html
    svg = (mini_site / "connections" / "graph.svg").read_text(encoding="utf-8")
    targets = SVG_LINK.findall(svg)
    assert targets
    for target in targets:
        assert (mini_site / "connections" / target / "index.html").resolve().is_file(), target
    # Every entity that shares a brief with another is a node of this small graph.
    linked = {(mini_site / "connections" / t).resolve().name for t in targets}
    mentioned = {m.entity for b in mini_corpus.briefs if len(b.mentions) > 1 for m in b.mentions}
    assert linked == mentioned
    assert "_blank" not in svg  # a node opens its page where the reader is
    assert 'href="connections/"' in read(mini_site, "")


def test_the_pairs_table_lists_shared_briefs_strongest_first(mini_site: Path) -> None:
    html = read(mini_site, "connections")
    table = html[html.index("Strongest pairs"):]
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td> <td[^>]*>(\d+)</td> <td[^>]*>(.*?)</td></tr>", table)
    counts = [int(n) for _, n, _ in rows]
    assert counts and counts == sorted(counts, reverse=True)
    pair, n, shared = rows[0]
    # In the mini corpus no two entities share both briefs.
    assert "Pokrovsk" in pair and n == "1"
    assert shared.count('href="../briefs/') == 1


def test_at_scale_the_graph_keeps_its_caps_and_the_table_paginates(tmp_path: Path) -> None:
    from briefgen.write.connections import GRAPH_EDGES, GRAPH_NODES

    people = tuple(cf.entity(f"p{n:02d}", f"Person {n:02d}", "person", side="ukraine") for n in range(80))
    briefs = [replace(cf.brief(f"b{n:03d}"),
                      mentions=tuple(Mention(f"p{(n + k) % 80:02d}", "Named.") for k in range(6)))
              for n in range(120)]
    outputs = generated(cf.corpus(*briefs, entities=cf.DEFAULT_ENTITIES + people), tmp_path)
    svg = str(outputs["connections/graph.svg"])
    nodes = set(SVG_LINK.findall(svg))
    assert 0 < len(nodes) <= GRAPH_NODES
    page = str(outputs["connections/index.md"])
    shown = re.search(r"the (\d+) most mentioned entities and the (\d+) strongest links between them, "
                      r"of (\d+) pairs", page)
    assert shown, page[:2000]
    node_count, edge_count, pairs = map(int, shown.groups())
    assert node_count == len(nodes) and 0 < edge_count <= GRAPH_EDGES < pairs
    rows = sum(len(re.findall(r"<tr><td[ >]", str(outputs[p])))
               for p in outputs if p.startswith("connections/"))
    assert rows == pairs  # fewer than PAIRS_LISTED here: every pair is listed
    assert "connections/page/2.md" in outputs
    # The ties: at most TIE_ENTITIES cards of at most TIES_EACH named ties each.
    from briefgen.write.connections import TIE_ENTITIES, TIES_EACH

    cards = page.split('<div class="bg-tie-card">')[1:]
    assert 0 < len(cards) <= TIE_ENTITIES
    assert all(0 < card.split("</ul>")[0].count("<li>") <= TIES_EACH for card in cards)


# --- map ---------------------------------------------------------------------------------


def test_every_place_with_coordinates_is_linked_from_the_map(mini_site: Path, mini_corpus) -> None:
    from briefgen.write.map_chart import outlines

    html = read(mini_site, "map")
    figure = html[html.index('<figure class="bg-graph"'):]
    svg = figure[: figure.index("</svg>")]
    on_map = {(mini_site / "map" / t / "index.html").resolve() for t in SVG_LINK.findall(svg)}
    assert all(page.is_file() for page in on_map)
    assert outlines()["Ukraine"]  # the world's outlines, vendored
    below = html[html.index("</figure>"):]
    places = [e for e in mini_corpus.entities if e.kind == "place"]
    assert any(p.latitude is not None for p in places) and any(p.latitude is None for p in places)
    for place in places:
        page = (mini_site / "places" / place.id / "index.html").resolve()
        link = f'href="../places/{place.id}/"'
        if place.latitude is None or place.longitude is None:
            assert link in below.split("Places without coordinates", 1)[1], place.id
        else:  # the map is fitted to the places: every one with coordinates is on it
            assert page in on_map, place.id
    # Drawn offline: the outlines are inside the SVG, nothing is fetched.
    assert not re.search(r"""(?:href|src)=["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", svg)
    assert svg.count("<path") > 3  # country outlines: Ukraine and Russia around its one place
    assert 'href="map/"' in read(mini_site, "")


TITLED_LINK = re.compile(r'<a xlink:href="([^"]+)">\s*<title>([^<]*)</title>')


def test_every_dot_and_node_names_its_entity_on_hover(mini_site: Path, mini_corpus) -> None:
    # A dot left without a label (no room beside it) still tells its name.
    names = {e.id: e.name for e in mini_corpus.entities}
    for page in ("map", "connections"):
        if page == "connections":  # the page links its drawing, a file beside it
            svg = (mini_site / "connections" / "graph.svg").read_text(encoding="utf-8")
        else:
            html = read(mini_site, page)
            svg = html[html.index('<figure class="bg-graph"'):]
            svg = svg[: svg.index("</svg>")]
        links = SVG_LINK.findall(svg)
        titled = TITLED_LINK.findall(svg)
        assert links and len(titled) == len(links), page
        for href, title in titled:
            assert title == names[href.rstrip("/").rsplit("/", 1)[1]], (page, href, title)


def test_the_map_draws_the_same_bytes_twice(mini_corpus, tmp_path: Path) -> None:
    first = generated(mini_corpus, tmp_path / "a")["map/places.svg"]
    assert first == generated(mini_corpus, tmp_path / "b")["map/places.svg"]


def test_a_brief_links_its_original_article_when_the_url_is_known(mini_corpus, tmp_path: Path) -> None:
    alpha, beta = mini_corpus.briefs
    corpus = replace(mini_corpus, briefs=(replace(alpha, url="https://www.example.com/news/a?x=1&y=2"), beta))
    outputs = generated(corpus, tmp_path)
    for brief in corpus.briefs:
        page = str(outputs[f"briefs/{brief.id}.md"])
        if brief.url:
            escaped = brief.url.replace("&", "&amp;")
            assert f'<dd><a href="{escaped}" rel="nofollow noopener noreferrer">' in page
            assert json.loads(yaml.safe_load(page.split("---\n")[1])["jsonld"])["url"] == brief.url
        else:
            assert "<dt>Original</dt>" not in page
