"""Find known names (places, states, organisations, features) in text.

One index holds every name; matching takes the longest name at each position, so
"Persian Gulf" wins over "Persian" and "Caspian Sea" over "Caspian".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .lexicon import load_lexicon
from .tokens import Token, joined, name_key, tokenize

# After "the Caspian" (a bare sea name) only these may follow, so "the Caspian states" or
# "the Caspian Summit" are not read as the sea.
# After "the Caspian" (a bare sea name) a capitalised word or one of these nouns means the
# word is an adjective ("the Caspian states", "the Caspian Summit"), not the sea.
_NOUNS_AFTER_CASPIAN = frozenset(load_lexicon("words")["nouns_after_caspian"])


@dataclass(frozen=True)
class Mention:
    """A name found in text; ``entries`` are every reading the index has for it."""

    start: int
    end: int
    text: str
    key: str
    entries: tuple
    first_token: int  # index of its first token in the token list it was found in
    last_token: int


@dataclass(frozen=True)
class _Stored:
    entry: object
    acronym: bool  # "US", "EU": match only when written in capitals
    needs_the: bool  # "the Caspian": only after "the" and before a function word


class NameIndex:
    """Map normalised names to entries (any objects) and find them in text."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[_Stored]] = defaultdict(list)
        self._first_words: dict[str, int] = {}  # first word of a name -> most words after it
        self.max_words = 1

    def add(self, name: str, entry: object) -> None:
        name = name.strip()
        needs_the = name.lower().startswith("the ")
        if needs_the:
            name = name[4:]
        key = name_key(name)
        if not key:
            return
        letters = name.replace(".", "").replace(" ", "")
        acronym = letters.isupper() and len(letters) <= 6
        stored = _Stored(entry, acronym, needs_the)
        if stored not in self._by_key[key]:
            self._by_key[key].append(stored)
        words = key.split(" ")
        self._first_words[words[0]] = max(self._first_words.get(words[0], 0), len(words))
        self.max_words = max(self.max_words, len(words))

    def __contains__(self, name: str) -> bool:
        return name_key(name) in self._by_key

    def size(self) -> int:
        """How many distinct names the index holds."""
        return len(self._by_key)

    def lookup(self, name: str) -> tuple:
        return tuple(s.entry for s in self._by_key.get(name_key(name), ()))

    def find(self, text: str, tokens: list[Token] | None = None, base: int = 0) -> list[Mention]:
        """Return non-overlapping longest mentions in ``text`` (offsets + ``base``).

        >>> index = NameIndex(); index.add("Caspian Sea", "sea"); index.add("Baku", "city")
        >>> [(m.text, m.entries) for m in index.find("From Baku across the Caspian Sea")]
        [('Baku', ('city',)), ('Caspian Sea', ('sea',))]
        """
        tokens = tokenize(text, base) if tokens is None else tokens
        found: list[Mention] = []
        first_words = self._first_words
        i = 0
        while i < len(tokens):
            token = tokens[i]
            mention = None
            if token.key in first_words and token.text[:1].isupper():
                mention = self._match_at(text, tokens, i, base, first_words[token.key])
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = mention.last_token + 1
        return found

    def _match_at(
        self, text: str, tokens: list[Token], i: int, base: int, longest: int
    ) -> Mention | None:
        last = i
        while last + 1 < len(tokens) and last - i + 1 < longest:
            if not joined(text, tokens[last], tokens[last + 1], base):
                break
            last += 1
        for j in range(last, i - 1, -1):
            key = " ".join(t.key for t in tokens[i : j + 1])
            stored = self._by_key.get(key)
            if not stored:
                continue
            entries = tuple(s.entry for s in stored if _fits(s, text, tokens, i, j, base))
            if entries:
                start, end = tokens[i].start, tokens[j].end
                # keep a trailing dot that belongs to the name ("U.S.")
                return Mention(start, end, text[start - base : end - base], key, entries, i, j)
        return None


def _fits(stored: _Stored, text: str, tokens: list[Token], i: int, j: int, base: int) -> bool:
    if stored.acronym and not all(t.text.isupper() for t in tokens[i : j + 1]):
        return False
    if not stored.needs_the:
        return True
    if i == 0 or tokens[i - 1].key != "the":
        return False
    if j + 1 == len(tokens):
        return True
    # punctuation right after the name also ends it ("the Caspian. The ...")
    gap = text[tokens[j].end - base : tokens[j + 1].start - base]
    if any(c in '.,;:!?)”"' for c in gap):
        return True
    following = tokens[j + 1]
    return not following.text[:1].isupper() and following.key not in _NOUNS_AFTER_CASPIAN
