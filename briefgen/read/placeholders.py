"""The placeholder marker that `briefgen new` and `draft` leave for a contributor to replace.

A scalar whose text starts with `TODO:` is a placeholder wherever it stands
(any field, any type), and the loader reports it as a located problem, so a
scaffold cannot be published before every blank is filled in.
"""

from __future__ import annotations

import json

MARKER = "TODO:"


def placeholder(hint: str) -> str:
    """A placeholder as a double-quoted YAML scalar: `"TODO: hint"`.

    Quoted because `TODO: hint` unquoted would be read as a mapping.
    """
    return json.dumps(f"{MARKER} {hint}", ensure_ascii=False)


def is_placeholder(text: str) -> bool:
    return text.lstrip().startswith(MARKER)


def placeholder_message(text: str) -> str:
    first_line = text.strip().splitlines()[0] if text.strip() else text
    shown = first_line if len(first_line) <= 80 else first_line[:79] + "…"
    return f'placeholder "{shown}" left from the template; replace it'
