"""Hostile inputs, one small edit each to a copy of the mini fixture's data.

Every case must fail `load_corpus` (what `mkdocs build` runs) and `check_paths`
(what `briefgen check` runs) with the same problems, one of which names the
exact file, line and field, with the message fragment given.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.read.load import InvalidData, check_paths, load_corpus
from tests.conftest import MINI, copy_project, mkdocs_build

Edit = Callable[[Path], None]  # applied to the project folder that holds data/


def replace(file: str, old: str, new: str) -> Edit:
    """Replace the first `old` in data/`file` (which must hold it) by `new`."""

    def apply(project: Path) -> None:
        path = project / "data" / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


# A count has no ceiling of its own (a sum of money may exceed ten billion);
# a metric that counts people sets one.
WORLD_POPULATION_CEILING = replace(
    "metrics.yml", "  family: count\n  description: People living in a place before February 2022.\n",
    "  family: count\n  description: People living in a place before February 2022.\n  max: 10000000000\n",
)


def append(file: str, text: str) -> Edit:
    def apply(project: Path) -> None:
        with (project / "data" / file).open("a", encoding="utf-8") as stream:
            stream.write(text)

    return apply


def copy(source: str, target: str) -> Edit:
    def apply(project: Path) -> None:
        shutil.copy(project / "data" / source, project / "data" / target)

    return apply


def remove(path: str) -> Edit:
    def apply(project: Path) -> None:
        target = project / "data" / path
        shutil.rmtree(target) if target.is_dir() else target.unlink()

    return apply


def make_dir(path: str) -> Edit:
    def apply(project: Path) -> None:
        (project / "data" / path).mkdir()

    return apply


def write(path: str, text: str) -> Edit:
    def apply(project: Path) -> None:
        (project / "data" / path).write_text(text, encoding="utf-8")

    return apply


def move_outside(path: str) -> Edit:
    """Move data/`path` out of the project and leave a symbolic link to it."""

    def apply(project: Path) -> None:
        inside = project / "data" / path if path else project / "data"
        outside = project.parent / "elsewhere" / (path or "data")
        outside.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(inside, outside)
        inside.symlink_to(outside, target_is_directory=outside.is_dir())

    return apply


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple[Edit, ...]
    file: str  # under data/, as reported: "briefs/alpha.yml"; "" for data/ itself
    line: int | str  # a line number, or text found first on that line of the edited file
    field: str
    message: str
    column: int | None = None  # checked when given


def alpha(old: str, new: str) -> Edit:
    return replace("briefs/alpha.yml", old, new)


def beta(old: str, new: str) -> Edit:
    return replace("briefs/beta.yml", old, new)


ALPHA, BETA = "briefs/alpha.yml", "briefs/beta.yml"
SUMMARY = "summary: |\n  [[anna-kovalenko]] expects [[pokrovsk]] to fall soon.\n"
QUOTE = 'text: "The city will fall within weeks."'
POP = "    value: 60000\n    qualifier: exact"
BAKHMUT_ALIASES = "  aliases: [Artemivsk]\n"
KOVALENKO_ALIASES = "  aliases: [Hanna Kovalenko, Ganna Kovalenko]"


def summary(text: str) -> Edit:
    return alpha(SUMMARY, f"summary: |\n  {text}\n")


def bakhmut_alias(alias: str) -> Edit:
    """Give Bakhmut (later in places.yml than Pokrovsk) a second alias, on its own line."""
    return replace("places.yml", BAKHMUT_ALIASES, f"  aliases:\n    - Artemivsk\n    - {alias}\n")


def kovalenko_alias(alias: str) -> Edit:
    return replace("people.yml", KOVALENKO_ALIASES, f"  aliases: [{alias}]")


def unit_and_metric(unit: str, family: str, factor: str, metric: str) -> tuple[Edit, ...]:
    """A unit and a metric of `family`, and alpha's figure moved onto them."""
    return (
        append("units.yml", f"{unit}: {{family: {family}, factor: {factor}}}\n"),
        append(
            "metrics.yml",
            f"{metric}:\n  label: Test {family}\n  family: {family}\n"
            f"  description: A {family} used by the tests.\n",
        ),
        alpha("    metric: population-prewar", f"    metric: {metric}"),
        alpha("    unit: people", f"    unit: {unit}"),
    )


