"""Which events a view shows: filter state, applied to events (pure, no UI)."""

from __future__ import annotations

from dataclasses import dataclass

from caspian_dash.models import Event


@dataclass(frozen=True)
class Filters:
    """A user's selection. Empty ``countries`` means every country."""

    year_min: int | None = None
    year_max: int | None = None
    countries: frozenset[str] = frozenset()

    def matches(self, event: Event) -> bool:
        # An event known only to "2018" spans the whole year: it belongs to any window that
        # overlaps its interval, not only to windows that contain it.
        if self.year_min is not None and event.year_end < self.year_min:
            return False
        if self.year_max is not None and event.year_start > self.year_max:
            return False
        if self.countries and not (event_countries(event) & self.countries):
            return False
        return True

    def apply(self, events: list[Event]) -> list[Event]:
        return [e for e in events if self.matches(e)]


def _is_iso3(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper()


def event_countries(event: Event) -> set[str]:
    """The states an event involves: its state actors and the states it is linked to."""
    return {c for c in (*event.actors, *event.linked_features) if _is_iso3(c)}


def year_span(events: list[Event]) -> tuple[int, int] | None:
    """First and last year any event touches, or None when there are no events."""
    if not events:
        return None
    return min(e.year_start for e in events), max(e.year_end for e in events)


def countries_in(events: list[Event]) -> list[str]:
    """Every ISO3 code the events involve, sorted."""
    return sorted(set().union(*(event_countries(e) for e in events))) if events else []
