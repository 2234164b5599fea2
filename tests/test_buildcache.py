"""The last generated site, stored and read back whole or not at all."""

from __future__ import annotations

from briefgen.buildcache import OutputCache
from briefgen.urls import OutputFile

FILES = [
    OutputFile("index.md", "# Home\n\nКиїв, Pokrovsk — “quoted”, 😀\n"),
    OutputFile("empty.md", ""),
    OutputFile("figures/charts/x.svg", "<svg viewBox='0 0 1 1'></svg>\n"),
]


def test_what_is_stored_is_read_back_the_same(tmp_path):
    cache = OutputCache(tmp_path)
    assert cache.put("k1", FILES)
    assert cache.get("k1") == FILES
    assert cache.get("k2") is None


def test_a_new_site_replaces_the_last(tmp_path):
    cache = OutputCache(tmp_path)
    cache.put("old", FILES)
    cache.put("new", FILES[:1])
    assert cache.get("old") is None and cache.get("new") == FILES[:1]
    assert len(list(tmp_path.iterdir())) == 1


def test_a_damaged_file_is_not_a_site(tmp_path):
    cache = OutputCache(tmp_path)
    cache.put("k", FILES)
    (stored,) = tmp_path.iterdir()
    whole = stored.read_bytes()
    for damaged in (whole[:-5], whole + b"more", b"not json\n" + whole, b""):
        stored.write_bytes(damaged)
        assert cache.get("k") is None


def test_binary_files_are_not_stored(tmp_path):
    cache = OutputCache(tmp_path)
    assert not cache.put("k", [*FILES, OutputFile("a.png", b"\x89PNG")])
    assert cache.get("k") is None
