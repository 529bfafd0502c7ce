"""Happenings told by a verb no trigger list holds: "was released on 3 May", "Chevron quit
the project in December 2005".

The trigger lists name families of events; history in passing uses any verb. A finite
verb in the past (a regular "-ed" form or a listed irregular one), in a sentence that
dates something to a day or a month, reports a happening of type ``other``, weighed at
the least that makes an event. A year alone is too loose ("In 2010, relations improved"),
and the first person of a transcript recalls as often as it reports, so neither counts.
The words are data (``lexicons/event_types.yaml``, ``_past_predicates``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dates import DateMention
from .event_types import MIN_SCORE, Trigger
from .lexicon import load_lexicon
from .tokens import Token

# the speaker of a transcript: "I met", "we signed" (sentence_events reads it too)
FIRST_PERSON = re.compile(r"(?i)\b(?:I|we|our|us|my|me)\b")
REGULAR_MIN_CHARS = 5  # "-ed" words shorter than this are nouns and names ("bed", "Ahmed")


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    table = load_lexicon("event_types").get("_past_predicates") or {}
    return {key: frozenset(str(w).lower() for w in words) for key, words in table.items()}


def dates_a_happening(dates: list[DateMention]) -> bool:
    """A day or a month written out in the sentence ("on 10 May 2005", "in April 2008")."""
    return any(
        d.role == "event" and d.kind in ("absolute", "partial") and d.precision in ("day", "month")
        for d in dates
    )


def past_predicate(text: str, tokens: list[Token], dates: list[DateMention]) -> Trigger | None:
    """The first finite verb in the past of a sentence dated to a day or a month.

    >>> from caspian_dash.extract.tokens import tokenize
    >>> from caspian_dash.extract.dates import find_dates
    >>> text = "The two hostages were released on 3 May 2008."
    >>> past_predicate(text, tokenize(text), find_dates(text)).word
    'released'
    >>> text = "The released hostages spoke to the press on 3 May 2008."
    >>> past_predicate(text, tokenize(text), find_dates(text)) is None
    True
    """
    if not dates_a_happening(dates) or FIRST_PERSON.search(text):
        return None
    words = _words()
    for i, token in enumerate(tokens):
        word = token.text
        if not word.islower() or word in words["not_happenings"]:
            continue
        regular = len(word) >= REGULAR_MIN_CHARS and word.endswith("ed")
        if not (regular or word in words["irregular"]):
            continue
        if i and tokens[i - 1].key in words["not_finite_after"]:
            continue
        return Trigger("other", MIN_SCORE, token.key, token.start, token.end)
    return None
