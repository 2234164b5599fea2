"""Messages that spare a contributor hand-written registry work: quoting hints for
YAML, the id behind a display name, and files named with what they hold."""

from __future__ import annotations

from pathlib import Path

from tests.read.test_load import BRIEF, GOOD_BRIEF, brief_with, problems_in


def only(problems, fragment: str):  # type: ignore[no-untyped-def]
    found = [p for p in problems if fragment in p.message]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


def test_a_link_at_the_start_of_a_list_item_says_to_quote_it(tmp_path: Path) -> None:
    item = "  - [[pokrovsk]] is nearly surrounded, says he.\n"
    brief = GOOD_BRIEF.replace("key_points:\n", "key_points:\n" + item, 1)
    assert brief != GOOD_BRIEF
    problem = only(problems_in(tmp_path, {BRIEF: brief}), "YAML syntax error")
    assert problem.message.endswith(
        'starts with `[[`, which YAML reads as markup: '
        'quote it: `- "[[pokrovsk]] is nearly surrounded, says he."`'
    )


def test_a_lone_link_read_as_a_list_says_to_quote_it(tmp_path: Path) -> None:
    brief = GOOD_BRIEF.replace("key_points:\n", "key_points:\n  - [[pokrovsk]]\n", 1)
    problem = only(problems_in(tmp_path, {BRIEF: brief}), "expected text")
    assert "put the whole value in double quotes" in problem.message


def test_a_colon_in_a_claim_says_to_quote_it_with_the_fixed_line(tmp_path: Path) -> None:
    brief = GOOD_BRIEF.replace("key_points:\n", "key_points:\n  - Kofman said: the city will fall\n", 1)
    problem = only(problems_in(tmp_path / "item", {BRIEF: brief}), "expected text")
    assert 'is read as a mapping: quote it: `"Kofman said: the city will fall"`' in problem.message
    brief = GOOD_BRIEF.replace("    context: Eight to one.", "    context: He said: eight to one.", 1)
    problem = only(problems_in(tmp_path / "field", {BRIEF: brief}), "YAML syntax error")
    assert 'quote it: `context: "He said: eight to one."`' in problem.message


def test_a_display_name_where_an_id_belongs_suggests_the_id(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, brief_with("    claimed_by: volodymyr-zelensky",
                                                "    claimed_by: Volodymyr Zelensky"))
    problem = only(problems, "is a name")
    assert problem.message == "`Volodymyr Zelensky` is a name; an id belongs here: write `volodymyr-zelensky`"
    assert problem.field == "figures[0].claimed_by"


def test_a_new_name_where_an_id_belongs_says_how_to_add_it(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, brief_with("    claimed_by: volodymyr-zelensky",
                                                "    claimed_by: Oleksandr Syrskyi"))
    problem = only(problems, "is a name")
    assert "`briefgen find Oleksandr Syrskyi` looks it up" in problem.message
    assert "such as `oleksandr-syrskyi`" in problem.message


def test_an_unknown_metric_names_its_file_and_lists_the_metrics(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, brief_with("    metric: force-ratio", "    metric: death-toll"))
    problem = only(problems, "unknown metric")
    assert "metrics are declared in data/metrics.yml, which has `" in problem.message
    assert "`force-ratio`" in problem.message
