"""Real `mkdocs build` runs of the real project and of fixture projects."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import MINI, ROOT, copy_project, mkdocs_build, read
from tests.htmlread import links, page_exists, resolve

SECTION = {"people.yml": "people", "places.yml": "places", "organisations.yml": "organisations"}


def mentions_by_entity(data: Path) -> dict[str, set[str]]:
    """Which briefs list each entity under `entities:`, read straight from the YAML."""
    found: dict[str, set[str]] = {}
    for path in sorted((data / "briefs").glob("*.yml")):
        brief = yaml.safe_load(path.read_text(encoding="utf-8"))
        for mention in brief.get("entities") or []:
            found.setdefault(mention["id"], set()).add(path.stem)
    return found


def section_of(data: Path) -> dict[str, str]:
    return {
        entity_id: section
        for name, section in SECTION.items()
        for entity_id in yaml.safe_load((data / name).read_text(encoding="utf-8"))
    }


def briefs_listed(html: str, page_url: str) -> set[str]:
    return {
        resolve(page_url, href).split("/")[1]
        for href, _ in links(html, "bg-appearances")
        if resolve(page_url, href).startswith("briefs/")
    }


def test_every_brief_has_its_page(real_site: Path) -> None:
    ids = sorted(p.stem for p in (ROOT / "data" / "briefs").glob("*.yml"))
    assert len(ids) == 5
    index = read(real_site, "briefs")
    for brief_id in ids:
        assert page_exists(real_site, f"briefs/{brief_id}")
        assert f"{brief_id}/" in {href for href, _ in links(index, "bg-index")}


def test_every_entity_page_lists_exactly_the_briefs_that_mention_it(real_site: Path) -> None:
    data = ROOT / "data"
    sections = section_of(data)
    expected = mentions_by_entity(data)
    for entity_id, section in sorted(sections.items()):
        url = f"{section}/{entity_id}/"
        assert page_exists(real_site, url), url
        assert briefs_listed(read(real_site, url), url) == expected.get(entity_id, set()), url


def test_pokrovsk_and_bakhmut_pages(real_site: Path) -> None:
    pokrovsk = read(real_site, "places/pokrovsk")
    assert briefs_listed(pokrovsk, "places/pokrovsk/") == {
        "pokrovsk-on-the-brink",
        "pokrovsk-logistics-hub",
        "pokrovsk-fight-or-withdraw",
        "pokrovsk-city-russia-cant-capture",
    }
    assert "Krasnoarmeysk" in pokrovsk.split('class="bg-aliases"')[1].split("</dd>")[0]
    bakhmut = read(real_site, "places/bakhmut")
    assert len(briefs_listed(bakhmut, "places/bakhmut/")) == 3
    assert "Artemivsk" in bakhmut


def test_walk_from_a_brief_to_a_person_to_another_brief(real_site: Path) -> None:
    start = "briefs/pokrovsk-fight-or-withdraw/"
    people = [resolve(start, href) for href, _ in links(read(real_site, start), "bg-mentions")]
    people = [p for p in people if p.startswith("people/")]
    assert people
    for person in people:
        briefs = briefs_listed(read(real_site, person), person) - {"pokrovsk-fight-or-withdraw"}
        if briefs:
            assert page_exists(real_site, f"briefs/{sorted(briefs)[0]}")
            return
    raise AssertionError("no person in this brief leads to another brief")


def test_strict_build_prints_no_warning(real_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, result = real_build
    assert "WARNING" not in result.stderr + result.stdout


def test_alias_spelling_in_a_summary_links_to_the_one_page(mini_site: Path) -> None:
    beta = read(mini_site, "briefs/beta")
    summary = beta.split('class="bg-summary"')[1].split("</div>")[0]
    assert ("../../places/pokrovsk/", "Krasnoarmeysk") in links(summary)
    assert "Krasnoarmeysk" in read(mini_site, "places/pokrovsk")


def test_unknown_id_fails_the_build_with_file_field_and_suggestion(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    beta = project / "data" / "briefs" / "beta.yml"
    beta.write_text(beta.read_text().replace("  - id: bakhmut\n", "  - id: bakhmutt\n"))
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    assert "data/briefs/beta.yml:" in result.stderr
    assert "entities[1].id" in result.stderr
    assert "bakhmutt" in result.stderr and "did you mean `bakhmut`" in result.stderr
    assert "Traceback" not in result.stderr


GAMMA = """\
title: Gamma dispatch from Bakhmut
outlet: daily-test
authors: []
published: 2025-12-01
type: analysis
summary: "[[anna-kovalenko]] revisits [[bakhmut]]."
entities:
  - id: bakhmut
    role: The city revisited.
  - id: anna-kovalenko
    role: The analyst revisiting it.
  - id: daily-test
    role: Publisher.
