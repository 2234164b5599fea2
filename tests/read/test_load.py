"""load.py and yamlsafe.py: every bad input is reported at its file, line and field."""

from __future__ import annotations

import gc
import random
import re
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.analyse.figures import normalised_text, reading
from briefgen.model import ClaimRef, Location, PartialDate, Publication, Unit
from briefgen.read.load import BRIEF_FIELDS, InvalidData, Problem, check_paths, load_corpus, load_units
from tests.conftest import MINI

REPO = Path(__file__).resolve().parents[2]

PEOPLE = """\
michael-kofman:
  name: Michael Kofman
  kind: analyst
  aliases: [Kofman]
  description: Military analyst.
  side: independent
  affiliation: carnegie-endowment
volodymyr-zelensky:
  name: Volodymyr Zelensky
  kind: politician
  aliases: [Zelenskyy]
  description: President of Ukraine.
  wikidata: Q3874799
  side: ukraine
"""

PLACES = """\
ukraine:
  name: Ukraine
  kind: country
  description: East European country.
pokrovsk:
  name: Pokrovsk
  kind: city
  aliases: [Krasnoarmeysk]
  description: Rail and road hub.
  latitude: 48.282
  longitude: 37.176
  region: ukraine
"""

ORGANISATIONS = """\
carnegie-endowment:
  name: Carnegie Endowment for International Peace
  kind: think-tank
  description: Think tank.
  side: independent
washington-post:
  name: The Washington Post
  kind: media-outlet
  description: Daily newspaper.
  side: media
"""

METRICS = """\
force-ratio:
  label: Force ratio
  family: ratio
  description: Attackers per defender.
population-prewar:
  label: Pre-war population
  family: count
  description: People living in a place before the invasion.
"""

UNITS = """\
people: {family: count, factor: 1}
ratio: {family: ratio, factor: 1}
km: {family: distance, factor: 1}
miles: {family: distance, factor: 1.609344}
"""

GOOD_BRIEF = """\
title: "Pokrovsk under pressure"
outlet: washington-post
authors: [michael-kofman]
published: 2025-11-06
url: https://www.example.com/a
type: analysis
topics: [pokrovsk-offensive]
summary: |
  [[michael-kofman]] on [[pokrovsk|the city]].
key_points:
  - "[[volodymyr-zelensky]] gives a ratio."
entities:
  - id: pokrovsk
    role: The city.
  - id: michael-kofman
    role: Analyst.
  - id: volodymyr-zelensky
    role: President.
  - id: washington-post
    role: Publisher.
  - id: ukraine
    role: Defender.
  - id: carnegie-endowment
    role: Think tank.
figures:
  - id: ratio
    metric: force-ratio
    subject: pokrovsk
    value: 8
    qualifier: exact
    unit: ratio
    as_of: 2025-10
    claimed_by: volodymyr-zelensky
    context: Eight to one.
quotes:
  - id: kofman-withdraw
    speaker: michael-kofman
    text: "Forces should be withdrawing"
    date: 2025-11
events:
  - id: city-falls
    date: 2025-11
    what: "[[pokrovsk]] falls."
    places: [pokrovsk]
    actors: [ukraine]
claims:
  - id: no-encirclement
    by: volodymyr-zelensky
    text: No encirclement.
    as_of: 2025-10
  - id: encirclement
    text: Encircled.
    contradicts: [no-encirclement]
sources: [carnegie-endowment]
credibility: Good.
"""

TOPICS = """\
pokrovsk-offensive:
  name: Pokrovsk offensive
  description: The push on Pokrovsk.
"""

# The war corpus's sides and kinds: briefgen's defaults assume no topic.
VOCABULARY = """\
sides:
  ukraine: {label: Ukrainian officials and forces, colour: "#0072B2"}
  russia: {label: Russian officials and state media, colour: "#D55E00"}
  independent: {label: Independent analysts, colour: "#009E73"}
  media: {label: Journalists and media, colour: "#CC79A7"}
kinds:
  person: [analyst, civilian, commander, journalist, military-expert, official, politician]
  place: [city, country, landform, mine, railway, region, road, town, village]
  organisation:
    [armed-force, armed-unit, company, conference, government-body, intelligence-agency, media-outlet,
     military-command, military-company, news-agency, non-profit, research-group, social-network, think-tank]
"""

BASE_FILES: dict[str, str] = {
    "vocabulary.yml": VOCABULARY,
    "people.yml": PEOPLE,
    "places.yml": PLACES,
    "organisations.yml": ORGANISATIONS,
    "metrics.yml": METRICS,
    "units.yml": UNITS,
    "topics.yml": TOPICS,
    "briefs/good.yml": GOOD_BRIEF,
}


def make_data(
    root: Path, files: Mapping[str, str | bytes | None] = {}, *, order: list[str] | None = None
) -> Path:
    """Write a data directory under `root`: the base files, overridden by `files`.

    A value of None deletes a base file. `order` sets the creation order.
    """
    contents: dict[str, str | bytes] = dict(BASE_FILES)
    for name, content in files.items():
        if content is None:
            contents.pop(name, None)
        else:
            contents[name] = content
    data = root / "data"
    (data / "briefs").mkdir(parents=True, exist_ok=True)
    for name in order or list(contents):
        content = contents[name]
        path = data / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return data


BRIEF = "briefs/good.yml"


def brief_with(old: str, new: str, *, name: str = BRIEF) -> dict[str, str]:
    """The good brief with one piece of text replaced (which must be there)."""
    assert old in GOOD_BRIEF, old
    return {name: GOOD_BRIEF.replace(old, new, 1)}