CASES: list[Case] = [
    # --- Text that is not Unicode, or not what it looks like ---------------------
    Case(
        "lone-surrogate-in-title",
        (alpha("title: Alpha report on Pokrovsk", 'title: "Alpha \\ud800"'),),
        ALPHA,
        "title:",
        "title",
        "lone surrogate, not a Unicode character",
    ),
    Case(
        "surrogate-pair-as-two-escapes",
        (beta("Before the war.", '"Before \\ud83d\\ude00"'),),
        BETA,
        "Before \\ud83d",
        "figures[0].context",
        "escape `\\ud83d` is a lone surrogate",
    ),
    Case(
        "lone-surrogate-in-key",
        (append(ALPHA, '"\\udfff": 1\n'),),
        ALPHA,
        '"\\udfff"',
        "(file)",
        "lone surrogate",
    ),
    Case(
        "lone-surrogate-in-alias",
        (kovalenko_alias('"Hanna \\udc00"'),),
        "people.yml",
        "aliases:",
        "anna-kovalenko.aliases[0]",
        "lone surrogate",
    ),
    Case(
        "lone-surrogate-in-unit-name",
        (append("units.yml", '"per \\ud800": {family: count, factor: 1}\n'),),
        "units.yml",
        "per \\ud800",
        "(file)",
        "lone surrogate",
    ),
    Case(
        "zero-width-space-in-name",
        (replace("people.yml", "name: Anna Kovalenko", 'name: "Anna\\u200bKovalenko"'),),
        "people.yml",
        'name: "Anna',
        "anna-kovalenko.name",
        "U+200B (zero width space) is invisible",
    ),
    Case(
        "zero-width-space-alias-of-another-name",
        (kovalenko_alias("Boris\u200bIvanov"),),
        "people.yml",
        "aliases:",
        "anna-kovalenko.aliases[0]",
        "U+200B (zero width space) is invisible",
    ),
    Case(
        "soft-hyphen-in-alias",
        (bakhmut_alias("Artem\u00adivsk"),),
        "places.yml",
        "- Artem\u00ad",
        "bakhmut.aliases[1]",
        "U+00AD (soft hyphen) is invisible",
    ),
    Case(
        "word-joiner-in-place-name",
        (replace("places.yml", "name: Bakhmut", "name: Bakh\u2060mut"),),
        "places.yml",
        "name: Bakh",
        "bakhmut.name",
        "U+2060 (word joiner) is invisible",
    ),
    Case(
        "byte-order-mark-inside-a-name",
        (replace("organisations.yml", "name: The Daily Test", "name: The \ufeffDaily Test"),),
        "organisations.yml",
        "name: The",
        "daily-test.name",
        "U+FEFF (zero width no-break space) is invisible",
    ),
    Case(
        "hangul-filler-in-alias",
        (bakhmut_alias("Bakh\u3164mut"),),
        "places.yml",
        "- Bakh",
        "bakhmut.aliases[1]",
        "U+3164 (hangul filler) is invisible",
    ),
    Case(
        "variation-selector-in-alias",
        (bakhmut_alias("Bakhmut\ufe0f"),),
        "places.yml",
        "- Bakhmut",
        "bakhmut.aliases[1]",
        "U+FE0F (variation selector-16) is invisible",
    ),
    Case(
        "cyrillic-o-inside-a-latin-alias",
        (bakhmut_alias("Pokr\u043evsk"),),
        "places.yml",
        "- Pokr",
        "bakhmut.aliases[1]",
        "mixes Cyrillic and Latin letters",
    ),
    Case(
        "greek-letter-inside-a-latin-name",
        (replace("people.yml", "name: Boris Ivanov", "name: B\u03bfris Ivanov"),),
        "people.yml",
        "name: B",
        "boris-ivanov.name",
        "mixes Greek and Latin letters",
    ),
    Case(
        "bidi-override-in-alias",
        (bakhmut_alias('"Bakh\\u202emut"'),),
        "places.yml",
        '- "Bakh',
        "bakhmut.aliases[1]",
        "character U+202E is not allowed",
    ),
    Case(
        "title-of-zero-width-spaces-only",
        (alpha("title: Alpha report on Pokrovsk", 'title: "\\u200b\\u200b"'),),
        ALPHA,
        "title:",
        "title",
        "must not be empty",
    ),
    # --- One spelling, one page ----------------------------------------------------
    Case(
        "alias-differs-from-a-name-by-case",
        (bakhmut_alias("POKROVSK"),),
        "places.yml",
        "- POKROVSK",
        "bakhmut.aliases[1]",
        "`POKROVSK` already names `pokrovsk` (as `Pokrovsk`)",
    ),
    Case(
        "alias-differs-from-a-name-by-accents",
        (bakhmut_alias("Pokróvsk"),),
        "places.yml",
        "- Pokr",
        "bakhmut.aliases[1]",
        "already names `pokrovsk` (as `Pokrovsk`) at data/places.yml:6:9",
    ),
    Case(
        "alias-in-fullwidth-letters",
        (bakhmut_alias("Ｐｏｋｒｏｖｓｋ"),),
        "places.yml",
        "- Ｐ",
        "bakhmut.aliases[1]",
        "already names `pokrovsk`",
    ),
    Case(
        "alias-with-extra-spaces",
        (bakhmut_alias("Krasnoarmeysk  "),),
        "places.yml",
        "- Krasno",
        "bakhmut.aliases[1]",
        "already names `pokrovsk` at data/places.yml:8:13",
    ),
    Case(
        "alias-decomposed-accent-of-another-alias",
        (bakhmut_alias("Krasnoarme\u0301ysk"),),
        "places.yml",
        "- Krasno",
        "bakhmut.aliases[1]",
        "already names `pokrovsk` (as `Krasnoarmeysk`)",
    ),
    Case(
        "later-entry-repeats-an-earlier-alias",
        (
            replace(
                "people.yml", "  name: Boris Ivanov\n", "  name: Boris Ivanov\n  aliases: [Ganna Kovalenko]\n"
            ),
        ),
        "people.yml",
        "[Ganna Kovalenko]",
        "boris-ivanov.aliases[0]",
        "`Ganna Kovalenko` already names `anna-kovalenko` at data/people.yml:4:30",
    ),
    Case(
        "later-name-repeats-an-earlier-alias",
        (replace("places.yml", "name: Bakhmut", "name: Krasnoarmiisk"),),
        "places.yml",
        "name: Krasnoarmiisk",
        "bakhmut.name",
        "already names `pokrovsk` at data/places.yml:8:28",
    ),
    Case(
        "clash-across-registry-files",
        (replace("organisations.yml", "name: The Daily Test", "name: boris ivanov"),),
        "people.yml",
        "name: Boris Ivanov",
        "boris-ivanov.name",
        "`Boris Ivanov` already names `daily-test` (as `boris ivanov`) at data/organisations.yml:",
    ),
    Case(
        "null-in-aliases",
        (kovalenko_alias("null"),),
        "people.yml",
        "aliases:",
        "anna-kovalenko.aliases[0]",
        "expected text, got nothing (null)",
    ),
    Case(
        "empty-string-in-aliases",
        (kovalenko_alias('Hanna Kovalenko, ""'),),
        "people.yml",
        "aliases:",
        "anna-kovalenko.aliases[1]",
        "must not be empty",
    ),
    # --- Quotes counted on normalised words ------------------------------------------
    Case(
        "quote-words-joined-by-zero-width-spaces",
        (alpha(QUOTE, 'text: "' + "\\u200b".join(["word"] * 31) + '"'),),
        ALPHA,
        'text: "word',
        "quotes[0].text",
        "31 words; a quote holds at most 30",
    ),
    Case(
        "quote-words-joined-by-word-joiners",
        (alpha(QUOTE, "text: " + "\u2060".join(["word"] * 40)),),
        ALPHA,
        "text: word",
        "quotes[0].text",
        "40 words; a quote holds at most 30",
    ),
    Case(
        "quote-words-joined-by-ideographic-spaces",
        (alpha(QUOTE, "text: " + "\u3000".join(["word"] * 33)),),
        ALPHA,
        "text: word",
        "quotes[0].text",
        "33 words",
    ),
    # --- Numbers ------------------------------------------------------------------------
    Case(
        "value-overflowing-to-infinity",
        (alpha(POP, "    value: 1" + "0" * 400 + "\n    qualifier: exact"),),
        ALPHA,
        "value: 1000",
        "figures[0].value",
        "401 significant digits; at most 15",
    ),
    Case(
        "value-ten-to-the-thirtieth",
        (alpha(POP, "    value: 1" + "0" * 30 + "\n    qualifier: exact"),),
        ALPHA,
        "value: 1000",
        "figures[0].value",
        "31 significant digits",
    ),
    Case(
        "value-two-to-the-53-plus-one",
        (alpha(POP, "    value: 9007199254740993\n    qualifier: exact"),),
        ALPHA,
        "value: 9007",
        "figures[0].value",
        "16 significant digits; at most 15 are kept exactly",
    ),
    Case(
        "value-300-digit-decimal",
        (alpha(POP, "    value: 0." + "0" * 299 + "1\n    qualifier: exact"),),
        ALPHA,
        "value: 0.000",
        "figures[0].value",
        "300 digits after the point; at most 6 are shown",
    ),
    Case(
        "value-seven-decimals",
        (alpha(POP, "    value: 0.1234567\n    qualifier: exact"),),
        ALPHA,
        "value: 0.12",
        "figures[0].value",
        "7 digits after the point",
    ),
    Case(
        "negative-count",
        (alpha(POP, "    value: -5\n    qualifier: about"),),
        ALPHA,
        "value: -5",
        "figures[0].value",
        "-5 is negative",
    ),
    Case(
        "negative-low-of-a-range",
        (beta("    value: 500\n", "    low: -10\n    high: 500\n"),),
        BETA,
        "low: -10",
        "figures[2].low",
        "-10 is negative",
    ),
    Case(
        "count-beyond-world-population",
        (alpha(POP, "    value: 20000000000\n    qualifier: exact"), WORLD_POPULATION_CEILING),
        ALPHA,
        "value: 2000",
        "figures[0].value",
        "20,000,000,000 people is more than a count can be: the limit is 10,000,000,000 (the metric's `max`)",
    ),
    Case(
        "count-too-large-once-converted",
        (
            append("units.yml", "million people: {family: count, factor: 1000000}\n"),
            alpha("    unit: people", "    unit: million people"),
            alpha(POP, "    value: 50000\n    qualifier: exact"),
            WORLD_POPULATION_CEILING,
        ),
        ALPHA,
        "value: 50000",
        "figures[0].value",
        "50,000 million people (50,000,000,000) is more than a count can be: the limit is 10,000,000,000",
    ),
    Case(
        "distance-beyond-the-limit",
        (
            *unit_and_metric("miles", "distance", "1.609344", "distance-to-city"),
            alpha(POP, "    value: 90000\n    qualifier: exact"),
        ),
        ALPHA,
        "value: 90000",
        "figures[0].value",
        "(144,841 km) is more than a distance can be",
    ),
    Case(
        "percent-above-a-hundred",
        (
            *unit_and_metric("percent", "percent", "1", "share-destroyed"),
            alpha(POP, "    value: 150\n    qualifier: exact"),
        ),
        ALPHA,
        "value: 150",
        "figures[0].value",
        "150 percent is more than a percentage can be: the limit is 100 %",
    ),
    Case(
        "duration-of-two-thousand-years",
        (
            *unit_and_metric("years", "duration", "365.25", "siege-length"),
            alpha(POP, "    value: 2000\n    qualifier: exact"),
        ),
        ALPHA,
        "value: 2000",
        "figures[0].value",
        "is more than a duration can be",
    ),
    Case(
        "range-high-too-large",
        (beta("    value: 500\n", "    low: 10\n    high: 90000000000\n"),
         replace("metrics.yml", "  description: Civilians still in a place at the time given.\n",
                 "  description: Civilians still in a place at the time given.\n  max: 10000000000\n")),
        BETA,
        "high: 9",
        "figures[2].high",
        "is more than a count can be",
    ),
    Case(
        "exponent-notation",
        (alpha(POP, "    value: 6e4\n    qualifier: exact"),),
        ALPHA,
        "value: 6e4",
        "figures[0].value",
        "expected a plain decimal number",
    ),
    Case(
        "yaml-infinity",
        (alpha(POP, "    value: .inf\n    qualifier: exact"),),
        ALPHA,
        "value: .inf",
        "figures[0].value",
        "expected a plain decimal number",
    ),
    Case(
        "unit-factor-overflowing",
        (
            replace(
                "units.yml",
                "km:       {family: distance, factor: 1}",
                "km:       {family: distance, factor: 1" + "0" * 400 + "}",
            ),
        ),
        "units.yml",
        "km:",
        "km.factor",
        "401 significant digits; at most 17",
    ),
    Case(
        "unit-factor-too-large",
        (
            replace(
                "units.yml",
                "troops:   {family: count, factor: 1}",
                "troops:   {family: count, factor: 10000000000000}",
            ),
        ),
        "units.yml",
        "troops:",
        "troops.factor",
        "out of range (1e-09 to 1e+12)",
    ),
    Case(
        "unit-factor-too-small",
        (
            replace(
                "units.yml",
                "troops:   {family: count, factor: 1}",
                "troops:   {family: count, factor: 0.0000000001}",
            ),
        ),
        "units.yml",
        "troops:",
        "troops.factor",
        "out of range",
    ),
    Case(
        "unit-factor-negative",
        (
            replace(
                "units.yml", "troops:   {family: count, factor: 1}", "troops:   {family: count, factor: -1}"
            ),
        ),
        "units.yml",
        "troops:",
        "troops.factor",
        "not a positive number",
    ),
    Case(
        "latitude-beyond-the-pole",
        (replace("places.yml", "latitude: 48.282", "latitude: 148.282"),),
        "places.yml",
        "latitude:",
        "pokrovsk.latitude",
        "out of range (-90 to 90)",
    ),
    Case(
        "low-above-high",
        (beta("    value: 500\n", "    low: 600\n    high: 500\n"),),
        BETA,
        "low: 600",
        "figures[2].low",
        "`low` (600) is greater than `high` (500)",
    ),
    # --- [[links]] and Markdown links -----------------------------------------------------
    Case(
        "nested-link",
        (summary("See [[ [[pokrovsk]] ]] now."),),
        ALPHA,
        "  See",
        "summary",
        "`[[` without its other half",
        column=7,
    ),
    Case(
        "unclosed-link",
        (summary("See [[pokrovsk now."),),
        ALPHA,
        "  See",
        "summary",
        "`[[` without its other half",
        column=7,
    ),
    Case(
        "stray-closing-brackets",
        (summary("See pokrovsk]] now."),),
        ALPHA,
        "  See",
        "summary",
        "`]]` without its other half",
        column=15,
    ),
    Case(
        "link-split-over-two-lines",
        (summary("See [[pokrovsk\n  ]] now."),),
        ALPHA,
        "  See",
        "summary",
        "without its other half",
        column=7,
    ),
    Case(
        "capitalised-link",
        (summary("See [[Pokrovsk]] now."),),
        ALPHA,
        "  See",
        "summary",
        "malformed link `[[Pokrovsk]]`",
        column=7,
    ),
    Case(
        "link-with-a-bracket-in-its-words",
        (summary("See [[pokrovsk|the [old] city]] now."),),
        ALPHA,
        "  See",
        "summary",
        "`[[` without its other half",
        column=7,
    ),
    Case(
        "unknown-link-gets-a-suggestion",
        (summary("See [[pokrovk]] now."),),
        ALPHA,
        "  See",
        "summary",
        "unknown entity id `pokrovk`; did you mean `pokrovsk`?",
        column=7,
    ),
    Case(
        "scheme-relative-link",
        (summary("See [the map](//evil.example/x)."),),
        ALPHA,
        "  See",
        "summary",
        "link to `//evil.example/x` has no scheme but leaves the site",
        column=15,
    ),
    Case(
        "backslash-scheme-relative-link",
        (summary("See [the map](/\\evil.example/x)."),),
        ALPHA,
        "  See",
        "summary",
        "has no scheme but leaves the site",
        column=15,
    ),
    Case(
        "scheme-relative-reference-link",
        (summary("See [the map].\n\n  [the map]: //evil.example/x"),),
        ALPHA,
        "  [the map]: //",
        "summary",
        "has no scheme but leaves the site",
        column=3,
    ),
    Case(
        "scheme-relative-link-in-a-role",
        (alpha("role: Publisher.", "role: See [x](<//evil.example>)."),),
        ALPHA,
        "role: See",
        "entities[2].role",
        "has no scheme but leaves the site",
    ),
    Case(
        "scheme-relative-url-field",
        (alpha("type: news-report", "url: //evil.example/a\ntype: news-report"),),
        ALPHA,
        "url:",
        "url",
        "expected an http:// or https:// URL",
    ),
    Case(
        "url-without-a-host",
        (alpha("type: news-report", "url: https://:80/a\ntype: news-report"),),
        ALPHA,
        "url:",
        "url",
        "names no host",
    ),
    Case(
        "javascript-url-field",
        (alpha("type: news-report", "url: javascript:alert(1)\ntype: news-report"),),
        ALPHA,
        "url:",
        "url",
        "expected an http:// or https:// URL",
    ),
    # --- Dates ---------------------------------------------------------------------------
    Case(
        "published-in-2099",
        (alpha("published: 2025-10-29", "published: 2099-01-01"),),
        ALPHA,
        "published:",
        "published",
        "2099-01-01 is in the future",
    ),
    Case(
        "published-year-2099",
        (alpha("published: 2025-10-29", "published: 2099"),),
        ALPHA,
        "published:",
        "published",
        "2099 is in the future",
    ),
    Case(
        "published-long-form-in-the-future",
        (beta("  date: 2025-11", "  date: 2099-05"),),
        BETA,
        "  date: 2099",
        "published.date",
        "2099-05 is in the future",
    ),
    # --- Files and folders ----------------------------------------------------------------
    Case(
        "brief-saved-as-upper-case-yml",
        (copy(ALPHA, "briefs/gamma.YML"),),
        "briefs/gamma.YML",
        1,
        "(file)",
        "rename it to `gamma.yml`",
    ),
    Case(
        "brief-saved-as-yaml-upper-case",
        (copy(ALPHA, "briefs/gamma.Yaml"),),
        "briefs/gamma.Yaml",
        1,
        "(file)",
        "rename it to `gamma.yaml`",
    ),
    Case(
        "editor-backup-file",
        (copy(ALPHA, "briefs/alpha.yaml.bak"),),
        "briefs/alpha.yaml.bak",
        1,
        "(file)",
        "not a brief, and not read",
    ),
    Case(
        "notes-in-the-briefs-folder",
        (write("briefs/notes.txt", "todo\n"),),
        "briefs/notes.txt",
        1,
        "(file)",
        "data/briefs/ holds only .yml and .yaml files",
    ),
    Case(
        "folder-in-the-briefs-folder",
        (make_dir("briefs/drafts"),),
        "briefs/drafts",
        1,
        "(file)",
        "a folder inside data/briefs/ is not read",
    ),
    Case("briefs-folder-missing", (remove("briefs"),), "briefs", 1, "(file)", "the briefs folder is missing"),
    Case(
        "briefs-folder-is-a-file",
        (remove("briefs"), write("briefs", "title: x\n")),
        "briefs",
        1,
        "(file)",
        "the briefs folder is not a folder",
    ),
    Case(
        "briefs-folder-links-outside-the-project",
        (move_outside("briefs"),),
        "briefs",
        1,
        "(file)",
        "resolves outside the project",
    ),
    Case(
        "data-folder-links-outside-the-project",
        (move_outside(""),),
        "",
        1,
        "(file)",
        "resolves outside the project",
    ),
    Case(
        "brief-file-is-a-symbolic-link",
        (move_outside(ALPHA),),
        ALPHA,
        1,
        "(file)",
        "symbolic links are not allowed",
    ),
    Case(
        "registry-file-is-a-symbolic-link",
        (move_outside("people.yml"),),
        "people.yml",
        1,
        "(file)",
        "symbolic links are not allowed",
    ),
    # --- YAML that must not be interpreted --------------------------------------------------
    Case(
        "zero-width-space-in-a-unit-name",
        (append("units.yml", '"people\\u200b": {family: count, factor: 1}\n'),),
        "units.yml",
        "people\\u200b",
        "people\u200b",
        "U+200B (zero width space) is invisible",
    ),
    Case(
        "latitude-without-longitude-blames-the-latitude",
        (replace("places.yml", "  longitude: 37.176\n", ""),),
        "places.yml",
        "latitude: 48.282",
        "pokrovsk.latitude",
        "`latitude` needs `longitude` too",
    ),
    Case(
        "self-contradiction-blames-the-link",
        (beta("contradicts: [alpha#imminent]", "contradicts:\n      - alpha#imminent\n      - stable"),),
        BETA,
        "      - stable",
        "claims[0].contradicts[1]",
        "a claim cannot contradict itself",
        column=9,
    ),
    Case(
        "duplicate-key-in-the-registry",
        (replace("people.yml", "  kind: analyst\n", "  kind: analyst\n  kind: x\n"),),
        "people.yml",
        "kind: x",
        "anna-kovalenko.kind",
        "duplicate key `kind` (first given on line 3)",
    ),
    Case(
        "alias-of-an-anchor-in-a-brief",
        (alpha("outlet: daily-test", "outlet: &o daily-test\nsources2: *o"),),
        ALPHA,
        "*o",
        "sources2",
        "alias `*o` is not allowed",
    ),
    Case(
        "duplicate-figure-id-blames-the-second",
        (beta("  - id: pop-bakhmut", "  - id: pop-pokrovsk"),),
        BETA,
        "id: pop-pokrovsk\n    metric: population-prewar\n    subject: bakhmut",
        "figures[1].id",
        "id `pop-pokrovsk` is already used by `figures[0]` (line 20)",
    ),
]


