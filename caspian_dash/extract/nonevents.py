"""The event/non-event decision: trigger words that do not report a happening.

A trigger word is there, yet nothing happened at a time and place:

- a **modal** or **negation** governs it: "can build", "could be signed", "did not sign",
  "has not met";
- the sentence tells of a **habit** or a count ("we meet regularly", "I met you four times",
  "many meetings on the agenda") and dates it no closer than a month;
- it states a **statistic**: a trend verb and a quantity ("cargo doubled to 1.5 million
  tons") say how much, not what happened; the trade and production words in it go.

The words are data (``lexicons/event_types.yaml``, ``_non_events``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

from .dates import DateMention
from .event_types import Trigger
from .lexicon import load_lexicon
from .tokens import Token

GOVERN_TOKENS = 3  # how far before a trigger a modal or negation still governs it


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    table = load_lexicon("event_types").get("_non_events") or {}
    return {key: frozenset(str(w).lower() for w in words) for key, words in table.items()}


def frame_words() -> frozenset[str]:
    """Words that make what follows the frame of a happening ("following", "after")."""
    return _words()["frames"]


def keep_events(
    tokens: list[Token], triggers: list[Trigger], dates: list[DateMention]
) -> list[Trigger]:
    """The triggers of a sentence that may report a happening.

    >>> from caspian_dash.extract.tokens import tokenize
    >>> from caspian_dash.extract.event_types import find_triggers
    >>> tokens = tokenize("Few states can build such a terminal, and they did not sign.")
    >>> keep_events(tokens, find_triggers(tokens), [])
    []
    """
    words = _words()
    keys = [t.key for t in tokens]
    if _habitual(keys, words) and not any(d.precision in ("day", "month") for d in dates):
        return []
    statistic = _statistic(keys, words)
    kept, governed_end = [], -1
    governors = words["modals"] | words["negations"]
    starts, ends = [t.start for t in tokens], [t.end for t in tokens]
    for trigger in triggers:
        if statistic and trigger.event_type in ("trade_transit", "infrastructure"):
            continue
        if _governed(tokens, ends, trigger, governors) or _object_of(starts, trigger, governed_end):
            # "can build such a terminal": the verb's object is governed with it
            governed_end = trigger.end
            continue
        kept.append(trigger)
    return kept


def _before(tokens: list[Token], ends: list[int], trigger: Trigger) -> list[Token]:
    """The few tokens just before a trigger (found by bisection: a sentence can be long)."""
    i = bisect_right(ends, trigger.start)
    return tokens[max(0, i - GOVERN_TOKENS) : i]


def _governed(
    tokens: list[Token], ends: list[int], trigger: Trigger, governors: frozenset[str]
) -> bool:
    before = _before(tokens, ends, trigger)
    return any(t.key in governors and t.text.islower() for t in before)  # not "25 May"


def frame_only(tokens: list[Token], triggers: list[Trigger]) -> list[Trigger]:
    """Halve a gathering named only as the time or frame of something else ("adopted
    following the summit", "met on the sidelines of the summit"): that other thing is the
    happening the sentence tells."""
    frames = _words()["frames"]
    ends = [t.end for t in tokens]
    out = []
    for trigger in triggers:
        if trigger.event_type == "summit" and any(
            t.key in frames for t in _before(tokens, ends, trigger)
        ):
            trigger = Trigger(trigger.event_type, max(1, trigger.weight // 2), trigger.word,
                              trigger.start, trigger.end)  # fmt: skip
        out.append(trigger)
    return out


def _object_of(starts: list[int], trigger: Trigger, governed_end: int) -> bool:
    """Within a few words after a governed trigger."""
    if governed_end < 0 or trigger.start < governed_end:
        return False
    between = bisect_left(starts, trigger.start) - bisect_left(starts, governed_end)
    return between < GOVERN_TOKENS


def _habitual(keys: list[str], words: dict[str, frozenset[str]]) -> bool:
    tolls = words.get("tolls", frozenset())
    if any(
        k in words["habitual"] and (i + 1 == len(keys) or keys[i + 1] not in tolls)
        for i, k in enumerate(keys)
    ):  # "many meetings", but "numerous casualties" counts a happening's toll
        return True
    counts = words["counts"]
    return any(a in counts and b == "times" for a, b in zip(keys, keys[1:]))


def _statistic(keys: list[str], words: dict[str, frozenset[str]]) -> bool:
    """A trend verb and a counted quantity ("to 1.5 million tons", "by 35 percent")."""
    if not any(k in words["trend_verbs"] for k in keys):
        return False
    numbers = words["counts"] | words["magnitudes"]
    return any(
        k in words["quantities"]
        and any(p.isdigit() or p in numbers for p in keys[max(0, i - 2) : i])
        for i, k in enumerate(keys)
    )
