"""Cyrillic names as English-language outlets spell them: Ukraine's and Russia's national romanisations.

anyascii reads `Сирський` as `Sirs'kiy`; the press, and the registry, write
`Syrskyi`, the Ukrainian national system of 2010 (KMU), and `Сырский` as
`Syrsky` or `Syrskiy` (BGN/PCGN, as English outlets simplify it). `find` and
`add` try these spellings beside anyascii's, so a name pasted from a
Ukrainian or Russian source finds its entry.
"""

from __future__ import annotations

import re

_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_RUSSIAN_ONLY = set("ыэъёЫЭЪЁ")

# Ukrainian, KMU 2010: the second form is used at the start of a word.
_UKRAINIAN: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"), "д": ("d", "d"),
    "е": ("e", "e"), "є": ("ie", "ye"), "ж": ("zh", "zh"), "з": ("z", "z"), "и": ("y", "y"), "і": ("i", "i"),
    "ї": ("i", "yi"), "й": ("i", "y"), "к": ("k", "k"), "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"),
    "о": ("o", "o"), "п": ("p", "p"), "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"),
    "ф": ("f", "f"), "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("iu", "yu"), "я": ("ia", "ya"), "'": ("", ""),
    "’": ("", ""), "ʼ": ("", ""),
}
# Russian, BGN/PCGN as English-language outlets write it (no apostrophes for soft signs).
_RUSSIAN: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("g", "g"), "д": ("d", "d"), "е": ("e", "ye"),
    "ё": ("yo", "yo"), "ж": ("zh", "zh"), "з": ("z", "z"), "и": ("i", "i"), "й": ("y", "y"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"), "р": ("r", "r"),
    "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"), "х": ("kh", "kh"), "ц": ("ts", "ts"),
    "ч": ("ch", "ch"), "ш": ("sh", "sh"), "щ": ("shch", "shch"), "ъ": ("", ""), "ы": ("y", "y"),
    "ь": ("", ""), "э": ("e", "e"), "ю": ("yu", "yu"), "я": ("ya", "ya"),
}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _romanised(text: str, table: dict[str, tuple[str, str]]) -> str:
    out: list[str] = []
    previous = ""
    for char in text:
        lower = char.lower()
        if lower in table:
            inner, initial = table[lower]
            latin = initial if not previous.isalpha() else inner
            if lower == "г" and previous.lower() == "з" and table is _UKRAINIAN:
                latin = "gh"  # зг is zgh, not zh, so that it is not read as ж
            out.append(latin.capitalize() if char != lower and latin else latin)
        else:
            out.append(char)
        previous = char
    return "".join(out)


def national_spellings(text: str) -> list[str]:
    """`text` romanised as Ukraine and Russia do, when it is Cyrillic; [] when it is not.

    Which system applies is read from letters only one alphabet has; a name
    with none of them gets both. Russian adjectival endings also get the
    forms English outlets use (`-skiy`, `-sky`).
    """
    if not _CYRILLIC.search(text):
        return []
    letters = set(text)
    found: list[str] = []
    if not letters & _RUSSIAN_ONLY:
        found.append(_romanised(text, _UKRAINIAN))
    if not letters & _UKRAINIAN_ONLY:
        russian = _romanised(text, _RUSSIAN)
        found += [russian, re.sub(r"iy\b", "y", russian), re.sub(r"yy\b", "y", russian)]
    return list(dict.fromkeys(found))