def _line_of(project: Path, case: Case) -> int:
    if isinstance(case.line, int):
        return case.line
    text = (project / "data" / case.file).read_text(encoding="utf-8")
    return text.count("\n", 0, text.index(case.line)) + 1


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input_is_a_located_error_in_check_and_build(tmp_path: Path, case: Case) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI / "data", project / "data")
    for edit in case.edits:
        edit(project)
    with pytest.raises(InvalidData) as caught:
        load_corpus(project / "data", display_root=project)
    problems = list(caught.value.problems)
    shown = "\n".join(map(str, problems))
    file = "data/" + case.file if case.file else "data"
    line = _line_of(project, case)
    matching = [
        p
        for p in problems
        if (p.location.file, p.location.line, p.field) == (file, line, case.field)
        and case.message in p.message
    ]
    assert matching, f"wanted {file}:{line}: {case.field}: …{case.message}…; got:\n{shown}"
    if case.column is not None:
        assert case.column in [p.location.column for p in matching], shown
    assert all(p.location.line >= 1 and p.location.column >= 1 for p in problems), shown
    assert check_paths([project / "data"], display_root=project) == problems


def test_there_are_at_least_sixty_named_cases() -> None:
    assert len({case.name for case in CASES}) == len(CASES) >= 60


def test_dot_files_in_the_briefs_folder_are_ignored(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI / "data", project / "data")
    (project / "data" / "briefs" / ".alpha.yml.swp").write_bytes(b"\x00\x01")
    (project / "data" / "briefs" / ".gitkeep").write_text("")
    corpus = load_corpus(project / "data", display_root=project)
    assert [b.id for b in corpus.briefs] == ["alpha", "beta"]


def test_a_symbolic_link_that_stays_in_the_project_is_followed(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINI / "data", project / "datasets" / "v1")
    os.symlink(project / "datasets" / "v1", project / "data")
    corpus = load_corpus(project / "data", display_root=project)
    assert [b.id for b in corpus.briefs] == ["alpha", "beta"]


@pytest.mark.parametrize(
    "name", ["lone-surrogate-in-title", "brief-saved-as-upper-case-yml", "briefs-folder-missing"]
)
def test_mkdocs_build_refuses_what_check_refuses_with_the_same_report(tmp_path: Path, name: str) -> None:
    case = next(case for case in CASES if case.name == name)
    project = copy_project(MINI, tmp_path / "project")
    for edit in case.edits:
        edit(project)
    expected = [str(p) for p in check_paths([project / "data"], display_root=project)]
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert expected and all(line in result.stderr for line in expected), result.stderr
    assert not (tmp_path / "site").exists()
