"""The last generated site, kept as files and found again whole or not at all."""

from __future__ import annotations

import pytest

from briefgen.buildcache import SiteCache
from briefgen.urls import OutputFile, write_file

FILES = [
    OutputFile("index.md", "# Home\n\nКиїв, Pokrovsk — “quoted”, 😀\n"),
    OutputFile("empty.md", ""),
    OutputFile("figures/charts/x.svg", "<svg viewBox='0 0 1 1'></svg>\n"),
    OutputFile("a.png", b"\x89PNG\r\n"),
]
PATHS = sorted(f.path for f in FILES)


def _kept(cache: SiteCache, key: str, files: list[OutputFile]) -> None:
    folder = cache.start()
    for output in files:
        write_file(folder, output)
    cache.keep(key, folder, sorted(f.path for f in files))


def test_what_is_kept_is_found_with_the_same_bytes(tmp_path):
    cache = SiteCache(tmp_path)
    _kept(cache, "k1", FILES)
    assert cache.get("k1") == PATHS
    assert cache.get("k2") is None
    for output in FILES:
        stored = (cache.folder("k1") / output.path).read_bytes()
        assert stored == (output.content if isinstance(output.content, bytes) else output.content.encode())


def test_a_new_site_replaces_the_last_and_nothing_else_is_left(tmp_path):
    cache = SiteCache(tmp_path)
    _kept(cache, "old", FILES)
    (tmp_path / "site-0ld.files").write_text("the single-file layout of an earlier version")
    _kept(cache, "new", FILES[:1])
    assert cache.get("old") is None and cache.get("new") == ["index.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site-new", "site-new.json"]


def test_a_site_with_a_missing_file_or_a_damaged_list_is_not_found(tmp_path):
    cache = SiteCache(tmp_path)
    _kept(cache, "k", FILES)
    (cache.folder("k") / "empty.md").unlink()
    assert cache.get("k") is None
    _kept(cache, "k", FILES)
    listing = tmp_path / "site-k.json"
    for damaged in ("", "not json", '{"index.md": 1}', '["../outside.md"]', "[1]"):
        listing.write_text(damaged)
        assert cache.get("k") is None


def test_a_path_leaving_the_folder_is_never_written(tmp_path):
    with pytest.raises(ValueError, match="would leave"):
        write_file(tmp_path / "site", OutputFile("../escaped.md", "x"))
    assert not (tmp_path / "escaped.md").exists()
