"""Finding names, numbers and dates in an article's plain text, with where each was found.

Everything here proposes; nothing decides. `draft` turns what is found into
a brief for a person to finish, so the rules favour the common shapes of news
prose ("more than 70,000 people", "since May 2023", "Pokrovsk (Krasnoarmeysk)")
over completeness.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import fuzz, process

from briefgen.model import Entity, PartialDate
from briefgen.units import unit_key

_APOSTROPHES = "'`ʼ’‘"
_POSSESSIVE = re.compile(r"['`ʼ’‘][sS](?!\w)")


# --- Text folded for matching, with a way back to the original --------------------


@dataclass(frozen=True)
class FoldedText:
    """Text transliterated, lowercased and reduced to words, with each character's origin.

    `origin[i]` is the index in the original text of folded character i, so a
    match in the folded text can be shown, and placed in its sentence, as written.
    """

    text: str
    origin: tuple[int, ...]


def fold_text(text: str) -> FoldedText:
    """The same folding as `find.fold`, character by character, keeping offsets."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in _APOSTROPHES:
            if _POSSESSIVE.match(text, index):
                char = " "  # "Kyiv's" is Kyiv, while "O'Grady" folds to "ogrady"
            else:
                continue
        for out in anyascii(char).casefold():
            out = out if out.isascii() and out.isalnum() else " "
            if out == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(out)
            origin.append(index)
    return FoldedText("".join(chars), tuple(origin))


