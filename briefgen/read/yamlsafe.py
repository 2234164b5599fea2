"""Untrusted YAML bytes → a plain tree of located scalars, lists and mappings.

PyYAML's loaders construct objects, coerce scalars by YAML 1.1 rules (`NO` is
False, `012` is 10) and expand aliases, which lets a few hundred bytes grow
into billions of nodes. Here the event stream is read instead: every scalar
stays the text it was written as, with its line and column, and anything that
could surprise a reviewer (anchors, aliases, merge keys, tags, duplicate keys,
several documents) is reported as a problem rather than interpreted.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import yaml

from briefgen.model import Location
from briefgen.problems import WHOLE_FILE, Problem

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 20  # nested lists and mappings; real briefs use four or five
_BOM = b"\xef\xbb\xbf"
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


@dataclass(frozen=True)
class YScalar:
    """A scalar exactly as written; `style` is None for a plain scalar."""

    text: str
    style: str | None
    where: Location
    # For a literal block scalar (`|`): where its first line of text starts, so
    # that a problem inside it can name its own line (see `at_offset`).
    block: Location | None = None

    def at_offset(self, offset: int) -> Location:
        """Where the character at `offset` in `text` sits in the file.

        Exact for literal block scalars, whose lines are kept as written; the
        scalar's start for every other style, whose line breaks are folded.
        """
        if self.block is None:
            return self.where
        line_start = self.text.rfind("\n", 0, offset) + 1
        return Location(
            self.block.file,
            self.block.line + self.text.count("\n", 0, offset),
            self.block.column + offset - line_start,
        )

    @property
    def is_null(self) -> bool:
        """A plain `null`, `~` or nothing at all (never a quoted scalar)."""
        return self.style is None and self.text in ("", "~", "null")


@dataclass(frozen=True)
class YList:
    items: tuple[YNode, ...]
    where: Location


@dataclass(frozen=True)
class YMap:
    """A mapping with scalar keys, in file order, duplicates already removed."""

    items: tuple[tuple[YScalar, YNode], ...]
    where: Location


@dataclass(frozen=True)
class YRefused:
    """Stands in for an alias: it was reported and must not be reported again."""

    where: Location


YNode = YScalar | YList | YMap | YRefused


def describe(node: YNode) -> str:
    """A short phrase for what a node is, for "expected X, got Y" messages."""
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YList):
        return "a list"
    if isinstance(node, YScalar):
        return "nothing (null)" if node.is_null else f"`{_clip(node.text)}`"
    return "an alias"


def _clip(text: str, limit: int = 40) -> str:
    flat = text.replace("\n", " ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def read_yaml(data: bytes, file: str) -> tuple[YMap | None, list[Problem]]:
    """Parse one file's bytes into a top-level mapping, or report why not.

    The same bytes under the same name give the same answer, so answers are
    kept for the life of the process: under `mkdocs serve`, an edit to one
    brief re-reads that brief only.
    """
    tree, problems = _parsed(data, file)
    return tree, list(problems)


def forget_parsed() -> None:
    """Drop the parsed files kept for later reads.

    A one-off build will not read them again, and at 1,000 briefs their trees
    hold five times the memory of the corpus made from them.
    """
    _parsed.cache_clear()


@functools.lru_cache(maxsize=1 << 14)
def _parsed(data: bytes, file: str) -> tuple[YMap | None, tuple[Problem, ...]]:
    tree, problems = _parse(data, file)
    return tree, tuple(problems)


def _parse(data: bytes, file: str) -> tuple[YMap | None, list[Problem]]:
    """Parse one file's bytes into a top-level mapping, or report why not.

    The tree is returned even when some problems were found (a tag, an
    alias, a duplicate key) so that the rest of the file can still be checked;
    it is None only when there is no mapping to check at all.
    """
    start = Location(file, 1, 1)
    if len(data) > MAX_FILE_BYTES:
        message = f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"
        return None, [Problem(start, WHOLE_FILE, message)]
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        where = _byte_location(data, err.start, file)
        return None, [
            Problem(where, WHOLE_FILE, f"not UTF-8: byte 0x{data[err.start]:02x} cannot be decoded")
        ]
    # libyaml's event parser is several times faster (it gives a plain scalar
    # the style "" where PyYAML gives None; the builder reads both as plain).
    # On any complaint the file is read again by PyYAML's own parser, whose
    # messages and marks are the ones reported, so a problem reads the same
    # wherever libyaml is missing.
    if _FAST_LOADER is not None:
        fast = _TreeBuilder(file, text)
        try:
            for event in yaml.parse(text, Loader=_FAST_LOADER):
                if not fast.feed(event):
                    break
        except yaml.YAMLError:
            pass
        else:
            return _finished(fast, start)
    builder = _TreeBuilder(file, text)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if not builder.feed(event):
                break
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = _mark_location(mark, file) if mark is not None else start
        detail = err.problem or "cannot parse"
        context = err.context_mark
        if err.context and context is not None and context is not mark:
            detail += f" ({err.context} at line {context.line + 1}, column {context.column + 1})"
        lines = [m.line for m in (mark, context) if m is not None]
        detail += quoting_hint(text, lines)
        builder.problems.append(Problem(where, WHOLE_FILE, f"YAML syntax error: {detail}"))
        return None, builder.problems
    except yaml.reader.ReaderError as err:
        where = _char_location(text, err.position, file)
        builder.problems.append(
            Problem(where, WHOLE_FILE, f"character U+{err.character:04X} is not allowed in YAML")
        )
        return None, builder.problems
    except yaml.YAMLError as err:  # any other PyYAML complaint, still without a traceback
        builder.problems.append(Problem(start, WHOLE_FILE, f"YAML error: {err}"))
        return None, builder.problems
    return _finished(builder, start)


# A line's plain value: after any list dashes and one `key: `.
_PLAIN_VALUE = re.compile(r"^(\s*(?:-\s+)*(?:[^\s\"'#:{}\[\]-][^:#]*:\s+)?)(\S.*?)\s*$")


def quoting_hint(text: str, line_numbers: list[int]) -> str:
    """"; quote it: `<the line fixed>`" when a plain value on one of these lines (0-based)
    starts with `[[` or holds `: `, which YAML reads as a list or a mapping; else ""."""
    lines = text.splitlines()
    for number in dict.fromkeys(line_numbers):
        if not 0 <= number < len(lines):
            continue
        match = _PLAIN_VALUE.match(lines[number])
        if match is None:
            continue
        prefix, value = match.groups()
        if value[0] in "\"'|>{&*!%@`" or (value[0] == "[" and not value.startswith("[[")):
            continue
        if value.startswith("[[") or ": " in value or value.endswith(":"):
            why = "starts with `[[`" if value.startswith("[[") else "holds `: `"
            fixed = prefix + json.dumps(value, ensure_ascii=False)
            return (f"; the value on line {number + 1} {why}, which YAML reads as markup: "
                    f"quote it: `{fixed.strip()}`")
    return ""
EMPTY_FILE = "file is empty (or holds only comments)"


def _finished(builder: _TreeBuilder, start: Location) -> tuple[YMap | None, list[Problem]]:
    if builder.stopped:
        return None, builder.problems
    root = builder.root
    if root is None:
        builder.problems.append(Problem(start, WHOLE_FILE, EMPTY_FILE))
        return None, builder.problems
    if not isinstance(root, YMap):
        builder.problems.append(
            Problem(
                root.where,
                WHOLE_FILE,
                f"expected a mapping of keys to values at the top, got {describe(root)}",
            )
        )
        return None, builder.problems
    return root, builder.problems


class _Mark(Protocol):
    """PyYAML's marks, pure-Python or from libyaml: a 0-based line and column."""

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


