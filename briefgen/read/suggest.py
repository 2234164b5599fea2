"""Did-you-mean: the known spellings closest to an unknown word, cheap on large lists.

`Suggester` ranks by similarity, for keys and words a file must use exactly;
`NearMisses` admits only typos, for ids whose wrong guess would merge two
entities, and for units.

A brief may hold thousands of unknown ids and a registry thousands of
spellings, so comparing every pair in Python (difflib) took minutes. RapidFuzz
compares in C with an early exit below the cutoff, each options list is
sorted once, each unknown word is looked up once, and one `Suggester` makes at
most `budget` fuzzy look-ups: a file with hundreds of unknown ids is broken in
bulk, and its first few hundred suggestions say enough. The cost is then
linear in the number of references plus the size of the registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

# Similarity in percent (RapidFuzz's `ratio`, the same measure as difflib's).
CUTOFF = 60.0
# Ids are at most 64 characters; anything longer is cut before comparing.
_MAX_WORD = 64
# Fuzzy look-ups one Suggester makes before it stops suggesting.
BUDGET = 200


class _Lookup:
    """Look-ups among a fixed set of options, sorted once, each word looked up
    once, and at most `budget` of them."""

    def __init__(self, options: Iterable[str], budget: int) -> None:
        self.options: tuple[str, ...] = tuple(sorted(set(options)))
        self.budget = budget
        self._cache: dict[str, tuple[str, ...]] = {}

    def _found(self, word: str) -> tuple[str, ...]:
        key = word[:_MAX_WORD]
        found = self._cache.get(key)
        if found is None:
            if self.budget <= 0:
                return ()
            self.budget -= 1
            found = self._cache[key] = self._search(key)
        return found

    def _search(self, key: str) -> tuple[str, ...]:
        raise NotImplementedError


# Matches a Suggester keeps per word, however few a caller asks for.
_KEPT = 4


class Suggester(_Lookup):
    """The closest of a fixed set of options to a word, cached per word."""

    def __init__(self, options: Iterable[str], *, cutoff: float = CUTOFF, budget: int = BUDGET) -> None:
        super().__init__(options, budget)
        self.cutoff = cutoff

    def closest(self, word: str, limit: int = 1) -> tuple[str, ...]:
        """Up to `limit` (at most 4) options at least `cutoff` similar to
        `word`, best first (ties in sorted order)."""
        return self._found(word)[:limit]

    def _search(self, key: str) -> tuple[str, ...]:
        matches = process.extract(key, self.options, scorer=fuzz.ratio, score_cutoff=self.cutoff,
                                  limit=_KEPT)
        return tuple(option for option, _score, _index in matches)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """"; did you mean `x`?" for the closest option, or "" when none is close."""
    close = Suggester(options).closest(word)
    return f"; did you mean `{close[0]}`?" if close else ""


# --- Near misses: did-you-mean that never names a different thing ------------
#
# A suggestion an editor accepts silently merges two entities, so for ids (and
# the kind and unit words of data/) only a typo of a known spelling counts:
#
# - the edit distance (insertions, deletions, substitutions and swaps of two
#   neighbours: OSA) on the whole word is within the budget for its length,
#   none for short words, where one letter turns one name into another
#   (`iran`, `iraq`);
# - when both have the same number of hyphen-separated parts, each part is
#   within its own budget (and a part of three letters or more may hold one
#   typo): a typo stays inside a word, where a different word (`north-donetsk`,
#   `south-donetsk`; `oleksandr-tarnavskyi`, `oleksandr-syrskyi`) is a different name;
# - neither's parts are a proper subset of the other's: `donetsk` is not
#   `donetsk-oblast`, however close the letters;
# - both hold the same digits: `47th-brigade` is not `46th-brigade`.
#
# The caller narrows the options to the same kind (people for a person id,
# units of the metric's family for a unit).

# Lengths from which a word admits one more edit: ids (`ID_WORDS`) from 6
# characters, one more every 5, at most 3; unit names (`UNIT_WORDS`) from 3,
# since `kms` for `km` is a typo, and a wrong unit is refused again by its family.
ID_WORDS = 6
UNIT_WORDS = 3
_MAX_EDITS = 3
_SHORTEST_PART = 3
_DIGITS = re.compile(r"[0-9]+")
_PARTS = re.compile(r"[-\s]+")


def allowed_edits(length: int, shortest: int = ID_WORDS) -> int:
    """How many typos a word of `length` characters may hold and still be recognised."""
    if length < shortest:
        return 0
    return min(_MAX_EDITS, 1 + (length - shortest) // 5)


def is_near_miss(word: str, known: str, shortest: int = ID_WORDS) -> bool:
    """Is `word` a typo of `known`, by the rules above (never the same word)?"""
    if word == known or _DIGITS.findall(word) != _DIGITS.findall(known):
        return False
    if OSA.distance(word, known) > allowed_edits(len(word), shortest):
        return False
    parts, known_parts = _PARTS.split(word), _PARTS.split(known)
    if set(parts) < set(known_parts) or set(known_parts) < set(parts):
        return False
    if len(parts) == len(known_parts):
        return all(
            OSA.distance(part, other) <= max(allowed_edits(len(part), shortest), len(part) >= _SHORTEST_PART)
            for part, other in zip(parts, known_parts, strict=True)
        )
    return True


class NearMisses(_Lookup):
    """The known spellings a word is a typo of, best first; cached and budgeted as `Suggester`."""

    def __init__(self, options: Iterable[str], *, shortest: int = ID_WORDS, budget: int = BUDGET) -> None:
        super().__init__(options, budget)
        self.shortest = shortest

    def of(self, word: str, limit: int = 1) -> tuple[str, ...]:
        """Up to `limit` options `word` is a near miss of, closest first (ties in sorted order)."""
        return self._found(word)[:limit]

    def _search(self, key: str) -> tuple[str, ...]:
        matches = process.extract(
            key, self.options, scorer=OSA.distance,
            score_cutoff=allowed_edits(len(key), self.shortest), limit=None,
        )
        ranked = sorted((distance, option) for option, distance, _index in matches)
        return tuple(option for _distance, option in ranked if is_near_miss(key, option, self.shortest))
