"""Plain data types shared by every part of caspian_dash (imports nothing local)."""

from __future__ import annotations

from dataclasses import dataclass, field

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


class derived:
    """A value computed from an instance's fields on first use, then kept in the instance
    (like functools.cached_property, without the lock it takes on every first use in 3.11)."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)  # found there from now on
        return value


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

    # Cached (in the instance, beside the fields): every filter change asks each event again,
    # and at 100,000 events recomputing these took most of a rerun.
    @derived
    def year_start(self) -> int:
        return int(self.date_start[:4])

    @derived
    def year_end(self) -> int:
        return int(self.date_end[:4])

    @derived
    def countries(self) -> frozenset[str]:
        """The states it involves: ISO3 codes among its actors and linked features."""
        return frozenset(
            c
            for c in (*self.actors, *self.linked_features)
            if len(c) == 3 and c.isalpha() and c.isupper()
        )

    @derived
    def feature_ids(self) -> frozenset[str]:
        """Every map feature it concerns: its linked features and the states it involves."""
        return frozenset(self.linked_features) | self.countries