def file_with(name: str, old: str, new: str) -> dict[str, str]:
    assert old in BASE_FILES[name], old
    return {name: BASE_FILES[name].replace(old, new, 1)}


def problems_in(tmp_path: Path, files: Mapping[str, str | bytes | None]) -> list[Problem]:
    data = make_data(tmp_path, files)
    with pytest.raises(InvalidData) as caught:
        load_corpus(data, display_root=tmp_path)
    return list(caught.value.problems)


def line_of(content: str | bytes, needle: str | int) -> int:
    if isinstance(needle, int):
        return needle
    text = content if isinstance(content, str) else content.decode("utf-8", "replace")
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


WORDS_31 = " ".join(["word"] * 31)

# (name, files to write, file reported, field path, line or a text on that line, message fragment)
BAD_INPUTS: list[tuple[str, dict[str, str | bytes | None], str, str, int | str, str]] = [
    # --- YAML itself
    (
        "tab",
        brief_with("    role: The city.", "\trole: The city."),
        BRIEF,
        "(file)",
        "\trole",
        "YAML syntax error",
    ),
    (
        "bad-indentation",
        brief_with("    role: Analyst.", "      role: Analyst."),
        BRIEF,
        "(file)",
        "      role: Analyst.",
        "YAML syntax error: mapping values are not allowed here",
    ),
    (
        "unclosed-quote",
        brief_with('"Pokrovsk under pressure"', '"Pokrovsk under pressure'),
        BRIEF,
        "(file)",
        '  - "[[volodymyr',
        "(while parsing a block mapping at line 1, column 1)",
    ),
    (
        "duplicate-key",
        brief_with("type: analysis\n", "type: analysis\ntype: feature\n"),
        BRIEF,
        "type",
        "type: feature",
        "duplicate key `type` (first given on line 6)",
    ),
    (
        "anchor",
        brief_with("outlet: washington-post", "outlet: &o washington-post"),
        BRIEF,
        "outlet",
        "&o",
        "anchor `&o` is not allowed",
    ),
    (
        "alias",
        brief_with("credibility: Good.", "credibility: *o"),
        BRIEF,
        "credibility",
        "*o",
        "alias `*o` is not allowed",
    ),
    (
        "merge-key",
        brief_with("    metric: force-ratio", "    <<: {metric: force-ratio}"),
        BRIEF,
        "figures[0]",
        "<<",
        "merge key `<<` is not allowed",
    ),
    (
        "alias-in-registry",
        file_with("people.yml", "  aliases: [Zelenskyy]", "  aliases: *a"),
        "people.yml",
        "volodymyr-zelensky.aliases",
        "*a",
        "alias `*a` is not allowed",
    ),
    (
        "python-tag",
        brief_with("title: ", "title: !!python/object:os.system "),
        BRIEF,
        "title",
        "title:",
        "tag `tag:yaml.org,2002:python/object:os.system` is not allowed",
    ),
    (
        "str-tag",
        brief_with("    value: 8", "    value: !!str 8"),
        BRIEF,
        "figures[0].value",
        "value:",
        "tag `tag:yaml.org,2002:str` is not allowed",
    ),
    (
        "custom-tag",
        brief_with("credibility: Good.", "credibility: !custom Good."),
        BRIEF,
        "credibility",
        "credibility:",
        "tag `!custom` is not allowed",
    ),
    (
        "two-documents",
        brief_with("credibility: Good.\n", "credibility: Good.\n---\ntitle: x\n"),
        BRIEF,
        "(file)",
        "---",
        "several documents",
    ),
    ("empty-file", {BRIEF: ""}, BRIEF, "(file)", 1, "empty"),
    ("comment-only", {BRIEF: "# nothing yet\n\n"}, BRIEF, "(file)", 1, "empty"),
    ("top-level-list", {BRIEF: "- title: x\n"}, BRIEF, "(file)", 1, "expected a mapping"),
    ("top-level-scalar", {BRIEF: "just words\n"}, BRIEF, "(file)", 1, "expected a mapping"),
    (
        "not-utf8",
        {BRIEF: GOOD_BRIEF.replace("Good.", "G\xe9").encode("latin-1")},
        BRIEF,
        "(file)",
        "credibility:",
        "not UTF-8: byte 0xe9",
    ),
    (
        "too-big",
        {BRIEF: GOOD_BRIEF + "# " + "x" * 300_000 + "\n"},
        BRIEF,
        "(file)",
        1,
        "the limit is 262,144 bytes",
    ),
    (
        "too-deep",
        brief_with("credibility: Good.", "credibility: " + "[" * 30 + "]" * 30),
        BRIEF,
        "credibility" + "[0]" * 19,
        "credibility:",
        "nested more than 20 levels",
    ),
    # --- scalars
    (
        "underscore-number",
        brief_with("    value: 8", "    value: 1_000"),
        BRIEF,
        "figures[0].value",
        "1_000",
        "plain decimal number",
    ),
    (
        "octal-number",
        brief_with("    value: 8", "    value: 012"),
        BRIEF,
        "figures[0].value",
        "012",
        "plain decimal number",
    ),
    (
        "sexagesimal",
        brief_with("    value: 8", "    value: 1:30"),
        BRIEF,
        "figures[0].value",
        "1:30",
        "plain decimal number",
    ),
    (
        "nan",
        brief_with("    value: 8", "    value: .nan"),
        BRIEF,
        "figures[0].value",
        ".nan",
        "plain decimal",
    ),
    (
        "inf",
        brief_with("    value: 8", "    value: .inf"),
        BRIEF,
        "figures[0].value",
        ".inf",
        "plain decimal",
    ),
    (
        "hex",
        brief_with("    value: 8", "    value: 0x10"),
        BRIEF,
        "figures[0].value",
        "0x10",
        "plain decimal",
    ),
    (
        "exponent",
        brief_with("    value: 8", "    value: 1e5"),
        BRIEF,
        "figures[0].value",
        "1e5",
        "plain decimal",
    ),
    (
        "quoted-number",
        brief_with("    value: 8", '    value: "60000"'),
        BRIEF,
        "figures[0].value",
        "60000",
        "quoted text",
    ),
    (
        "yes-flag",
        brief_with("published: 2025-11-06", "published:\n  date: 2025-11\n  approximate: yes\n  basis: b"),
        BRIEF,
        "published.approximate",
        "approximate",
        "expected true or false",
    ),
    (
        "impossible-date",
        brief_with("published: 2025-11-06", "published: 2025-02-30"),
        BRIEF,
        "published",
        "2025-02-30",
        "not a calendar date",
    ),
    (
        "prose-date",
        brief_with("    as_of: 2025-10", "    as_of: 6 Nov 2025"),
        BRIEF,
        "figures[0].as_of",
        "6 Nov",
        "expected an ISO date",
    ),
    (
        "slash-date",
        brief_with("    date: 2025-11\n    what", "    date: 2025/11/06\n    what"),
        BRIEF,
        "events[0].date",
        "2025/11/06",
        "expected an ISO date",
    ),
    (
        "month-13",
        brief_with("    date: 2025-11\n", "    date: 2025-13\n"),
        BRIEF,
        "quotes[0].date",
        "2025-13",
        "month 13",
    ),
    (
        "approximate-without-basis",
        brief_with("published: 2025-11-06", "published:\n  date: 2025-11\n  approximate: true"),
        BRIEF,
        "published.basis",
        "  date: 2025-11",
        "needs a `basis`",
    ),
    (
        "nul-escape",
        brief_with('"Pokrovsk under pressure"', '"Pokrovsk\\0 under pressure"'),
        BRIEF,
        "title",
        1,
        "U+0000",
    ),
    (
        "bell-escape",
        brief_with("credibility: Good.", 'credibility: "Good\\a."'),
        BRIEF,
        "credibility",
        "credibility:",
        "U+0007",
    ),
    (
        "bidi-override",
        brief_with("    role: Analyst.", "    role: Ana\u202elyst."),
        BRIEF,
        "entities[1].role",
        "Ana",
        "U+202E",
    ),
    (
        "bidi-isolate",
        file_with("places.yml", "  name: Ukraine", "  name: Ukr\u2066aine"),
        "places.yml",
        "ukraine.name",
        "Ukr",
        "U+2066",
    ),
    (
        "text-too-long",
        brief_with("credibility: Good.", "credibility: " + "a" * 20_001),
        BRIEF,
        "credibility",
        "credibility:",
        "the limit is 20,000",
    ),
    ("empty-title", brief_with('"Pokrovsk under pressure"', '""'), BRIEF, "title", 1, "must not be empty"),
    ("null-title", brief_with('"Pokrovsk under pressure"', "null"), BRIEF, "title", 1, "needs a value"),
    # --- keys
    (
        "unknown-key",
        brief_with("title:", "titel:"),
        BRIEF,
        "titel",
        1,
        "unknown key `titel`; did you mean `title`?",
    ),
    (
        "unknown-nested-key",
        brief_with("    qualifier: exact", "    qualifer: exact"),
        BRIEF,
        "figures[0].qualifer",
        "qualifer",
        "did you mean `qualifier`?",
    ),
    ("missing-key", brief_with("credibility: Good.\n", ""), BRIEF, "credibility", 1, "missing required key"),
    (
        "missing-nested-key",
        brief_with("    unit: ratio\n", ""),
        BRIEF,
        "figures[0].unit",
        "  - id: ratio",
        "missing required key `unit`",
    ),
    (
        "list-wanted",
        brief_with("authors: [michael-kofman]", "authors: michael-kofman"),
        BRIEF,
        "authors",
        "authors:",
        "expected a list",
    ),
    # --- ids
    (
        "bad-file-name",
        {BRIEF: None, "briefs/Bad_Name.yml": GOOD_BRIEF},
        "briefs/Bad_Name.yml",
        "(file)",
        1,
        "not a valid brief id",
    ),
    (
        "reserved-brief-id",
        {BRIEF: None, "briefs/index.yml": GOOD_BRIEF},
        "briefs/index.yml",
        "(file)",
        1,
        "reserved",
    ),
    (
        "same-id-twice",
        {"briefs/good.yaml": GOOD_BRIEF},
        "briefs/good.yaml",
        "(file)",
        1,
        "used by both data/briefs/good.yaml and data/briefs/good.yml",
    ),
    ("same-id-twice-other", {"briefs/good.yaml": GOOD_BRIEF}, BRIEF, "(file)", 1, "data/briefs/good.yaml"),
    (
        "entity-in-two-files",
        file_with(
            "organisations.yml",
            "washington-post:",
            "ukraine:\n  name: U\n  kind: k\n  description: d\nwashington-post:",
        ),
        "organisations.yml",
        "ukraine",
        "ukraine:",
        "also defined in data/places.yml:1:1",
    ),
    (
        "reserved-entity-id",
        file_with("places.yml", "ukraine:", "search:\n  name: S\n  kind: k\n  description: d\nukraine:"),
        "places.yml",
        "search",
        1,
        "reserved",
    ),
    (
        "bad-item-id",
        brief_with("  - id: ratio", "  - id: Ratio"),
        BRIEF,
        "figures[0].id",
        "Ratio",
        "not a valid id",
    ),
    (
        "duplicate-item-id",
        brief_with("  - id: kofman-withdraw", "  - id: ratio"),
        BRIEF,
        "quotes[0].id",
        "  - id: ratio\n    speaker",
        "already used by `figures[0]` (line 26)",
    ),
    (
        "entity-listed-twice",
        brief_with("  - id: ukraine", "  - id: pokrovsk"),
        BRIEF,
        "entities[4].id",
        "  - id: pokrovsk\n    role: Defender",
        "already listed",
    ),
    # --- references
    (
        "unknown-person",
        brief_with("authors: [michael-kofman]", "authors: [kofmann]"),
        BRIEF,
        "authors[0]",
        "authors:",
        "unknown person id `kofmann`; did you mean `michael-kofman`?",
    ),
    (
        "alias-suggestion",
        brief_with("    by: volodymyr-zelensky", "    by: zelenskyy"),
        BRIEF,
        "claims[0].by",
        "zelenskyy",
        "unknown entity id `zelenskyy`; did you mean `volodymyr-zelensky`?",
    ),
    (
        "outlet-kind",
        brief_with("outlet: washington-post", "outlet: pokrovsk"),
        BRIEF,
        "outlet",
        2,
        "`pokrovsk` is a place (data/places.yml), but an organisation is needed",
    ),
    (
        "event-place-kind",
        brief_with("    places: [pokrovsk]", "    places: [michael-kofman]"),
        BRIEF,
        "events[0].places[0]",
        "places:",
        "is a person",
    ),
    (
        "source-kind",
        brief_with("sources: [carnegie-endowment]", "sources: [ukraine]"),
        BRIEF,
        "sources[0]",
        "sources:",
        "but an organisation is needed",
    ),
    (
        "markdown-link",
        brief_with("[[pokrovsk|the city]]", "[[pokrovks|the city]]"),
        BRIEF,
        "summary",
        "  [[michael-kofman]] on",  # the line inside the block, not its `summary: |`
        "unknown entity id `pokrovks`; did you mean `pokrovsk`?",
    ),
    (
        "malformed-link",
        brief_with("[[pokrovsk|the city]]", "[[Pokrovsk]]"),
        BRIEF,
        "summary",
        "  [[michael-kofman]] on",  # the line inside the block, not its `summary: |`
        "malformed link `[[Pokrovsk]]`",
    ),
    (
        "not-listed",
        brief_with("  - id: ukraine\n    role: Defender.\n", ""),
        BRIEF,
        "events[0].actors[0]",
        "actors:",
        "`ukraine` is referred to but not listed under `entities`",
    ),
    (
        "affiliation-kind",
        file_with("people.yml", "affiliation: carnegie-endowment", "affiliation: ukraine"),
        "people.yml",
        "michael-kofman.affiliation",
        "affiliation",
        "but an organisation is needed",
    ),
    (
        "region-unknown",
        file_with("places.yml", "  region: ukraine", "  region: ukrain"),
        "places.yml",
        "pokrovsk.region",
        "region",
        "unknown place id `ukrain`; did you mean `ukraine`?",
    ),
    (
        "unknown-claim",
        brief_with("contradicts: [no-encirclement]", "contradicts: [no-encircle]"),
        BRIEF,
        "claims[1].contradicts[0]",
        "contradicts",
        "brief `good` has no claim `no-encircle`",
    ),
    (
        "unknown-brief",
        brief_with("contradicts: [no-encirclement]", "contradicts: [goods#no-encirclement]"),
        BRIEF,
        "claims[1].contradicts[0]",
        "contradicts",
        "unknown brief `goods`; did you mean `good`?",
    ),
    (
        "self-contradiction",
        brief_with("contradicts: [no-encirclement]", "contradicts: [encirclement]"),
        BRIEF,
        "claims[1].contradicts[0]",
        "contradicts",
        "cannot contradict itself",
    ),
    # --- figures, quotes, URLs, enums
    (
        "value-and-range",
        brief_with("    value: 8", "    value: 8\n    low: 1\n    high: 9"),
        BRIEF,
        "figures[0].value",
        "value: 8",
        "not both",
    ),
    (
        "no-value",
        brief_with("    value: 8\n", ""),
        BRIEF,
        "figures[0].value",
        "  - id: ratio",
        "missing `value`",
    ),
    ("low-only", brief_with("    value: 8", "    low: 8"), BRIEF, "figures[0].low", "low: 8", "needs `high`"),
    (
        "low-above-high",
        brief_with("    value: 8", "    low: 20\n    high: 15"),
        BRIEF,
        "figures[0].low",
        "low: 20",
        "`low` (20) is greater than `high` (15)",
    ),
    (
        "bad-qualifier",
        brief_with("qualifier: exact", "qualifier: approx"),
        BRIEF,
        "figures[0].qualifier",
        "approx",
        "is not one of exact, about",
    ),
    (
        "unknown-unit",
        brief_with("    unit: ratio", "    unit: ratios"),
        BRIEF,
        "figures[0].unit",
        "ratios",
        "unknown unit `ratios`; close: `ratio`",
    ),
    (
        "unit-family",
        brief_with("    unit: ratio", "    unit: miles"),
        BRIEF,
        "figures[0].unit",
        "miles",
        "unit `miles` is a distance, but metric `force-ratio` is a ratio (family ratio)",
    ),
    (
        "unknown-metric",
        brief_with("metric: force-ratio", "metric: force-ration"),
        BRIEF,
        "figures[0].metric",
        "force-ration",
        "unknown metric `force-ration`; did you mean `force-ratio`?",
    ),
    (
        "long-quote",
        brief_with('"Forces should be withdrawing"', f'"{WORDS_31}"'),
        BRIEF,
        "quotes[0].text",
        "word word",
        "31 words; a quote holds at most 30",
    ),
    (
        "javascript-url",
        brief_with("https://www.example.com/a", "javascript:alert(1)"),
        BRIEF,
        "url",
        "url:",
        "expected an http:// or https:// URL",
    ),
    (
        "ftp-url",
        brief_with("https://www.example.com/a", "ftp://example.com/a"),
        BRIEF,
        "url",
        "url:",
        "http:// or https://",
    ),
    ("relative-url", brief_with("https://www.example.com/a", "/world/a"), BRIEF, "url", "url:", "http://"),
    (
        "space-in-url",
        brief_with("https://www.example.com/a", '"https://www.example.com/a b"'),
        BRIEF,
        "url",
        "url:",
        "U+0020",
    ),
    (
        "bad-type",
        brief_with("type: analysis", "type: analyis"),
        BRIEF,
        "type",
        "type:",
        "did you mean `analysis`?",
    ),
    (
        "bad-side",
        file_with("people.yml", "side: independent", "side: neutral"),
        "people.yml",
        "michael-kofman.side",
        "neutral",
        "unknown side `neutral`; the sides are ukraine, russia",
    ),
    (
        "bad-wikidata",
        file_with("people.yml", "Q3874799", "q3874799"),
        "people.yml",
        "volodymyr-zelensky.wikidata",
        "q3874799",
        "Wikidata id",
    ),
    (
        "latitude-range",
        file_with("places.yml", "latitude: 48.282", "latitude: 148.282"),
        "places.yml",
        "pokrovsk.latitude",
        "148.282",
        "out of range",
    ),
    (
        "latitude-alone",
        file_with("places.yml", "  longitude: 37.176\n", ""),
        "places.yml",
        "pokrovsk.latitude",
        "  latitude: 48.282",
        "`latitude` needs `longitude` too",
    ),
    (
        "bad-family",
        file_with("metrics.yml", "family: ratio", "family: ratios"),
        "metrics.yml",
        "force-ratio.family",
        "ratios",
        "did you mean `ratio`?",
    ),
    ("missing-registry-file", {"people.yml": None}, "people.yml", "(file)", 1, "missing"),
    # --- units.yml
    (
        "unit-unknown-family",
        file_with("units.yml", "ratio: {family: ratio,", "ratio: {family: ratios,"),
        "units.yml",
        "ratio.family",
        "ratio:",
        "unknown family `ratios`; did you mean `ratio`?; declare it under `families:` in data/units.yml",
    ),
    (
        "unit-factor-zero",
        file_with("units.yml", "factor: 1.609344", "factor: 0"),
        "units.yml",
        "miles.factor",
        "miles:",
        "0 is not a positive number; it must be greater than 0",
    ),
    (
        "unit-factor-negative",
        file_with("units.yml", "factor: 1.609344", "factor: -1.609344"),
        "units.yml",
        "miles.factor",
        "miles:",
        "-1.609344 is not a positive number",
    ),
    (
        "unit-factor-quoted",
        file_with("units.yml", "factor: 1.609344", 'factor: "1.609344"'),
        "units.yml",
        "miles.factor",
        "miles:",
        "expected a number, got the quoted text `1.609344`; remove the quotes",
    ),
    (
        "unit-factor-missing",
        file_with("units.yml", ", factor: 1.609344", ""),
        "units.yml",
        "miles.factor",
        "miles:",
        "missing required key `factor`",
    ),
    (
        "unit-name-capitalised",
        file_with("units.yml", "miles:", "Miles:"),
        "units.yml",
        "Miles",
        "Miles:",
        "write unit names in lowercase, without spaces around them",
    ),
    (
        "unit-name-empty",
        file_with("units.yml", "miles:", '"":'),
        "units.yml",
        "(file)",
        '"":',
        "a unit name must not be empty",
    ),
    ("missing-units-file", {"units.yml": None}, "units.yml", "(file)", 1, "missing"),
    # --- what a figure is measured from
    (
        "reference-on-a-metric-without-references",
        brief_with("    unit: ratio\n", "    unit: ratio\n    reference: in-city\n"),
        BRIEF,
        "figures[0].reference",
        "    reference: in-city",
        "metric `force-ratio` declares no references",
    ),
    (
        "unknown-reference",
        file_with("metrics.yml", "  description: Attackers per defender.\n",
                  "  description: Attackers per defender.\n  references:\n"
                  "    - id: in-city\n      description: inside the city\n")
        | brief_with("    unit: ratio\n", "    unit: ratio\n    reference: on-the-flanks\n"),
        BRIEF,
        "figures[0].reference",
        "    reference: on-the-flanks",
        "unknown reference `on-the-flanks` for metric `force-ratio`; it declares `in-city`",
    ),
    (
        "reference-without-description",
        file_with("metrics.yml", "  description: Attackers per defender.\n",
                  "  description: Attackers per defender.\n  references:\n    - id: in-city\n"),
        "metrics.yml",
        "force-ratio.references[0].description",
        "    - id: in-city",
        "missing",
    ),
]


