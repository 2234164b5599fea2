"""The files the search box reads besides Pagefind's index: its script and the
spellings of every entity and topic.

Pagefind (build/search_index.py) indexes the built pages' text into pieces a
reader's browser fetches as a query needs them. What it cannot do, the script
does with these files: put the page of an entity or topic first when the query
is one of its spellings, and mend a one-letter typo in a name (Pokrovks) when
the query as typed finds nothing. The spellings are split by their first
letter (folded, as `spellings.fold` folds), so a query fetches only the piece
its words begin with, however large the registry grows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib.resources import files as package_files

from briefgen.analyse.index import CorpusIndex
from briefgen.write import urls
from briefgen.write.spellings import fold, search_spellings, unique_spellings
from briefgen.write.urls import OutputFile

SEARCH_DIR = "search"  # a reserved id, so no entity's page can take it
SCRIPT_PATH = f"{SEARCH_DIR}/search.js"
STYLE_PATH = f"{SEARCH_DIR}/search.css"
PAGEFIND_DIR = f"{SEARCH_DIR}/pagefind"
SPELLINGS_DIR = f"{SEARCH_DIR}/spellings"

# The order of pages that share a spelling: an entity before the topic named after it.
_KIND_ORDER = {"person": 0, "place": 1, "organisation": 2, "topic": 3}
_KIND_LABEL = {"person": "Person", "place": "Place", "organisation": "Organisation", "topic": "Topic"}


def search_files(index: CorpusIndex) -> list[OutputFile]:
    """The search script, its stylesheet and the spelling files."""
    package = package_files("briefgen.write")
    return [OutputFile(SCRIPT_PATH, package.joinpath("search.js").read_text(encoding="utf-8")),
            OutputFile(STYLE_PATH, package.joinpath("search.css").read_text(encoding="utf-8")),
            *spelling_files(index)]


def spelling_files(index: CorpusIndex) -> list[OutputFile]:
    """One JSON file per first letter: `{"pages": {spelling: [[url, title, kind], ...]},
    "words": [...]}`, spellings and words folded and sorted, urls site-absolute."""
    targets: list[tuple[str, str, str, tuple[str, ...]]] = [
        (urls.entity_url(entity.kind, entity.id), entity.name, entity.kind, search_spellings(entity))
        for entity in index.registry.entities.values()
    ]
    targets += [(urls.topic_url(topic.id), topic.name, "topic", unique_spellings([topic.name]))
                for topic in index.topics.values()]
    pages: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    for url, title, kind, spellings in targets:
        for spelling in spellings:
            pages[fold(spelling)].append((_KIND_ORDER[kind], url, title, _KIND_LABEL[kind]))
    shard_pages: dict[str, dict[str, list[list[str]]]] = defaultdict(dict)
    shard_words: dict[str, set[str]] = defaultdict(set)
    for spelling, found in pages.items():
        shard_pages[spelling[0]][spelling] = [[url, title, label] for _, url, title, label in sorted(found)]
        for word in spelling.split():
            shard_words[word[0]].add(word)
    return [
        OutputFile(spelling_path(letter), _json_text(
            {"pages": dict(sorted(shard_pages[letter].items())), "words": sorted(shard_words[letter])}))
        for letter in sorted(shard_pages.keys() | shard_words.keys())
    ]


def _json_text(value: object) -> str:
    # <, > and & as \u escapes: a name is data, and no file of the site carries markup it did not mean to.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def spelling_path(letter: str) -> str:
    """The file of the spellings and words that begin with `letter` (folded), named by its code point."""
    return f"{SPELLINGS_DIR}/{ord(letter):x}.json"
