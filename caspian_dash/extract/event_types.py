"""Event types from trigger words (table in ``lexicons/event_types.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..models import EVENT_TYPES
from .inflect import verb_forms
from .lexicon import load_lexicon
from .tokens import Token, name_key

MIN_SCORE = 2  # below this a sentence reports no happening ("said" alone is not enough)


@dataclass(frozen=True)
class Trigger:
    event_type: str
    weight: int
    word: str  # normalised trigger as listed
    start: int
    end: int


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[tuple[str, int]]], int]:
    table: dict[str, list[tuple[str, int]]] = {}
    longest = 1
    for event_type, row in load_lexicon("event_types").items():
        if event_type.startswith("_"):
            continue
        listed = {
            name_key(str(word)): int(weight) for word, weight in (row.get("triggers") or {}).items()
        }
        for verb, weight in (row.get("verbs") or {}).items():
            for form in verb_forms(str(verb)):
                listed.setdefault(name_key(form), int(weight))  # a listed form keeps its weight
        for key, weight in listed.items():
            table.setdefault(key, []).append((event_type, weight))
            longest = max(longest, key.count(" ") + 1)
    return table, longest


@lru_cache(maxsize=1)
def _starts() -> dict[str, int]:
    """First word of each trigger -> the most words a trigger starting with it has."""
    starts: dict[str, int] = {}
    for key in _table()[0]:
        words = key.split(" ")
        starts[words[0]] = max(starts.get(words[0], 0), len(words))
    return starts


@lru_cache(maxsize=1)
def event_nouns() -> dict[str, frozenset[str]]:
    """Nouns a later sentence uses to refer back to an event of each type ("the pact")."""
    return {
        t: frozenset(name_key(n) for n in row.get("nouns") or [])
        for t, row in load_lexicon("event_types").items()
        if not t.startswith("_")
    }


def labels() -> dict[str, str]:
    """Readable label per event type ("military_exercise" -> "Military exercise")."""
    return {
        t: row.get("label", t)
        for t, row in load_lexicon("event_types").items()
        if not t.startswith("_")
    }


@lru_cache(maxsize=1)
def _blockers() -> frozenset[str]:
    return frozenset(name_key(w) for w in load_lexicon("event_types").get("_not_events", []))


def blocks_event(tokens: list[Token]) -> bool:
    """True when a word says the sentence's date is not a happening ("anniversary")."""
    blockers = _blockers()
    return any(t.key in blockers for t in tokens)