def _mark_location(mark: _Mark | None, file: str) -> Location:
    # PyYAML gives every event a mark; the stubs allow None, so fall back to the file.
    if mark is None:
        return Location(file, 1, 1)
    return Location(file, mark.line + 1, mark.column + 1)


def _char_location(text: str, position: int, file: str) -> Location:
    line_start = text.rfind("\n", 0, position) + 1
    return Location(file, text.count("\n", 0, position) + 1, position - line_start + 1)


def _byte_location(data: bytes, position: int, file: str) -> Location:
    line_start = data.rfind(b"\n", 0, position) + 1
    column = len(data[line_start:position].decode("utf-8", errors="replace")) + 1
    return Location(file, data.count(b"\n", 0, position) + 1, column)


@dataclass
class _Frame:
    """A list or mapping whose end event has not arrived yet."""

    where: Location
    is_map: bool
    items: list
    path: str = ""
    key: YScalar | None = None
    skip_value: bool = False
    seen: dict[str, int] | None = None


class _TreeBuilder:
    """Turns the parser's events into Y-nodes, refusing what briefs must not use."""

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self.lines = text.split("\n")
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: YNode | None = None
        self.documents = 0
        self.stopped = False

    def report(self, where: Location, message: str, path: str | None = None) -> None:
        field = self.child_path() if path is None else path
        self.problems.append(Problem(where, field or WHOLE_FILE, message))

    def child_path(self) -> str:
        """The field path of the node about to be attached (keys: their mapping's)."""
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if not frame.is_map:
            return f"{frame.path}[{len(frame.items)}]"
        if frame.key is None:
            return frame.path
        return f"{frame.path}.{frame.key.text}" if frame.path else frame.key.text

    def feed(self, event: yaml.Event) -> bool:
        """Take one event; False once reading must stop."""
        where = _mark_location(event.start_mark, self.file)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.report(where, "several documents in one file; a file holds exactly one", WHOLE_FILE)
                self.stopped = True
                return False
            return True
        if isinstance(event, yaml.AliasEvent):
            self.report(where, f"alias `*{event.anchor}` is not allowed (no anchors or aliases)")
            self.attach(YRefused(where))
            return True
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.check_node_event(event, where)
        if isinstance(event, yaml.ScalarEvent):
            value = self.without_surrogates(event.value, where)
            block = self.block_start(where) if event.style == "|" else None
            # libyaml gives a plain scalar the style "", PyYAML None.
            self.attach(YScalar(value, event.style or None, where, block))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                self.report(where, f"nested more than {MAX_DEPTH} levels deep")
                self.stopped = True
                return False
            is_map = isinstance(event, yaml.MappingStartEvent)
            path = self.child_path()
            self.stack.append(_Frame(where, is_map, [], path=path, seen={} if is_map else None))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            items = tuple(frame.items)
            self.attach(YMap(items, frame.where) if frame.is_map else YList(items, frame.where))
        return True

    def block_start(self, header: Location) -> Location | None:
        """Where a literal block's text starts: the line after its `|`, at the
        indentation of its first non-blank line (which sets the block's indent)."""
        for line in self.lines[header.line : header.line + 1000]:
            if line.strip():
                return Location(self.file, header.line + 1, len(line) - len(line.lstrip(" ")) + 1)
        return None

    def without_surrogates(self, text: str, where: Location) -> str:
        """The text with lone surrogates (escapes such as "\\ud800") reported and replaced.

        They are not Unicode characters: nothing can encode them as UTF-8, so
        they would crash the page writer, or the printing of a message quoting them.
        """
        bad = _SURROGATE.search(text)
        if bad is None:
            return text
        self.report(
            where,
            f"escape `\\u{ord(bad.group()):04x}` is a lone surrogate, not a Unicode character; "
            "write the character itself",
        )
        return _SURROGATE.sub("\ufffd", text)

    def check_node_event(self, event: yaml.NodeEvent, where: Location) -> None:
        if event.anchor is not None:
            self.report(where, f"anchor `&{event.anchor}` is not allowed (no anchors or aliases)")
        tag = getattr(event, "tag", None)
        if tag is not None:
            self.report(where, f"tag `{tag}` is not allowed; write the value without a tag")

    def attach(self, node: YNode) -> None:
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        if not frame.is_map:
            frame.items.append(node)
            return
        if frame.key is None and not frame.skip_value:
            self.take_key(frame, node)
            return
        if not frame.skip_value and frame.key is not None:
            frame.items.append((frame.key, node))
        frame.key = None
        frame.skip_value = False

    def take_key(self, frame: _Frame, node: YNode) -> None:
        assert frame.seen is not None
        if not isinstance(node, YScalar):
            if not isinstance(node, YRefused):
                self.report(node.where, f"a key must be plain text, got {describe(node)}")
            frame.skip_value = True
            return
        if node.style is None and node.text == "<<":
            self.report(node.where, "merge key `<<` is not allowed; write the keys out")
            frame.skip_value = True
            return
        first = frame.seen.get(node.text)
        if first is not None:
            path = f"{frame.path}.{node.text}" if frame.path else node.text
            self.report(node.where, f"duplicate key `{node.text}` (first given on line {first})", path)
            frame.skip_value = True
            return
        frame.seen[node.text] = node.where.line
        frame.key = node


