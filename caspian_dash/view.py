"""One view of the data: the filters applied, the events joined to the layers, the map built.
Shared by the app and the ``export-map`` command so both show the same thing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import folium

from caspian_dash.filters import Filters
from caspian_dash.join import event_counts
from caspian_dash.mapping import build_map
from caspian_dash.models import Document, Event
from caspian_dash.settings import MAP_CENTER, MAP_ZOOM

FOCUS_ZOOM = 7


@dataclass
class View:
    shown: list[Event]  # the events that pass the filters
    counts: Counter  # feature id -> events shown linked to it
    map: folium.Map


def doc_titles(documents: list[Document]) -> dict[str, str]:
    return {d.doc_id: d.title or d.doc_id for d in documents}


def make_view(
    layers: Mapping,
    events: list[Event],
    documents: list[Document],
    filters: Filters,
    basemap: str = "none",
    focus: Event | None = None,
) -> View:
    """Filter, join and draw. Infrastructure is drawn as it stood at the window's last year;
    ``focus`` centres the map on one event."""
    shown = filters.apply(events)
    counts = event_counts(shown)
    if focus is not None and focus.lat is not None and focus.lon is not None:
        location, zoom = (focus.lat, focus.lon), FOCUS_ZOOM
    else:
        location, zoom = MAP_CENTER, MAP_ZOOM
    m = build_map(layers, shown, doc_titles(documents), basemap, filters.year_max, counts,
                  location, zoom)
    return View(shown, counts, m)