@lru_cache(maxsize=1)
def _object_rules() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per type: the words that need an object of the type, and those objects."""
    rules = {}
    for event_type, row in load_lexicon("event_types").items():
        if event_type.startswith("_") or not row.get("needs_object"):
            continue
        words = {name_key(f) for w in row["needs_object"] for f in [str(w), *verb_forms(str(w))]}
        rules[event_type] = (frozenset(words), frozenset(name_key(o) for o in row["objects"]))
    return rules


def _without_object(found: list[Trigger], tokens: list[Token]) -> list[Trigger]:
    """ "The U.S. Embassy was opened": an opening word with no built thing in the sentence
    reports an `other` happening, not a milestone."""
    rules = _object_rules()
    keys = None
    for n, trigger in enumerate(found):
        rule = rules.get(trigger.event_type)
        if rule is None or trigger.word not in rule[0]:
            continue
        keys = keys if keys is not None else {t.key for t in tokens}
        if not keys & rule[1]:
            found[n] = replace(trigger, event_type="other")
    return found


@lru_cache(maxsize=1)
def _disaster_words() -> tuple[frozenset[str], frozenset[str]]:
    lexicon = load_lexicon("event_types")
    return (frozenset(name_key(w) for w in lexicon["_disasters"]),
            frozenset(name_key(w) for w in lexicon["_harm"]))  # fmt: skip


def tells_disaster(tokens: list[Token]) -> bool:
    """Whether ``tokens`` (a sentence or a headline) name a natural disaster."""
    disasters = _disaster_words()[0]
    return any(t.key in disasters for t in tokens)


def harm_of_disaster(
    triggers: list[Trigger], tokens: list[Token], disaster_text: bool
) -> list[Trigger]:
    """ "Another quake struck in 1962": in a sentence or a text about a disaster, the words of
    harm are the disaster's (`other`), not an attack's."""
    harm = _disaster_words()[1]
    if not (disaster_text or tells_disaster(tokens)):
        return triggers
    return [replace(t, event_type="other") if t.event_type == "military_action" and t.word in harm
            else t for t in triggers]  # fmt: skip


def find_triggers(tokens: list[Token]) -> list[Trigger]:
    """Trigger words among ``tokens``, longest first ("held talks" before "talks").

    >>> from caspian_dash.extract.tokens import tokenize
    >>> [(t.event_type, t.word) for t in find_triggers(tokenize("They held talks"))]
    [('diplomatic_meeting', 'held talks')]
    """
    table = _table()[0]
    starts = _starts()
    found, i = [], 0
    while i < len(tokens):
        most = starts.get(tokens[i].key, 0)
        for n in range(min(most, len(tokens) - i), 0, -1):
            key = " ".join(t.key for t in tokens[i : i + n])
            if key in table:
                found += [
                    Trigger(t, w, key, tokens[i].start, tokens[i + n - 1].end)
                    for t, w in table[key]
                ]
                i += n
                break
        else:
            i += 1
    return _without_object(_named_documents(found, tokens), tokens)


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "our"})


@lru_cache(maxsize=1)
def _document_words() -> tuple[frozenset[str], int]:
    rule = load_lexicon("event_types")["_named_documents"]
    return frozenset(name_key(w) for w in rule["words"]), int(rule["weight"])


def _named_documents(found: list[Trigger], tokens: list[Token]) -> list[Trigger]:
    """ "the Baku Declaration", "the Joint Communiqué": a document with a name of its own
    is a joint text, while "a declaration" may be one side's words."""
    words, weight = _document_words()
    at = {t.start: n for n, t in enumerate(tokens)}
    for k, trigger in enumerate(found):
        n = at.get(trigger.start, 0)
        if trigger.event_type != "agreement" or trigger.word not in words or n == 0:
            continue
        name, before = tokens[n], tokens[n - 1]
        if name.is_capitalised and before.is_capitalised and before.key not in _DETERMINERS:
            found[k] = replace(trigger, weight=max(trigger.weight, weight))
    return found


# "X said that ...": what follows is what X said; the nouns in it ("opposes the construction
# of pipelines") are not happenings of their own, while past verbs ("had fired") still are.
_REPORTED = re.compile(
    r"(?i)\b(?:said|says|confirmed|stated|announced|warned|noted|stressed|added|claimed|"
    r"insisted|argued|believes?|thinks?|told\s+\w+(?:\s+\w+){0,3}?)\s+that\b"
)
_PAST = frozenset(load_lexicon("words")["past_forms"])


def discount_reported(text: str, base: int, triggers: list[Trigger]) -> list[Trigger]:
    """Halve the weight of noun triggers inside reported speech."""
    match = _REPORTED.search(text)
    if match is None:
        return triggers
    start = base + match.end()
    return [
        replace(t, weight=max(1, t.weight // 2))
        if t.start >= start
        and t.event_type != "statement"
        and not (t.word.endswith("ed") or t.word.split()[0] in _PAST)
        else t
        for t in triggers
    ]


def score_types(triggers: list[Trigger], hints: dict[str, int] | None = None) -> dict[str, int]:
    """Sum trigger weights per type (each word counted once), plus any context hints."""
    scores: dict[str, int] = dict(hints or {})
    seen = set()
    for trigger in triggers:
        if (trigger.event_type, trigger.word) in seen:
            continue
        seen.add((trigger.event_type, trigger.word))
        scores[trigger.event_type] = scores.get(trigger.event_type, 0) + trigger.weight
    return scores


def best_type(scores: dict[str, int]) -> tuple[str, int]:
    """The winning type and its score; ties go to the type listed first in EVENT_TYPES."""
    if not scores:
        return "other", 0
    event_type = max(scores, key=lambda t: (scores[t], -EVENT_TYPES.index(t)))
    return event_type, scores[event_type]


@lru_cache(maxsize=256)
def _section_hints(title: str) -> tuple[tuple[str, int], ...]:
    from .tokens import tokenize

    hints: dict[str, int] = {}
    for trigger in find_triggers(tokenize(title)):
        hints[trigger.event_type] = max(hints.get(trigger.event_type, 0), 2)
    return tuple(hints.items())


def section_hints(title: str) -> dict[str, int]:
    """Types suggested by a section heading ("Summits" -> summit)."""
    return dict(_section_hints(title))
