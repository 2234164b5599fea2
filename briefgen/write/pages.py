"""The corpus index → Markdown pages (with HTML blocks) via the Jinja templates in templates/.

Every page of the site is written here, and only through templates, which
autoescape: every plain-text field from a brief is escaped where it lands, and
Markdown fields pass through render.render_markdown, which sanitises. Every link
is made relative to the page it sits on, so the site works from any sub-path.

Lists that grow with the corpus are capped on the page that shows them and
continued on paginated list pages (`urls.paged_path`), so no page grows without
bound as briefs are added.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

import jinja2
from markupsafe import Markup, escape

from briefgen.analyse.comparisons import VERDICT_WORDS, Comparison
from briefgen.analyse.figures import FigureRef, as_written, converted, interval_text, normalised_text
from briefgen.analyse.index import CorpusIndex
from briefgen.model import (
    ARTICLE_TYPES,
    ENTITY_KINDS,
    QUALIFIERS,
    Brief,
    Claim,
    ClaimRef,
    Entity,
    EntityKind,
    Event,
    PartialDate,
)
from briefgen.write import urls
from briefgen.write.charts import Chart, claimant_id
from briefgen.write.connections import entity_href, everywhere, select_graph, strongest_ties
from briefgen.write.map_chart import OUTLINES_NOTICE, place_map
from briefgen.write.metadata import (
    StructuredData,
    first_sentence,
    front_matter_json,
    front_matter_text,
    plain_text,
)
from briefgen.write.sanitise import EXTERNAL_REL, plain, render_markdown
from briefgen.write.urls import OutputFile

KIND_TITLES = {"person": "People", "place": "Places", "organisation": "Organisations"}
KIND_SINGULAR = {"person": "Person", "place": "Place", "organisation": "Organisation"}

# Rows on one page of a paginated list.
PER_PAGE = 100
# Items an entity page shows in a section before linking to the full list.
INLINE = 20
# Briefs or entities whose pages one job renders: enough jobs to share out evenly.
PAGES_PER_JOB = 10
# Co-mentioned entities and related briefs shown on a page.
RELATED = 10
# Pairs listed under the connections graph: the strongest; weaker ones add nothing
# a reader can use once thousands share a single brief.
PAIRS_LISTED = 1000
# Events /timeline/ shows: whole months, the latest first, up to about this many.
TIMELINE_LATEST = 100


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("briefgen.write", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def meta_title(title: str) -> str:
    """A YAML front-matter title that is safe in MkDocs' unescaped `<title>`.

    MkDocs templates print page titles as they are, so the title is HTML-escaped
    here; JSON quoting with every non-ASCII character escaped makes it a valid
    YAML scalar whatever it contains (YAML refuses raw DEL and C1 controls).
    """
    # A title is one line: control characters and line breaks become spaces.
    one_line = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", title).split())
    return json.dumps(str(plain(one_line)))


@dataclass(frozen=True)
class Pager:
    """Where one page of a paginated list sits among its siblings."""

    number: int  # 1-based
    count: int
    first_path: str

    def path(self, number: int) -> str:
        return urls.paged_path(self.first_path, number)

    def numbers(self) -> list[int | None]:
        """Page numbers to link, None for a gap: the first, the last and the neighbours."""
        near = range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)
        wanted = sorted({1, self.count, *near})
        shown: list[int | None] = []
        for n in wanted:
            if shown and n - (shown[-1] or 0) > 1:
                shown.append(None)
            shown.append(n)
        return shown


def paginate(first_path: str, items: Sequence[Any],
             per_page: int = PER_PAGE) -> list[tuple[str, Sequence[Any], Pager]]:
    """(path, items on that page, pager) for every page of a list; one page at least."""
    count = max(1, -(-len(items) // per_page))
    return [
        (urls.paged_path(first_path, n), items[(n - 1) * per_page : n * per_page],
         Pager(n, count, first_path))
        for n in range(1, count + 1)
    ]


@dataclass(frozen=True)
class PlacedChart:
    """A drawn chart and the source path of its SVG file."""

    chart: Chart
    path: str


class PageLinks:
    """Link helpers bound to the page being rendered."""

    def __init__(self, index: CorpusIndex, path: str, labels: EntityLabels | None = None) -> None:
        self.index = index
        self.registry = index.registry
        self.path = path
        self.labels = labels if labels is not None else EntityLabels()
        self._links: dict[str, str] = {}  # a page links some targets many times
        self._entity_links: dict[str, Markup] = {}

    def to(self, url: str) -> str:
        link = self._links.get(url)
        if link is None:
            link = self._links[url] = urls.relative(self.path, url)
        return link

    def page(self, path: str) -> str:
        """A link to another generated page, by its source path."""
        return self.to(urls.page_url(path))

    def file(self, path: str) -> str:
        """A link to a generated file that is not a page (a chart, a CSV)."""
        return self.to(urls.file_url(path))

    def brief(self, brief: Brief) -> str:
        return self.to(urls.brief_url(brief.id))

    def item(self, brief: Brief, kind: str, item_id: str) -> str:
        """A link to a figure, quote, event or claim on its brief's page."""
        return self.to(urls.brief_url(brief.id) + "#" + urls.anchor(kind, item_id))

    def metric(self, metric_id: str) -> str:
        return self.to(urls.metric_url(metric_id))

    def topic(self, topic_id: str) -> str:
        return self.to(urls.topic_url(topic_id))

    def comparison(self, comparison: Comparison, ref: FigureRef | None = None) -> str:
        """A link to a comparison's page, at one value's row when `ref` is given."""
        url = urls.comparison_url(comparison.metric, comparison.subject, comparison.reference)
        return self.to(url + (f"#{value_anchor(ref)}" if ref else ""))

    def entity_url(self, entity_id: str) -> str:
        entity = self.registry.entity(entity_id)
        return self.to(urls.entity_url(entity.kind, entity.id))

    def entity(self, entity_id: str | None, missing: str = "—") -> Markup:
        """An HTML link to an entity page, saying on hover who it is; `missing` for no entity."""
        if entity_id is None:
            return plain(missing)
        link = self._entity_links.get(entity_id)
        if link is None:
            title, name = self.labels.of(self.registry.entity(entity_id))
            link = self._entity_links[entity_id] = Markup(
                f'<a href="{escape(self.entity_url(entity_id))}" title="{title}">{name}</a>')
        return link

    def md(self, text: str, inline: bool = False) -> Markup:
        def resolve(entity_id: str) -> tuple[str, str, str] | None:
            if entity_id not in self.registry.entities:
                return None
            entity = self.registry.entity(entity_id)
            return entity.name, self.entity_url(entity_id), describe(entity)

        return render_markdown(text, resolve, inline=inline)


