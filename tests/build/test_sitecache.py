"""The last generated site, kept as files and found again whole or not at all."""

from __future__ import annotations

import os

import pytest

from briefgen.build.sitecache import SiteCache
from briefgen.write.urls import OutputFile, write_file

FILES = [
    OutputFile("index.md", "# Home\n\nКиїв, Pokrovsk — “quoted”, 😀\n"),
    OutputFile("empty.md", ""),
    OutputFile("figures/charts/x.svg", "<svg viewBox='0 0 1 1'></svg>\n"),
    OutputFile("a.png", b"\x89PNG\r\n"),
]
PATHS = sorted(f.path for f in FILES)


def _kept(cache: SiteCache, key: str, files: list[OutputFile], carry_times: bool = False) -> None:
    folder = cache.start()
    for output in files:
        write_file(folder, output)
    cache.keep(key, folder, sorted(f.path for f in files), carry_times=carry_times)


def _times(cache: SiteCache, key: str) -> dict[str, int]:
    return {path: (cache.folder(key) / path).stat().st_mtime_ns for path in PATHS + ["new.md"]
            if (cache.folder(key) / path).exists()}


@pytest.mark.parametrize("carry_times", [True, False])
def test_a_servers_unchanged_files_keep_their_times(tmp_path, carry_times):
    cache = SiteCache(tmp_path)
    _kept(cache, "old", FILES)
    old = _times(cache, "old")
    for path in old:  # as if written long ago: a new write could share the clock's tick
        os.utime(cache.folder("old") / path, ns=(0, 10**18))
    changed = [*FILES[:2], OutputFile("figures/charts/x.svg", "<svg></svg>\n"), OutputFile("new.md", "new")]
    _kept(cache, "new", [*changed, FILES[3]], carry_times=carry_times)
    new = _times(cache, "new")
    kept_time = {path for path, time in new.items() if time == 10**18}
    # Bytes unchanged: the old time, which `mkdocs serve --dirty` reads as "not modified".
    assert kept_time == ({"index.md", "empty.md", "a.png"} if carry_times else set())
    assert cache.get("new") == sorted([*PATHS, "new.md"])


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


@pytest.mark.parametrize("damage", ["truncate", "edit", "remove", "replace-by-folder"])
def test_a_kept_file_changed_since_it_was_kept_is_found_and_named(tmp_path, damage):
    cache = SiteCache(tmp_path)
    _kept(cache, "k", FILES)
    target = cache.folder("k") / "index.md"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:5])
    elif damage == "edit":  # same length, one byte changed
        data = bytearray(target.read_bytes())
        data[0] ^= 1
        target.write_bytes(bytes(data))
    elif damage == "remove":
        target.unlink()
    else:
        target.unlink()
        target.mkdir()
    assert cache.get("k") is None
    assert cache.damaged == ["index.md"]
    _kept(cache, "k", FILES)
    assert cache.get("k") == PATHS and cache.damaged == []


def test_a_list_of_an_earlier_version_without_hashes_is_not_trusted(tmp_path):
    cache = SiteCache(tmp_path)
    _kept(cache, "k", FILES)
    (tmp_path / "site-k.json").write_text('["' + '", "'.join(PATHS) + '"]')
    assert cache.get("k") is None
