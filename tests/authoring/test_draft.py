"""`briefgen draft` on two invented articles, against the real registry.

The expected sets below are the hand annotation of tests/fixtures/articles/:
what a careful contributor would list. Precision and recall are asserted
rather than equality, since a draft proposes and a person decides.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefgen.authoring.cli import main
from briefgen.authoring.draft import Draft, read_article, render_draft
from briefgen.model import Corpus
from briefgen.read.load import check_paths, load_corpus
from briefgen.read.placeholders import MARKER

REPO = Path(__file__).resolve().parents[2]
ARTICLES = REPO / "tests" / "fixtures" / "articles"

Figure = tuple[float, str, str | None]  # value (or low), qualifier, unit (None: not in units.yml)

EXPECTED: dict[str, dict[str, object]] = {
    "rail-junction.txt": {
        "entities": {
            "pokrovsk",
            "kyiv-independent",
            "svitlana-ovcharenko",
            "general-staff-of-ukraine",
            "michael-kofman",
            "institute-for-the-study-of-war",
            "myrnohrad",
            "volodymyr-zelensky",
            "kramatorsk",
            "dobropillia",
        },
        "figures": {
            (40.0, "about", "assaults"),
            (60000.0, "more-than", "residents"),
            (1200.0, "fewer-than", "civilians"),
            (11000.0, "up-to", "troops"),
            (3.0, "about", "kilometres"),  # written "kilometers"
        },
        "unknown": {"Oleh Marchenko", "Ivan Petrenko"},
        "events": {"2025-11-10", "2025-10"},
        "published": "2025-11-12",
        "outlet": "kyiv-independent",
        "authors": ("svitlana-ovcharenko",),
        "quoted": "more than 60 000 residents",
    },
    "bakhmut-reference-point.txt": {
        "entities": {
            "bakhmut",
            "wagner-group",
            "yevgeny-prigozhin",
            "lloyd-austin",
            "reuters",
            "kramatorsk",
            "pokrovsk",
        },
        "figures": {
            (2.0, "nearly", "years"),  # "Nearly two years": just under, never above
            (20000.0, "about", "soldiers"),
            (100000.0, "more-than", None),
            (30.0, "up-to", "percent"),
            (55.0, "exact", "km"),
            (90.0, "about", "km"),
            (500.0, "fewer-than", "residents"),
        },
        # "Kyiv" here starts a longer name: it is not the city
        "unknown": {"Pentagon", "Chasiv Yar", "Kyiv School of Economics", "Daria Hnatiuk"},
        "events": {"2023-05", "2025-09"},
        "published": "2025-11-03",
        "outlet": None,
        "authors": (),
        "quoted": "fewer than 500 residents",
    },
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(REPO / "data", display_root=REPO)


def precision_recall(found: set[object], expected: set[object]) -> tuple[float, float]:
    hits = len(found & expected)
    return (hits / len(found) if found else 0.0), (hits / len(expected) if expected else 1.0)


def figures_of(draft: Draft) -> set[object]:
    return {
        (f.number.value if f.number.value is not None else f.number.low, f.number.qualifier, f.number.unit)
        for f in draft.figures
    }


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_known_entities_and_candidate_figures(corpus: Corpus, article: str) -> None:
    expected = EXPECTED[article]
    draft = read_article((ARTICLES / article).read_text("utf-8"), corpus)
    entities = {known.entity.id for known in draft.entities}
    precision, recall = precision_recall(set(entities), expected["entities"])  # type: ignore[arg-type]
    assert precision >= 0.9 and recall >= 0.9, (entities, precision, recall)
    precision, recall = precision_recall(figures_of(draft), expected["figures"])  # type: ignore[arg-type]
    assert precision >= 0.8 and recall >= 0.8, (figures_of(draft), precision, recall)
    unknown = {candidate.name for candidate in draft.unknown}
    assert expected["unknown"] <= unknown, unknown  # type: ignore[operator]
    known_names = {n.lower() for known in draft.entities for n in (known.entity.name, *known.entity.aliases)}
    assert not {name.lower() for name in unknown} & known_names
    assert {event.date.iso() for event in draft.events} == expected["events"]
    assert (draft.published.iso() if draft.published else None) == expected["published"]
    assert draft.outlet == expected["outlet"]
    assert draft.authors == expected["authors"]


def test_figures_point_at_the_place_they_are_about(corpus: Corpus) -> None:
    draft = read_article((ARTICLES / "rail-junction.txt").read_text("utf-8"), corpus)
    subjects = {f.number.value: f.subject for f in draft.figures}
    assert subjects[60000.0] == "pokrovsk" and subjects[1200.0] == "pokrovsk" and subjects[3.0] == "myrnohrad"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_the_article_text_stays_in_comments(corpus: Corpus, article: str) -> None:
    text = (ARTICLES / article).read_text("utf-8")
    brief = render_draft(Path(article).stem, read_article(text, corpus), corpus, article)
    fields = "\n".join(line for line in brief.splitlines() if not line.lstrip().startswith("#"))
    field_words = " " + " ".join(words(fields)) + " "
    article_words = words(text)
    runs = {" ".join(article_words[i : i + 10]) for i in range(len(article_words) - 9)}
    assert not [run for run in runs if f" {run} " in field_words]
    comments = " ".join(words(" ".join(line for line in brief.splitlines() if line.lstrip().startswith("#"))))
    assert EXPECTED[article]["quoted"] in comments  # the candidate figure's words are quoted there


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_a_draft_fails_check_only_on_its_placeholders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], article: str
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data")
    brief_id = Path(article).stem
    assert main(["draft", str(ARTICLES / article), "--id", brief_id]) == 0
    path = tmp_path / "data" / "briefs" / f"{brief_id}.yml"
    lines = path.read_text("utf-8").splitlines()
    problems = check_paths([tmp_path / "data"], display_root=tmp_path)
    assert problems
    for problem in problems:
        assert problem.location.file == f"data/briefs/{brief_id}.yml"
        assert problem.message.startswith(f'placeholder "{MARKER}'), problem
        line = lines[problem.location.line - 1]
        assert MARKER in line or line.rstrip().endswith("|"), problem
    roles = [p for p in problems if re.fullmatch(r"entities\[\d+\]\.role", p.field)]
    listed = [line for line in lines if line.startswith(f'    role: "{MARKER}')]
    assert len(roles) == len(listed) >= len(EXPECTED[article]["entities"])  # type: ignore[arg-type]
    before = path.read_bytes()
    assert main(["draft", str(ARTICLES / article), "--id", brief_id]) == 1  # never overwritten
    assert path.read_bytes() == before
    assert "already exists" in capsys.readouterr().err


def test_draft_refuses_a_bad_id_or_a_missing_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "data", tmp_path / "data")
    assert main(["draft", str(ARTICLES / "rail-junction.txt"), "--id", "Not An Id"]) == 1
    assert main(["draft", "missing.txt", "--id", "fine-id"]) == 1
    assert main(["draft", str(ARTICLES / "rail-junction.txt")]) == 2  # --id is required
    err = capsys.readouterr().err
    assert "not a valid brief id" in err and "cannot read missing.txt" in err
    assert sorted(p.name for p in (tmp_path / "data" / "briefs").iterdir()) == sorted(
        p.name for p in (REPO / "data" / "briefs").iterdir()
    )