# --- Scalars: source text → typed values, by rules stricter than YAML 1.1 -----


class BadValue(ValueError):
    """A scalar's text is not a valid value of the type wanted; str() says why."""


MAX_TEXT_CHARS = 20_000
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# C0 controls except tab and newline, DEL, C1 controls, and the bidirectional
# embeddings, overrides and isolates that can make text read differently from
# how it is stored ("Trojan Source").
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters that show nothing: format characters (zero-width space and joiners,
# soft hyphen, word joiner, direction marks, tags) and the blank letters and
# marks that fonts draw as nothing. Two spellings that differ only by these
# look the same to a reader.
_INVISIBLE_EXTRA = "\u034f\u115f\u1160\u3164\uffa0\u2800\ufe00-\ufe0f\U000e0100-\U000e01ef"
_INVISIBLE_EXTRA_CHARS = re.compile(f"[{_INVISIBLE_EXTRA}]")
_URL_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069<>\"`\\]")


def parse_number(scalar: YScalar) -> float:
    """A plain decimal number: `60000`, `0.5`, `-3`.

    Underscores, leading zeros, exponents, hex, sexagesimal (`1:30`), `.nan`
    and `.inf` are refused: each is a YAML 1.1 surprise or a typo in a brief.
    """
    if scalar.style is not None:
        raise BadValue(f"expected a number, got the quoted text {describe(scalar)}; remove the quotes")
    if not _NUMBER.fullmatch(scalar.text):
        raise BadValue(f"expected a plain decimal number such as 60000 or 0.5, got {describe(scalar)}")
    return float(scalar.text)