_TABLE = re.compile(r"<table>\n(.*?)\n</table>", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S)
_HEAD_CELL = re.compile(r"<th>(.*?)</th>", re.S)


def stackable_tables(text: str) -> str:
    """Every table wrapped for phones: each body cell labelled by its column.

    On a narrow screen the stylesheet turns a `bg-stack` table's rows into
    cards of "label: value" lines (CSS reads the label from `data-label`), so
    no table needs sideways scrolling. Done here, once, rather than by hand on
    every cell of every template.
    """

    def table(match: re.Match[str]) -> str:
        body = match.group(1)
        head, _, rest = body.partition("</thead>")
        labels = [re.sub(r"<[^>]+>", "", h).strip() for h in _HEAD_CELL.findall(head)]
        if not labels or not rest:
            return match.group(0)

        def row(r: re.Match[str]) -> str:
            cells = iter(labels)
            inner = re.sub(r"<td(?=[ >])", lambda _: f'<td data-label="{next(cells, "")}"', r.group(2))
            return r.group(1) + inner + r.group(3)

        return f'<div class="bg-stack">\n<table>\n{head}</thead>{_ROW.sub(row, rest)}\n</table>\n</div>'

    return _TABLE.sub(table, text)


class EntityLabels:
    """Each entity's link title and name, escaped for HTML: worked out once per
    build, not at each of the ~100,000 links 1,000 briefs make."""

    def __init__(self) -> None:
        self._labels: dict[str, tuple[Markup, Markup]] = {}

    def of(self, entity: Entity) -> tuple[Markup, Markup]:
        labels = self._labels.get(entity.id)
        if labels is None:
            labels = self._labels[entity.id] = (escape(describe(entity)), escape(entity.name))
        return labels