@pytest.mark.parametrize(
    ("files", "file", "field", "line", "fragment"),
    [row[1:] for row in BAD_INPUTS],
    ids=[row[0] for row in BAD_INPUTS],
)
def test_bad_input_is_reported_where_it_is(
    tmp_path: Path,
    files: dict[str, str | bytes | None],
    file: str,
    field: str,
    line: int | str,
    fragment: str,
) -> None:
    problems = problems_in(tmp_path, files)
    content = files.get(file, BASE_FILES.get(file, ""))
    expected_line = line_of(content or "", line)
    matching = [
        p
        for p in problems
        if p.location.file == f"data/{file}"
        and p.field == field
        and fragment in p.message
        and p.location.line == expected_line
    ]
    shown = "\n".join(map(str, problems))
    assert matching, f"wanted data/{file}:{expected_line}: {field}: …{fragment}…; got:\n{shown}"
    assert all(p.location.line >= 1 and p.location.column >= 1 for p in problems)


def test_a_declared_reference_loads_into_the_model(tmp_path: Path) -> None:
    files = file_with("metrics.yml", "  description: Attackers per defender.\n",
                      "  description: Attackers per defender.\n  fixed: true\n  references:\n"
                      "    - id: in-city\n      description: inside the city\n")
    files |= brief_with("    unit: ratio\n", "    unit: ratio\n    reference: in-city\n")
    corpus = load_corpus(make_data(tmp_path, files), display_root=tmp_path)
    assert corpus.briefs[0].figures[0].reference == "in-city"
    metric = next(m for m in corpus.metrics if m.id == "force-ratio")
    assert dict(metric.references) == {"in-city": "inside the city"} and metric.fixed


