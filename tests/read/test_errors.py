"""Errors that say what to do: one report per unknown id, safe did-you-mean, exact link
locations, a missing registry file reported once, kinds and units checked by family."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.authoring.cli import main
from briefgen.model import DEFAULT_VOCABULARY, Location
from briefgen.read.crosscheck import REGISTRY_FILES
from briefgen.read.load import InvalidData, Problem, check_paths, load_corpus
from briefgen.read.positions import SourceText
from briefgen.read.suggest import UNIT_WORDS, is_near_miss
from briefgen.read.yamlsafe import YScalar, read_yaml
from tests.conftest import ROOT
from tests.read.test_load import (
    BASE_FILES,
    BRIEF,
    GOOD_BRIEF,
    VOCABULARY,
    brief_with,
    file_with,
    make_data,
    problems_in,
)

# The war corpus's kinds, which tests/read/test_load.py's vocabulary declares.
PERSON_KINDS = "analyst, civilian, commander, journalist, military-expert, official or politician"


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of the `nth` occurrence of `needle` in `text`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def about(problems: list[Problem], entity_id: str) -> list[Problem]:
    return [p for p in problems if f"`{entity_id}`" in p.message]


# --- One report per unknown id ------------------------------------------------------

NEW_GENERAL = (
    GOOD_BRIEF.replace("authors: [michael-kofman]", "authors: [michael-kofman, oleksandr-tarnavskyi]")
    .replace("  - id: pokrovsk\n    role: The city.\n",
             "  - id: pokrovsk\n    role: The city.\n  - id: oleksandr-tarnavskyi\n"
             "    role: >\n      General who spoke to\n      [[oleksandr-tarnavskyi|the paper]].\n")
    .replace("    speaker: michael-kofman", "    speaker: oleksandr-tarnavskyi")
)


def test_an_unknown_id_is_one_problem_at_its_first_use_listing_every_use(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, {BRIEF: NEW_GENERAL})
    [problem] = about(problems, "oleksandr-tarnavskyi")
    author = at(NEW_GENERAL, "oleksandr-tarnavskyi")
    listed = at(NEW_GENERAL, "oleksandr-tarnavskyi", 1)
    link = at(NEW_GENERAL, "[[oleksandr-tarnavskyi")
    speaker = at(NEW_GENERAL, "oleksandr-tarnavskyi", 3)
    assert (author, listed, link, speaker) == ((3, 27), (15, 9), (18, 7), (41, 14))
    assert problem.location == Location("data/briefs/good.yml", 3, 27)
    assert problem.field == "authors[1]"
    assert problem.message == (
        "unknown person id `oleksandr-tarnavskyi`, used 4 times:\n"
        "    data/briefs/good.yml: 3:27 authors[1], 15:9 entities[1].id, 18:7 entities[1].role, "
        "41:14 quotes[0].speaker\n"
        "  Unless `briefgen find` knows it by another id, a person goes in data/people.yml; "
        "paste this there and fill it in:\n"
        "    oleksandr-tarnavskyi:\n"
        '      name: "TODO: the name as the article spells it"\n'
        f'      kind: "TODO: {PERSON_KINDS}"\n'
        '      description: "TODO: what it is, in one line of your own words"'
    )
    assert [(where.line, where.column, path) for where, path in problem.uses] == [
        (3, 27, "authors[1]"), (15, 9, "entities[1].id"), (18, 7, "entities[1].role"),
        (41, 14, "quotes[0].speaker"),
    ]


def test_the_entry_to_paste_is_accepted_once_filled_in(tmp_path: Path) -> None:
    [problem] = about(problems_in(tmp_path / "a", {BRIEF: NEW_GENERAL}), "oleksandr-tarnavskyi")
    entry = textwrap.dedent(problem.message.split("fill it in:\n", 1)[1]) + "\n"
    pasted = {BRIEF: NEW_GENERAL, "people.yml": BASE_FILES["people.yml"] + entry}
    left = problems_in(tmp_path / "b", pasted)
    assert [(p.location.file, p.field) for p in left] == [
        ("data/people.yml", "oleksandr-tarnavskyi.name"),
        ("data/people.yml", "oleksandr-tarnavskyi.kind"),
        ("data/people.yml", "oleksandr-tarnavskyi.description"),
    ]
    assert all("placeholder" in p.message for p in left)
    filled = (entry.replace('"TODO: the name as the article spells it"', "Oleksandr Tarnavskyi")
              .replace(f'"TODO: {PERSON_KINDS}"', "commander")
              .replace('"TODO: what it is, in one line of your own words"', "A Ukrainian general."))
    data = make_data(tmp_path / "c", {BRIEF: NEW_GENERAL, "people.yml": BASE_FILES["people.yml"] + filled})
    corpus = load_corpus(data, display_root=tmp_path / "c")
    assert corpus.briefs[0].authors == ("michael-kofman", "oleksandr-tarnavskyi")


def test_uses_in_several_files_are_listed_by_file_and_each_file_checked_alone_shows_its_own(
    tmp_path: Path,
) -> None:
    other = GOOD_BRIEF.replace("sources: [carnegie-endowment]", "sources: [carnegie-endowment, kyiv-post]")
    files = {
        BRIEF: GOOD_BRIEF.replace("outlet: washington-post", "outlet: kyiv-post"),
        "briefs/another.yml": other,
    }
    data = make_data(tmp_path, files)
    with pytest.raises(InvalidData) as raised:
        load_corpus(data, display_root=tmp_path)
    [problem] = about(list(raised.value.problems), "kyiv-post")
    assert str(problem).splitlines()[:2] == [
        "data/briefs/another.yml:54:31: sources[1]: unknown organisation id `kyiv-post`, used 2 times:",
        "    data/briefs/another.yml: 54:31 sources[1]",
    ]
    assert str(problem).splitlines()[2] == "    data/briefs/good.yml: 2:9 outlet"
    alone = about(check_paths([data / "briefs" / "good.yml"], display_root=tmp_path), "kyiv-post")
    assert [(str(p.location), p.field) for p in alone] == [("data/briefs/good.yml:2:9", "outlet")]
    assert alone[0].message == problem.message


def test_an_id_used_as_two_kinds_says_so_and_offers_no_entry(tmp_path: Path) -> None:
    brief = GOOD_BRIEF.replace("outlet: washington-post", "outlet: kyiv-post").replace(
        "authors: [michael-kofman]", "authors: [kyiv-post]")
    [problem] = about(problems_in(tmp_path, {BRIEF: brief}), "kyiv-post")
    assert problem.message == (
        "unknown id `kyiv-post`, used as a person (authors[0]) and as an organisation (outlet): "
        "one id names one entity, used 2 times:\n"
        "    data/briefs/good.yml: 2:9 outlet, 3:11 authors[0]"
    )


def test_an_id_no_field_places_is_guessed_from_its_words(tmp_path: Path) -> None:
    brief = GOOD_BRIEF.replace("    claimed_by: volodymyr-zelensky", "    claimed_by: general-staff")
    [problem] = about(problems_in(tmp_path, {BRIEF: brief}), "general-staff")
    assert (str(problem.location), problem.field) == ("data/briefs/good.yml:33:17", "figures[0].claimed_by")
    lines = problem.message.splitlines()
    assert lines[:3] == [
        "unknown entity id `general-staff`",
        "  Unless `briefgen find` knows it by another id, it looks like an organisation (its id says "
        "`staff`): paste this in data/organisations.yml and fill it in (or, if it is not one, in "
        "data/people.yml or data/places.yml, with a kind that file allows):",
        "    general-staff:",
    ]
    assert lines[4].startswith('      kind: "TODO: armed-force, armed-unit, company')


@pytest.mark.parametrize(("field", "new_id", "role", "kind", "why"), [
    ("    claimed_by: volodymyr-zelensky", "oleksandr-syrskyi", None, "person",
     "it speaks or acts and its id reads like a first name and a surname"),
    ("    claimed_by: volodymyr-zelensky", "zorya", "Commander who gave the figure.", "person",
     "its role says `commander`"),
    ("    subject: pokrovsk", "kupiansk", "A town on the Oskil river.", "place", "its role says `town`"),
])
def test_the_entry_to_paste_is_for_the_kind_the_words_suggest(
    tmp_path: Path, field: str, new_id: str, role: str | None, kind: str, why: str
) -> None:
    brief = GOOD_BRIEF.replace(field, field.split(":")[0] + ": " + new_id)
    if role is not None:
        brief = brief.replace("entities:\n", f"entities:\n  - id: {new_id}\n    role: {role}\n", 1)
    [problem] = about(problems_in(tmp_path, {BRIEF: brief}), new_id)
    article = "an" if kind[0] in "aeiou" else "a"
    assert f"it looks like {article} {kind} ({why})" in problem.message
    assert f"    {new_id}:\n      name: " in problem.message


def test_an_id_nothing_tells_gets_an_entry_for_any_of_the_three_files(tmp_path: Path) -> None:
    brief = GOOD_BRIEF.replace("    claimed_by: volodymyr-zelensky", "    claimed_by: zorya")
    [problem] = about(problems_in(tmp_path, {BRIEF: brief}), "zorya")
    assert problem.message == (
        "unknown entity id `zorya`\n"
        "  Unless `briefgen find` knows it by another id, it goes in data/people.yml, data/places.yml or "
        "data/organisations.yml, by what it is; paste this there and fill it in:\n"
        "    zorya:\n"
        '      name: "TODO: the name as the article spells it"\n'
        '      kind: "TODO: a kind that file allows (`briefgen check` lists them)"\n'
        '      description: "TODO: what it is, in one line of your own words"'
    )


def test_a_likely_typo_gets_the_suggestion_and_where_a_new_one_would_go(tmp_path: Path) -> None:
    [problem] = problems_in(tmp_path, brief_with("authors: [michael-kofman]", "authors: [kofmann]"))
    assert problem.message == (
        "unknown person id `kofmann`; did you mean `michael-kofman`?\n"
        "  If it is a new person, it goes in data/people.yml."
    )


# --- Did you mean: only a typo, of the same kind ---------------------------------------


@pytest.mark.parametrize(("unknown", "known"), [
    ("pokrovks", "pokrovsk"),  # two letters swapped
    ("pokrovk", "pokrovsk"),  # one left out
    ("bakhmutt", "bakhmut"),  # one doubled
    ("ukrain", "ukraine"),
    ("kofmann", "kofman"),  # an alias, slugified
    ("volodymyr-zelenskyi", "volodymyr-zelensky"),
    ("kryvyirih", "kryvyi-rih"),  # a hyphen left out
    ("michael-kofmn", "michael-kofman"),
])
def test_a_typo_of_a_known_id_is_a_near_miss(unknown: str, known: str) -> None:
    assert is_near_miss(unknown, known)


@pytest.mark.parametrize(("unknown", "known"), [
    ("donetsk", "donetsk-oblast"),  # the city is not its oblast: one more word
    ("donetsk-oblast", "donetsk"),
    ("avdiivka-2", "avdiivka"),
    ("oleksandr-tarnavskyi", "oleksandr-syrskyi"),  # another general, same first name
    ("mykola-syrskyi", "oleksandr-syrskyi"),  # same surname
    ("syrskyi", "oleksandr-syrskyi"),
    ("us-congress", "united-states"),
    ("iran", "iraq"),  # short: one letter is another country
    ("47th-brigade", "46th-brigade"),  # numbers name different units
    ("h-20", "h-32"),
    ("north-donetsk", "south-donetsk"),  # a different word, though only two letters differ
    ("pokrovsk", "pokrovsk"),
])
def test_a_different_entity_is_never_a_near_miss(unknown: str, known: str) -> None:
    assert not is_near_miss(unknown, known)


REGISTRY_FOR_SUGGESTIONS = {
    "people.yml": BASE_FILES["people.yml"]
    + "oleksandr-syrskyi:\n  name: Oleksandr Syrskyi\n  kind: commander\n  description: General.\n",
    "places.yml": BASE_FILES["places.yml"]
    + "donetsk-oblast:\n  name: Donetsk Oblast\n  kind: region\n  description: Region.\n"
    + "united-states:\n  name: United States\n  kind: country\n  aliases: [USA]\n  description: Country.\n",
}


@pytest.mark.parametrize(("old", "new", "unknown", "suggested"), [
    ("authors: [michael-kofman]", "authors: [kofmann]", "kofmann", "michael-kofman"),
    ("authors: [michael-kofman]", "authors: [oleksandr-syrskiy]", "oleksandr-syrskiy", "oleksandr-syrskyi"),
    ("    places: [pokrovsk]", "    places: [pokrovks]", "pokrovks", "pokrovsk"),
    ("    claimed_by: volodymyr-zelensky", "    claimed_by: zelenskyy", "zelenskyy", "volodymyr-zelensky"),
    ("    places: [pokrovsk]", "    places: [donetsk]", "donetsk", None),
    ("authors: [michael-kofman]", "authors: [oleksandr-tarnavskyi]", "oleksandr-tarnavskyi", None),
    ("sources: [carnegie-endowment]", "sources: [us-congress]", "us-congress", None),
    # Same kind only: a person's id is never offered for a place, nor a place's for a person.
    ("    places: [pokrovsk]", "    places: [kofmann]", "kofmann", None),
    ("authors: [michael-kofman]", "authors: [pokrovks]", "pokrovks", None),
])
def test_did_you_mean_in_the_loader(
    tmp_path: Path, old: str, new: str, unknown: str, suggested: str | None
) -> None:
    [problem] = about(problems_in(tmp_path, {**REGISTRY_FOR_SUGGESTIONS, **brief_with(old, new)}), unknown)
    first_line = problem.message.splitlines()[0]
    if suggested is None:
        assert "did you mean" not in problem.message, problem.message
    else:
        assert first_line.endswith(f"; did you mean `{suggested}`?"), problem.message


# --- A [[link]] is located where it is written, in every style of scalar ----------------

SUMMARY = "summary: |\n  [[michael-kofman]] on [[pokrovsk|the city]].\n"


@pytest.mark.parametrize(("summary", "line", "column"), [
    ("summary: |\n  First line.\n  See [[pokrovks]] now.\n", 10, 7),
    ("summary: >\n  First line.\n  See [[pokrovks]] now.\n", 10, 7),
    ("summary: >-  # a comment with [[pokrovks]] is not the text\n  First line.\n    See [[pokrovks]].\n",
     10, 9),
    ("summary: First line\n  and the next,\n    See [[pokrovks]] now.\n", 10, 9),
    ("summary: 'It''s the first line.\n  See [[pokrovks]] now.'\n", 9, 7),
    ('summary: "A \\"quoted\\" line \\u00e9.\n\n  See [[pokrovks]] now."\n', 10, 7),
    ("summary: See it [[pokrovks]] now.\n", 8, 17),
    ('summary: "[[pokrovsk]] and [[pokrovks]]"\n', 8, 28),
    ("summary: >\n  [[pokrovks]] twice,\n  and [[pokrovks]].\n", 9, 3),
])
def test_an_unknown_link_is_reported_at_its_own_line_and_column(
    tmp_path: Path, summary: str, line: int, column: int
) -> None:
    [problem] = about(problems_in(tmp_path, brief_with(SUMMARY, summary)), "pokrovks")
    assert (problem.location, problem.field) == (Location("data/briefs/good.yml", line, column), "summary")


FOLDED = GOOD_BRIEF.replace(SUMMARY, "summary: >\n  First line.\n  See [[pokrovks]] now.\n")


@pytest.mark.parametrize(("brief", "line"), [
    (FOLDED.replace("\n", "\r\n"), 10),
    # The readers count a Unicode line separator as a line break (YAML 1.1); so does the locator.
    (FOLDED.replace("Pokrovsk under pressure", "Pokrovsk\u2028under pressure"), 11),
], ids=["crlf", "line-separator"])
def test_a_link_is_located_whatever_the_line_breaks(tmp_path: Path, brief: str, line: int) -> None:
    [problem] = about(problems_in(tmp_path, {BRIEF: brief}), "pokrovks")
    assert (problem.location.line, problem.location.column) == (line, 7)


def test_the_second_use_of_a_link_in_one_text_is_located_too(tmp_path: Path) -> None:
    summary = "summary: >\n  [[pokrovks]] twice,\n  and [[pokrovks]].\n"
    [problem] = about(problems_in(tmp_path, brief_with(SUMMARY, summary)), "pokrovks")
    assert [(w.line, w.column) for w, _ in problem.uses] == [(9, 3), (10, 7)]


@pytest.mark.parametrize(("text", "message", "line", "column"), [
    ("summary: >\n  First line.\n  See [[Pokrovsk]] now.\n", "malformed link `[[Pokrovsk]]`", 10, 7),
    ("summary: First line.\n  See [[pokrovsk now.\n", "`[[` without its other half", 9, 7),
    ("summary: 'First line.\n  See [the map](//evil.example/x).'\n", "leaves the site", 9, 15),
])
def test_other_link_problems_in_a_folded_text_are_located_too(
    tmp_path: Path, text: str, message: str, line: int, column: int
) -> None:
    problems = problems_in(tmp_path, brief_with(SUMMARY, text))
    located = [(p.location.line, p.location.column) for p in problems if message in p.message]
    assert located == [(line, column)], problems


def test_a_link_in_a_role_is_located_and_not_listed_is_reported_there(tmp_path: Path) -> None:
    role = "    role: >-\n      Think tank that\n      cites [[bakhmut]]."
    brief = GOOD_BRIEF.replace("    role: Think tank.", role)
    bakhmut = "bakhmut:\n  name: Bakhmut\n  kind: city\n  description: C.\n"
    files = {BRIEF: brief, "places.yml": BASE_FILES["places.yml"] + bakhmut}
    [problem] = problems_in(tmp_path, files)
    assert (problem.location.line, problem.location.column) == at(brief, "[[bakhmut")
    assert problem.message == "`bakhmut` is referred to but not listed under `entities`"


# --- A missing registry file ------------------------------------------------------------


def test_a_missing_registry_file_is_reported_once_first_and_hides_no_other_problem(tmp_path: Path) -> None:
    files = {"people.yml": None, **brief_with("outlet: washington-post", "outlet: washington-pst")}
    problems = problems_in(tmp_path, files)
    assert [str(p).split(": ", 2)[:2] for p in problems] == [
        ["data/people.yml:1:1", "(file)"],
        ["data/briefs/good.yml:2:9", "outlet"],
        # The organisation's affiliation is an organisation: organisations.yml was read.
    ]
    assert problems[0].message == (
        "file is missing: every person a brief names is registered here. Create it, a mapping of person "
        'ids to entries (`{}` while there are none; see "The registry" in docs/writing-a-brief.md); until '
        "then, ids that may name a person are not checked"
    )
    assert problems[1].message.startswith(
        "unknown organisation id `washington-pst`; did you mean `washington-post`?"
    )
    data = tmp_path / "data"
    assert check_paths([data], display_root=tmp_path) == problems


def test_with_a_registry_file_missing_an_id_of_another_kind_is_still_reported_with_every_use(
    tmp_path: Path,
) -> None:
    brief = GOOD_BRIEF.replace("    places: [pokrovsk]", "    places: [donetsk]").replace(
        "[[pokrovsk|the city]]", "[[donetsk|the city]]")
    problems = problems_in(tmp_path, {"people.yml": None, BRIEF: brief})
    assert [p.location.file for p in problems] == ["data/people.yml", "data/briefs/good.yml"]
    assert problems[1].message.splitlines()[:2] == [
        "unknown place id `donetsk`, used 2 times:",
        "    data/briefs/good.yml: 9:25 summary, 44:14 events[0].places[0]",
    ]


def test_briefgen_check_prints_the_missing_file_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    make_data(tmp_path, {"places.yml": None, **brief_with("outlet: washington-post", "outlet: kyiv-post")})
    assert main(["check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("data/places.yml:1:1: (file): file is missing: every place a brief names")
    assert lines[1].startswith("data/briefs/good.yml:2:9: outlet: unknown organisation id `kyiv-post`")
    assert not [line for line in lines if "unknown place" in line or "unknown entity" in line]


def test_an_unreadable_registry_file_comes_first_and_stops_unknown_ids_of_its_kind(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, {"places.yml": "pokrovsk: [unclosed\n"})
    assert problems[0].location.file == "data/places.yml" and "YAML syntax error" in problems[0].message
    assert not [p for p in problems if "unknown" in p.message]


# --- Kinds are vocabulary -------------------------------------------------------------------


def test_an_unknown_kind_is_located_and_names_its_files_kinds(tmp_path: Path) -> None:
    people = BASE_FILES["people.yml"].replace("  kind: analyst\n", "  kind: analysts\n")
    [problem] = problems_in(tmp_path, {"people.yml": people})
    assert (str(problem.location), problem.field) == ("data/people.yml:3:9", "michael-kofman.kind")
    assert problem.message == (
        "unknown kind `analysts` for a person; the kinds are analyst, civilian, commander, journalist, "
        "military-expert, official, politician (`kinds: person:` in data/vocabulary.yml, where a new one "
        "is added); did you mean `analyst`?"
    )


@pytest.mark.parametrize(("file", "old", "new", "suggested"), [
    ("places.yml", "  kind: city\n", "  kind: airport\n", None),
    ("places.yml", "  kind: city\n", "  kind: cty\n", None),  # too short to guess
    ("places.yml", "  kind: country\n", "  kind: contry\n", "country"),
    ("places.yml", "  kind: city\n", "  kind: analyst\n", None),  # a person's kind, not a place's
    ("organisations.yml", "  kind: think-tank\n", "  kind: think-thank\n", "think-tank"),
    ("organisations.yml", "  kind: think-tank\n", "  kind: legislature\n", None),
])
def test_kinds_are_suggested_from_the_same_file_only(
    tmp_path: Path, file: str, old: str, new: str, suggested: str | None
) -> None:
    [problem] = problems_in(tmp_path, file_with(file, old, new))
    assert problem.field.endswith(".kind") and problem.location.file == f"data/{file}"
    hint = f"did you mean `{suggested}`?" if suggested else "did you mean"
    assert (hint in problem.message) == (suggested is not None), problem.message


PLACE_KINDS = "  place: [city, country, landform, mine, railway, region, road, town, village]\n"


def test_a_kind_added_to_the_vocabulary_is_accepted(tmp_path: Path) -> None:
    airport = "kherson-airport:\n  name: Kherson Airport\n  kind: airport\n  description: A.\n"
    places = BASE_FILES["places.yml"] + airport
    [problem] = problems_in(tmp_path / "a", {"places.yml": places})
    assert "unknown kind `airport` for a place" in problem.message
    vocabulary = VOCABULARY.replace(PLACE_KINDS,
                                    "  place: [city, country, airport]\n")
    corpus = load_corpus(make_data(tmp_path / "b", {"places.yml": places, "vocabulary.yml": vocabulary}),
                         display_root=tmp_path / "b")
    assert next(e for e in corpus.entities if e.id == "kherson-airport").category == "airport"
    assert corpus.vocabulary.kinds_of("place") == ("city", "country", "airport")
    assert corpus.vocabulary.kinds_of("person")[2] == "commander"


def test_a_type_of_kinds_left_out_keeps_the_defaults(tmp_path: Path) -> None:
    vocabulary = VOCABULARY.split("kinds:")[0] + "kinds:\n  place: [city, country]\n"
    corpus = load_corpus(make_data(tmp_path, {"vocabulary.yml": vocabulary}), display_root=tmp_path)
    assert corpus.vocabulary.kinds_of("person") == DEFAULT_VOCABULARY.kinds_of("person")
    assert "commander" not in corpus.vocabulary.kinds_of("person")  # the war's word, not a default


def test_a_list_of_kinds_replaces_the_defaults_of_its_type(tmp_path: Path) -> None:
    vocabulary = VOCABULARY.replace(PLACE_KINDS,
                                    "  place: [country, airport]\n")
    problems = problems_in(tmp_path, {"vocabulary.yml": vocabulary})
    assert [(str(p.location), p.field) for p in problems] == [("data/places.yml:7:9", "pokrovsk.kind")]
    assert "unknown kind `city` for a place; the kinds are country, airport" in problems[0].message


@pytest.mark.parametrize(("text", "expected"), [
    ("kinds:\n  persons: [analyst]\n",
     "data/vocabulary.yml:2:3: kinds.persons: unknown key `persons`; did you mean `person`?"),
    ("kinds:\n  place: [city, country, city]\n",
     "data/vocabulary.yml:2:26: kinds.place[2]: `city` is listed twice"),
    ("kinds:\n  place: []\n",
     "data/vocabulary.yml:2:10: kinds.place: list at least one kind for a place"),
    ("kinds:\n  place: [city, Country]\n",
     "data/vocabulary.yml:2:17: kinds.place[1]: `Country` is not a valid id"),
    ("kind: {}\n",
     "data/vocabulary.yml:1:1: kind: unknown section `kind`; did you mean `kinds`?"),
])
def test_a_bad_kinds_section_is_a_located_error(tmp_path: Path, text: str, expected: str) -> None:
    found = [str(p) for p in problems_in(tmp_path, {"vocabulary.yml": text})]
    assert any(p.startswith(expected) for p in found), found


def test_the_real_vocabulary_covers_every_kind_the_real_registry_uses() -> None:
    vocabulary = load_corpus(ROOT / "data", display_root=ROOT).vocabulary
    for kind, name in REGISTRY_FILES.items():
        used = {entry["kind"] for entry in yaml.safe_load((ROOT / "data" / name).read_text("utf-8")).values()}
        assert used and not used - set(vocabulary.kinds_of(kind)), kind


def test_the_default_kinds_assume_no_war() -> None:
    defaults = {word for _kind, words in DEFAULT_VOCABULARY.entry_kinds for word in words}
    assert not defaults & {"commander", "military-expert", "armed-force", "armed-unit", "military-command"}


def test_the_format_docs_list_the_default_kinds() -> None:
    docs = (ROOT / "docs" / "writing-a-brief.md").read_text("utf-8")
    for kind, name in REGISTRY_FILES.items():
        row = next(line for line in docs.splitlines() if line.startswith(f"| `{name}` |"))
        assert row == f"| `{name}` | {', '.join(DEFAULT_VOCABULARY.kinds_of(kind))} |"


# --- Units are suggested from the metric's family ----------------------------------------

POPULATION = (
    "  - id: people\n    metric: population-prewar\n    subject: pokrovsk\n    value: 60000\n"
    "    unit: {unit}\n  - id: ratio\n"
)


@pytest.mark.parametrize(("unit", "metric_line", "close"), [
    ("inhabitants", None, None),  # never `units`, a count of formations
    ("peple", None, "`people`"),
    ("ratoi", None, None),  # `ratio` is a ratio, not a count
    ("ratios", "force-ratio", "`ratio`"),
    ("kms", "force-ratio", None),  # `km` is a distance
])
def test_an_unknown_unit_is_matched_only_within_its_metrics_family(
    tmp_path: Path, unit: str, metric_line: str | None, close: str | None
) -> None:
    units = BASE_FILES["units.yml"] + "units: {family: count, factor: 1}\n"
    if metric_line is None:
        files = brief_with("  - id: ratio\n", POPULATION.format(unit=unit))
    else:
        files = brief_with("    unit: ratio", f"    unit: {unit}")
    [problem] = problems_in(tmp_path, {**files, "units.yml": units})
    assert problem.field.endswith(".unit")
    if close is None:
        assert "close:" not in problem.message, problem.message
    else:
        expected = f"unknown unit `{unit}`; close: {close}; the units of family "
        assert problem.message.startswith(expected), problem.message
        assert "; or add it to data/units.yml" in problem.message


def test_an_unknown_unit_says_which_line_would_add_it(tmp_path: Path) -> None:
    files = brief_with("  - id: ratio\n", POPULATION.format(unit="Inhabitants"))
    [problem] = problems_in(tmp_path, files)
    line, column = at(files[BRIEF], "Inhabitants")
    assert (problem.location, problem.field) == (Location(f"data/{BRIEF}", line, column), "figures[0].unit")
    assert problem.message == (
        "unknown unit `Inhabitants`; the units of family count are `people`; "
        "add it to data/units.yml as `inhabitants: {family: count, factor: …}` "
        "(metric `population-prewar` is a count; the factor converts the unit to a plain number)"
    )


def test_unit_words_admit_one_typo_from_three_letters() -> None:
    assert is_near_miss("kms", "km", UNIT_WORDS)
    assert is_near_miss("kilometers", "kilometres", UNIT_WORDS)
    assert not is_near_miss("inhabitants", "units", UNIT_WORDS)
    assert not is_near_miss("people per week", "per week", UNIT_WORDS)


# --- The locator, against the YAML emitter's own line folding --------------------------

WORD = st.sampled_from([
    "the", "city", "it's", 'a "quoted" word', "ruins,", "#tag", "x: y", "café",
    "[[pokrovsk]]", "[[bakhmut|the town]]", "[[pokrovsk|its centre]]",
])


@settings(max_examples=150, deadline=None)
@given(words=st.lists(WORD, min_size=1, max_size=40), style=st.sampled_from([None, "'", '"', "|", ">"]),
       width=st.integers(min_value=20, max_value=60))
def test_every_link_is_located_where_the_file_has_it(words: list[str], style: str | None, width: int) -> None:
    value = " ".join(words)
    text = "title: x\nsummary: " + yaml.dump(value, default_style=style, width=width, allow_unicode=True)
    tree, problems = read_yaml(text.encode("utf-8"), "f.yml")
    assert tree is not None and not problems
    node = dict((key.text, node) for key, node in tree.items)["summary"]
    assert isinstance(node, YScalar) and node.text.rstrip("\n") == value
    source, lines = SourceText(text), text.split("\n")
    for link in re.finditer(r"\[\[[a-z]+", node.text):
        where = source.locate(node, link.start())
        written = lines[where.line - 1][where.column - 1:]
        assert written.startswith(link.group()) or where == node.where, (text, where)
        # The scalar's start is only a fallback for escapes; plain words never need it.
        assert where != node.where or style == '"', (text, where)
