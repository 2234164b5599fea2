"""Every spelling a reader may search an entity by: its names, their Latin
transliterations, and the forms folded the way the search box folds a query.

A registry alias written in Cyrillic (Сирський, Сырский) is transliterated
into Latin by the system its letters belong to: Ukrainian (the national
system of 2010, as Ukraine's own English-language sources write names:
Syrskyi, Pokrovsk) when it holds і, ї, є or ґ, Russian (BGN/PCGN without
diacritics: Syrskiy) when it holds ы, э, ё or ъ, and both when it could be
either. `fold` is mirrored by the search script (write/search.js): lower
case, accents and apostrophes dropped, spaces collapsed, so "Siobhán
O'Grady" and "siobhan ogrady" are one spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from briefgen.model import Entity

_UKRAINIAN_ONLY = set("іїєґ'’ʼ")  # the apostrophe too: Russian writes ъ there
_RUSSIAN_ONLY = set("ыэёъ")

# Ukraine's national transliteration (Cabinet resolution 55 of 2010): the
# second form is used at the start of a word.
_UKRAINIAN: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ie", "ye"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("i", "yi"), "й": ("i", "y"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("iu", "yu"), "я": ("ia", "ya"),
    "'": ("", ""), "’": ("", ""), "ʼ": ("", ""),
}
# Russian, BGN/PCGN without its diacritics (as English-language newsrooms write it).
_RUSSIAN: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def fold(text: str) -> str:
    """The form a spelling and a query are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Combining marks go (á → a), except the breve of й, which is a letter of its own.
    kept = "".join(char for char in decomposed
                   if not unicodedata.combining(char) or char == "\u0306")
    kept = unicodedata.normalize("NFC", kept)
    kept = re.sub(r"['’ʼ`]", "", kept)
    return " ".join(re.sub(r"[^\w]+", " ", kept).split())


def transliterations(spelling: str) -> tuple[str, ...]:
    """The Latin forms of a Cyrillic spelling, Ukrainian first; () for one without Cyrillic."""
    if not _CYRILLIC.search(spelling):
        return ()
    letters = set(spelling.casefold())
    forms = []
    if not letters & _RUSSIAN_ONLY:
        forms.append(_ukrainian(spelling))
    if not letters & _UKRAINIAN_ONLY:
        forms.append(_russian(spelling))
    return tuple(dict.fromkeys(forms))


def search_spellings(entity: Entity) -> tuple[str, ...]:
    """The name, the aliases and their transliterations, each once (by folded form), in that order."""
    return unique_spellings(_with_transliterations((entity.name, *entity.aliases)))


def unique_spellings(spellings: Iterable[str]) -> tuple[str, ...]:
    """`spellings` without those that fold to one seen before."""
    seen: dict[str, str] = {}
    for spelling in spellings:
        seen.setdefault(fold(spelling), spelling)
    return tuple(spelling for key, spelling in seen.items() if key)


def _with_transliterations(spellings: Iterable[str]) -> list[str]:
    out: list[str] = []
    for spelling in spellings:
        out += [spelling, *transliterations(spelling)]
    return out


def _ukrainian(spelling: str) -> str:
    def letter(char: str, previous: str) -> str | None:
        if char == "г" and previous == "з":
            return "gh"  # "зг" is "zgh", so that it is not read as "ж"
        pair = _UKRAINIAN.get(char)
        return None if pair is None else pair[0 if _inside_word(previous) else 1]

    return _by_letter(spelling, letter)


def _russian(spelling: str) -> str:
    return _by_letter(spelling, lambda char, _previous: _RUSSIAN.get(char))


def _inside_word(previous: str) -> bool:
    return previous.isalpha() or previous in "'’ʼ"


def _by_letter(spelling: str, letter_of: Callable[[str, str], str | None]) -> str:
    """`spelling` letter by letter through `letter_of(lower-case letter, the lower-case
    letter before it)`; capitals stay capitals, other characters stay as they are."""
    out = []
    previous = " "
    for char in spelling:
        lower = char.lower()
        latin = letter_of(lower, previous)
        if latin is None:
            out.append(char)
        elif char != lower and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
        previous = lower
    return "".join(out)