credibility: A test brief.
"""


def test_adding_a_brief_file_adds_it_everywhere_it_belongs(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    (project / "data" / "briefs" / "gamma.yml").write_text(GAMMA)
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert page_exists(site, "briefs/gamma")
    assert "Gamma dispatch from Bakhmut" in read(site, "briefs")
    assert "Gamma dispatch from Bakhmut" in read(site, "")  # newest, so on the home page
    for url in ("places/bakhmut/", "people/anna-kovalenko/", "organisations/daily-test/"):
        assert "gamma" in briefs_listed(read(site, url), url), url
    assert "gamma" not in briefs_listed(read(site, "places/pokrovsk/"), "places/pokrovsk/")
    related = read(site, "briefs/alpha")
    assert "Gamma dispatch from Bakhmut" in related.split('id="related-briefs"')[1]


def snapshot(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_a_bad_brief_leaves_the_last_good_site_untouched(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = snapshot(site)
    (project / "data" / "briefs" / "broken.yml").write_text("title: [unclosed\n")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "data/briefs/broken.yml:" in result.stderr
    assert snapshot(site) == before


def test_two_builds_of_the_real_data_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    for n, seed in enumerate(("1", "987")):
        project = copy_project(ROOT, tmp_path / f"p{n}")
        site = project / "site"
        env = {"SOURCE_DATE_EPOCH": "1760000000", "PYTHONHASHSEED": seed}
        assert mkdocs_build(project, site, env=env).returncode == 0
        sites.append(snapshot(site))
    assert sites[0] == sites[1]


def test_the_site_loads_nothing_from_the_network(real_site: Path) -> None:
    """No CDN script, web font or remote stylesheet: the site works offline."""
    # A canonical or alternate link (site_url, the feed) names an address; nothing fetches it.
    remote = re.compile(r"""<(?:script|link(?![^>]*\brel="(?:canonical|alternate)")|img|iframe)\b"""
                        r"""[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.I)
    css_remote = re.compile(r"""(?:@import|url\()\s*["']?(?:https?:)?//""", re.I)
    checked = 0
    for path in sorted(real_site.rglob("*")):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert not remote.search(text), (path, remote.search(text))
            checked += 1
        elif path.suffix in {".css", ".svg"}:
            text = path.read_text(encoding="utf-8")
            assert not css_remote.search(text), path
    assert checked > 50
    assert "fonts.googleapis" not in read(real_site, "")


def test_brief_pages_flag_verdicts_on_their_figures(real_site: Path) -> None:
    # Pokrovsk's 60,000: two unattributed figures in briefs whose outlet is
    # unknown agree, but are no independent sources: consistent, never flagged
    # "corroborated".
    hub = read(real_site, "briefs/pokrovsk-logistics-hub")
    row = hub.split('id="figure-prewar-population"')[1].split("</tr>")[0]
    assert "corroborated" not in row.lower()
    assert "Consistent" in row
    assert "../../figures/population-prewar/" in row  # the metric page
    # 21 months lies within the Post's "nearly two years": nothing is disputed.
    brink = read(real_site, "briefs/pokrovsk-on-the-brink")
    assert [href for href, text in links(brink) if text == "disputed"] == []
    target = ("../../figures/duration-of-battle/pokrovsk--advance-on-city/"
              "#value-pokrovsk-on-the-brink-pursuit-duration")
    # The verdict on the brief's row links to the group, at the value's row.
    assert ("Consistent", target) in {(text, href) for href, text in links(brink)}
    comparison = read(real_site, "figures/duration-of-battle/pokrovsk--advance-on-city")
    assert 'id="value-pokrovsk-on-the-brink-pursuit-duration"' in comparison
    # Kastehelmi's year counts from another start: beside the group, not in it.
    assert "about 1 year</a> (Emil Kastehelmi via X)" in comparison
    discrepancies = read(real_site, "figures/discrepancies")
    listed = {href for href, _ in links(discrepancies)}
    assert "../duration-of-battle/pokrovsk--advance-on-city/" not in listed


def test_home_page_says_what_the_site_covers_with_counts(real_site: Path) -> None:
    home = read(real_site, "")
    assert "<h1>Battlefield briefings</h1>" in home
    assert "battles for Pokrovsk and Bakhmut" in home.split('class="bg-about"')[1].split("</p>")[0]
    assert "5 briefs" in home
    assert ("places/pokrovsk/", "Pokrovsk") in links(home, "bg-columns")


