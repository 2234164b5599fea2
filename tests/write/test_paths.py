"""Whatever id a contributor writes, nothing is written outside the site."""

from __future__ import annotations

import json
import posixpath
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build.steps import generate_site
from briefgen.read.load import InvalidData, load_corpus
from briefgen.write.charts import ChartCache
from briefgen.write.urls import stays_inside_site
from tests.conftest import MINI

SNEAKY = st.sampled_from(
    [
        "..",
        "../x",
        "a/../../b",
        "/etc/passwd",
        "a\\b",
        "index",
        "assets",
        "x\x00y",
        "con",
        "A",
        "-a",
        "a" * 65,
        "briefs",
        "figures",
        "é",
        "a b",
        "%2e%2e",
    ]
)
IDS = st.one_of(SNEAKY, st.text(max_size=70))


def test_stays_inside_site() -> None:
    assert stays_inside_site("people/anna.md")
    for bad in ("../x.md", "/x.md", "a/../../x.md", "a\\b.md", "a/./b.md", ".."):
        assert not stays_inside_site(bad), bad


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(IDS)
def test_any_entity_or_brief_id_is_rejected_or_stays_inside_the_site(new_id: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        shutil.copytree(MINI / "data", data)
        people = data / "people.yml"
        people.write_text(
            people.read_text() + f"{json.dumps(new_id)}:\n  name: X\n  kind: analyst\n  description: Y.\n",
            encoding="utf-8",
        )
        if new_id and "/" not in new_id and "\x00" not in new_id and new_id not in (".", ".."):
            try:
                (data / "briefs" / f"{new_id}.yml").write_text(
                    (data / "briefs" / "beta.yml").read_text(), encoding="utf-8"
                )
            except OSError:
                pass  # a name the file system refuses cannot reach the loader
        try:
            corpus = load_corpus(data, display_root=root)
        except InvalidData:
            return
        for output in generate_site(corpus, ChartCache(root / "cache")):
            assert stays_inside_site(output.path), output.path
            target = (root / "site" / output.path).resolve()
            assert target.is_relative_to((root / "site").resolve())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "briefs", "page", "2", "x.svg"]), max_size=4),
       st.lists(st.sampled_from(["a", "b", "briefs", "page", "2", "x.svg"]), max_size=4),
       st.booleans())
def test_a_relative_link_is_what_posixpath_would_make(here, target, folder):
    from briefgen.write.urls import _relative_path

    here_url = "/" + "".join(part + "/" for part in here)
    target_url = "/" + "/".join(target) + ("/" if folder and target else "")
    expected = posixpath.relpath(target_url, here_url)
    if target_url.endswith("/") and expected != ".":
        expected += "/"
    elif expected == ".":
        expected = "./"
    assert _relative_path(here_url, target_url) == expected
