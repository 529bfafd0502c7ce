"""Word tokens with offsets, and the normalised keys used to look names up.

Names are compared on a key that ignores case, diacritics, hyphens/dashes and dots, so
"Nur-Sultan", "Nur Sultan" and "NUR-SULTAN" meet, and "Türkiye" meets "Turkiye".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# A word: letters (any script) with inner apostrophes; digits kept as their own tokens. A
# possessive "'s" is not part of the word: "Kazakhstan's" is Kazakhstan, "Putin’s" Putin.
_WORD = re.compile(r"[^\W\d_]+(?:['’](?!s\b)[^\W\d_]+)*|\d+")
# What may separate the words of one name: spaces, hyphens, dashes, dots (St. Petersburg).
_JOINER = re.compile(r"[\s\-‐‑–—.]{0,3}$")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    key: str  # normalised form of text

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case ``word`` and strip diacritics ("Türkiye" -> "turkiye")."""
    word = word.replace("’", "'").lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into word tokens whose offsets point into the original string.

    >>> [t.key for t in tokenize("Nur-Sultan, 2017")]
    ['nur', 'sultan', '2017']
    """
    make = tuple.__new__  # a Token without NamedTuple's argument handling: every word is one
    return [
        make(Token, (w, start + offset, start + offset + len(w), fold(w)))
        for m in _WORD.finditer(text)
        for w, start in ((m.group(), m.start()),)
    ]


def name_key(name: str) -> str:
    """Key under which a name is stored and looked up ("St. Petersburg" -> "st petersburg")."""
    return " ".join(t.key for t in tokenize(name))


def joined(text: str, left: Token, right: Token, base: int = 0) -> bool:
    """True when only name-internal punctuation lies between two adjacent tokens."""
    return bool(_JOINER.match(text[left.end - base : right.start - base]))