def test_the_good_fixture_loads_into_the_model(tmp_path: Path) -> None:
    corpus = load_corpus(make_data(tmp_path), display_root=tmp_path)
    assert [b.id for b in corpus.briefs] == ["good"]
    assert [e.id for e in corpus.entities] == sorted(e.id for e in corpus.entities)
    assert [m.id for m in corpus.metrics] == ["force-ratio", "population-prewar"]
    brief = corpus.briefs[0]
    assert brief.published == Publication(PartialDate(2025, 11, 6))
    assert brief.article_type == "analysis"
    assert brief.figures[0].value == 8.0 and brief.figures[0].as_of == PartialDate(2025, 10)
    assert brief.claims[1].contradicts == (ClaimRef("good", "no-encirclement"),)
    assert brief.role_of("pokrovsk") == "The city."
    assert str(brief.figures[0].origin) == "data/briefs/good.yml:26:5"
    pokrovsk = next(e for e in corpus.entities if e.id == "pokrovsk")
    assert (pokrovsk.kind, pokrovsk.category, pokrovsk.region) == ("place", "city", "ukraine")
    assert pokrovsk.latitude == pytest.approx(48.282)


def test_a_unit_added_only_in_units_yml_loads_and_normalises_with_its_factor(tmp_path: Path) -> None:
    files = file_with("units.yml", "people:", "dozen people: {family: count, factor: 12}\npeople:")
    files |= brief_with(
        "  - id: ratio\n",
        "  - id: dozens\n    metric: population-prewar\n    subject: pokrovsk\n"
        "    value: 5\n    unit: Dozen people\n  - id: ratio\n",
    )
    corpus = load_corpus(make_data(tmp_path, files), display_root=tmp_path)
    dozen = Unit("dozen people", "count", 12.0)
    assert dozen in corpus.units and [u.name for u in corpus.units] == sorted(u.name for u in corpus.units)
    figure = corpus.briefs[0].figures[0]
    assert (figure.unit, figure.known_unit) == ("Dozen people", dozen)
    assert reading(figure).low == reading(figure).high == 60 and normalised_text(figure) == "60 people"
    assert str(figure.known_unit.origin) == "data/units.yml:1:1"


