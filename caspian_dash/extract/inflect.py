"""Every form of a verb listed once in the lexicon: "sign" -> sign, signs, signed, signing.

The predicate lexicon (``lexicons/event_types.yaml``, ``verbs:``) lists lemmas so that a
rule covers "departs", "departed" and "departing" alike; verbs that do not follow the
spelling rules are listed with their forms in ``_irregular_verbs``.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import load_lexicon

_VOWELS = set("aeiou")


def verb_forms(phrase: str) -> list[str]:
    """The inflected forms of a verb phrase, its first word inflected.

    >>> verb_forms("call at")
    ['call at', 'calls at', 'called at', 'calling at']
    >>> verb_forms("hold talks")[:3]
    ['hold talks', 'holds talks', 'held talks']
    >>> verb_forms("ship")
    ['ship', 'ships', 'shipped', 'shipping']
    """
    head, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    return list(dict.fromkeys(f"{form}{tail}" for form in _forms(head.lower())))


def _forms(verb: str) -> list[str]:
    irregular = _irregular().get(verb)
    third = _third_person(verb)
    if irregular:
        return [verb, third, *irregular, _present_participle(verb)]
    return [verb, third, _past(verb), _present_participle(verb)]


@lru_cache(maxsize=1)
def _irregular() -> dict[str, list[str]]:
    table = load_lexicon("event_types").get("_irregular_verbs") or {}
    return {str(k): [str(f) for f in v] for k, v in table.items()}


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ied"
    return _doubled(verb) + "ed"


def _present_participle(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    return _doubled(verb) + "ing"


def _doubled(verb: str) -> str:
    """A one-syllable verb ending consonant-vowel-consonant doubles it: ship -> shipp."""
    groups = sum(
        1 for i, c in enumerate(verb) if c in _VOWELS and (i == 0 or verb[i - 1] not in _VOWELS)
    )
    if (
        groups == 1
        and len(verb) >= 3
        and verb[-1] not in _VOWELS | set("wxy")
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
    ):
        return verb + verb[-1]
    return verb
