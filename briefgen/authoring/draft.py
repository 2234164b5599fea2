"""An article's plain text → a draft brief: what the registry knows filled in, the rest proposed in comments.

Known entities are listed under `entities:` with a placeholder role; the
publication date, outlet and authors are filled in when the text states them
plainly. Unknown names, candidate figures and dated events go in `#` comments
for the contributor to judge. The article's sentences are quoted only in
comments, never in a field: the brief's prose must be the contributor's own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.authoring.find import RegistrySearch, entries_of
from briefgen.authoring.scaffold import brief_template, field_lines
from briefgen.authoring.textscan import (
    DateHit,
    EntityHit,
    NameCandidate,
    NumberHit,
    Span,
    find_dates,
    find_entities,
    find_numbers,
    fold_text,
    line_of,
    sentence_at,
    sentence_spans,
    unknown_names,
    unlisted_bodies,
)
from briefgen.model import QUALIFIERS, Corpus, Entity, PartialDate
from briefgen.read.fields import BRIEF_FIELDS
from briefgen.read.placeholders import placeholder

# Only the head of an article carries its byline and date line.
HEAD_LINES = 12
MAX_CANDIDATES = 40
SNIPPET_WORDS = 14
# How close a known spelling must be to an unknown name to be worth pointing at.
CLOSE_NAME_CUTOFF = 85.0
_DATE_LINE = re.compile(r"\s*(?:date|published|updated|posted)\b", re.IGNORECASE)
# A wire-style dateline before the date: "KYIV, 17 February 2024 —", "ANTAKYA, Turkey, Feb 7 -".
_DATELINE_PLACE = re.compile(r"\s*[A-Z][A-Z.'’ -]*[A-Z.](?:,\s*[A-Z][\w.'’ -]*)?,\s*")
_BYLINE = re.compile(r"\s*by\b", re.IGNORECASE)
_NEWS_KINDS = ("media-outlet", "news-agency", "newspaper", "magazine", "broadcaster")


@dataclass(frozen=True)
class KnownEntity:
    """A registry entity the article names: how often, and the spellings it used."""

    entity: Entity
    count: int
    written: tuple[str, ...]  # distinct spellings, in order of first use
    first_line: int


@dataclass(frozen=True)
class CandidateFigure:
    number: NumberHit
    subject: str | None  # entity id named nearest in the same sentence
    line: int
    snippet: str


@dataclass(frozen=True)
class CandidateEvent:
    date: PartialDate
    places: tuple[str, ...]
    actors: tuple[str, ...]
    line: int
    snippet: str


@dataclass(frozen=True)
class Draft:
    """What was found in one article, before it is written out."""

    headline: str | None
    published: PartialDate | None
    outlet: str | None
    authors: tuple[str, ...]
    entities: tuple[KnownEntity, ...]  # in order of first mention
    unknown: tuple[NameCandidate, ...]
    figures: tuple[CandidateFigure, ...]
    events: tuple[CandidateEvent, ...]
    bodies: tuple[NameCandidate, ...] = ()  # organisations named in lowercase ("Russia's defence ministry")


# --- Reading the article ----------------------------------------------------------


def _snippet(text: str, span: Span, sentences: Sequence[Span]) -> str:
    """A few words either side of `span` in its sentence, for a comment."""
    sentence = sentence_at(sentences, span.start)
    side = SNIPPET_WORDS // 2
    before = re.search(rf"(?:\S+\s+){{0,{side}}}$", text[sentence.start : span.start])
    after = re.match(rf"(?:\s*\S+){{0,{side}}}", text[span.end : sentence.end])
    start = span.start - len(before.group(0)) if before else span.start
    end = span.end + len(after.group(0)) if after else span.end
    return "…" + " ".join(text[start:end].split()) + "…"


def _headline(lines: Sequence[str]) -> str | None:
    for line in lines:
        if line.strip():
            words = line.split()
            return line.strip() if len(words) <= 20 and not line.rstrip().endswith(".") else None
    return None


def _publication(text: str, dates: Sequence[DateHit]) -> DateHit | None:
    """A date on a line of its own, or after `date`/`published`, in the article's head."""
    lines = text.splitlines(keepends=True)
    head_end = sum(len(line) for line in lines[:HEAD_LINES])
    for hit in dates:
        if hit.span.start >= head_end or hit.date.day is None:
            continue
        line_start = text.rfind("\n", 0, hit.span.start) + 1
        line_end = text.find("\n", hit.span.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        before = text[line_start : hit.span.start]
        # a date line such as "Analysis | November 3, 2025", not a sentence that starts with a date
        alone = len(line.split()) <= len(text[hit.span.start : hit.span.end].split()) + 3
        if alone or _DATE_LINE.fullmatch(before.strip() + " ") or _DATE_LINE.match(before):
            return hit
        if _DATELINE_PLACE.fullmatch(before):
            return hit
    return None


def _byline_people(text: str, hits: Sequence[EntityHit]) -> tuple[str, ...]:
    """People named in a `By …` line of the head (and the short lines after it)."""
    lines = text.splitlines(keepends=True)
    offset, region = 0, None
    for index, line in enumerate(lines[:HEAD_LINES]):
        if _BYLINE.match(line) and len(line.split()) <= 12:
            end = offset + len(line)
            for follower in lines[index + 1 : index + 8]:
                if len(follower.split()) > 8:
                    break
                end += len(follower)
            region = Span(offset, end)
            break
        offset += len(line)
    if region is None:
        return ()
    found = [hit.entity.id for hit in hits if hit.entity.kind == "person" and region.overlaps(hit.span)]
    return tuple(dict.fromkeys(found))


def _outlet(text: str, hits: Sequence[EntityHit]) -> str | None:
    """A news organisation named on a short line of the head or the last lines."""
    lines = text.splitlines(keepends=True)
    starts, offset = [], 0
    for line in lines:
        starts.append((offset, line))
        offset += len(line)
    edge = starts[:HEAD_LINES] + starts[-3:]
    for start, line in edge:
        if len(line.split()) > 8:
            continue
        span = Span(start, start + len(line))
        for hit in hits:
            if (
                hit.entity.kind == "organisation"
                and hit.entity.category in _NEWS_KINDS
                and span.overlaps(hit.span)
            ):
                return hit.entity.id
    return None


def _nearest(hits: Sequence[EntityHit], span: Span, sentence: Span, kinds: Sequence[str]) -> str | None:
    inside = [
        hit
        for hit in hits
        if sentence.start <= hit.span.start < sentence.end
        and hit.entity.kind in kinds
        and not hit.span.overlaps(span)
    ]
    if not inside:
        return None
    closest = min(
        inside,
        key=lambda hit: (min(abs(hit.span.start - span.end), abs(span.start - hit.span.end)), hit.entity.id),
    )
    return closest.entity.id


def read_article(text: str, corpus: Corpus) -> Draft:
    """Find in `text` what a brief of it will need, against the registry of `corpus`."""
    folded = fold_text(text)
    hits = find_entities(text, corpus.entities, folded)
    sentences = sentence_spans(text)
    dates = find_dates(text)
    publication = _publication(text, dates)
    units = {unit.name: unit for unit in corpus.units}
    numbers = find_numbers(text, units, [hit.span for hit in dates])

    known: dict[str, list[EntityHit]] = {}
    for hit in hits:
        known.setdefault(hit.entity.id, []).append(hit)
    entities = tuple(
        KnownEntity(
            found[0].entity,
            len(found),
            tuple(dict.fromkeys(hit.written for hit in found)),
            line_of(text, found[0].span.start),
        )
        for found in known.values()
    )
    figures = tuple(
        CandidateFigure(
            number,
            _nearest(
                hits,
                number.span,
                sentence_at(sentences, number.span.start),
                ("place", "organisation", "person"),
            ),
            line_of(text, number.span.start),
            _snippet(text, number.span, sentences),
        )
        for number in numbers
    )
    events: list[CandidateEvent] = []
    for date in dates:
        if date is publication:
            continue
        sentence = sentence_at(sentences, date.span.start)
        in_sentence = [hit for hit in hits if sentence.start <= hit.span.start < sentence.end]
        events.append(
            CandidateEvent(
                date.date,
                tuple(dict.fromkeys(h.entity.id for h in in_sentence if h.entity.kind == "place")),
                tuple(dict.fromkeys(h.entity.id for h in in_sentence if h.entity.kind != "place")),
                line_of(text, date.span.start),
                _snippet(text, date.span, sentences),
            )
        )
    return Draft(
        headline=_headline(text.splitlines()),
        published=publication.date if publication else None,
        outlet=_outlet(text, hits),
        authors=_byline_people(text, hits),
        entities=entities,
        unknown=tuple(unknown_names(text, hits, corpus.entities)[:MAX_CANDIDATES]),
        figures=figures,
        events=tuple(events),
        bodies=tuple(unlisted_bodies(text, hits)),
    )


# --- Writing the draft -----------------------------------------------------------------


def _quoted(snippet: str) -> str:
    return '"' + snippet.replace('"', "'") + '"'


def _number_lines(number: NumberHit) -> list[str]:
    if number.value is not None:
        lines = [f"value: {number.value:g}"]
    else:
        lines = [f"low: {number.low:g}", f"high: {number.high:g}"]
    if number.qualifier != "exact":
        lines.append(f"qualifier: {number.qualifier}")
    if number.unit is not None:
        lines.append(f"unit: {number.unit}")
    else:
        lines.append(
            f"unit: {placeholder(f'the unit (written `{number.written_unit}`), listed in data/units.yml')}"
        )
    return lines


def _figure_notes(draft: Draft, corpus: Corpus) -> list[str]:
    if not draft.figures:
        return []
    families: dict[str, list[str]] = {}
    for metric in corpus.metrics:
        families.setdefault(metric.family, []).append(metric.id)
    units = {unit.name: unit for unit in corpus.units}
    notes = [
        "Candidate figures: numbers the text gives with a unit or a qualifier word. For each that",
        "carries meaning, uncomment it under `figures:` (drop the `[]`), choose its metric, check the",
        "subject, and write the context in your own words. Qualifiers: " + ", ".join(QUALIFIERS) + ".",
    ]
    for index, figure in enumerate(draft.figures, 1):
        number = figure.number
        family = units[number.unit].family if number.unit in units else None
        metrics = ", ".join(families.get(family, [])) if family else ""
        metric_hint = f"a metric id ({family}: {metrics})" if metrics else "a metric id from data/metrics.yml"
        subject = figure.subject or placeholder("the entity the number is about")
        notes += [
            f"  # line {figure.line}: {_quoted(figure.snippet)}",
            f"  - id: {placeholder(f'a short id for figure {index}')}",
            f"    metric: {placeholder(metric_hint)}",
            f"    subject: {subject}",
            *(f"    {line}" for line in _number_lines(number)),
            f"    context: {placeholder('what is counted, where and as of when, in your own words')}",
        ]
    return notes


def _event_notes(draft: Draft) -> list[str]:
    if not draft.events:
        return []
    notes = [
        "Candidate events: dates in the text. Uncomment those worth a timeline entry under `events:`",
        "(drop the `[]`) and say what happened in your own words.",
    ]
    for index, event in enumerate(draft.events, 1):
        notes += [
            f"  # line {event.line}: {_quoted(event.snippet)}",
            f"  - id: {placeholder(f'a short id for event {index}')}",
            f"    date: {event.date.iso()}",
            f"    what: {placeholder('what happened, in your own words')}",
            f"    places: [{', '.join(event.places)}]",
            f"    actors: [{', '.join(event.actors)}]",
        ]
    return notes


def _unknown_notes(draft: Draft, search: RegistrySearch) -> list[str]:
    if not draft.unknown:
        return []
    notes = [
        "Names in the text that the registry does not know (most frequent first). Look each up with",
        "`briefgen find NAME`: a close match may be the same entity under another spelling (add the",
        "spelling to its aliases) or a different one (add a new entry to data/people.yml, places.yml",
        "or organisations.yml). Then list it above with its role.",
    ]
    for candidate in draft.unknown:
        close = search.find(
            candidate.name, limit=1, cutoff=CLOSE_NAME_CUTOFF, kinds=("person", "place", "organisation")
        )
        hint = ""
        if close:
            entry = close[0].entry
            hint = f"; closest known: {entry.id} ({entry.kind}, {entry.category}), perhaps a different entity"
        notes.append(f"  {candidate.name} ({candidate.count}×){hint}")
    return notes


def _body_notes(draft: Draft, search: RegistrySearch) -> list[str]:
    if not draft.bodies:
        return []
    notes = [
        "Organisations the text names without a capital that the registry lacks. If `briefgen find`",
        "knows one under another name, add this spelling to its aliases; else add it, for example",
        '`briefgen add organisation "Ministry of Defence of Russia" --alias "Russia\'s defence ministry"`.',
    ]
    for body in draft.bodies:
        close = search.find(body.name, limit=1, cutoff=CLOSE_NAME_CUTOFF, kinds=("organisation",))
        hint = f"; closest known: {close[0].entry.id}, perhaps a different body" if close else ""
        notes.append(f"  {body.name} ({body.count}×){hint}")
    return notes


def _entity_lines(draft: Draft, corpus: Corpus) -> list[str]:
    by_id = {entity.id: entity for entity in corpus.entities}
    listed = [known.entity.id for known in draft.entities]
    extra = [e for e in ([draft.outlet] if draft.outlet else []) + list(draft.authors) if e not in listed]
    lines = [
        "# entities: every entity the brief refers to, with its role in this article. Found in the",
        "# text by name or alias; delete those that play no part, give the others a role.",
        "entities:" if draft.entities or extra else "entities: []",
    ]
    for known in draft.entities:
        entity = known.entity
        spellings = ", ".join(f"`{spelling}`" for spelling in known.written)
        lines += [
            f"  # {entity.name} ({entity.kind}, {entity.category}):"
            f" {known.count}× from line {known.first_line}, as {spellings}",
            f"  - id: {entity.id}",
            f"    role: {placeholder(f'the role of {entity.name} in this article')}",
        ]
    for entity_id in extra:
        entity = by_id[entity_id]
        lines += [
            f"  - id: {entity.id}",
            f"    role: {placeholder(f'the role of {entity.name} in this article')}",
        ]
    return lines


def render_draft(brief_id: str, draft: Draft, corpus: Corpus, article_name: str) -> str:
    """The draft brief's YAML text."""
    preamble = [
        f"Drafted by `briefgen draft` from {article_name}. Lines quoting the article stay in comments."
    ]
    if draft.headline:
        preamble.append(f"Headline: {_quoted(draft.headline)}; the title if it has fewer than ten words.")
    filled: dict[str, list[str]] = {"entities": _entity_lines(draft, corpus)}
    if draft.published is not None:
        filled["published"] = [
            "# published: the date line of the article",
            f"published: {draft.published.iso()}",
        ]
    if draft.outlet is not None:
        filled["outlet"] = ["# outlet: named in the article's head or foot", f"outlet: {draft.outlet}"]
    if draft.authors:
        filled["authors"] = ["# authors: from the byline", f"authors: [{', '.join(draft.authors)}]"]
    if "published" not in filled:
        filled["published"] = field_lines("published", BRIEF_FIELDS["published"])
    search = RegistrySearch(entries_of(corpus))
    notes = {
        "entities": _unknown_notes(draft, search) + _body_notes(draft, search),
        "figures": _figure_notes(draft, corpus),
        "events": _event_notes(draft),
    }
    return brief_template(brief_id, preamble=preamble, filled=filled, notes=notes)
