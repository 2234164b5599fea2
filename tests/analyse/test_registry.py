"""Cross-links: appearances, co-mentions, related briefs, alias look-up."""

from __future__ import annotations

from pathlib import Path

from briefgen.analyse.registry import Registry
from briefgen.read.load import load_corpus
from tests.conftest import MINI, ROOT


def mini() -> Registry:
    return Registry(load_corpus(MINI / "data", display_root=MINI))


def test_appearances_are_newest_first_with_their_roles() -> None:
    registry = mini()
    appearances = registry.appearances("pokrovsk")
    # beta is dated (approximately) November 2025, alpha 29 October 2025.
    assert [(a.brief.id, a.role) for a in appearances] == [
        ("beta", "Compared with Bakhmut."),
        ("alpha", "The city under attack."),
    ]
    assert registry.mention_count("bakhmut") == 1
    assert registry.appearances("nobody") == []


def test_every_spelling_resolves_to_one_entity_whatever_its_case() -> None:
    registry = mini()
    for spelling in ("Pokrovsk", "krasnoarmeysk", "KRASNOARMIISK"):
        found = registry.resolve(spelling)
        assert found is not None and found.id == "pokrovsk"
    assert registry.resolve("Hanna Kovalenko").id == "anna-kovalenko"  # type: ignore[union-attr]
    assert registry.resolve("Atlantis") is None


def test_co_mentions_and_related_briefs_count_shared_entities() -> None:
    registry = mini()
    assert [(e.id, n) for e, n in registry.co_mentioned("bakhmut")] == [
        ("boris-ivanov", 1),
        ("pokrovsk", 1),
    ]
    related = registry.related_briefs(registry.briefs["alpha"])
    assert [(b.id, [e.id for e in shared]) for b, shared in related] == [("beta", ["pokrovsk"])]


def test_figures_quotes_and_events_are_found_from_both_ends() -> None:
    registry = mini()
    assert [(b.id, f.id) for b, f in registry.figures_about("bakhmut")] == [
        ("beta", "pop-bakhmut"),
        ("beta", "left-bakhmut"),
    ]
    assert [(b.id, f.id) for b, f in registry.figures_claimed_by("boris-ivanov")] == [
        ("beta", "left-bakhmut")
    ]
    assert [(b.id, q.id) for b, q in registry.quotes_by("anna-kovalenko")] == [("alpha", "fall")]
    assert [(b.id, e.id) for b, e in registry.events_involving("pokrovsk")] == [("alpha", "incursion")]
    assert [b.id for b in registry.briefs_by_outlet("daily-test")] == ["alpha"]


def test_the_real_registry_ranks_donetsk_oblast_among_the_most_mentioned_places() -> None:
    registry = Registry(load_corpus(ROOT / "data", display_root=Path(ROOT)))
    ranked = registry.most_mentioned("place", 8)
    top = dict((e.id, n) for e, n in ranked)
    assert top["donetsk-oblast"] == 5 and top["pokrovsk"] == 4 and top["bakhmut"] == 3
    counts = [n for _, n in ranked]
    assert counts == sorted(counts, reverse=True)


def test_a_spelling_claimed_by_two_entities_is_a_located_error(tmp_path: Path) -> None:
    import shutil

    from briefgen.read.load import InvalidData

    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    places = data / "places.yml"
    places.write_text(
        places.read_text().replace(
            "aliases: [Artemivsk]", "aliases: [Artemivsk, krasnoarmiisk]"
        )
    )
    # The entry later in the file repeats the spelling: its alias is blamed.
    lines = places.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "krasnoarmiisk" in text)
    first = next(n for n, text in enumerate(lines, 1) if "Krasnoarmiisk" in text)
    try:
        load_corpus(data, display_root=tmp_path)
    except InvalidData as invalid:
        assert [str(p) for p in invalid.problems] == [
            f"data/places.yml:{line}:24: bakhmut.aliases[1]: `krasnoarmiisk` already names `pokrovsk` "
            f"(as `Krasnoarmiisk`) at data/places.yml:{first}:28; a spelling must lead to one page"
        ]
    else:
        raise AssertionError("a shared alias was accepted")
