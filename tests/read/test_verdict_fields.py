"""The fields verdicts read (qualifier `nearly`, `origin:`, `of:`, claim `kind:`,
grades, `cumulative:`) load into the model, and each bad one is a located problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.read.load import load_corpus
from tests.read.test_load import BASE_FILES, brief_with, file_with, line_of, make_data, problems_in


def _one(tmp_path: Path, files: dict[str, str], file: str, field: str, line_text: str, fragment: str) -> None:
    problems = problems_in(tmp_path, files)
    content = files.get(file, BASE_FILES.get(file, ""))
    wanted = line_of(content, line_text)
    found = [p for p in problems if p.location.file == f"data/{file}" and p.field == field
             and p.location.line == wanted and fragment in p.message]
    assert found, "\n".join(map(str, problems))


def test_the_new_fields_load_into_the_model(tmp_path: Path) -> None:
    files = brief_with("    qualifier: exact\n", "    qualifier: nearly\n    origin: michael-kofman\n"
                       "    of: ukraine\n    credibility: 2\n")
    files = {k: v.replace("  - id: no-encirclement\n", "  - id: no-encirclement\n    kind: denial\n"
                          "    credibility: 3\n")
                .replace("credibility: Good.", "reliability: B\ncredibility: Good.")
             for k, v in files.items()}
    files |= file_with("metrics.yml", "  description: People living in a place before the invasion.\n",
                       "  description: People living in a place before the invasion.\n  cumulative: false\n")
    corpus = load_corpus(make_data(tmp_path, files), display_root=tmp_path)
    (brief,) = corpus.briefs
    figure = brief.figures[0]
    assert (figure.qualifier, figure.source, figure.of, figure.credibility) == ("nearly", "michael-kofman",
                                                                              "ukraine", 2)
    claim = next(c for c in brief.claims if c.id == "no-encirclement")
    assert (claim.kind, claim.credibility, brief.reliability) == ("denial", 3, "B")


@pytest.mark.parametrize(("old", "new", "field", "fragment"), [
    ("    qualifier: exact\n", "    qualifier: almost\n", "figures[0].qualifier", "nearly"),
    ("    qualifier: exact\n", "    qualifier: exact\n    credibility: 7\n", "figures[0].credibility",
     "is not one of 1, 2, 3, 4, 5, 6"),
    ("credibility: Good.", "reliability: G\ncredibility: Good.", "reliability",
     "is not one of A, B, C, D, E, F"),
    ("  - id: no-encirclement\n", "  - id: no-encirclement\n    kind: prediction\n", "claims[0].kind",
     "report, assessment, forecast, denial"),
])
def test_an_unknown_word_lists_the_allowed_ones(tmp_path: Path, old: str, new: str, field: str,
                                                fragment: str) -> None:
    files = {k: v.replace(old, new, 1) for k, v in brief_with(old, old).items()}
    line = next(text for text in new.splitlines() if text not in old.splitlines())
    _one(tmp_path, files, "briefs/good.yml", field, line, fragment)


@pytest.mark.parametrize("key", ["origin", "of"])
def test_origin_and_of_must_be_known_entities(tmp_path: Path, key: str) -> None:
    unknown = "state-statistics-service"
    files = brief_with("    qualifier: exact\n", f"    qualifier: exact\n    {key}: {unknown}\n")
    problems = problems_in(tmp_path, files)
    found = [p for p in problems if p.field == f"figures[0].{key}" and unknown in p.message]
    assert found and found[0].location.line == line_of(files["briefs/good.yml"], f"{key}: state-statistics")


def test_cumulative_only_on_a_count(tmp_path: Path) -> None:
    files = file_with("metrics.yml", "  description: Attackers per defender.\n",
                      "  description: Attackers per defender.\n  cumulative: true\n")
    _one(tmp_path, files, "metrics.yml", "force-ratio.cumulative", "cumulative: true",
         "only a count can be a running count")


def test_cumulative_and_fixed_exclude_each_other(tmp_path: Path) -> None:
    files = file_with("metrics.yml", "  description: People living in a place before the invasion.\n",
                      "  description: People living in a place before the invasion.\n  fixed: true\n"
                      "  cumulative: true\n")
    _one(tmp_path, files, "metrics.yml", "population-prewar.cumulative", "cumulative: true",
         "cannot be both `fixed`")


def test_an_as_of_may_give_the_time_of_day(tmp_path: Path) -> None:
    files = brief_with("    as_of: 2025-10\n", "    as_of: 2025-10-28T19:45\n")
    corpus = load_corpus(make_data(tmp_path, files), display_root=tmp_path)
    as_of = corpus.briefs[0].figures[0].as_of
    assert as_of is not None and (as_of.hour, as_of.minute) == (19, 45)
    assert as_of.iso() == "2025-10-28T19:45" and as_of.display() == "28 October 2025, 19:45"
    first, last = as_of.minutes()
    assert first == last


@pytest.mark.parametrize(("written", "fragment"), [
    ("2025-10-28T25:00", "is not a time of day"),
    ("2025-10-28T19:45+02:00", "no time zone"),
])
def test_a_bad_time_of_day_is_located(tmp_path: Path, written: str, fragment: str) -> None:
    files = brief_with("    as_of: 2025-10\n", f"    as_of: {written}\n")
    _one(tmp_path, files, "briefs/good.yml", "figures[0].as_of", f"as_of: {written}", fragment)