def test_a_rebuild_with_nothing_changed_draws_no_chart(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    cache = project / ".cache" / "briefgen"
    assert mkdocs_build(project, project / "site").returncode == 0
    drawn = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.svg")}
    assert drawn  # the mini corpus has a metric with two values, so a chart
    assert mkdocs_build(project, project / "site").returncode == 0
    # The cache writes a file for every chart it draws: same files, same times.
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.svg")} == drawn


def test_charts_of_data_since_changed_leave_the_cache(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    cache = project / ".cache" / "briefgen"
    assert mkdocs_build(project, project / "site").returncode == 0
    first = {p.name for p in cache.glob("*.svg")}
    (cache / "0123abcd.svg").write_text("<svg/>", encoding="utf-8")  # from some older build
    brief = project / "data" / "briefs" / "alpha.yml"
    text = brief.read_text(encoding="utf-8")
    value = re.search(r"\bvalue: (\d+)", text)
    assert value is not None
    brief.write_text(text.replace(value.group(0), f"value: {int(value.group(1)) + 7}", 1), encoding="utf-8")
    assert mkdocs_build(project, project / "site").returncode == 0
    second = {p.name for p in cache.glob("*.svg")}
    assert first - second  # the charts of the old value are gone...
    assert second - first  # ...those of the new one are kept
    assert "0123abcd.svg" not in second and len(second) == len(first)


def test_the_brief_schema_is_published_at_its_stable_url(real_site: Path) -> None:
    published = real_site / "schema" / "brief.json"
    assert published.read_bytes() == (ROOT / "briefgen" / "schema.json").read_bytes()


def test_detail_pages_stay_out_of_the_nav_without_a_not_in_nav_block(real_site: Path) -> None:
    assert "not_in_nav" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    brief = read(real_site, "briefs/pokrovsk-logistics-hub")
    primary = brief.split('<nav class="md-nav md-nav--primary')[1]
    nav = primary.split('<nav class="md-nav md-nav--secondary')[0]
    assert "pokrovsk-logistics-hub" not in nav and "Places" in nav


def test_a_kept_site_missing_a_file_is_generated_again(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    assert mkdocs_build(project, project / "site").returncode == 0
    cache = project / ".cache" / "briefgen"
    (listing,) = cache.glob("site-*.json")
    kept = cache / listing.stem
    first = (project / "site" / "briefs" / "alpha" / "index.html").read_bytes()
    # MkDocs reads the kept pages from the cache, as it reads docs/.
    assert (kept / "briefs" / "alpha.md").is_file()
    listed = listing.stat().st_mtime_ns
    (kept / "briefs" / "alpha.md").unlink()
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    # Generated and kept again, not built from half a site.
    assert listing.stat().st_mtime_ns != listed
    assert (project / "site" / "briefs" / "alpha" / "index.html").read_bytes() == first
    assert (kept / "briefs" / "alpha.md").is_file()
    listed = listing.stat().st_mtime_ns
    assert mkdocs_build(project, project / "site").returncode == 0
    assert listing.stat().st_mtime_ns == listed  # whole again: reused as it is


def test_a_cache_that_cannot_be_written_costs_time_not_the_build(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    (project / ".cache").write_text("a file where the cache folder would go", encoding="utf-8")
    for _ in range(2):  # and again: nothing was kept, so all is made afresh
        result = mkdocs_build(project, project / "site")
        assert result.returncode == 0, result.stderr
        charts = sorted(p.name for p in (project / "site").rglob("*.svg") if "assets" not in p.parts)
        assert charts and (project / "site" / "briefs" / "index.html").is_file()


def test_a_check_then_a_build_generates_the_site_once(tmp_path: Path) -> None:
    # CI runs `briefgen check` and then `mkdocs build`: the check leaves the
    # site it generated in the project's cache, and the build reuses it.
    project = copy_project(MINI, tmp_path / "p")
    checked = subprocess.run([sys.executable, "-m", "briefgen", "check"], cwd=project, capture_output=True,
                             text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")
    (listing,) = (project / ".cache" / "briefgen").glob("site-*.json")
    checked_at = listing.stat().st_mtime_ns
    built = mkdocs_build(project, project / "site")
    assert built.returncode == 0, built.stderr
    # The same kept site, not generated again.
    assert list((project / ".cache" / "briefgen").glob("site-*.json")) == [listing]
    assert listing.stat().st_mtime_ns == checked_at
    assert (project / "site" / "briefs" / "alpha" / "index.html").is_file()


def test_directory_urls_off_is_refused_at_its_line_by_check_and_build(tmp_path: Path) -> None:
    project = copy_project(MINI, tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.splitlines()[4] == "use_directory_urls: true"
    config.write_text(text.replace("use_directory_urls: true", "use_directory_urls: false"), encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "kept.html").write_text("the last good site", encoding="utf-8")
    built = mkdocs_build(project, project / "site")
    assert built.returncode != 0
    assert "mkdocs.yml:5:21: use_directory_urls: briefgen links every page by its directory" in built.stderr
    assert (project / "site" / "kept.html").read_text(encoding="utf-8") == "the last good site"
    checked = subprocess.run([sys.executable, "-m", "briefgen", "check"], cwd=project, capture_output=True,
                             text=True, check=False)
    assert checked.returncode == 1
    assert checked.stdout.startswith("mkdocs.yml:5:21: use_directory_urls:"), checked.stdout
