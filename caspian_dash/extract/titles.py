"""Short readable titles for events."""

from __future__ import annotations

import re
from functools import lru_cache

from .event_types import event_nouns, find_triggers
from .tokens import tokenize

# Capitalised phrases, allowing the small words inside names ("Convention on the Legal
# Status of the Caspian Sea"), and quoted names ("Unification").
_PHRASE = re.compile(
    r"(?:[A-Z][\w’'\-]*|\d{4})(?:\s+(?:(?:of|on|the|and|for|de|al)\s+)*(?:[A-Z][\w’'\-]*|\d{4}))*"
)
_QUOTED = re.compile(r"[\"“]([A-Z][^\"”]{1,40})[\"”]")
_SMALL = {"the", "a", "an", "this", "that", "it", "in", "on", "at", "during", "after"}


def named_phrase(text: str, event_type: str) -> str:
    """A proper name for the happening in ``text``, if it has one.

    >>> named_phrase("the signing at the Fifth Caspian Summit in 2018", "summit")
    'Fifth Caspian Summit'
    >>> named_phrase("Iran, Russia, Kazakhstan, Azerbaijan Sign Caspian Security Pact", "agreement")
    'Caspian Security Pact'
    """
    for match in _PHRASE.finditer(text):
        words = match.group().split()
        words = _after_verb(words)
        while words and words[0].lower() in _SMALL:
            words = words[1:]
        if len(words) < 2:
            continue
        phrase = " ".join(words)
        if any(
            t.event_type == event_type and t.weight >= 2 for t in find_triggers(tokenize(phrase))
        ):
            return phrase.strip()
    quoted = _QUOTED.search(text)
    if quoted:
        near = [t for t in find_triggers(tokenize(text)) if t.event_type == event_type]
        if near and abs(near[0].start - quoted.start()) < 25:
            return f"{quoted.group(1).strip()} {near[0].word}"
    return ""


def _after_verb(words: list[str]) -> list[str]:
    """A headline in title case ("Iran, Russia Sign Caspian Security Pact"): the name is
    what follows its verb."""
    for i, word in enumerate(words[:-1]):
        if _is_verb_like(word.lower().strip(",")):
            return words[i + 1 :]
    return words


@lru_cache(maxsize=1 << 14)
def _is_verb_like(key: str) -> bool:
    """A trigger word that is not a noun naming the happening (asked again and again)."""
    return bool(find_triggers(tokenize(key))) and key not in _all_nouns()


@lru_cache(maxsize=1)
def _all_nouns() -> frozenset[str]:
    return frozenset().union(*event_nouns().values())


def make_title(phrase: str, label: str, actor_names: list[str], place: str | None) -> str:
    """ "Fifth Caspian Summit, Aktau" or "Military exercise: Iran, Russia, Caspian Sea"."""
    head = phrase or (f"{label}: {', '.join(actor_names[:4])}" if actor_names else label)
    if place and place.lower() not in head.lower():
        return f"{head}, {place}"
    return head
