"""A server's kept pages: after any edit, the same site a fresh build makes,
with only the pages the edit changes rendered again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from briefgen.build.generation import Generated, Settings, generate
from briefgen.build.pagememo import PageMemo
from briefgen.build.steps import generate_site
from briefgen.read.load import load_corpus
from briefgen.write.charts import ChartCache
from briefgen.write.urls import OutputFile
from tests.benchmarks.bench_edit import _summary_grown
from tests.benchmarks.synthetic import synthetic_project

Edit = Callable[[Path], None]


def _brief(data: Path, number: int) -> tuple[Path, dict]:
    path = sorted((data / "briefs").glob("*.yml"))[number]
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _change(number: int, change: Callable[[dict], None]) -> Edit:
    def edit(data: Path) -> None:
        path, brief = _brief(data, number)
        change(brief)
        path.write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return edit


def _set_first(key: str, field: str, value: Callable[[object], object]) -> Callable[[dict], None]:
    def change(brief: dict) -> None:
        items = [item for item in brief.get(key, []) if field in item]
        assert items, f"the synthetic brief has no {key} with a {field}"
        items[0][field] = value(items[0][field])
    return change


def _rename_entity(data: Path) -> None:
    people = data / "people.yml"
    registry = yaml.safe_load(people.read_text(encoding="utf-8"))
    registry["volodymyr-zelensky"]["name"] = "Volodymyr O. Zelensky"
    people.write_text(yaml.safe_dump(registry, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _relabel_metric(data: Path) -> None:
    path = data / "metrics.yml"
    metrics = yaml.safe_load(path.read_text(encoding="utf-8"))
    metrics["population-prewar"]["label"] = "Population before the war"
    path.write_text(yaml.safe_dump(metrics, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _remove_brief(data: Path) -> None:
    _brief(data, 3)[0].unlink()


def _add_brief(data: Path) -> None:
    path, brief = _brief(data, 4)
    for claim in brief.get("claims", []):
        claim.pop("contradicts", None)
    (path.parent / "zz-added.yml").write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False),
                                              encoding="utf-8")


EDITS: dict[str, Edit] = {
    "summary": _change(2, lambda b: b.update(summary=b["summary"] + " One more sentence.")),
    "title": _change(2, lambda b: b.update(title=b["title"] + " (updated)")),
    "figure value": _change(5, _set_first("figures", "value", lambda v: v + 7)),
    "mention role": _change(6, _set_first("entities", "role", lambda r: "A new role."),),
    "quote": _change(7, _set_first("quotes", "text", lambda t: t + " Indeed.")),
    "claim": _change(8, _set_first("claims", "text", lambda t: t + " Or so they say.")),
    # What listings show of a brief: its type (the brief index) and topics (topic pages).
    "article type": _change(9, lambda b: b.update(type="analysis" if b["type"] != "analysis" else "feature")),
    "topics": _change(10, lambda b: b.update(topics=[*b["topics"][:1], "propaganda"]
                                             if "propaganda" not in b["topics"] else b["topics"][:1])),
    "metric label": _relabel_metric,
    "entity name": _rename_entity,
    "removed brief": _remove_brief,
    "added brief": _add_brief,
}


def _site(project: Path, cache: ChartCache, memo: PageMemo | None) -> list[OutputFile]:
    corpus = load_corpus(project / "data", display_root=project)
    return generate_site(corpus, cache, site_name="Test", memo=memo)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_project(tmp_path_factory.mktemp("memo") / "p", 24)


def test_kept_pages_give_the_site_a_fresh_build_gives_after_every_edit(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    cache, memo = ChartCache(tmp_path / "charts"), PageMemo()
    first = _site(project, cache, memo)
    assert memo.rendered > 40 and memo.reused == 0
    assert _site(project, cache, memo) == first
    assert memo.rendered == 0 and memo.reused > 40  # nothing changed: every kept page reused
    for name, edit in EDITS.items():
        edit(project / "data")
        kept = _site(project, cache, memo)
        assert kept == _site(project, cache, None), name
        # A registry change may show on any page (names and descriptions are
        # on every link): everything is rendered again. An edit to a brief spares some.
        assert (memo.reused == 0) if name in ("entity name", "metric label") else (memo.reused > 0), name


def test_an_edit_to_a_summary_renders_that_brief_alone(project: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    cache, memo = ChartCache(tmp_path / "charts"), PageMemo()
    _site(project, cache, memo)
    kept = memo.rendered
    EDITS["summary"](project / "data")
    _site(project, cache, memo)
    assert (memo.rendered, memo.reused) == (1, kept - 1)


def test_an_edit_that_moves_lines_renders_only_what_it_changes(project: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # As an author edits: in the text, not through a YAML round trip. A
    # comment at the top moves every line of the brief and changes nothing
    # shown; a summary that grows by a line moves every figure below it and
    # changes the brief's own page only.
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    cache, memo = ChartCache(tmp_path / "charts"), PageMemo()
    _site(project, cache, memo)
    kept = memo.rendered
    path = sorted((project / "data" / "briefs").glob("*.yml"))[11]
    text = path.read_text(encoding="utf-8")
    assert "figures:" in text
    path.write_text("# checked again by the desk\n" + text, encoding="utf-8")
    _site(project, cache, memo)
    assert (memo.rendered, memo.reused) == (0, kept)
    brief = yaml.safe_load(path.read_text(encoding="utf-8"))
    grown = _summary_grown(path.read_text(encoding="utf-8"))
    path.write_text(grown, encoding="utf-8")
    assert yaml.safe_load(grown)["figures"] == brief["figures"]
    kept_site = _site(project, cache, memo)
    assert (memo.rendered, memo.reused) == (1, kept - 1)
    assert kept_site == _site(project, cache, None)


def _served_after_an_edit(project: Path, tmp_path: Path, *, edit_while_filling: bool) -> Generated:
    settings = Settings(project / "data", project, project / ".cache" / "briefgen", "Test")
    generate(settings)
    memo = PageMemo()
    assert generate(settings, memo=memo, serving=True).report.reused
    path = sorted((project / "data" / "briefs").glob("*.yml"))[5]
    if not edit_while_filling:
        memo.fill_now()  # as the plugin does once MkDocs has shown the site
        memo.finished()
    path.write_text(_summary_grown(path.read_text(encoding="utf-8")), encoding="utf-8")
    edited = generate(settings, memo=memo, serving=True)  # fills first, if not yet
    assert edited.folder is not None
    fresh = _site(project, ChartCache(tmp_path / "charts"), None)
    assert sorted(edited.paths) == sorted(output.path for output in fresh)
    for output in fresh:
        content = output.content.encode() if isinstance(output.content, str) else output.content
        assert (edited.folder / output.path).read_bytes() == content, output.path
    return edited


def test_a_server_started_on_a_kept_site_renders_only_what_the_first_edit_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An author builds, then serves: the server's first build reuses the kept
    # site and renders no page of its own. Its memo is filled from the kept
    # site, so the first edit renders one page, not all of them.
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    edited = _served_after_an_edit(synthetic_project(tmp_path / "p", 24), tmp_path, edit_while_filling=False)
    assert edited.report.pages_rendered == 1 and (edited.report.pages_kept or 0) > 40


def test_an_edit_saved_while_the_memo_is_filled_is_never_served_stale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The memo is filled from the data on disk; saved before it is read, the
    # edit's fingerprints would be filed with the kept pages' old text.
    monkeypatch.setenv("BRIEFGEN_WORKERS", "1")
    edited = _served_after_an_edit(synthetic_project(tmp_path / "p", 24), tmp_path, edit_while_filling=True)
    assert edited.report.pages_kept == 0
