"""Located problems: what is wrong with the input, where, and what to do about it.

Both sides report them: the loader for bad data, the site writer for paths that
would clash. A problem always names a file and a line.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.model import Location

# The field name of a problem that concerns a whole file rather than one key.
WHOLE_FILE = "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, where it is and what to do about it."""

    location: Location
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.field}: {self.message}"


class InvalidSite(Exception):
    """The generator refused to write the site; `.problems` says why and where."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))