def test_a_bad_units_entry_is_located_at_its_value(tmp_path: Path) -> None:
    files = file_with("units.yml", "factor: 1.609344", "factor: 0")
    line = files["units.yml"].splitlines().index("miles: {family: distance, factor: 0}") + 1
    column = "miles: {family: distance, factor: 0}".index("0}") + 1
    assert [str(p) for p in problems_in(tmp_path, files)] == [
        f"data/units.yml:{line}:{column}: miles.factor: 0 is not a positive number; it must be greater than 0"
    ]
    with pytest.raises(InvalidData):
        load_units(tmp_path / "data", display_root=tmp_path)


def test_units_are_matched_ignoring_case_and_surrounding_spaces(tmp_path: Path) -> None:
    files = brief_with("    unit: ratio", '    unit: " Ratio "')
    corpus = load_corpus(make_data(tmp_path, files), display_root=tmp_path)
    assert corpus.briefs[0].figures[0].known_unit == Unit("ratio", "ratio", 1.0)


def test_the_real_units_table_loads_and_covers_the_real_briefs() -> None:
    units = load_units(REPO / "data", display_root=REPO)
    assert {"people", "miles", "per week"} <= {u.name for u in units}
    corpus = load_corpus(REPO / "data", display_root=REPO)
    assert corpus.units == units
    assert all(f.known_unit is not None for b in corpus.briefs for f in b.figures)


