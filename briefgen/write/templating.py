"""Page specs → Markdown pages (with HTML blocks) through the Jinja templates in templates/.

Every page of the site is written here, and only through templates, which
autoescape: every plain-text field from a brief is escaped where it lands, and
Markdown fields pass through sanitise.render_markdown, which sanitises. Every
link is made relative to the page it sits on, so the site works from any sub-path.

A template is given its page's context and, besides it, only the corpus-wide
tables every page may read (`Tables`: the registry's entities, the metrics,
the topics, the vocabulary, and each figure's reading): never the index or
the registry. So what a page shows follows from its spec and those tables,
which is what a server's kept pages are fingerprinted on (build/pagememo.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import jinja2
from markupsafe import Markup, escape

from briefgen.analyse.claimants import claimant_id, side_of_names
from briefgen.analyse.claims import claim_date
from briefgen.analyse.comparisons import VERDICT_WORDS, Comparison, Corroboration
from briefgen.analyse.figures import FigureRef, Reading, as_written, converted, interval_text, normalised_text
from briefgen.analyse.index import CorpusIndex
from briefgen.model import (
    ARTICLE_TYPES,
    QUALIFIERS,
    Brief,
    Claim,
    Entity,
    Metric,
    PartialDate,
    Topic,
    Vocabulary,
)
from briefgen.write import urls
from briefgen.write.sanitise import EXTERNAL_REL, plain, render_markdown
from briefgen.write.urls import OutputFile
from briefgen.write.view import PageSpec

KIND_TITLES = {"person": "People", "place": "Places", "organisation": "Organisations"}
KIND_SINGULAR = {"person": "Person", "place": "Place", "organisation": "Organisation"}

# Items an entity page shows in a section before linking to the full list.
INLINE = 20


class Tables:
    """The corpus-wide tables any page may read: who each entity is, what each
    metric and topic is called, the vocabulary's words, each figure's reading.
    A server fingerprints them once per build (build/pagememo.py)."""

    def __init__(self, index: CorpusIndex) -> None:
        self.entities: Mapping[str, Entity] = index.registry.entities
        self.metrics: Mapping[str, Metric] = index.registry.metrics
        self.topics: Mapping[str, Topic] = index.topics
        self.vocabulary: Vocabulary = index.corpus.vocabulary
        self._readings: Mapping[tuple[str, str], Reading] = index.readings
        self._metric = index.metric

    def metric_label(self, metric_id: str) -> str:
        return self._metric(metric_id).label

    def reference_words(self, comparison: Comparison) -> str:
        """What a group's figures are measured from, in the metric's words ("" for none)."""
        if not comparison.reference:
            return ""
        return self._metric(comparison.metric).references.get(comparison.reference, comparison.reference)

    def normalised(self, ref: FigureRef) -> str:
        return normalised_text(ref.figure, self._readings[ref.key])

    def name_of(self, entity_id: str | None, missing: str = "unattributed") -> str:
        return self.entities[entity_id].name if entity_id else missing

    def side_label(self, ref: FigureRef) -> str:
        """The side whose number a figure is, marked when a belligerent."""
        return side_of_names(self.entities, self.vocabulary, ref).marked_label

    def agreed_values(self, agreement: Corroboration) -> str:
        """Each value an agreement holds, once: never "≈ 32,000" for a source that said 34,000."""
        return " and ".join(dict.fromkeys(self.normalised(ref) for ref in agreement.refs))

    def claim_side(self, brief: Brief, claim: Claim) -> str:
        """The side of whoever makes a claim (the outlet when no one is named), marked when a belligerent."""
        who = claim.by or brief.outlet
        if who is None:
            return "outlet not known"
        entity = self.entities.get(who)
        # A country named for its government ("Russia says…") speaks for the side of that name.
        side = self.vocabulary.side(entity.side if entity and entity.side else who)
        return side.marked_label if side else "side not known"


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


class PageLinks:
    """Link helpers bound to the page being rendered."""

    def __init__(self, tables: Tables, path: str, labels: EntityLabels | None = None) -> None:
        self.entities = tables.entities
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

    def brief(self, brief: Any) -> str:
        """A link to a brief's page, given the brief or its id."""
        return self.to(urls.brief_url(brief if isinstance(brief, str) else brief.id))

    def item(self, brief: Any, kind: str, item_id: str) -> str:
        """A link to a figure, quote, event or claim on its brief's page (the brief or its id)."""
        brief_id = brief if isinstance(brief, str) else brief.id
        return self.to(urls.brief_url(brief_id) + "#" + urls.anchor(kind, item_id))

    def metric(self, metric_id: str) -> str:
        return self.to(urls.metric_url(metric_id))

    def topic(self, topic_id: str) -> str:
        return self.to(urls.topic_url(topic_id))

    def comparison(self, comparison: Comparison, ref: FigureRef | None = None) -> str:
        """A link to a comparison's page, at one value's row when `ref` is given."""
        url = urls.comparison_url(comparison.metric, comparison.subject, comparison.reference)
        return self.to(url + (f"#{value_anchor(ref)}" if ref else ""))

    def entity_url(self, entity_id: str) -> str:
        entity = self.entities[entity_id]
        return self.to(urls.entity_url(entity.kind, entity.id))

    def name(self, entity_id: str | None, missing: str = "the outlet") -> str:
        """An entity's name as plain text; `missing` for no entity."""
        return self.entities[entity_id].name if entity_id else missing

    def entity(self, entity_id: str | None, missing: str = "—") -> Markup:
        """An HTML link to an entity page, saying on hover who it is; `missing` for no entity."""
        if entity_id is None:
            return plain(missing)
        link = self._entity_links.get(entity_id)
        if link is None:
            title, name = self.labels.of(self.entities[entity_id])
            link = self._entity_links[entity_id] = Markup(
                f'<a href="{escape(self.entity_url(entity_id))}" title="{title}">{name}</a>')
        return link

    def md(self, text: str, inline: bool = False) -> Markup:
        def resolve(entity_id: str) -> tuple[str, str, str] | None:
            entity = self.entities.get(entity_id)
            if entity is None:
                return None
            return entity.name, self.entity_url(entity_id), describe(entity)

        return render_markdown(text, resolve, inline=inline)


