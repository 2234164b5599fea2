"""Rendered pages kept between the rebuilds of one `mkdocs serve`.

An edit to one brief changes a handful of pages, yet every rebuild rendered
all of them: at 1,000 briefs, some 2,500 pages and 10 seconds. A template is
given its page's spec (write/view.py) and, besides it, only the corpus-wide
tables (the registry's names and descriptions, metrics, units, vocabulary,
topics: write/templating.py's `Tables`). So each kept page is filed under a
fingerprint of both, and a rebuild renders again only the pages whose
fingerprint changed. Every page is kept this way; none needs a rule of its own.

The fingerprint walks every value a page is given, dataclasses field by
field (those left out of equality too, such as a metric's references, but
not a chart's SVG: see `_UNSHOWN`). A brief a page is about is fingerprinted
whole; a brief it only lists or links to, by what a listing shows of it
(`_listed`): a summary edit renders one page again, not every page linking
to that brief. tests/build/test_pagememo.py holds the kept site equal to a
fresh one after each kind of edit.

Each kept page carries the hash of its text, checked when it is reused: a
kept page that no longer matches (a bug that changed it in place, a worker's
page damaged on its way back) is rendered again and counted in `damaged`.

Kept only in memory, for one server: `mkdocs build` renders every page.
A server's first build may still share its pages among forked workers
(`mkdocs serve` builds once before it starts its server thread): each piece
of work then sends back what it kept (`taken`), and the server files it
(`absorb`), so that the first edit finds every page and not only its own share.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import os
import threading
from collections.abc import Callable, Mapping
from typing import Any

from briefgen.model import Brief, Corpus, Location


class PageMemo:
    """Pages by path, each with the fingerprint of what it was rendered from."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, bytes]] = {}
        self.reused = 0
        self.damaged = 0
        self.rendered = 0
        self._prints: dict[int, tuple[object, int]] = {}
        self._corpus_wide = 0
        self._fresh: list[tuple[str, int, str]] = []
        self._counted = (0, 0)
        self._fill: Callable[[], object] | None = None
        self._filling: threading.Thread | None = None

    def start(self, corpus: Corpus, settings: tuple[str, ...]) -> None:
        """Begin a build of `corpus`: what every page may read, fingerprinted once."""
        # Held objects keep their ids: a fingerprint filed under an id is never
        # found again by another object that took the same address.
        self._prints = {}
        self.reused = self.rendered = 0
        wide = (corpus.entities, corpus.metrics, corpus.units, corpus.families, corpus.vocabulary,
                corpus.topics, settings)
        self._corpus_wide = self.fingerprint(wide)

    def page_key(self, template: str, path: str, context: Mapping[str, Any],
                 own: Brief | None = None) -> int | None:
        """The fingerprint of one page; None when something in it cannot be fingerprinted.

        `own` is the brief the page is about, fingerprinted whole; any other
        brief in `context` by what a page shows of a brief it lists (see `_listed`).
        """
        try:
            return self.fingerprint((self._corpus_wide, template, path, self._whole(own), sorted(
                (name, self.fingerprint(value)) for name, value in context.items())))
        except TypeError:
            return None

    def get(self, path: str, key: int | None) -> str | None:
        kept = self.pages.get(path)
        if key is None or kept is None or kept[0] != key:
            return None
        if _digest(kept[1]) != kept[2]:
            self.damaged += 1
            del self.pages[path]
            return None
        self.reused += 1
        return kept[1]

    def put(self, path: str, key: int | None, text: str) -> None:
        self.rendered += 1
        if key is not None:
            self.pages[path] = (key, text, _digest(text))
            self._fresh.append((path, key, text))

    def file(self, path: str, key: int | None, text: str) -> None:
        """Keep a page made by an earlier build of the same inputs, without counting it rendered."""
        if key is not None:
            self.pages[path] = (key, text, _digest(text))

    def fill_later(self, fill: Callable[[], object]) -> None:
        """`fill` files the pages of a kept site (build/steps.py's `fill_memo`): run by
        `fill_now` in a thread, once the server has shown the site, or by `finished`."""
        self._filling, self._fill = None, fill

    def fill_now(self) -> None:
        fill, self._fill = self._fill, None
        if fill is not None:
            self._filling = threading.Thread(target=_quietly, args=(fill,), daemon=True,
                                             name="briefgen-page-memo")
            self._filling.start()

    def finished(self) -> None:
        """Wait for the memo to be filled (or fill it here): a build must not start
        before, nor change what it holds while it is filled."""
        self.fill_now()
        if self._filling is not None:
            self._filling.join()
            self._filling = None

    def taken(self) -> Kept:
        """What this process kept and counted since it last asked: in a forked
        worker, what its piece of work adds to the server's memo."""
        kept = Kept(os.getpid(), self._fresh, self.rendered - self._counted[0],
                    self.reused - self._counted[1])
        self._fresh, self._counted = [], (self.rendered, self.reused)
        return kept

    def absorb(self, kept: Kept) -> None:
        """File what another process kept (what this one kept is here already)."""
        if kept.process == os.getpid():
            return
        self.pages.update((path, (key, text, _digest(text))) for path, key, text in kept.pages)
        self.rendered += kept.rendered
        self.reused += kept.reused

    def fingerprint(self, value: object) -> int:
        """A hash of everything `value` holds; TypeError for a value of unknown shape."""
        if value is None or isinstance(value, (str, int, float, bool, bytes, enum.Enum)):
            return hash((type(value).__name__, value))
        if isinstance(value, Location):
            # Where a value sits in its file is shown on no page (only in
            # problems): a summary that grows by a line moves every figure
            # below it, which must not render every page that shows one.
            return 0
        known = self._prints.get(id(value))
        if known is not None:
            return known[1]
        print_: int
        if isinstance(value, Brief):
            print_ = self.fingerprint(_listed(value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            name = type(value).__qualname__
            print_ = hash((name, *(self.fingerprint(getattr(value, f.name))
                                   for f in dataclasses.fields(value) if (name, f.name) not in _UNSHOWN)))
        elif isinstance(value, (tuple, list, frozenset, set)):
            items = sorted(map(self.fingerprint, value)) if isinstance(value, (set, frozenset)) else (
                map(self.fingerprint, value))
            print_ = hash((type(value).__name__, *items))
        elif isinstance(value, Mapping):
            pairs = ((self.fingerprint(k), self.fingerprint(v)) for k, v in value.items())
            print_ = hash(("mapping", *pairs))
        else:
            raise TypeError(f"no fingerprint for {type(value).__name__}")
        self._prints[id(value)] = (value, print_)
        return print_

    def _whole(self, brief: Brief | None) -> int:
        if brief is None:
            return 0
        return hash(("whole", *(self.fingerprint(getattr(brief, f.name)) for f in dataclasses.fields(brief))))


def _quietly(fill: Callable[[], object]) -> None:
    # The memo only saves time: if it cannot be filled (the data changed while
    # it was, a file of the kept site went missing), the next edit renders more.
    try:
        fill()
    except Exception:  # noqa: BLE001
        pass


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclasses.dataclass(frozen=True)
class Kept:
    """Pages kept, and pages rendered and reused, by one process over one piece of work."""

    process: int
    pages: list[tuple[str, int, str]]
    rendered: int
    reused: int


# Fields no page shows. A chart's SVG is a file of its own, which pages link to;
# its rows and its key (the fingerprint of what it draws) are what they show
# and what changes with it, while the SVG is empty until drawn.
_UNSHOWN = frozenset({("Chart", "svg")})


def _listed(brief: Brief) -> tuple[object, ...]:
    """What any page shows of a brief it lists, links to or quotes from: its
    id, title, outlet, publication, type, topics and grade (figures, quotes,
    events and claims are given to pages on their own, and fingerprinted whole
    there). A page about the brief itself is given it as `own`."""
    return ("brief", brief.id, brief.title, brief.outlet, brief.published, brief.article_type, brief.topics,
            brief.reliability)
