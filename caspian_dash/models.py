"""Plain data types shared by every part of caspian_dash (imports nothing local)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

EVENT_TYPES = (
    "summit",
    "agreement",
    "military_exercise",
    "military_action",
    "diplomatic_meeting",
    "infrastructure",
    "trade_transit",
    "statement",
    "other",
)
TIME_PRECISIONS = ("day", "month", "year")
GEO_PRECISIONS = ("site", "region", "country")
# The 2018 Convention's zones of the Caspian Sea (the maritime_zones layer's zone_type), in words
SEA_ZONES = {
    "internal_waters": "internal waters",
    "territorial_sea": "territorial sea",
    "fishery_zone": "fishery zone",
    "common_space": "common maritime space",
}


@dataclass(frozen=True)
class Document:
    """One source document as read from disk, with its manifest row (if any)."""

    doc_id: str  # file name without extension
    text: str  # exactly as read; every offset points into this string
    title: str = ""
    publisher: str = ""
    published: str = ""  # YYYY-MM-DD, YYYY-MM, YYYY or "" (as precise as known)
    url: str = ""


@dataclass(frozen=True)
class Source:
    """Where an event was read: text[char_start:char_end] == sentence."""

    doc_id: str
    sentence: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Event:
    """One happening, possibly reported by several documents."""

    id: str
    title: str
    event_type: str
    date_start: str  # YYYY-MM-DD
    date_end: str  # YYYY-MM-DD
    time_precision: str
    place: str | None = None
    lon: float | None = None
    lat: float | None = None
    geo_precision: str | None = None
    actors: tuple[str, ...] = ()
    linked_features: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    flags: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    # Derived once, while the event is built: every filter change asks each event again,
    # and at 100,000 events recomputing these took most of a rerun.
    year_start: int = field(init=False, repr=False, compare=False)
    year_end: int = field(init=False, repr=False, compare=False)
    # the states it involves: ISO3 codes among its actors and linked features
    countries: frozenset[str] = field(init=False, repr=False, compare=False)
    # every map feature it concerns: its linked features and the states it involves
    feature_ids: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        countries, feature_ids = _states_and_features(self.actors, self.linked_features)
        # a frozen dataclass sets its own derived fields this way, once, as it is built
        init = object.__setattr__
        init(self, "year_start", int(self.date_start[:4]))
        init(self, "year_end", int(self.date_end[:4]))
        init(self, "countries", countries)
        init(self, "feature_ids", feature_ids)


@lru_cache(maxsize=1 << 16)
def _states_and_features(
    actors: tuple[str, ...], linked: tuple[str, ...]
) -> tuple[frozenset[str], frozenset[str]]:
    """An event's states and feature ids, shared by the events with the same actors and
    links: a corpus has few such pairs, and 100,000 events holding sets of their own made
    the garbage collector's passes (and so every join) slower."""
    countries = frozenset(
        c for c in (*actors, *linked) if len(c) == 3 and c.isalpha() and c.isupper()
    )
    return countries, frozenset(linked) | countries