def parse_flag(scalar: YScalar) -> bool:
    """`true` or `false`, unquoted; YAML 1.1's yes/no/on/off are refused."""
    if scalar.style is None and scalar.text in ("true", "false"):
        return scalar.text == "true"
    raise BadValue(f"expected true or false, got {describe(scalar)}")


def parse_date(text: str) -> tuple[int, int | None, int | None]:
    """An ISO date to the year, month or day: `2025`, `2025-11`, `2025-11-06`."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise BadValue(f"expected an ISO date (2025, 2025-11 or 2025-11-06), got `{_clip(text)}`")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if year < 1:
        raise BadValue(f"year {match.group(1)} does not exist")
    if month is not None and not 1 <= month <= 12:
        raise BadValue(f"month {match.group(2)} does not exist in `{text}`")
    if month is not None and day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise BadValue(f"`{text}` is not a calendar date") from None
    return year, month, day


def check_text(text: str) -> str:
    """Refuse control and bidirectional-override characters and huge texts."""
    bad = _FORBIDDEN_CHARS.search(text)
    if bad is not None:
        raise BadValue(f"character U+{ord(bad.group()):04X} is not allowed in text")
    if len(text) > MAX_TEXT_CHARS:
        raise BadValue(f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}")
    return text


def is_invisible(char: str) -> bool:
    """A character that shows nothing: a format (Cf) character or a blank letter."""
    return unicodedata.category(char) == "Cf" or _INVISIBLE_EXTRA_CHARS.match(char) is not None


def _invisible_in(text: str) -> str | None:
    return next((char for char in text if is_invisible(char)), None)


def _script(char: str) -> str:
    # The first word of a letter's Unicode name is its script for the scripts
    # that share look-alike letters (LATIN, CYRILLIC, GREEK, ARMENIAN …).
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def _mixed_script_word(text: str) -> tuple[str, str, str] | None:
    """A word whose letters come from two scripts ("Pokrоvsk" with a Cyrillic о)."""
    for word in re.split(r"[\W_]+", text):
        scripts = sorted({_script(c) for c in word if unicodedata.category(c).startswith("L")})
        if len(scripts) > 1:
            return word, scripts[0].title(), scripts[1].title()
    return None


def check_spelling(text: str) -> str:
    """A name or alias: checked text, in NFC, without invisible characters or
    words that mix look-alike scripts. Returns the NFC form."""
    text = unicodedata.normalize("NFC", check_text(text))
    invisible = _invisible_in(text)
    if invisible is not None:
        name = unicodedata.name(invisible, "a format character").lower()
        raise BadValue(
            f"character U+{ord(invisible):04X} ({name}) is invisible; a name must read as it is spelled"
        )
    mixed = _mixed_script_word(text)
    if mixed is not None:
        word, first, second = mixed
        raise BadValue(
            f"`{_clip(word)}` mixes {first} and {second} letters, which can look alike; "
            "write each word in one script"
        )
    return text


def spelling_key(text: str) -> str:
    """What two spellings must share to count as the same spelling: case,
    accents, invisible characters and runs of spaces do not count."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        " " if char.isspace() else char
        for char in decomposed
        if unicodedata.category(char) != "Mn" and not is_invisible(char)
    )
    return " ".join(unicodedata.normalize("NFKC", kept.casefold()).split())


def count_words(text: str) -> int:
    """Words as a reader sees them: after NFKC normalisation, with every
    invisible character read as a space, so that words joined by a zero-width
    space still count one by one."""
    normal = unicodedata.normalize("NFKC", text)
    return len("".join(" " if is_invisible(char) else char for char in normal).split())


def check_url(text: str) -> str:
    """An absolute http(s) URL with a host and no whitespace or control characters."""
    bad = _URL_FORBIDDEN.search(text)
    if bad is not None:
        raise BadValue(f"character U+{ord(bad.group()):04X} is not allowed in a URL")
    scheme, _, rest = text.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or rest.startswith("/"):
        raise BadValue(f"expected an http:// or https:// URL, got `{_clip(text)}`")
    try:
        host = urlsplit(text).hostname
    except ValueError:  # a malformed port or IPv6 address
        host = None
    if not host:
        raise BadValue(f"`{_clip(text)}` names no host; expected https://host/path")
    if len(text) > 2_000:
        raise BadValue(f"URL is {len(text):,} characters; the limit is 2,000")
    return text