class Renderer:
    """Renders page specs with the templates, given the corpus-wide tables and the site's address."""

    def __init__(self, tables: Tables, site_url: str = "") -> None:
        self.tables = tables
        self.labels = EntityLabels()
        self.env = _environment()
        vocabulary = tables.vocabulary
        self.env.globals.update(
            urls=urls,
            as_written=lambda figure: as_written(figure, vocabulary),
            normalised=tables.normalised,
            metric_label=tables.metric_label,
            reference_words=tables.reference_words,
            topic_name=lambda topic_id: tables.topics[topic_id].name,
            name_of=tables.name_of,
            claimant_id=claimant_id,
            side_label=tables.side_label,
            agreed_values=tables.agreed_values,
            claim_side=tables.claim_side,
            claim_when=lambda brief, claim: claim_date(brief, claim).display(),
            claim_kind=vocabulary.claim_kind,
            reliability_words=dict(vocabulary.reliability_words),
            credibility_words=dict(vocabulary.credibility_words),
            value_anchor=value_anchor,
            range_text=range_text,
            date_of=date_of,
            interval_text=interval_text,
            verdict_words=VERDICT_WORDS,
            article_types=ARTICLE_TYPES,
            qualifiers=QUALIFIERS,
            sides={s.id: s.label for s in vocabulary.sides},
            kind_titles=KIND_TITLES,
            kind_singular=KIND_SINGULAR,
            inline=INLINE,
            external_rel=EXTERNAL_REL,
            site_url=site_url,
        )

    def links(self, path: str) -> PageLinks:
        """Link helpers for the page at `path` (a view may need them to work out its context)."""
        return PageLinks(self.tables, path, self.labels)

    def render(self, spec: PageSpec) -> OutputFile:
        """The page; its `derived` context is worked out now."""
        context = dict(spec.context)
        if spec.derived is not None:
            context.update(spec.derived())
        text = self.env.get_template(spec.template).render(
            title=spec.title, meta_title=Markup(meta_title(spec.title)), links=self.links(spec.path),
            **context)
        return OutputFile(spec.path, stackable_tables(text))


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


_TABLE = re.compile(r"<table((?: [^>]*)?)>\n(.*?)\n</table>", re.S)
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
        attributes, body = match.group(1), match.group(2)
        head, _, rest = body.partition("</thead>")
        labels = [re.sub(r"<[^>]+>", "", h).strip() for h in _HEAD_CELL.findall(head)]
        if not labels or not rest:
            return match.group(0)

        def row(r: re.Match[str]) -> str:
            cells = iter(labels)
            inner = re.sub(r"<td(?=[ >])", lambda _: f'<td data-label="{next(cells, "")}"', r.group(2))
            return r.group(1) + inner + r.group(3)

        rows = _ROW.sub(row, rest)
        return f'<div class="bg-stack">\n<table{attributes}>\n{head}</thead>{rows}\n</table>\n</div>'

    return _TABLE.sub(table, text)


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


def value_anchor(ref: FigureRef) -> str:
    """The HTML id of one value's row on its comparison page."""
    return f"value-{ref.brief.id}-{ref.figure.id}"


def range_text(comparison: Comparison) -> str:
    """The span of a comparison's normalised values: "500 – 70,000", "≥ 200"."""
    low, high = comparison.span()
    d = comparison.digits  # converted values at the precision they were written to
    known = [r for r in comparison.readings.values() if r.family is not None]
    written = known[0].kind.written if known and known[0].kind else str  # with the family's unit
    if low is None and high is None:
        return "—"
    if high is None:
        return f"{written(converted(low or 0, d))} or more"
    if low is None or low == high:
        return written(converted(high, d))
    return f"{written(converted(low, d))} – {written(converted(high, d))}"
