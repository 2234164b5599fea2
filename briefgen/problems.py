"""Located problems: what is wrong with the input, where, and what to do about it.

Both sides report them: the loader for bad data, the site writer for paths that
would clash. A problem always names a file and a line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, replace

from briefgen.model import Location

# The field name of a problem that concerns a whole file rather than one key.
WHOLE_FILE = "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, where it is and what to do about it."""

    location: Location
    field: str
    message: str
    # Every place a problem with many uses shows (an unknown id: each file,
    # line and field that names it), first use first; the problem is located
    # at the first. Not part of its identity: the message lists them already.
    uses: tuple[tuple[Location, str], ...] = dataclasses.field(default=(), compare=False)
    # A cause of other problems that are therefore not reported (a registry
    # file that cannot be read): listed before everything else.
    root_cause: bool = dataclasses.field(default=False, compare=False)

    def __str__(self) -> str:
        return f"{self.location}: {self.field}: {self.message}"

    def seen_from(self, file: str) -> Problem | None:
        """This problem as a check of `file` alone shows it: located at its first
        use in that file, or None when it is neither located nor used there."""
        if self.location.file == file:
            return self
        mine = next(((where, path) for where, path in self.uses if where.file == file), None)
        return None if mine is None else replace(self, location=mine[0], field=mine[1])


def in_report_order(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Each problem once: root causes first, then by file, line, column and field."""
    return tuple(sorted(set(problems), key=lambda problem: (not problem.root_cause, problem)))


class InvalidSite(Exception):
    """The generator refused to write the site; `.problems` says why and where."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[InvalidSite], tuple[tuple[Problem, ...]]]:
        # Raised in the process that generates apart, and raised again in the build.
        return type(self), (self.problems,)