def test_yaml_11_words_stay_text_where_text_is_wanted(tmp_path: Path) -> None:
    files = brief_with('"Pokrovsk under pressure"', "NO") | file_with(
        "people.yml", "  aliases: [Kofman]", "  aliases: [on, 012, '1:30']"
    )
    corpus = load_corpus(make_data(tmp_path, files), display_root=tmp_path)
    assert corpus.briefs[0].title == "NO"
    kofman = next(e for e in corpus.entities if e.id == "michael-kofman")
    assert kofman.aliases == ("on", "012", "1:30")


def test_bom_range_approximate_and_cross_brief_links_are_accepted(tmp_path: Path) -> None:
    other = GOOD_BRIEF.replace("contradicts: [no-encirclement]", "contradicts: [good#no-encirclement]")
    other = other.replace(
        "published: 2025-11-06", "published:\n  date: 2025\n  approximate: true\n  basis: Guess."
    )
    other = other.replace("    value: 8", "    low: 15\n    high: 20")
    files = {BRIEF: b"\xef\xbb\xbf" + GOOD_BRIEF.encode(), "briefs/other.yaml": other}
    corpus = load_corpus(make_data(tmp_path, files), display_root=tmp_path)
    assert [b.id for b in corpus.briefs] == ["good", "other"]
    second = corpus.briefs[1]
    assert second.published == Publication(PartialDate(2025), True, "Guess.")
    assert (second.figures[0].low, second.figures[0].high, second.figures[0].is_range) == (15.0, 20.0, True)


