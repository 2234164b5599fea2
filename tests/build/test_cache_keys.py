"""Cache keys are derived, never bumped by hand: other drawing code, another library, another file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen import provenance
from briefgen.build import sitecache
from briefgen.write import charts


def test_a_chart_drawn_by_other_code_is_never_found_again(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cache = charts.ChartCache(tmp_path)
    cache.store("data-key", "<svg>old drawing</svg>")
    assert cache.cached("data-key") == "<svg>old drawing</svg>"
    monkeypatch.setattr(charts, "drawing_digest", lambda: "another drawing code")
    assert charts.ChartCache(tmp_path).cached("data-key") is None


def test_the_drawing_digest_covers_the_drawing_modules_and_their_libraries() -> None:
    write = provenance.PACKAGE / "write"
    drawing = {path.stem for path in write.glob("*.py")
               if provenance._imports(path) & provenance.DRAWING_LIBRARIES}
    assert {"chart_drawing", "map_chart", "point_labels"} <= drawing
    libraries = dict(provenance.library_versions(["matplotlib", "networkx", "textalloc", "json"]))
    assert {"matplotlib", "networkx", "textalloc"} <= set(libraries)  # json: the standard library


def test_the_kept_site_is_keyed_on_every_library_briefgen_requires(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    required = dict(provenance.runtime_dependencies())
    assert {"matplotlib", "jinja2", "mkdocs-material", "textalloc"} <= set(required)
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yml").write_text("x: 1\n", encoding="utf-8")
    before = sitecache.inputs_key(data, ("site",))
    bumped = [(name, "99.0" if name == "textalloc" else version) for name, version in required.items()]
    monkeypatch.setattr(sitecache, "runtime_dependencies", lambda: bumped)
    assert sitecache.inputs_key(data, ("site",)) != before
