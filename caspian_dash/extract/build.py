"""Turn merged candidates into the public Event records (id, title, sorted fields)."""

from __future__ import annotations

import hashlib
from functools import cache
from operator import attrgetter

from ..models import EVENT_TYPES, Event
from .candidate import Candidate
from .event_types import best_type, labels
from .gazetteer import Gazetteer
from .lexicon import load_lexicon
from .links import linked_features
from .titles import make_title

_SOURCE_ORDER = attrgetter("doc_id", "char_start")
CAPITAL_TYPES = frozenset({"diplomatic_meeting", "summit"})


_HOSTED_TYPES = frozenset({"other", "military_action"})


def to_event(candidate: Candidate, gazetteer: Gazetteer) -> Event:
    """The Event for a merged candidate."""
    event_type = _final_type(candidate)
    place = candidate.place
    flags = set(candidate.flags)
    if place is None and candidate.fallback is not None:
        place = candidate.fallback
        flags.add("place_inferred")
    if (
        place is not None
        and place.precision == "country"
        and (event_type in CAPITAL_TYPES or candidate.words & _capital_words())
        and place.country in gazetteer.capitals
    ):
        # talks "in Kazakhstan" are held in its capital unless the text says otherwise, and
        # so are most of a state's rallies
        place = gazetteer.capitals[place.country]
        flags.add("place_inferred")
    actors = list(candidate.actors)
    if place is not None and event_type in ("infrastructure", "trade_transit"):
        # a pipeline's milestone concerns the states it crosses; a dam's, its host state
        hosts = place.countries or ((place.country,) if event_type == "infrastructure" else ())
        actors += [c for c in hosts if c and c not in actors]
    elif place is not None and place.country and not actors and event_type in _HOSTED_TYPES:
        # an election, a fire or a firefight that names no state: the state it happened in
        actors = [place.country]
    actor_names = [gazetteer.states[a].name if a in gazetteer.states else a for a in actors]
    title = make_title(
        candidate.title,
        _label(event_type),
        actor_names,
        place.name if place else None,
    )
    sources = tuple(sorted(candidate.sources, key=_SOURCE_ORDER))
    date_start, date_end = candidate.first.isoformat(), candidate.last.isoformat()
    place_name = place.name if place else None
    return Event(
        # the id from the same fields event_id reads, so the Event is built once
        id=_hash_id(event_type, date_start, date_end, place_name, sources),
        title=title,
        event_type=event_type,
        date_start=date_start,
        date_end=date_end,
        time_precision=candidate.precision,
        place=place_name,
        lon=place.lon if place else None,
        lat=place.lat if place else None,
        geo_precision=place.precision if place else None,
        actors=tuple(actors),
        linked_features=linked_features(candidate, gazetteer),
        sources=sources,
        flags=tuple(sorted(flags)),
    )


@cache
def _capital_words() -> frozenset[str]:
    """Trigger words of happenings a state's capital stands in for (lexicons/places.yaml)."""
    return frozenset(load_lexicon("places").get("capital_happenings", ()))


def event_id(event: Event) -> str:
    """Stable id: a hash of the normalised key fields (same input, same id, anywhere).

    >>> from caspian_dash.models import Source
    >>> e = Event("", "t", "summit", "2018-01-01", "2018-12-31", "year",
    ...           sources=(Source("doc", "s", 0, 1),))
    >>> event_id(e)
    'ev-a6976a5835e3'
    """
    return _hash_id(event.event_type, event.date_start, event.date_end, event.place, event.sources)


def _hash_id(
    event_type: str, date_start: str, date_end: str, place: str | None, sources: tuple
) -> str:
    first = sources[0] if sources else None
    key = "|".join(
        [
            event_type,
            date_start,
            date_end,
            place or "",
            f"{first.doc_id}:{first.char_start}" if first else "",
        ]
    )
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _final_type(candidate: Candidate) -> str:
    if candidate.type_scores.get("summit", 0) >= 4:
        return "summit"  # whatever else a summit did, it is mapped as the summit
    event_type, _ = best_type({k: v for k, v in candidate.type_scores.items() if k in EVENT_TYPES})
    return event_type


@cache
def _label(event_type: str) -> str:
    # labels() builds its table afresh on each call, and every event asks for one
    return labels().get(event_type, event_type)
