"""The connections page's ties and the previews beside links (issue 21)."""

from __future__ import annotations

import json
from dataclasses import replace

from briefgen.analyse.index import CorpusIndex
from briefgen.model import Mention
from briefgen.write.connections import TIES_EACH, everywhere, strongest_ties
from briefgen.write.previews import previews_json
from tests import corpus_factory as cf


def _mentioning(brief_id: str, *entity_ids: str, **fields):  # type: ignore[no-untyped-def]
    return replace(cf.brief(brief_id, **fields), mentions=tuple(Mention(e, "Named.") for e in entity_ids))


def test_ties_leave_out_what_every_brief_names_and_pairs_named_once():
    index = CorpusIndex(cf.corpus(
        _mentioning("a", "pokrovsk", "myrnohrad", "isw", "washington-post"),
        _mentioning("b", "pokrovsk", "myrnohrad", "washington-post"),
        _mentioning("c", "bakhmut", "isw", "washington-post"),
        _mentioning("d", "bakhmut", "tass", "washington-post"),
    ))
    ties = {t.entity: t.ties for t in strongest_ties(index)}
    # Pokrovsk and Myrnohrad share two briefs, more than chance: a tie, both ways.
    assert ties["pokrovsk"] == (("myrnohrad", 2),) and ties["myrnohrad"] == (("pokrovsk", 2),)
    # The Washington Post is in every brief: tied to all alike, so to none.
    assert "washington-post" not in ties and all("washington-post" not in dict(t) for t in ties.values())
    assert everywhere(index) == ["washington-post"]
    # ISW and Bakhmut share one brief only: not yet a tie.
    assert "isw" not in ties and "bakhmut" not in ties


def test_ties_keep_each_entity_to_its_strongest():
    others = [f"p{n}" for n in range(10)]
    people = tuple(cf.entity(p, kind="person") for p in others)
    briefs = [_mentioning(f"b{n}", "pokrovsk", *others[: n + 2]) for n in range(8)]
    briefs += [_mentioning(f"x{n}", "bakhmut") for n in range(8)]  # so Pokrovsk is not everywhere
    index = CorpusIndex(cf.corpus(*briefs, entities=cf.DEFAULT_ENTITIES + people))
    pokrovsk = next(t for t in strongest_ties(index) if t.entity == "pokrovsk")
    assert len(pokrovsk.ties) == TIES_EACH
    assert [n for _, n in pokrovsk.ties] == sorted((n for _, n in pokrovsk.ties), reverse=True)
    assert pokrovsk.ties[0] == ("p0", 8) and pokrovsk.share(8) == 100


def test_previews_give_title_kind_one_line_and_counts_by_page_path():
    first = replace(_mentioning("a", "pokrovsk", "isw", title="Pokrovsk <b>falls</b>"),
                    summary="[[pokrovsk]] is besieged. A second sentence is not shown.")
    data = previews_json(CorpusIndex(cf.corpus(first, _mentioning("b", "pokrovsk"))))
    assert "<b>" not in data  # markup escaped in the file, the same text once parsed
    found = json.loads(data)
    assert found["/briefs/a/"] == {
        "title": "Pokrovsk <b>falls</b>", "kind": "Brief · The Washington Post, 6 November 2025",
        "text": "Pokrovsk is besieged.", "counts": "2 mentions · 0 figures"}
    assert found["/places/pokrovsk/"] == {
        "title": "Pokrovsk", "kind": "Place · place", "text": "About pokrovsk.", "counts": "in 2 briefs"}
    assert found["/organisations/isw/"]["counts"] == "in 1 brief"
    assert list(found) == sorted(found)
