"""Events that several briefs report: one entry on the timeline and entity pages.

Two events of different briefs are taken to be one when all three hold:
- their dates are written alike (same day, or same month, or same year: a
  day is never merged with a month);
- they share a place, or, when neither names a place, an actor;
- their wording is alike: the words of one (links read as the ids they link)
  are mostly found in the other (rapidfuzz's token-set ratio of at least
  SIMILAR_WORDING).
Events of one brief are never merged: its author listed them apart. The
event of the earliest brief (by publication, then id) stands for the group;
pages list every brief's wording beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from briefgen.model import Brief, Event

SIMILAR_WORDING = 60.0
_LINK = re.compile(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]")

Pair = tuple[Brief, Event]


@dataclass(frozen=True)
class EventGroups:
    """Which reported events are one: each group's first pair stands for it."""

    also: dict[tuple[str, str], tuple[Pair, ...]]  # the standing pair's key → the other briefs' pairs
    merged: frozenset[tuple[str, str]]  # keys of pairs another pair stands for

    def others(self, brief: Brief, event: Event) -> tuple[Pair, ...]:
        return self.also.get((brief.id, event.id), ())

    def stands(self, brief: Brief, event: Event) -> bool:
        return (brief.id, event.id) not in self.merged


def _words(event: Event) -> str:
    return _LINK.sub(lambda m: m.group(1).replace("-", " "), event.what).lower()


def same_event(a: Pair, b: Pair) -> bool:
    """Are these two briefs' events one event (the rule above)?"""
    (brief_a, event_a), (brief_b, event_b) = a, b
    if brief_a.id == brief_b.id or event_a.date != event_b.date:
        return False
    places = set(event_a.places) & set(event_b.places)
    shared = places or (not event_a.places and not event_b.places
                        and set(event_a.actors) & set(event_b.actors))
    return bool(shared) and fuzz.token_set_ratio(_words(event_a), _words(event_b)) >= SIMILAR_WORDING


def _first(pair: Pair) -> tuple[str, str, str]:
    brief, event = pair
    published = brief.published.date.first_day().isoformat() if brief.published.date else "9999"
    return (published, brief.id, event.id)


def group_events(pairs: Iterable[Pair]) -> EventGroups:
    """Group the events that are one; a pair alone is a group of its own."""
    items: Sequence[Pair] = list(pairs)
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_date: dict[object, list[int]] = {}
    for i, (_brief, event) in enumerate(items):
        by_date.setdefault(event.date, []).append(i)
    for indices in by_date.values():  # only events of one date can be one
        for x, i in enumerate(indices):
            for j in indices[x + 1:]:
                if root(i) != root(j) and same_event(items[i], items[j]):
                    parent[root(i)] = root(j)
    groups: dict[int, list[Pair]] = {}
    for i, pair in enumerate(items):
        groups.setdefault(root(i), []).append(pair)
    also: dict[tuple[str, str], tuple[Pair, ...]] = {}
    merged: set[tuple[str, str]] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=_first)
        head = ordered[0]
        also[(head[0].id, head[1].id)] = tuple(ordered[1:])
        merged.update((brief.id, event.id) for brief, event in ordered[1:])
    return EventGroups(also, frozenset(merged))
