"""The spelling files the search box reads: each spelling leads to its page, split by first letter."""

from __future__ import annotations

import json
from dataclasses import replace

from briefgen.analyse.index import CorpusIndex
from briefgen.model import Topic
from briefgen.read.load import load_corpus
from briefgen.write.search_files import SCRIPT_PATH, STYLE_PATH, search_files, spelling_path
from tests.conftest import ROOT


def _files() -> dict[str, dict]:  # type: ignore[type-arg]
    corpus = load_corpus(ROOT / "data", display_root=ROOT)
    return {output.path: json.loads(output.content) for output in search_files(CorpusIndex(corpus))
            if output.path not in (SCRIPT_PATH, STYLE_PATH)}


def test_each_cyrillic_and_transliterated_spelling_leads_to_the_entity_page():
    files = _files()
    for spelling in ("сирський", "сырский", "syrskiy", "syrsky", "oleksandr syrskyi"):
        pages = files[spelling_path(spelling[0])]["pages"]
        assert pages[spelling][0][0] == "/people/oleksandr-syrskyi/", spelling
    assert files[spelling_path("п")]["pages"]["покровськ"] == [["/places/pokrovsk/", "Pokrovsk", "Place"]]


def test_an_entity_comes_before_the_topic_named_after_it_and_each_says_what_it_is():
    pages = _files()[spelling_path("w")]["pages"]
    assert pages["wagner group"] == [
        ["/organisations/wagner-group/", "Wagner Group", "Organisation"],
        ["/topics/wagner-group/", "Wagner Group", "Topic"],
    ]


def test_the_words_of_names_are_filed_under_their_own_first_letter_for_mending_typos():
    files = _files()
    assert "pokrovsk" in files[spelling_path("p")]["words"]
    assert "station" in files[spelling_path("s")]["words"]  # from "Pokrovsk railway station"
    assert all(word[0] == path_letter for path, data in files.items()
               for path_letter in [chr(int(path.rsplit("/", 1)[1][:-5], 16))] for word in data["words"])


def test_spelling_files_are_sorted_and_the_same_from_build_to_build():
    corpus = load_corpus(ROOT / "data", display_root=ROOT)
    shuffled = replace(corpus, entities=tuple(reversed(corpus.entities)),
                       topics=(*reversed(corpus.topics), Topic("zz", "Zz", "A topic.")))
    first = {o.path: o.content for o in search_files(CorpusIndex(corpus))}
    second = {o.path: o.content for o in search_files(CorpusIndex(shuffled))}
    assert first.keys() <= second.keys()
    assert all(first[path] == second[path] for path in first if path != spelling_path("z"))