def date_of(date: PartialDate | None) -> Markup:
    """A date as HTML: a `<time>` element, or a dash when there is none."""
    if not date:
        return Markup("—")
    return Markup(f'<time datetime="{escape(date.iso())}">{escape(date.display())}</time>')


def describe(entity: Entity) -> str:
    """A line saying who or what an entity is, for a link's title:
    "Person · Ukrainian president since 2019.", cut at a word past 120 characters."""
    text = f"{KIND_SINGULAR[entity.kind]} · {entity.description}"
    return text if len(text) <= 120 else text[:119].rsplit(" ", 1)[0] + "…"
def month_groups(pairs: Sequence[tuple[Brief, Event]]) -> list[tuple[str, str, list[tuple[Brief, Event]]]]:
    """Events (in date order) grouped by month: (heading, its HTML id, events).

    Events known only to the year form their own group, "2025, month not given".
    """
    groups: list[tuple[str, str, list[tuple[Brief, Event]]]] = []
    for brief, event in pairs:
        date = event.date
        if date.month is None:
            label, anchor_id = f"{date.year}, month not given", f"y{date.year:04d}"
        else:
            label = dt.date(date.year, date.month, 1).strftime("%B %Y")
            anchor_id = f"m{date.year:04d}-{date.month:02d}"
        if not groups or groups[-1][1] != anchor_id:
            groups.append((label, anchor_id, []))
        groups[-1][2].append((brief, event))
    return groups


def value_anchor(ref: FigureRef) -> str:
    """The HTML id of one value's row on its comparison page."""
    return f"value-{ref.brief.id}-{ref.figure.id}"


def range_text(comparison: Comparison) -> str:
    """The span of a comparison's normalised values: "500 – 70,000", "≥ 200"."""
    low, high = comparison.span()
    if low is None and high is None:
        return "—"
    if high is None:
        return f"{converted(low or 0)} or more"
    if low is None or low == high:
        return converted(high)
    return f"{converted(low)} – {converted(high)}"


# The templates whose pages a server keeps between rebuilds (see pagememo.py):
# those that read nothing of the index beyond what they are given and the
# corpus-wide tables (a comparison page also reads how its own values conflict
# and agree, which its values decide). They are most of the pages: one per
# brief, entity and comparison.
KEPT_TEMPLATES = frozenset({"brief.md.j2", "entity.md.j2", "entity_list.md.j2", "comparison.md.j2"})


class PageMemo(Protocol):
    """Pages kept between a server's rebuilds (build/pagememo.py), as this module uses them."""

    def page_key(self, template: str, path: str, context: dict[str, Any],
                 own: Brief | None = None) -> int | None: ...

    def get(self, path: str, key: int | None) -> str | None: ...

    def put(self, path: str, key: int | None, text: str) -> None: ...


