"""What changes with the filters: the events, and the view's state (``view.state``) that the
map runtime applies to the layers already drawn."""

from __future__ import annotations

from collections.abc import Mapping

import folium

from caspian_dash.mapping.events import add_events
from caspian_dash.mapping.runtime import ApplyState
from caspian_dash.models import Event


def build_overlay(
    events: list[Event], doc_titles: Mapping[str, str], state: dict, rows: dict | None = None
) -> folium.FeatureGroup:
    """The per-filter part of the map: the events layer and the state for the runtime
    (``rows``: the events' compact rows built so far, see ``events.compact_data``)."""
    group = folium.FeatureGroup(name="Events", show=True)
    located, bounds = add_events(group, events, dict(doc_titles), rows)
    group.layer_name = f"Events ({located})"  # the layer list's label: events drawn
    group.located = located  # the others have no place: the caption says how many
    ApplyState({**state, "bounds": bounds}).add_to(group)
    return group
