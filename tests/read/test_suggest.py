"""suggest.py: did-you-mean picks the closest spelling, once per word, within a budget."""

from __future__ import annotations

from briefgen.read.suggest import Suggester, did_you_mean


def test_the_closest_option_is_suggested_and_nothing_when_none_is_close() -> None:
    assert did_you_mean("pokrovks", ["pokrovsk", "bakhmut", "myrnohrad"]) == "; did you mean `pokrovsk`?"
    assert did_you_mean("zzzzzz", ["pokrovsk", "bakhmut"]) == ""


def test_several_close_options_come_best_first() -> None:
    units = Suggester(["km", "kms", "miles", "people", "per day"], cutoff=50)
    assert units.closest("kmz", limit=4) == ("km", "kms")  # 80 % and 67 % alike


def test_each_word_is_looked_up_once_and_the_budget_bounds_the_work() -> None:
    suggester = Suggester(["pokrovsk", "bakhmut"], budget=2)
    assert suggester.closest("pokrovks") == ("pokrovsk",)
    assert suggester.closest("pokrovks") == ("pokrovsk",)  # cached: the budget is not spent again
    assert suggester.closest("bakhmutt") == ("bakhmut",)
    assert suggester.budget == 0
    assert suggester.closest("pokrovsk-x") == ()  # spent: no more fuzzy look-ups
    assert suggester.closest("pokrovks") == ("pokrovsk",)  # words already looked up still answer