def test_unknown_published_and_nulls(tmp_path: Path) -> None:
    files = brief_with("published: 2025-11-06", "published: unknown")
    files[BRIEF] = (
        files[BRIEF]
        .replace("outlet: washington-post", "outlet: ~")
        .replace("url: https://www.example.com/a", "url:")
    )
    corpus = load_corpus(make_data(tmp_path, files), display_root=tmp_path)
    brief = corpus.briefs[0]
    assert brief.published == Publication(None) and brief.outlet is None and brief.url is None


def test_every_problem_of_every_file_is_collected_in_one_pass(tmp_path: Path) -> None:
    files = brief_with("type: analysis", "type: nope") | {"briefs/second.yml": "- a list\n"}
    files |= file_with("metrics.yml", "family: ratio", "family: nope")
    problems = problems_in(tmp_path, files)
    assert {p.location.file for p in problems} == {
        "data/briefs/good.yml",
        "data/briefs/second.yml",
        "data/metrics.yml",
    }
    assert problems == sorted(problems)


def test_problem_and_invalid_data_text(tmp_path: Path) -> None:
    files = brief_with("    unit: ratio", "    unit: miles")
    data = make_data(tmp_path, files)
    with pytest.raises(InvalidData) as caught:
        load_corpus(data, display_root=tmp_path)
    text = str(caught.value)
    assert text.splitlines() == [str(p) for p in caught.value.problems]
    assert text.startswith("data/briefs/good.yml:31:11: figures[0].unit: unit `miles` is a distance")


def test_check_paths_of_one_brief_leaves_out_other_briefs(tmp_path: Path) -> None:
    data = make_data(tmp_path, {"briefs/broken.yml": "- x\n"} | brief_with("type: analysis", "type: nope"))
    only_good = check_paths([data / "briefs" / "good.yml"], display_root=tmp_path)
    assert {p.location.file for p in only_good} == {"data/briefs/good.yml"}
    everything = check_paths([data], display_root=tmp_path)
    assert {p.location.file for p in everything} == {"data/briefs/good.yml", "data/briefs/broken.yml"}
    missing = check_paths([tmp_path / "nope.yml"], display_root=tmp_path)
    assert [p.message for p in missing] == ["no such file or directory"]


