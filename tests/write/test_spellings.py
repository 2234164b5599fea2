"""Every spelling of an entity a reader may search: Cyrillic, transliterated, folded."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefgen.write.spellings import fold, search_spellings, transliterations
from tests.corpus_factory import entity


@pytest.mark.parametrize("cyrillic, latin", [
    ("Сирський", ("Syrskyi", "Sirskiy")),  # no letter only one alphabet has: both systems
    ("Сырский", ("Syrskiy",)),  # ы is Russian only
    ("Покровськ", ("Pokrovsk",)),  # both systems agree: once
    ("Авдіївка", ("Avdiivka",)),  # і, ї: Ukrainian only
    ("Олександр Сирський", ("Oleksandr Syrskyi", "Oleksandr Sirskiy")),
    ("Згурівка", ("Zghurivka",)),  # зг is zgh in Ukrainian
    ("Єгор", ("Yehor",)),  # є at a word's start is ye
    ("Куп'янськ", ("Kupiansk",)),  # the apostrophe goes, and я after it is ia
])
def test_a_cyrillic_spelling_is_transliterated_by_the_alphabet_its_letters_belong_to(cyrillic, latin):
    assert transliterations(cyrillic) == latin


def test_a_latin_spelling_has_no_transliteration():
    assert transliterations("Pokrovsk") == ()


@pytest.mark.parametrize("written, folded", [
    ("Siobhán O'Grady", "siobhan ogrady"),
    ("  Pokrovsk  railway-station ", "pokrovsk railway station"),
    ("СИРСЬКИЙ", "сирський"),
    ("Сирський", "сирський"),  # й keeps its breve: a letter of its own, not и
])
def test_fold_drops_case_accents_apostrophes_and_punctuation(written, folded):
    assert fold(written) == folded


def test_an_entitys_spellings_are_its_name_aliases_and_transliterations_each_once():
    syrskyi = replace(entity("oleksandr-syrskyi", "Oleksandr Syrskyi", "person"),
                      aliases=("Syrskyi", "syrskyi", "Олександр Сирський", "Сирський"))
    assert search_spellings(syrskyi) == (
        "Oleksandr Syrskyi", "Syrskyi", "Олександр Сирський", "Oleksandr Sirskiy", "Сирський", "Sirskiy")
