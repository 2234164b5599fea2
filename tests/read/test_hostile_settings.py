"""Hostile settings in mkdocs.yml: each refused at its line by `briefgen check`'s reader,
or accepted because the theme prints it as text. A few go through a real build."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.authoring.cli import main as briefgen
from briefgen.read.settings import settings_problems
from tests.conftest import MINI, copy_project, mkdocs_build

SCRIPT = "<script>alert(1)</script>"


@dataclass(frozen=True)
class SettingCase:
    name: str
    yaml: str  # one or more lines added at the top of the fixture's mkdocs.yml, replacing the same keys
    field: str  # the problem's field; "" when the value is accepted
    message: str = ""


SETTING_CASES = [
    SettingCase("site-url-breaks-out-of-attribute", f"site_url: 'https://e.example/x\">{SCRIPT}/'",
                "site_url", "cannot hold as written"),
    SettingCase("site-url-relative", "site_url: /briefings/", "site_url", "not an absolute http(s) address"),
    SettingCase("site-url-javascript", "site_url: 'javascript:alert(1)'", "site_url", "absolute http(s)"),
    SettingCase("site-url-data", "site_url: 'data:text/html,<b>x</b>'", "site_url", "absolute http(s)"),
    SettingCase("site-url-ftp", "site_url: ftp://e.example/", "site_url", "absolute http(s)"),
    SettingCase("site-url-no-host", "site_url: 'https:///x'", "site_url", "absolute http(s)"),
    SettingCase("site-url-space", "site_url: 'https://e.example/a b/'", "site_url", "cannot hold"),
    SettingCase("site-url-single-quote", "site_url: \"https://e.example/x'onclick='y/\"", "site_url",
                "cannot hold"),
    SettingCase("site-url-backtick", "site_url: 'https://e.example/`x`/'", "site_url", "cannot hold"),
    SettingCase("site-url-newline", 'site_url: "https://e.example/\\nx/"', "site_url", "cannot hold"),
    SettingCase("site-url-list", "site_url: [https://e.example/]", "site_url", "must be an address"),
    SettingCase("site-url-mapping", "site_url: {a: 1}", "site_url", "must be an address"),
    SettingCase("site-url-number", "site_url: 42", "site_url", "absolute http(s)"),
    SettingCase("site-url-scheme-only", "site_url: 'https:'", "site_url", "absolute http(s)"),
    SettingCase("site-url-upper-case-ok", "site_url: HTTPS://E.EXAMPLE/Briefs/", ""),
    SettingCase("site-url-query-ampersand-ok", "site_url: 'https://e.example/?a=1&b=2'", ""),
    SettingCase("site-url-percent-encoded-ok", "site_url: 'https://e.example/%22x%3C/'", ""),
    SettingCase("site-url-null-ok", "site_url: null", ""),
    SettingCase("site-url-empty-ok", "site_url: ''", ""),
    SettingCase("site-url-env-tag-left-to-mkdocs", "site_url: !ENV [SITE_URL, 'https://e.example/']", ""),
    SettingCase("site-name-script", f"site_name: 'Briefs {SCRIPT}'", "site_name", "plain text"),
    SettingCase("site-name-quote", "site_name: 'a\" onmouseover=\"alert(1)'", "site_name", "'\"'"),
    SettingCase("site-name-angle", "site_name: 'a > b'", "site_name", "'>'"),
    SettingCase("site-name-list", "site_name: [a, b]", "site_name", "must be plain text"),
    SettingCase("site-name-control", 'site_name: "a\\u0007b"', "site_name", "control character"),
    SettingCase("site-name-ampersand-ok", "site_name: Smith & Jones's briefings", ""),
    SettingCase("site-name-unicode-ok", "site_name: Брифінги — «Покровськ»", ""),
    SettingCase("site-description-script", f"site_description: '{SCRIPT}'", "site_description", "'<'"),
    SettingCase("site-description-quote", "site_description: 'x\" y=\"z'", "site_description", "'\"'"),
    SettingCase("site-author-img", "site_author: '<img src=x onerror=alert(1)>'", "site_author", "'<'"),
    SettingCase("repo-name-script", f"repo_name: '{SCRIPT}'", "repo_name", "'<'"),
    SettingCase("repo-url-javascript", "repo_url: 'javascript:alert(1)'", "repo_url", "absolute http(s)"),
    SettingCase("repo-url-quote", "repo_url: 'https://github.com/x\"onclick=\"y'", "repo_url", "cannot hold"),
    SettingCase("copyright-script", f"copyright: 'Copyright {SCRIPT}'", "copyright", "markup"),
    SettingCase("copyright-event-handler", "copyright: '<a href=\"https://x.org\" onclick=\"y()\">X</a>'",
                "copyright", "markup"),
    SettingCase("copyright-javascript-link", "copyright: '<a href=\"javascript:y()\">X</a>'",
                "copyright", "markup"),
    SettingCase("copyright-style", "copyright: '<style>body{display:none}</style>'", "copyright", "markup"),
    SettingCase("copyright-iframe", "copyright: '<iframe src=\"https://x\"></iframe>'",
                "copyright", "markup"),
    SettingCase("copyright-link-ok", "copyright: '&copy; 2026 <a href=\"https://x.org\">X</a>'", ""),
    SettingCase("copyright-emphasis-ok", "copyright: 'Made by <em>us</em> & friends'", ""),
    SettingCase("data-dir-outside", "plugins:\n  - search\n  - briefgen:\n      data_dir: ../../etc",
                "plugins.briefgen.data_dir", "leaves the project"),
    SettingCase("data-dir-absolute", "plugins:\n  - search\n  - briefgen:\n      data_dir: /etc",
                "plugins.briefgen.data_dir", "leaves the project"),
    SettingCase("cache-dir-outside", "plugins:\n  - search\n  - briefgen:\n      cache_dir: ../x",
                "plugins.briefgen.cache_dir", "leaves the project"),
    SettingCase("cache-dir-list", "plugins:\n  - search\n  - briefgen:\n      cache_dir: [a]",
                "plugins.briefgen.cache_dir", "must be a folder"),
    SettingCase("data-dir-inside-ok", "plugins:\n  - search\n  - briefgen:\n      data_dir: data", ""),
    SettingCase("plugins-as-mapping-outside", "plugins:\n  search: {}\n  briefgen:\n    data_dir: ../d",
                "plugins.briefgen.data_dir", "leaves the project"),
]


def _project_with(tmp_path: Path, case: SettingCase) -> Path:
    project = copy_project(MINI, tmp_path / "project")
    config = project / "mkdocs.yml"
    keys = {line.split(":", 1)[0] for line in case.yaml.splitlines() if not line.startswith(" ")}
    kept, skipping = [], False
    for line in config.read_text(encoding="utf-8").splitlines():
        top = not line.startswith((" ", "-")) and ":" in line
        if top:
            skipping = line.split(":", 1)[0] in keys
        if not skipping:
            kept.append(line)
    config.write_text(case.yaml + "\n" + "\n".join(kept) + "\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("case", SETTING_CASES, ids=[case.name for case in SETTING_CASES])
def test_a_hostile_setting_is_refused_at_its_line_or_accepted_as_text(tmp_path: Path,
                                                                      case: SettingCase) -> None:
    project = _project_with(tmp_path, case)
    problems = settings_problems(project / "mkdocs.yml", display_root=project)
    if not case.field:
        assert problems == []
        return
    shown = "\n".join(map(str, problems))
    assert [p.field for p in problems] == [case.field], shown
    problem = problems[0]
    assert problem.location.file == "mkdocs.yml"
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert case.field.rsplit(".", 1)[-1] + ":" in lines[problem.location.line - 1], shown
    assert case.message in problem.message, shown


def test_check_reports_the_setting_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project_with(tmp_path, SETTING_CASES[0])
    monkeypatch.chdir(project)
    assert briefgen(["check"]) == 1
    out = capsys.readouterr().out
    assert re.match(r"mkdocs\.yml:1:11: site_url: .*cannot hold as written", out), out


@pytest.mark.parametrize("name", ["site-url-breaks-out-of-attribute", "site-url-relative",
                                  "copyright-script"])
def test_the_build_refuses_a_hostile_setting_before_touching_the_site(tmp_path: Path, name: str) -> None:
    case = next(case for case in SETTING_CASES if case.name == name)
    project = _project_with(tmp_path, case)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    if name == "site-url-relative":
        # MkDocs refuses it itself, before any plugin loads (its message names the
        # setting, not the line: `briefgen check` gives the line).
        assert "'site_url'" in result.stderr, result.stderr
    else:
        assert "mkdocs.yml:1:" in result.stderr and case.field in result.stderr, result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert not (project / ".cache").exists()  # refused before anything was generated


def test_settings_the_theme_prints_reach_every_page_as_text(tmp_path: Path) -> None:
    case = SettingCase("edgy", "site_name: Smith & Jones's 'briefs'\n"
                       "site_description: Fish & chips\n"
                       "site_url: https://e.example/a&b/\ncopyright: Made by <em>us</em> & friends", "")
    project = _project_with(tmp_path, case)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for page in [site / "index.html", site / "briefs" / "alpha" / "index.html"]:
        text = page.read_text(encoding="utf-8")
        assert 'content="Smith &amp; Jones&#39;s &#39;briefs&#39;"' in text
        assert 'href="https://e.example/a&amp;b/' in text
        assert "<title>" in text and "Smith &amp; Jones" in text.split("<title>", 1)[1].split("</title>")[0]
    shutil.rmtree(site)
