"""Which geodata features an event concerns (``linked_features``), so the map can join them:
features named in its sentences (pipelines, corridors, places), its place's feature, its
states, and maritime zones its sentences talk about (``lexicons/zones.yaml``)."""

from __future__ import annotations

import re
from functools import lru_cache

from .candidate import Candidate
from .gazetteer import Gazetteer
from .lexicon import load_lexicon


def linked_features(candidate: Candidate, gazetteer: Gazetteer) -> tuple[str, ...]:
    """Feature ids for ``candidate``, most specific first, without repeats."""
    ids = list(candidate.features)
    if candidate.place is not None and candidate.place.feature_id:
        ids.append(candidate.place.feature_id)
    states = gazetteer.state_ids
    actors = [a for a in candidate.actors if len(a) == 3 and a.isupper()]
    ids += [a for a in actors if not states or a in states]
    text = " ".join(s.sentence for s in candidate.sources)
    ids += _zone_features(text, set(actors), gazetteer.layer_features)
    return tuple(dict.fromkeys(ids))


@lru_cache(maxsize=1)
def _topics() -> tuple[tuple[str, str, re.Pattern, re.Pattern], ...]:
    """(layer, zone type, pattern, the pattern for lowercased text) per topic.

    Almost all text can be lowercased and matched with the second one: written in lower
    case, it needs no IGNORECASE, which makes it several times faster (it can scan for its
    literal prefix); every event's text is searched.
    """
    rows = load_lexicon("zones").get("topics", [])
    return tuple(
        (
            r["layer"],
            r.get("zone_type", ""),
            re.compile(r["pattern"], re.IGNORECASE),
            re.compile(r["pattern"], 0 if r["pattern"] == r["pattern"].lower() else re.IGNORECASE),
        )
        for r in rows
    )


# The only characters case-insensitive matching pairs with an ASCII letter that str.lower()
# does not turn into that letter ("ı", "ſ") or turns into two characters ("İ").
_ODD_CASE = ("\u0130", "\u0131", "\u017f")


def _zone_features(text: str, actors: set[str], layers: dict[str, list[dict]]) -> list[str]:
    ids = []
    plain = not any(c in text for c in _ODD_CASE)
    if plain:
        text = text.lower()
    for layer, zone_type, pattern, lower_pattern in _topics():
        if not (lower_pattern if plain else pattern).search(text):
            continue
        for props in layers.get(layer, []):
            if zone_type and props.get("zone_type") != zone_type:
                continue
            if _belongs(props, actors):
                ids.append(str(props["id"]))
    return ids


def _belongs(props: dict, actors: set[str]) -> bool:
    if props.get("state"):
        return props["state"] in actors
    if props.get("states"):
        return set(props["states"]) <= actors
    return True  # shared by all (the common space)
