"""Split a sentence into clauses and group its dates into one time per happening."""

from __future__ import annotations

import re
from itertools import pairwise

from .dates import DateMention

# Where one clause ends and another (often with its own happening) begins.
_CLAUSE_BREAK = re.compile(r",\s+(?:which|while|whereas|but|although|though)\b|;|\s[—–]\s")

# Within a clause, where the scene can change while the type holds: "opened its embassy in
# Almaty in 1992 and then relocated to Astana in 2006", "presented at the Vienna forum in May,
# and on 11 October at a conference in Vilnius".
_SCENE_BREAK = re.compile(r",?\s+and\s+(?:then|later|subsequently)\b|,\s+and\s+(?:on|in|at)\s")

Span = tuple[int, int]


def clauses(text: str, base: int) -> list[Span]:
    """Clause spans of ``text`` as offsets shifted by ``base``.

    >>> clauses("They met in Baku, which hosted talks in 2018.", 0)
    [(0, 16), (16, 45)]
    """
    return _cut(text, base, _CLAUSE_BREAK)


def scene_clauses(text: str, base: int) -> list[Span]:
    """Clauses cut further where a new scene may begin ("... and then moved to ...")."""
    return _cut(text, base, _CLAUSE_BREAK, _SCENE_BREAK)


def _cut(text: str, base: int, *breaks: re.Pattern) -> list[Span]:
    cuts = sorted(m.start() for pattern in breaks for m in pattern.finditer(text))
    bounds = [0, *cuts, len(text)]
    return [(base + a, base + b) for a, b in pairwise(bounds)]


def clause_of(spans: list[Span], offset: int) -> Span:
    """The clause holding ``offset``."""
    for span in spans:
        if span[0] <= offset < span[1]:
            return span
    return spans[-1]


def date_groups(dates: list[DateMention]) -> list[list[DateMention]]:
    """Dates that overlap (July + 2025) describe one time; others may be other events."""
    groups: list[list[DateMention]] = []
    common: list[tuple] = []  # each group's shared interval: overlapping it = overlapping all
    for mention in dates:
        for n, group in enumerate(groups):
            first, last = common[n]
            if first <= mention.last and mention.first <= last and _same_strength(mention, group):
                group.append(mention)
                common[n] = (max(first, mention.first), min(last, mention.last))
                break
        else:
            groups.append([mention])
            common.append((mention.first, mention.last))
    return groups


def most_precise(group: list[DateMention]) -> DateMention:
    """The narrowest date of a group ("July" over "2025")."""
    return min(group, key=lambda d: ((d.last - d.first).days, d.kind == "weak", d.start))


def dominated(group: list[DateMention], strong: list[list[DateMention]], spans: list[Span]) -> bool:
    """A weak "now" shares its clause with a real date: the real date wins."""
    clause = clause_of(spans, group[0].start)
    return any(clause_of(spans, g[0].start) == clause for g in strong)


def _same_strength(mention: DateMention, group: list[DateMention]) -> bool:
    return (mention.kind == "weak") == all(d.kind == "weak" for d in group)
