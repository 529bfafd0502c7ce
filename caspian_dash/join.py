"""Events joined to geodata features through their ``linked_features`` ids (pure)."""

from __future__ import annotations

from collections import Counter
from itertools import chain

from caspian_dash.models import Event


def feature_ids(event: Event) -> frozenset[str]:
    """Every feature an event concerns: its linked features and the states it involves."""
    return event.feature_ids


def event_counts(events: list[Event]) -> Counter:
    """Feature id -> number of events linked to it."""
    return Counter(chain.from_iterable(e.feature_ids for e in events))


def events_for_feature(events: list[Event], feature_id: str) -> list[Event]:
    """The events linked to one feature, oldest first."""
    return sorted((e for e in events if feature_id in feature_ids(e)), key=lambda e: e.date_start)
