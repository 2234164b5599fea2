"""Registry look-up by any spelling: entities, metrics and units matched by name or alias.

Spellings are folded before they are compared (`textscan.fold`: transliterated
to ASCII by anyascii, case-folded, punctuation dropped), the same way `draft`
folds an article to find names in it. rapidfuzz then scores the folded query
against every folded name and alias (`WRatio`: whole-string similarity, and
partial matches for a short query inside a long name), and each entry keeps its
best spelling.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from briefgen.authoring.textscan import fold
from briefgen.authoring.translit import national_spellings
from briefgen.model import Corpus
from briefgen.read.load import METRICS_FILE, REGISTRY_FILES, UNITS_FILE, InvalidData, load_corpus
from briefgen.read.vocabulary import VOCABULARY_FILE

KINDS = ("person", "place", "organisation", "metric", "unit")
DEFAULT_CUTOFF = 70.0
# Matches this far below the best one are noise next to it, not alternatives.
RELATIVE_CUTOFF = 15.0
SHORT_QUERY = 3  # letters; initials such as `AP` or `ISW` match whole or not at all
EXACT = 101.0  # the score of a spelling equal to the query once both are folded


def similarity(query: str, spelling: str, *, score_cutoff: float | None = None, **_: object) -> float:
    """WRatio, except that a very short query, or a spelling much shorter than the query, is compared whole.

    WRatio credits a short string found inside a long one, which is right for
    `Donetsk` inside `Donetsk Oblast` but wrong for the unit `m` inside
    `Bakhmut`, the alias `US` inside `US Congress` or `AP` inside `Zaporizhia`:
    a different entity.
    """
    if len(query) <= SHORT_QUERY or 2 * len(spelling) < len(query):
        score = fuzz.ratio(query, spelling)
    elif " " not in query:
        # One word against a name of several: it must be close to one of its
        # words (`Syrskyi` in `Oleksandr Syrskyi`), not merely share letters
        # with a stretch of it (`Munich` in `Michael Kofman`).
        score = max(fuzz.ratio(query, word) for word in [spelling, *spelling.split()])
    else:
        score = fuzz.WRatio(query, spelling)
    return score if score_cutoff is None or score >= score_cutoff else 0.0


@dataclass(frozen=True)
class Entry:
    """Something `find` can return: a registry entity, a metric or a unit."""

    id: str
    kind: str  # one of KINDS
    category: str  # the entity's kind (city, analyst …) or the metric's or unit's family
    name: str
    description: str
    spellings: tuple[str, ...]  # name first, then aliases


@dataclass(frozen=True)
class Match:
    entry: Entry
    spelling: str  # the name or alias that matched best
    score: float  # 0-100, or EXACT


def entries_of(corpus: Corpus) -> list[Entry]:
    """Every searchable entry of a corpus, sorted by kind then id."""
    entries = [
        Entry(e.id, e.kind, e.category, e.name, e.description, (e.name, *e.aliases)) for e in corpus.entities
    ]
    entries += [
        Entry(m.id, "metric", m.family, m.label, m.description, (m.label, m.id)) for m in corpus.metrics
    ]
    entries += [
        Entry(
            u.name,
            "unit",
            u.family,
            u.name,
            f"{u.family} unit; × {u.factor:g} gives the base unit",
            (u.name,),
        )
        for u in corpus.units
    ]
    return sorted(entries, key=lambda entry: (KINDS.index(entry.kind), entry.id))


class RegistrySearch:
    """The folded spellings of a set of entries, ready to be searched."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._owners: list[tuple[Entry, str]] = []
        self._folded: list[str] = []
        for entry in entries:
            for spelling in entry.spellings:
                self._owners.append((entry, spelling))
                self._folded.append(fold(spelling))

    def find(
        self, query: str, *, limit: int = 5, cutoff: float = DEFAULT_CUTOFF, kinds: Iterable[str] = KINDS
    ) -> list[Match]:
        """The best `limit` entries for `query`, best first; exact spellings rank above near ones."""
        # A Cyrillic query is also tried as Ukraine and Russia romanise it (`Сирський` → `Syrskyi`).
        queries = [q for q in dict.fromkeys(fold(v) for v in (query, *national_spellings(query))) if q]
        allowed = set(kinds)
        if not queries:
            return []
        best: dict[tuple[str, str], Match] = {}
        for wanted in queries:
            scored = process.extract(wanted, self._folded, scorer=similarity, score_cutoff=cutoff, limit=None)
            for _, score, index in scored:
                entry, spelling = self._owners[index]
                if entry.kind not in allowed:
                    continue
                if self._folded[index] == wanted:
                    score = EXACT  # an exact spelling beats a partial match that also scores 100
                key = (entry.kind, entry.id)
                if key not in best or score > best[key].score:
                    best[key] = Match(entry, spelling, score)
        ranked = sorted(best.values(), key=lambda m: (-m.score, KINDS.index(m.entry.kind), m.entry.id))
        if not ranked:
            return []
        floor = ranked[0].score - RELATIVE_CUTOFF
        return [match for match in ranked if match.score >= floor][:limit]


def format_match(match: Match) -> str:
    """One line per match: id, kind (and sort), name, description, the spelling that matched."""
    entry = match.entry
    how = "exact" if match.score == EXACT else f"{match.score:.0f}"
    also = f", matched `{match.spelling}`" if match.spelling != entry.name else ""
    return f"{entry.id}  {entry.kind} ({entry.category})  {entry.name}: {entry.description}  [{how}{also}]"


# --- Reading the registry even when a brief is broken --------------------------


def load_registry(data_dir: Path) -> tuple[Corpus, bool]:
    """The corpus of `data_dir`, or of its registry alone when a brief has problems.

    Returns the corpus and whether the briefs were left out. Looking a name up
    is most needed while a new brief is half written, so a broken brief must
    not stop it; a broken registry, metrics or units file still raises
    InvalidData, located in `data_dir`.
    """
    try:
        return load_corpus(data_dir), False
    except InvalidData:
        pass
    with tempfile.TemporaryDirectory(prefix="briefgen-registry-") as tmp:
        # The vocabulary too: it says which kinds and sides the registry's entries may take.
        for name in sorted([*REGISTRY_FILES.values(), METRICS_FILE, UNITS_FILE, VOCABULARY_FILE]):
            if (data_dir / name).is_file():
                shutil.copyfile(data_dir / name, Path(tmp) / name)
        (Path(tmp) / "briefs").mkdir()  # no briefs, but the folder a data directory must have
        try:
            # Entries just added (`briefgen add`, pasted stubs) may keep their TODO: placeholders.
            return load_corpus(Path(tmp), display_root=Path(tmp), pending_entries=True), True
        except InvalidData as err:
            located = [
                dataclasses.replace(
                    p, location=dataclasses.replace(p.location, file=str(data_dir / p.location.file))
                )
                for p in err.problems
            ]
            raise InvalidData(located) from None
