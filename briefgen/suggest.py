"""Did-you-mean: the known spellings closest to an unknown word, cheap on large lists.

A brief may hold thousands of unknown ids and a registry thousands of
spellings, so comparing every pair in Python (difflib) took minutes. RapidFuzz
compares in C with an early exit below the cutoff, each options list is
sorted once, each unknown word is looked up once, and one `Suggester` makes at
most `budget` fuzzy look-ups: a file with hundreds of unknown ids is broken in
bulk, and its first few hundred suggestions say enough. The cost is then
linear in the number of references plus the size of the registry.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

# Similarity in percent (RapidFuzz's `ratio`, the same measure as difflib's).
CUTOFF = 60.0
# Ids are at most 64 characters; anything longer is cut before comparing.
_MAX_WORD = 64
# Fuzzy look-ups one Suggester makes before it stops suggesting.
BUDGET = 200


class Suggester:
    """The closest of a fixed set of options to a word, cached per word."""

    def __init__(self, options: Iterable[str], *, cutoff: float = CUTOFF, budget: int = BUDGET) -> None:
        self.options: tuple[str, ...] = tuple(sorted(set(options)))
        self.cutoff = cutoff
        self.budget = budget
        self._cache: dict[str, tuple[str, ...]] = {}

    def closest(self, word: str, limit: int = 1) -> tuple[str, ...]:
        """Up to `limit` options at least `cutoff` similar to `word`, best first
        (ties in sorted order)."""
        key = word[:_MAX_WORD]
        found = self._cache.get(key)
        if found is None:
            if self.budget <= 0:
                return ()
            self.budget -= 1
            matches = process.extract(
                key, self.options, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=max(limit, 4)
            )
            found = tuple(option for option, _score, _index in matches)
            self._cache[key] = found
        return found[:limit]


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """"; did you mean `x`?" for the closest option, or "" when none is close."""
    close = Suggester(options).closest(word)
    return f"; did you mean `{close[0]}`?" if close else ""