def test_symlinks_are_refused(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("title: secret\n")
    (data / "briefs" / "link.yml").symlink_to(secret)
    problems = check_paths([data], display_root=tmp_path)
    assert [(p.location.file, p.message) for p in problems] == [
        ("data/briefs/link.yml", "symbolic links are not allowed")
    ]


def test_schema_fields_are_the_yaml_keys() -> None:
    assert "type" in BRIEF_FIELDS and "entities" in BRIEF_FIELDS and "article_type" not in BRIEF_FIELDS


# --- Properties ----------------------------------------------------------------

_slow = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_slow
@given(st.binary(max_size=600) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_a_corpus_or_invalid_data(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    root = tmp_path_factory.mktemp("any")
    data_dir = make_data(root, {BRIEF: data})
    try:
        load_corpus(data_dir, display_root=root)
    except InvalidData as invalid:
        assert invalid.problems


_YAMLISH = st.lists(
    st.sampled_from(
        [
            "a: 1\n",
            "- x\n",
            "  b: [\n",
            "'q\n",
            "&a x\n",
            "*a\n",
            "!!str 1\n",
            "---\n",
            ":\n",
            "\t\n",
            "{x: y}\n",
            "title: NO\n",
            "figures:\n",
            "  - id: Q\n",
            "published: 2025-02-30\n",
        ]
    ),
    max_size=12,
).map(lambda parts: "".join(parts).encode())


@_slow
@given(_YAMLISH)
def test_yamlish_fragments_never_raise_anything_else(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    root = tmp_path_factory.mktemp("yamlish")
    data_dir = make_data(root, {BRIEF: data})
    with pytest.raises(InvalidData):
        load_corpus(data_dir, display_root=root)


_SHIFTABLE = [
    row
    for row in BAD_INPUTS
    if row[2] == BRIEF
    and BRIEF in row[1]
    and isinstance(row[1][BRIEF], str)
    and row[0] not in ("empty-file", "comment-only", "too-big", "top-level-list", "top-level-scalar")
]


@_slow
@given(st.sampled_from(_SHIFTABLE), st.integers(min_value=1, max_value=12))
def test_blank_lines_on_top_shift_every_brief_problem_by_that_many(
    tmp_path_factory: pytest.TempPathFactory, row: tuple, blank: int
) -> None:
    files = row[1]
    before = problems_in(tmp_path_factory.mktemp("before"), files)
    shifted = {BRIEF: "\n" * blank + files[BRIEF]}
    after = problems_in(tmp_path_factory.mktemp("after"), {**files, **shifted})

    def in_brief(problems: list[Problem], shift: int) -> list[tuple[int, int, str, str]]:
        # Messages may quote a line ("first given on line 6"): that moves too.
        def moved(match: re.Match[str]) -> str:
            return f"line {int(match.group(1)) + shift}"

        return sorted(
            (p.location.line + shift, p.location.column, p.field, re.sub(r"line (\d+)", moved, p.message))
            for p in problems
            if p.location.file == f"data/{BRIEF}"
        )

    assert in_brief(after, 0) == in_brief(before, blank)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False))
def test_file_creation_order_does_not_change_the_corpus(
    tmp_path_factory: pytest.TempPathFactory, rnd: random.Random
) -> None:
    other = GOOD_BRIEF.replace("contradicts: [no-encirclement]", "contradicts: [good#no-encirclement]")
    files: dict[str, str | bytes | None] = {"briefs/b-second.yml": other, "briefs/a-first.yaml": other}
    names = [*BASE_FILES, *files]
    reference = load_corpus(
        make_data(tmp_path_factory.mktemp("ref"), files, order=names), display_root=Path("/")
    )
    rnd.shuffle(names)
    root = tmp_path_factory.mktemp("shuffled")
    shuffled = load_corpus(make_data(root, files, order=names), display_root=root)
    again = load_corpus(make_data(tmp_path_factory.mktemp("ref2"), files, order=names), display_root=root)
    assert shuffled == reference
    assert [b.id for b in shuffled.briefs] == ["a-first", "b-second", "good"]
    assert repr(shuffled).count("origin") == repr(again).count("origin")


# --- The annotators' real data --------------------------------------------------


def test_the_real_data_directory_loads() -> None:
    try:
        corpus = load_corpus(REPO / "data", display_root=REPO)
    except InvalidData as invalid:
        pytest.fail(f"data/ has {len(invalid.problems)} problem(s):\n{invalid}", pytrace=False)
    assert corpus.briefs and corpus.entities and corpus.metrics


# --- topics ----------------------------------------------------------------------------


def test_topics_are_read_from_topics_yml(tmp_path: Path) -> None:
    corpus = load_corpus(make_data(tmp_path), display_root=tmp_path)
    assert [(t.id, t.name, t.description) for t in corpus.topics] == [
        ("pokrovsk-offensive", "Pokrovsk offensive", "The push on Pokrovsk.")
    ]
    assert corpus.topics[0].origin == Location("data/topics.yml", 1, 1)


def test_an_undeclared_topic_is_a_located_problem_with_a_close_match(tmp_path: Path) -> None:
    files = brief_with("topics: [pokrovsk-offensive]", "topics: [pokrovsk-ofensive]")
    [problem] = problems_in(tmp_path, files)
    assert problem.location == Location("data/briefs/good.yml", line_of(GOOD_BRIEF, "topics:"), 10)
    assert problem.field == "topics[0]"
    assert "unknown topic `pokrovsk-ofensive`" in problem.message
    assert "data/topics.yml" in problem.message and "`pokrovsk-offensive`" in problem.message


def test_without_topics_yml_a_brief_may_name_no_topic(tmp_path: Path) -> None:
    [problem] = problems_in(tmp_path, {"topics.yml": None})
    assert "unknown topic `pokrovsk-offensive`" in problem.message
    files = {"topics.yml": None, **brief_with("topics: [pokrovsk-offensive]\n", "")}
    assert load_corpus(make_data(tmp_path / "ok", files), display_root=tmp_path / "ok").topics == ()


@pytest.mark.parametrize(
    ("content", "field", "message"),
    [
        ("index:\n  name: I\n  description: D.\n", "index", "reserved name"),
        ("Bad_Id:\n  name: I\n  description: D.\n", "Bad_Id", "topic id"),
        ("pokrovsk-offensive:\n  name: P\n", "pokrovsk-offensive", "description"),
        ("pokrovsk-offensive:\n  name: P\n  description: D.\n  hue: red\n", "pokrovsk-offensive", "hue"),
    ],
)
def test_bad_topic_entries_are_located(tmp_path: Path, content: str, field: str, message: str) -> None:
    problems = problems_in(tmp_path, {"topics.yml": content})
    mine = [p for p in problems if p.location.file == "data/topics.yml"]
    assert mine, problems
    assert any(p.field.startswith(field) and message in p.message for p in mine), mine


def test_garbage_collection_resumes_after_a_load_clean_or_not(tmp_path: Path) -> None:
    # Collections are held off while loading (they were most of its time); a
    # load must never leave them off for the rest of the program.
    assert gc.isenabled()
    corpus = load_corpus(MINI / "data", display_root=MINI)
    assert corpus.briefs and gc.isenabled()
    broken = tmp_path / "data"
    (broken / "briefs").mkdir(parents=True)
    (broken / "briefs" / "x.yml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(InvalidData):
        load_corpus(broken, display_root=tmp_path)
    assert gc.isenabled()
