"""Which events a view shows: the user's selection, applied to events, and its round trip
through the page address so that any view can be shared as a link (pure, no UI)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from caspian_dash.models import EVENT_TYPES, SEA_ZONES, Event


@dataclass(frozen=True)
class Filters:
    """A user's selection. An empty set means "all"; None years mean "open-ended"."""

    year_min: int | None = None
    year_max: int | None = None
    countries: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    text: str = ""
    sea: frozenset[str] = frozenset()  # 2018 Convention zone types (models.SEA_ZONES)
    reviewed_only: bool = False  # only events an analyst confirmed, edited or added
    show_rejected: bool = False  # rejected events are hidden unless this is on

    def matches(self, event: Event, zone: str = "", joined: frozenset[str] = frozenset()) -> bool:
        """``zone``: the zone type the event's point lies in (``join.sea_join``), "" on land;
        ``joined``: the features it concerns on the loaded layers (``join.layer_join``):
        the state it lies in counts for the filter by country."""
        review = event.extra.get("review")  # review.apply.REVIEW_KEY
        if review is None:
            if self.reviewed_only:
                return False
        elif review["status"] == "rejected" and not self.show_rejected:
            return False
        # An event known only to "2018" spans the whole year: it belongs to any window that
        # overlaps its interval, not only to windows that contain it.
        if self.year_min is not None and event.year_end < self.year_min:
            return False
        if self.year_max is not None and event.year_start > self.year_max:
            return False
        if (
            self.countries
            and not (event_countries(event) & self.countries)
            and not (joined & self.countries)
        ):
            return False
        if self.event_types and event.event_type not in self.event_types:
            return False
        if self.documents and not any(s.doc_id in self.documents for s in event.sources):
            return False
        if self.sea and zone not in self.sea:
            return False
        return not self.text or self.text.casefold() in searchable_text(event)

    def apply(
        self,
        events: list[Event],
        zones: Mapping[str, str] | None = None,
        links: Mapping[str, frozenset[str]] | None = None,
    ) -> list[Event]:
        """The events that match; ``zones``: event id -> zone type, for those at sea;
        ``links``: event id -> the features ``join.layer_join`` adds."""
        zones = zones or {}
        links = links if links and self.countries else {}  # only the countries filter asks
        none: frozenset[str] = frozenset()
        return [e for e in events if self.matches(e, zones.get(e.id, ""), links.get(e.id, none))]


def _is_iso3(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper()


def event_countries(event: Event) -> frozenset[str]:
    """The states an event involves: its state actors and the states it is linked to."""
    return event.countries


def searchable_text(event: Event) -> str:
    """What free-text search looks in: title, place, actors and every source sentence."""
    parts = [event.title, event.place or "", *event.actors, *(s.sentence for s in event.sources)]
    return "\n".join(parts).casefold()


def year_span(events: list[Event]) -> tuple[int, int] | None:
    """First and last year any event touches, or None when there are no events."""
    if not events:
        return None
    return min(e.year_start for e in events), max(e.year_end for e in events)


def countries_in(
    events: list[Event], links: Mapping[str, frozenset[str]] | None = None
) -> list[str]:
    """Every ISO3 code the events involve or (``links``: ``join.layer_join``) lie in, sorted."""
    found = set().union(*(event_countries(e) for e in events)) if events else set()
    joined = set().union(*(links or {}).values())
    return sorted(found | {c for c in joined if _is_iso3(c)})


def documents_in(events: list[Event]) -> list[str]:
    """Every document id that is a source of some event, sorted."""
    return sorted({s.doc_id for e in events for s in e.sources})


# --- the page address: ?from=2018&to=2025&country=KAZ&type=summit&doc=...&sea=common_space&q=... ---

_KEYS = {"countries": "country", "event_types": "type", "documents": "doc", "sea": "sea"}


def to_query(filters: Filters) -> dict[str, str | list[str]]:
    """The filters as query parameters (lists for repeated keys), leaving defaults out."""
    query: dict[str, str | list[str]] = {}
    if filters.year_min is not None:
        query["from"] = str(filters.year_min)
    if filters.year_max is not None:
        query["to"] = str(filters.year_max)
    for attr, key in _KEYS.items():
        values = sorted(getattr(filters, attr))
        if values:
            query[key] = values
    if filters.text:
        query["q"] = filters.text
    if filters.reviewed_only:
        query["reviewed"] = "1"
    if filters.show_rejected:
        query["rejected"] = "1"
    return query


def _int_or_none(values: list[str]) -> int | None:
    try:
        return int(values[-1]) if values else None
    except ValueError:
        return None


def from_query(params: Mapping[str, list[str]]) -> Filters:
    """Filters from query parameters (each key to all its values); bad values are ignored."""

    def get(key: str) -> list[str]:
        return [v for v in params.get(key, []) if v]

    filters = Filters(
        year_min=_int_or_none(get("from")),
        year_max=_int_or_none(get("to")),
        countries=frozenset(v.upper() for v in get("country") if _is_iso3(v.upper())),
        event_types=frozenset(v for v in get("type") if v in EVENT_TYPES),
        documents=frozenset(get("doc")),
        text=(get("q") or [""])[-1].strip(),
        sea=frozenset(v for v in get("sea") if v in SEA_ZONES),
        reviewed_only=get("reviewed")[-1:] == ["1"],
        show_rejected=get("rejected")[-1:] == ["1"],
    )
    low, high = filters.year_min, filters.year_max
    if low is not None and high is not None and low > high:
        filters = replace(filters, year_min=filters.year_max, year_max=filters.year_min)
    return filters


def clamp_years(filters: Filters, span: tuple[int, int] | None) -> Filters:
    """Keep the year window inside the span of the events (a shared link may predate them)."""
    if span is None:
        return replace(filters, year_min=None, year_max=None)
    lo = span[0] if filters.year_min is None else min(max(filters.year_min, span[0]), span[1])
    hi = span[1] if filters.year_max is None else max(min(filters.year_max, span[1]), lo)
    return replace(filters, year_min=lo, year_max=hi)


def years_text(filters: Filters) -> str:
    """The years in view: "2005", "2003–2005", "…–2005"; "" for all years."""
    if filters.year_min is None and filters.year_max is None:
        return ""
    lo = filters.year_min if filters.year_min is not None else "…"
    hi = filters.year_max if filters.year_max is not None else "…"
    return str(lo) if lo == hi else f"{lo}–{hi}"


def describe(filters: Filters, names: Mapping[str, str] | None = None) -> str:
    """A one-line human summary of the selection, e.g. for an exported map's title."""
    names = names or {}
    parts = [years] if (years := years_text(filters)) else []
    if filters.countries:
        parts.append(", ".join(names.get(c, c) for c in sorted(filters.countries)))
    if filters.event_types:
        parts.append(", ".join(sorted(t.replace("_", " ") for t in filters.event_types)))
    if filters.documents:
        parts.append(f"{len(filters.documents)} document(s)")
    if filters.sea:
        parts.append("at sea: " + ", ".join(SEA_ZONES[z] for z in sorted(filters.sea)))
    if filters.text:
        parts.append(f"“{filters.text}”")
    if filters.reviewed_only:
        parts.append("reviewed events only")
    if filters.show_rejected:
        parts.append("rejected events shown")
    return " · ".join(parts) or "all events"
