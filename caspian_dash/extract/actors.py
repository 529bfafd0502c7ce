"""Who acts in a sentence: states (ISO3) and organisations, from names found in it."""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import Actor
from .lexicon import load_lexicon
from .names import Mention

# A capital after one of these is a location ("met in Moscow"), not a government.
_LOCATIVE = {
    "in",
    "at",
    "near",
    "to",
    "into",
    "outside",
    "inside",
    "around",
    "within",
    "across",
    "through",
    "via",
    "of",
    "between",
    "and",
}


def actors_in(mentions: list[Mention], text: str, base: int = 0) -> list[str]:
    """Actor codes in order of first mention.

    >>> from caspian_dash.extract.gazetteer import build_gazetteer
    >>> g = build_gazetteer(None, geonames=False)
    >>> s = "Moscow said Kazakh troops met in Baku"
    >>> actors_in(g.index.find(s), s)
    ['RUS', 'KAZ']
    """
    codes: list[str] = []
    for mention in mentions:
        for code in _codes(mention, text, base):
            if code not in codes:
                codes.append(code)
    return codes


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    rows = load_lexicon("actors").get("groups", [])
    return tuple((re.compile(r["pattern"], re.IGNORECASE), tuple(r["members"])) for r in rows)


@lru_cache(maxsize=1)
def _any_group() -> re.Pattern:
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in _groups()), re.IGNORECASE)


_CONTRADICTING_COUNT = re.compile(r"(?i)\b(?:two|three|four|six|seven|2|3|4|6)\s+(?:\w+\s+)?$")


def group_actors(text: str) -> list[str]:
    """States named collectively ("the five littoral states", "the Caspian Summit").

    >>> group_actors("the four Caspian littoral states")
    []
    >>> group_actors("the Caspian littoral states")
    ['AZE', 'IRN', 'KAZ', 'RUS', 'TKM']
    """
    if not _any_group().search(text):
        return []  # one search instead of one per group: most sentences name none
    codes: list[str] = []
    for pattern, members in _groups():
        for match in pattern.finditer(text):
            if _CONTRADICTING_COUNT.search(text[max(0, match.start() - 25) : match.start()]):
                continue
            codes += [m for m in members if m not in codes]
    return codes


def _codes(mention: Mention, text: str, base: int) -> list[str]:
    actors = [e for e in mention.entries if isinstance(e, Actor)]
    if not actors:
        return []
    named = [a for a in actors if a.role != "capital"]
    if named:  # "Brussels" is listed as the EU: that reading beats the generic capital one
        return [a.code for a in named]
    if preceding_word(text, mention.start - base) in _LOCATIVE:
        return []
    if _following_word(text, mention.end - base) in _label_nouns():
        return []  # "the Helsinki Commission", "the Astana process": a name, not the state
    return [a.code for a in actors]


@lru_cache(maxsize=1)
def _label_nouns() -> frozenset[str]:
    return frozenset(load_lexicon("places").get("label_nouns") or ())


def _following_word(text: str, end: int) -> str:
    words = text[end : end + 30].split()
    return words[0].lower().strip(".,;:)”\"'") if words else ""


def preceding_word(text: str, start: int) -> str:
    """The word just before offset ``start`` in ``text``, lower-cased."""
    words = text[max(0, start - 30) : start].split()
    return words[-1].lower().strip("(“\"'") if words else ""