class PageWriter:
    """Renders every page of the site from one corpus index."""

    def __init__(
        self,
        index: CorpusIndex,
        charts: dict[str, PlacedChart] | None = None,
        *,
        site_name: str = "Research briefings",
        about: str = "",
        site_url: str = "",
        memo: PageMemo | None = None,
    ) -> None:
        self.index = index
        self.memo = memo
        self.registry = index.registry
        self.charts = charts or {}
        self.site_name = site_name
        self.about = about
        self.site_url = site_url
        self.env = _environment()
        self.labels = EntityLabels()

    def _render(self, template: str, path: str, title: str,
                derived: Callable[[], dict[str, Any]] | None = None, **context: Any) -> OutputFile:
        """The page; `derived()` adds to `context` what is worked out from it
        and from the corpus-wide tables (the page's description and structured
        data), asked for only when a server has not kept the page: the
        fingerprint leaves it out, as what it follows from is in the fingerprint."""
        key = None
        if self.memo is not None and template in KEPT_TEMPLATES:
            key = self.memo.page_key(template, path, {"title": title, **context},
                                     own=context.get("brief") if template == "brief.md.j2" else None)
            kept = self.memo.get(path, key)
            if kept is not None:
                return OutputFile(path, kept)
        if derived is not None:
            context.update(derived())
        page = self._rendered(template, path, title, **context)
        if self.memo is not None and template in KEPT_TEMPLATES:
            self.memo.put(path, key, str(page.content))
        return page

    def _rendered(self, template: str, path: str, title: str, **context: Any) -> OutputFile:
        links = PageLinks(self.index, path, self.labels)
        text = self.env.get_template(template).render(
            title=title,
            meta_title=Markup(meta_title(title)),
            links=links,
            index=self.index,
            registry=self.registry,
            urls=urls,
            as_written=lambda figure: as_written(figure, self.index.corpus.vocabulary),
            normalised=lambda ref: normalised_text(ref.figure, self.index.reading_of(ref)),
            claimant_id=claimant_id,
            value_anchor=value_anchor,
            range_text=range_text,
            date_of=date_of,
            interval_text=interval_text,
            verdict_words=VERDICT_WORDS,
            article_types=ARTICLE_TYPES,
            qualifiers=QUALIFIERS,
            sides={s.id: s.label for s in self.index.corpus.vocabulary.sides},
            kind_titles=KIND_TITLES,
            kind_singular=KIND_SINGULAR,
            inline=INLINE,
            external_rel=EXTERNAL_REL,
            site_url=self.site_url,
            **context,
        )
        return OutputFile(path, stackable_tables(text))

    def _structured(self, path: str) -> StructuredData:
        return StructuredData(self.registry, self.site_url, self.index.topics, path)

    def page_jobs(self) -> list[Callable[[], list[OutputFile]]]:
        """The pages in independent pieces of work: the briefs and the entities
        in small groups, each section's own pages as one piece."""
        jobs: list[Callable[[], list[OutputFile]]] = [
            lambda: [self.home()], self.brief_index, self.figure_pages,
            lambda: [self.data_page()], self.topic_pages, self.timeline_pages,
            self.connection_pages, lambda: [self.map_page()],
        ]
        briefs = self.registry.briefs_newest_first
        jobs += [partial(self._brief_pages, briefs[start:start + PAGES_PER_JOB])
                 for start in range(0, len(briefs), PAGES_PER_JOB)]
        for kind in ENTITY_KINDS:
            jobs.append(partial(self.entity_index, kind))
            entities = self.registry.entities_of_kind(kind)
            jobs += [partial(self._entity_pages, entities[start:start + PAGES_PER_JOB])
                     for start in range(0, len(entities), PAGES_PER_JOB)]
        return jobs

    def _brief_pages(self, briefs: Sequence[Brief]) -> list[OutputFile]:
        return [self.brief_page(brief) for brief in briefs]

    def _entity_pages(self, entities: Sequence[Entity]) -> list[OutputFile]:
        pages = []
        for entity in entities:
            pages.append(self.entity_page(entity))
            pages += self.entity_lists(entity)
        return pages

    def _paged(self, template: str, first_path: str, title: str, items: Sequence[Any],
               **context: Any) -> list[OutputFile]:
        pages = []
        for path, chunk, pager in paginate(first_path, items):
            shown = title if pager.number == 1 else f"{title} (page {pager.number} of {pager.count})"
            pages.append(self._render(template, path, shown, items=chunk, pager=pager,
                                      total=len(items), **context))
        return pages

    # --- home and briefs --------------------------------------------------------

    def home(self) -> OutputFile:
        return self._render(
            "home.md.j2",
            "index.md",
            self.site_name,
            about=self.about,
            latest=self.registry.briefs_newest_first[:5],
            conflicts=[(c, self.index.metric(c.metric).label,
                        self.index.reference_words(c) if c.reference else "")
                       for c in self.index.conflicting()],
            top={kind: self.registry.most_mentioned(kind, 8) for kind in ENTITY_KINDS},
            counts={
                "briefs": len(self.registry.briefs),
                **{kind: len(self.registry.entities_of_kind(kind)) for kind in ENTITY_KINDS},
                "figures": len(self.index.figure_refs),
            },
        )

    def brief_index(self) -> list[OutputFile]:
        return self._paged("brief_index.md.j2", "briefs/index.md", "Briefs",
                           self.registry.briefs_newest_first)

    def brief_page(self, brief: Brief) -> OutputFile:
        grouped = {
            kind: sorted(
                (
                    (self.registry.entity(m.entity), m.role)
                    for m in brief.mentions
                    if self.registry.entity(m.entity).kind == kind
                ),
                key=lambda pair: (pair[0].name.casefold(), pair[0].id),
            )
            for kind in ENTITY_KINDS
        }
        refs = {f.id: FigureRef(brief, f) for f in brief.figures}
        path = urls.brief_path(brief.id)

        def described() -> dict[str, Any]:
            description = first_sentence(plain_text(PageLinks(self.index, path).md(brief.summary)))
            return {"meta_description": front_matter_text(description),
                    "jsonld": front_matter_json(self._structured(path).brief(brief, description))}

        return self._render(
            "brief.md.j2",
            path,
            brief.title,
            described,
            brief=brief,
            grouped=grouped,
            refs=refs,
            comparisons={fid: self.index.comparison_of(ref) for fid, ref in refs.items()},
            conflicts={fid: self.index.conflicts_of.get(ref.key, (0, ()))[0] for fid, ref in refs.items()},
            contradicted_by={c.id: self.index.contradicted_by.get((brief.id, c.id), [])
                             for c in brief.claims},
            # The claims this brief's claims contradict, with their briefs: given
            # to the template, not looked up by it, so a kept page knows it shows them.
            contradicts={c.id: [(self.registry.briefs[ref.brief], self._claim(ref)) for ref in c.contradicts]
                         for c in brief.claims},
            events=sorted(brief.events, key=lambda e: (e.date.first_day(), e.id)),
            related=self.registry.related_briefs(brief),
            chart=self.charts.get(f"brief/{brief.id}"),
        )

    def _claim(self, ref: ClaimRef) -> Claim:
        return next(claim for claim in self.registry.briefs[ref.brief].claims if claim.id == ref.claim)

    # --- entities ---------------------------------------------------------------

    def entity_index(self, kind: EntityKind) -> list[OutputFile]:
        section = urls.SECTION_OF_KIND[kind]
        return self._paged("entity_index.md.j2", f"{section}/index.md", KIND_TITLES[kind],
                           self.registry.entities_of_kind(kind), kind=kind)

    def _entity_listings(self, entity: Entity) -> dict[str, tuple[str, list[Any]]]:
        """The sections of an entity page that can grow without bound: title and items."""
        r = self.registry
        return {
            "briefs": (f"Briefs mentioning {entity.name}", r.appearances(entity.id)),
            "published": (f"Briefs published by {entity.name}", r.briefs_by_outlet(entity.id)),
            "quotes": (f"Quotes by {entity.name}", r.quotes_by(entity.id)),
            "claimed": (f"Figures claimed or reported by {entity.name}", r.figures_claimed_by(entity.id)),
            "events": (f"Events involving {entity.name}", r.events_involving(entity.id)),
        }

    def entity_page(self, entity: Entity) -> OutputFile:
        path = urls.entity_path(entity.kind, entity.id)
        listings = self._entity_listings(entity)
        full = {name: urls.entity_list_path(entity.kind, entity.id, name)
                for name, (_, items) in listings.items() if len(items) > INLINE}
        return self._render(
            "entity.md.j2",
            path,
            entity.name,
            lambda: {"meta_description": front_matter_text(first_sentence(entity.description)),
                     "jsonld": front_matter_json(self._structured(path).entity(entity))},
            entity=entity,
            spellings=Markup(json.dumps([str(plain(n)) for n in (entity.name, *entity.aliases)])),
            chart=self.charts.get(f"entity/{entity.id}"),
            listings={name: items for name, (_, items) in listings.items()},
            full=full,
            comparisons=self.index.comparisons_about(entity.id),
            co_mentioned=self.registry.co_mentioned(entity.id, RELATED),
            region=self.registry.entities.get(entity.region) if entity.region else None,
            affiliation=self.registry.entities.get(entity.affiliation) if entity.affiliation else None,
        )

    def entity_lists(self, entity: Entity) -> list[OutputFile]:
        """The paginated full lists behind an entity page's capped sections."""
        pages = []
        for name, (title, items) in self._entity_listings(entity).items():
            if len(items) > INLINE:
                first = urls.entity_list_path(entity.kind, entity.id, name)
                pages += self._paged("entity_list.md.j2", first, title, items, entity=entity,
                                     listing=name)
        return pages

    # --- timeline ---------------------------------------------------------------

    def timeline_pages(self) -> list[OutputFile]:
        """/timeline/ (the latest months) and one paginated page per year."""
        months = self.index.events_by_month
        years = [(y, sum(len(p) for (year, _), p in months.items() if year == y))
                 for y in self.index.event_years()]
        latest: list[tuple[int, int]] = []
        shown = 0
        for key in reversed(months):
            if latest and shown + len(months[key]) > TIMELINE_LATEST:
                break
            latest.insert(0, key)
            shown += len(months[key])
        latest_pairs = [pair for key in latest for pair in months[key]]
        cut = latest_pairs[-TIMELINE_LATEST:] if len(latest_pairs) > TIMELINE_LATEST else latest_pairs
        older = len(self.registry.events_by_date) > len(cut)
        pages = [self._render(
            "timeline.md.j2", urls.TIMELINE_PATH, "Timeline", year=None, years=years,
            groups=month_groups(cut), total=len(self.registry.events_by_date), pager=None,
            chart=self.charts.get("timeline"), more=latest[0][0] if latest and older else None,
        )]
        for year, _ in years:
            events = [pair for (y, _), pairs in months.items() if y == year for pair in pairs]
            for path, chunk, pager in paginate(urls.timeline_year_path(year), events):
                shown_title = f"Timeline: {year}" + (
                    f" (page {pager.number} of {pager.count})" if pager.number > 1 else "")
                pages.append(self._render(
                    "timeline.md.j2", path, shown_title, year=year, years=years,
                    groups=month_groups(chunk), total=len(events), pager=pager, chart=None,
                    more=None,
                ))
        return pages

    # --- map --------------------------------------------------------------------

    def map_page(self) -> OutputFile:
        """/map/: the places drawn offline, and those the map cannot show."""
        found = place_map(self.index)
        placed = self.charts.get("map")
        return self._render(
            "map.md.j2", urls.MAP_PATH, "Map", found=found, notice=OUTLINES_NOTICE,
            svg=Markup(placed.chart.svg.strip()) if placed else None,
            alt=placed.chart.alt if placed else "",
        )

    # --- connections ------------------------------------------------------------

    def connection_pages(self) -> list[OutputFile]:
        """/connections/: the graph, then the strongest pairs, paginated."""
        edges = self.index.co_mention_edges
        graph = select_graph(self.index, lambda e: entity_href(self.index, e))
        placed = self.charts.get("connections")
        return self._paged(
            "connections.md.j2", urls.CONNECTIONS_PATH, "Connections", edges[:PAIRS_LISTED],
            graph=graph if placed else None, all_pairs=len(edges), ties=strongest_ties(self.index),
            everywhere=everywhere(self.index),
            svg=Markup(placed.chart.svg.strip()) if placed else None,
            alt=placed.chart.alt if placed else "",
        )

    # --- topics -----------------------------------------------------------------

    def topic_pages(self) -> list[OutputFile]:
        """/topics/ and one paginated page per topic listing its briefs."""
        topics = list(self.index.topics.values())
        pages = self._paged("topic_index.md.j2", urls.TOPICS_INDEX_PATH, "Topics", topics)
        for topic in topics:
            pages += self._paged("topic.md.j2", urls.topic_path(topic.id), topic.name,
                                 self.index.briefs_on_topic(topic.id), topic=topic,
                                 meta_description=front_matter_text(topic.description))
        return pages

    # --- downloads --------------------------------------------------------------

    def data_page(self) -> OutputFile:
        """The page documenting the JSON downloads and listing the CSVs."""
        corpus = self.index.corpus
        return self._render(
            "data_index.md.j2", urls.DATA_INDEX_PATH, "Data",
            counts={
                "briefs": len(corpus.briefs), "entities": len(corpus.entities),
                "figures": len(self.index.figure_refs),
                "events": len(self.registry.events_by_date),
                "claims": sum(len(b.claims) for b in corpus.briefs),
            },
            csvs=[(m, urls.csv_path(m)) for m in self.index.by_metric],
        )

    # --- figures ----------------------------------------------------------------

    def figure_pages(self) -> list[OutputFile]:
        index = self.index
        pages = [self._render(
            "figures_index.md.j2", urls.FIGURES_INDEX_PATH, "Figures",
            metric_ids=sorted({m for m in self.registry.metrics} | set(index.by_metric)),
            charts=self.charts,
        )]
        for metric_id, refs in index.by_metric.items():
            metric = index.metric(metric_id)
            pages.append(self._render(
                "metric.md.j2", urls.metric_path(metric_id), metric.label, metric=metric,
                refs=refs, comparisons=index.comparisons_of_metric(metric_id),
                chart=self.charts.get(f"metric/{metric_id}"), csv=urls.csv_path(metric_id),
            ))
        for comparison in index.comparisons.values():
            if len(comparison.refs) < 2:
                continue  # one value: its metric page shows it
            metric = index.metric(comparison.metric)
            subject = self.registry.entities[comparison.subject]
            pages += self._paged(
                "comparison.md.j2", urls.comparison_path(comparison.metric, comparison.subject,
                                                          comparison.reference),
                f"{metric.label}: {subject.name}" + (f", {index.reference_words(comparison)}"
                                                     if comparison.reference else ""),
                comparison.refs, comparison=comparison,
                metric=metric, subject=subject,
                # Given, not looked up by the template: a kept page knows it shows them.
                others=index.alongside(comparison),
            )
        agreeing = [(c, a) for c in index.corroborated() for a in c.agreements]
        pages += self._paged("corroborated.md.j2", urls.CORROBORATED_PATH, "Corroborated values",
                             agreeing)
        pages += self._paged("discrepancies.md.j2", urls.DISCREPANCIES_PATH, "Discrepancies",
                             index.conflicting(), corroborated=agreeing[:INLINE],
                             corroborated_total=len(agreeing),
                             claim_links=index.claim_links[:INLINE])
        pages += self._paged("contradictions.md.j2", urls.CONTRADICTIONS_PATH,
                             "Claims that contradict each other", index.claim_links)
        return pages