# --- Sentences ---------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def sentence_spans(text: str) -> list[Span]:
    """Rough sentence boundaries: after . ! ? and at line breaks."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append(Span(start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append(Span(start, len(text)))
    return spans


def sentence_at(spans: Sequence[Span], position: int) -> Span:
    for span in spans:
        if span.start <= position < span.end:
            return span
    return Span(position, position)


def line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


# --- Known entities ------------------------------------------------------------------


@dataclass(frozen=True)
class EntityHit:
    """A registry entity named in the text, by one of its spellings."""

    entity: Entity
    span: Span  # in the original text
    written: str  # as the text writes it


# A known name followed at once by a capitalised word is the start of a longer
# name the registry may not know: `Kyiv` in "Kyiv School of Economics".
_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")


def _capitals_agree(spelling: str, written: str) -> bool:
    """Whether the text's capitals fit the spelling's: `US` is not `us`, `Time` is not `time`."""
    for want, got in zip(spelling.split(), written.split(), strict=False):
        if want.isupper() and not got.isupper():
            return False
        if want[:1].isupper() and not got[:1].isupper():
            return False
    return True


def fold(text: str) -> str:
    """A spelling reduced to what all its variants share: ASCII, lowercase, plain words.

    Transliterated by anyascii (Cyrillic `Київ` reads `Kiiv`, `Siobhán` reads
    `Siobhan`), case-folded, apostrophes dropped (`O'Grady` is `ogrady`) except
    a possessive's (`Kyiv's` is `kyiv s`), other punctuation made a space.
    """
    return fold_text(text).text.strip()


def find_entities(text: str, entities: Iterable[Entity], folded: FoldedText | None = None) -> list[EntityHit]:
    """Every place the text names a registry entity, longest name first where two overlap."""
    folded = folded or fold_text(text)
    candidates: list[EntityHit] = []
    for entity in entities:
        for spelling in (entity.name, *entity.aliases):
            wanted = fold(spelling)
            if not wanted:
                continue
            pattern = re.compile(r"(?<![a-z0-9])" + re.escape(wanted) + r"(?![a-z0-9])")
            for match in pattern.finditer(folded.text):
                start = folded.origin[match.start()]
                end = folded.origin[match.end() - 1] + 1
                written = text[start:end]
                if _capitals_agree(spelling, written) and not _NAME_GOES_ON.match(text, end):
                    candidates.append(EntityHit(entity, Span(start, end), written))
    kept: list[EntityHit] = []
    for hit in sorted(candidates, key=lambda h: (-(h.span.end - h.span.start), h.span.start, h.entity.id)):
        if not any(hit.span.overlaps(other.span) for other in kept):
            kept.append(hit)
    return sorted(kept, key=lambda hit: hit.span.start)


# --- Capitalised names the registry does not know ----------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_CONNECTORS = frozenset({"of", "the", "for", "and", "de", "al", "von", "van", "bin", "du"})
_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name: number for number, name in enumerate(calendar.month_abbr) if name})
# Capitalised words that are not names: they open sentences, or titles that precede one.
_NOT_NAMES = frozenset(
    {
        "I",
        "A",
        "An",
        "The",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "To",
        "Of",
        "And",
        "But",
        "Or",
        "If",
        "As",
        "It",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "He",
        "She",
        "They",
        "We",
        "You",
        "His",
        "Her",
        "Their",
        "Our",
        "Your",
        "My",
        "There",
        "Here",
        "What",
        "When",
        "Where",
        "Why",
        "How",
        "Who",
        "While",
        "After",
        "Before",
        "Since",
        "Until",
        "With",
        "Without",
        "Yet",
        "So",
        "Still",
        "Now",
        "Then",
        "Also",
        "Although",
        "However",
        "Hence",
        "Because",
        "Despite",
        "During",
        "Even",
        "Meanwhile",
        "According",
        "Many",
        "Some",
        "Most",
        "Other",
        "Such",
        "Both",
        "Each",
        "Every",
        "All",
        "Another",
        "Any",
        "No",
        "Not",
        "Only",
        "Just",
        "Instead",
        "Though",
        "Whether",
        "Once",
        "Over",
        "Under",
        "Among",
        "Against",
        "Amid",
        "Near",
        "Last",
        "Next",
        "First",
        "Several",
        "Few",
        "Much",
        "More",
        "Less",
        "One",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "Thus",
        "Unlike",
        "Like",
        "Later",
        "Earlier",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "President",
        "General",
        "Colonel",
        "Minister",
        "Commander",
        "Sir",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        *_MONTHS,
    }
)
_ADJECTIVE_ENDINGS = ("ian", "ean", "an", "ese", "ish", "ic", "ians", "eans", "ans")
# Tokens of URLs and handles ("LiVFrGnyU4", "TheStudyofWar"), not names.
_CODE_LIKE = re.compile(r".*\d|.*[a-z][A-Z]")


@dataclass(frozen=True)
class NameCandidate:
    """A capitalised name the registry does not know, with how often and where it first appears."""

    name: str
    count: int
    first: Span


def _is_derived_adjective(word: str, known_stems: frozenset[str]) -> bool:
    """`Ukrainian` from Ukraine, `Russian` from Russia: adjectives of known names, not new names."""
    lower = word.lower()
    return lower.endswith(_ADJECTIVE_ENDINGS) and lower[:5] in known_stems


def unknown_names(text: str, hits: Sequence[EntityHit], entities: Iterable[Entity]) -> list[NameCandidate]:
    """Runs of capitalised words outside the known hits, most frequent first.

    A single word that only ever opens a sentence is left out: it is far more
    often an ordinary word than a name.
    """
    known_stems = frozenset(
        spelling.lower()[:5]
        for entity in entities
        for spelling in (entity.name, *entity.aliases)
        if len(spelling) >= 5
    )
    sentence_starts = {span.start for span in sentence_spans(text)}
    runs: list[tuple[str, Span, bool]] = []
    words = [(m.group(0).rstrip(".-’'"), m.start()) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        word, start = words[i]
        if not word[:1].isupper() or _CODE_LIKE.match(word):
            i += 1
            continue
        parts, end, j = [word], start + len(word), i + 1
        while j < len(words):
            nxt, nstart = words[j]
            gap = text[end:nstart]
            if gap != " ":
                break
            if nxt[:1].isupper() and not _CODE_LIKE.match(nxt):
                parts.append(nxt)
                end = nstart + len(nxt)
            elif nxt in _CONNECTORS and j + 1 < len(words) and words[j + 1][0][:1].isupper():
                parts.append(nxt)
                end = nstart + len(nxt)
            else:
                break
            j += 1
        while parts and (parts[0] in _NOT_NAMES or parts[0] in _CONNECTORS):
            start += len(parts[0]) + 1
            parts.pop(0)
        while parts and parts[-1] in _CONNECTORS:
            parts.pop()
        if parts:
            name = re.sub(r"['’]s$", "", " ".join(parts))
            runs.append((name, Span(start, start + len(name)), start in sentence_starts))
        i = j
    counts: dict[str, list[tuple[Span, bool]]] = {}
    for name, span, opens in runs:
        if any(span.overlaps(hit.span) for hit in hits):
            continue
        if " " not in name and (name in _NOT_NAMES or _is_derived_adjective(name, known_stems)):
            continue
        counts.setdefault(name, []).append((span, opens))
    found = [
        NameCandidate(name, len(places), places[0][0])
        for name, places in counts.items()
        if " " in name or not all(opens for _, opens in places)
    ]
    return sorted(found, key=lambda c: (-c.count, c.first.start))


# Bodies the press names without capitals, after their country: "Russia's defence
# ministry", "the Ukrainian general staff", "Turkey's disaster agency".
_BODY_NOUNS = (
    r"(?:defen[cs]e|foreign|interior|health|finance|economy|emergencies|emergency|justice|energy)\s+ministry"
    r"|ministry\s+of\s+(?:defen[cs]e|foreign\s+affairs|the\s+interior|health|finance|emergencies|energy)"
    r"|general\s+staff|armed\s+forces|border\s+(?:guard|service)|security\s+service|national\s+guard"
    r"|(?:disaster|emergency|intelligence|space|nuclear)\s+agency|central\s+bank|air\s+force|navy"
    r"|coast\s+guard|presidential\s+(?:office|administration)|prosecutor(?:-general)?'?s?\s+office"
)
_BODY = re.compile(
    rf"\b(?P<owner>(?:[A-Z][a-z]+(?:['’]s)?|[A-Z][a-z]+(?:n|an|ian|ish|ese|i))\s+)(?P<noun>{_BODY_NOUNS})\b"
)


def unlisted_bodies(text: str, hits: Sequence[EntityHit]) -> list[NameCandidate]:
    """Organisations named in lowercase after their country ("Russia's defence ministry"),
    where the registry named nothing; most frequent first."""
    found: dict[str, list[Span]] = {}
    for match in _BODY.finditer(text):
        span = Span(match.start("noun"), match.end("noun"))
        if any(span.overlaps(hit.span) for hit in hits):
            continue
        name = " ".join(match.group(0).split())
        found.setdefault(name, []).append(Span(match.start(), match.end()))
    candidates = [NameCandidate(name, len(spans), spans[0]) for name, spans in found.items()]
    return sorted(candidates, key=lambda c: (-c.count, c.first.start))


# --- Dates ---------------------------------------------------------------------------

_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, str, str]], ...] = (
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), ("y", "m", "d")),
    (
        re.compile(rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"),
        ("y", "m", "d"),
    ),
    (
        re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b"),
        ("y", "m", "d"),
    ),
    (re.compile(rf"\b(?P<m>{_MONTH})\.?,?\s+(?:of\s+)?(?P<y>\d{{4}})\b"), ("y", "m", "")),
)


@dataclass(frozen=True)
class DateHit:
    date: PartialDate
    span: Span


def _month(text: str) -> int:
    return int(text) if text.isdigit() else _MONTHS[text]


def find_dates(text: str) -> list[DateHit]:
    """Full dates and month-year dates, each place once (the most precise reading wins)."""
    hits: list[DateHit] = []
    for pattern, (y, m, d) in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            span = Span(match.start(), match.end())
            if any(span.overlaps(hit.span) for hit in hits):
                continue
            try:
                date = PartialDate(
                    int(match.group(y)), _month(match.group(m)), int(match.group(d)) if d else None
                )
                date.last_day()  # refuses 31 February
            except (ValueError, KeyError):
                continue
            if not 1900 <= date.year <= 2100:
                continue
            hits.append(DateHit(date, span))
    return sorted(hits, key=lambda hit: hit.span.start)


# --- Numbers with their qualifier and unit ---------------------------------------------

QUALIFIER_WORDS: dict[str, str] = {
    "more than": "more-than",
    "over": "more-than",
    "upwards of": "more-than",
    "in excess of": "more-than",
    "just over": "more-than",
    "at least": "at-least",
    "no fewer than": "at-least",
    "no less than": "at-least",
    "a minimum of": "at-least",
    "up to": "up-to",
    "as many as": "up-to",
    "a maximum of": "up-to",
    "fewer than": "fewer-than",
    "less than": "fewer-than",
    "under": "fewer-than",
    "about": "about",
    "around": "about",
    "roughly": "about",
    "some": "about",
    "approximately": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "an estimated": "about",
    "estimated": "about",
    "close to": "nearly",
    "just under": "nearly",
}
_NUMBER_WORDS: dict[str, float] = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a thousand": 1000,
    "a dozen": 12,
}
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_QUALIFIER = "|".join(sorted(map(re.escape, QUALIFIER_WORDS), key=len, reverse=True))
_WORD_NUMBER = "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = re.compile(
    rf"(?:\b(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?:(?P<low>{_DIGITS})\s*(?:-|–|to)\s*(?P<high>{_DIGITS})|(?P<num>{_DIGITS})|\b(?P<word>{_WORD_NUMBER}))"
    r"(?![\w,.]?\d)(?!\w)"
    r"(?:\s+(?P<mult>thousand|million|billion)\b)?",
    re.IGNORECASE,
)
_AFTER = re.compile(r"\s*(%|[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*){0,3})")
_PER_DAY = re.compile(r"\s+(?:a|per|each|every)\s+day\b|\s+daily\b", re.IGNORECASE)


@dataclass(frozen=True)
class NumberHit:
    """A number the text gives with a unit or a qualifier: a candidate figure."""

    span: Span  # the number with its qualifier and unit
    qualifier: str  # a key of model.QUALIFIERS
    value: float | None
    low: float | None
    high: float | None
    unit: str | None  # as written, when data/units.yml lists it
    written_unit: str  # the words after the number, when the unit is unknown


def _to_number(text: str) -> float:
    return float(text.replace(",", ""))


def _unit_after(text: str, position: int, units: Mapping[str, object]) -> tuple[str | None, str, int]:
    """The listed unit written right after `position` (longest first), the next word, and its end."""
    match = _AFTER.match(text, position)
    if match is None:
        return None, "", position
    if match.group(1) == "%":
        return ("percent" if "percent" in units else None), "%", match.end()
    words = match.group(1).split()
    next_word = words[0].lower()
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[:size])
        if unit_key(candidate) in units:
            end = position + match.group(0).index(words[size - 1]) + len(words[size - 1])
            per_day = _PER_DAY.match(text, end)
            if per_day and unit_key(f"{candidate} per day") in units:
                return f"{candidate} per day", next_word, per_day.end()
            if per_day and "per day" in units:
                return "per day", next_word, per_day.end()  # "120 soldiers a day"
            return candidate, next_word, end
    close = process.extractOne(next_word, sorted(units), scorer=fuzz.ratio, score_cutoff=88)
    if close is not None and len(next_word) >= 4:  # "kilometers" for the listed "kilometres"
        return close[0], next_word, position + match.group(0).index(words[0]) + len(words[0])
    return None, next_word, position


def find_numbers(text: str, units: Mapping[str, object], skip: Sequence[Span] = ()) -> list[NumberHit]:
    """Numbers followed by a unit data/units.yml lists, or preceded by a qualifier word.

    Numbers inside `skip` (dates) are ignored; so is a bare number with neither
    (a year, a brigade's number, a time of day), which is rarely a figure.
    """
    hits: list[NumberHit] = []
    for match in _NUMBER.finditer(text):
        span = Span(match.start(), match.end())
        if any(span.overlaps(other) for other in skip):
            continue
        qualifier = QUALIFIER_WORDS.get((match.group("qual") or "").lower(), "exact")
        multiplier = _MULTIPLIERS.get((match.group("mult") or "").lower(), 1.0)
        unit_from = match.end()
        if match.group("mult"):
            # "thousand troops" may be a listed unit of its own: then keep the number as written
            unit, _, end = _unit_after(text, match.start("mult"), units)
            if unit is not None:
                multiplier, unit_from = 1.0, match.start("mult")
        unit, next_word, end = _unit_after(text, unit_from, units)
        if match.group("word") and unit is None:
            continue  # "one of the", "two sides": number words count only with a unit
        if unit is None and qualifier == "exact":
            continue
        value = low = high = None
        if match.group("low"):
            low, high = (
                _to_number(match.group("low")) * multiplier,
                _to_number(match.group("high")) * multiplier,
            )
        elif match.group("num"):
            value = _to_number(match.group("num")) * multiplier
        else:
            value = _NUMBER_WORDS[match.group("word").lower()] * multiplier
        written = "" if unit is not None else next_word
        hits.append(
            NumberHit(Span(span.start, max(end, span.end)), qualifier, value, low, high, unit, written)
        )
    return hits
