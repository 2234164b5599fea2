"""briefgen's copy of Material's header differs from Material's own only where the search box is chosen."""

from __future__ import annotations

import re
from pathlib import Path

import material

from briefgen.build.steps import THEME_DIR

MATERIAL_HEADER = Path(material.__file__).parent / "templates" / "partials" / "header.html"


def _without_comments(text: str) -> str:
    return re.sub(r"\{#.*?#\}", "", text, flags=re.S).strip()


def test_the_header_is_materials_own_but_for_the_choice_of_search_box():
    ours = (THEME_DIR / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = MATERIAL_HEADER.read_text(encoding="utf-8")
    start = ours.index('    {#- briefgen: its own search')
    end = ours.index('    {% elif "material/search" in config.plugins %}')
    ours = ours[:start] + '    {% if "material/search" in config.plugins %}' + ours[end + len(
        '    {% elif "material/search" in config.plugins %}'):]
    assert _without_comments(ours) == _without_comments(theirs), (
        "Material's partials/header.html changed: copy it again into briefgen/write/theme/partials/ "
        "and put briefgen's search choice back")
