"""A file's text, to say where a character of a scalar's value sits, whatever the scalar's style.

The reader gives each scalar the place it starts at; a literal block (`|`)
also keeps its lines as written, so `YScalar.at_offset` is exact there. Folded
blocks (`>`), plain scalars over several lines and quoted scalars join their
lines, and quoted ones turn `''` and escapes into single characters, so an
offset into their value is not an offset into the file. What they never
change is a run of characters without blanks, quotes or backslashes: a
`[[link]]` appears in the file as in the value. `locate` counts which
occurrence of that run the offset points at and finds the same occurrence in
the file from the scalar's start. Nothing is computed until a problem asks.
"""

from __future__ import annotations

import bisect
import codecs
import re

from briefgen.model import Location
from briefgen.read.yamlsafe import YScalar

# What YAML may fold, drop or turn into something else between value and file.
_CHANGED = re.compile(r"[\s'\"\\]")
# What the YAML readers count as a line break (YAML 1.1: NEL, LS and PS too).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LONGEST_NEEDLE = 80


class SourceText:
    """One file's text, decoded as the reader decoded it (UTF-8, without a BOM)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts: list[int] | None = None

    @classmethod
    def of_bytes(cls, data: bytes) -> SourceText:
        return cls(data.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace"))

    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [match.end() for match in _LINE_BREAK.finditer(self.text)]
        return self._line_starts

    def locate(self, node: YScalar, offset: int) -> Location:
        """Where the character at `offset` of `node.text` is written in the file;
        the scalar's start when it cannot be told (an escape in the way)."""
        if node.block is not None:
            return node.at_offset(offset)
        needle = _CHANGED.split(node.text[offset : offset + _LONGEST_NEEDLE], maxsplit=1)[0]
        if not needle:
            return node.where
        occurrence = _occurrences_before(node.text, needle, offset)
        position = self._content_start(node)
        for _ in range(occurrence + 1):
            found = self.text.find(needle, position)
            if found < 0:
                return node.where
            position = found + 1
        return self._location(node.where.file, position - 1)

    def _content_start(self, node: YScalar) -> int:
        starts = self.line_starts()
        if not 1 <= node.where.line <= len(starts):
            return len(self.text)
        start = starts[node.where.line - 1] + node.where.column - 1
        if node.style in (">", "|"):  # the text starts on the line after `>` and any comment
            after = bisect.bisect_right(starts, start)
            return starts[after] if after < len(starts) else len(self.text)
        return start + 1 if node.style in ("'", '"') else start

    def _location(self, file: str, position: int) -> Location:
        starts = self.line_starts()
        line = bisect.bisect_right(starts, position)
        return Location(file, line, position - starts[line - 1] + 1)


def _occurrences_before(text: str, needle: str, offset: int) -> int:
    count, position = 0, text.find(needle)
    while 0 <= position < offset:
        count += 1
        position = text.find(needle, position + 1)
    return count
