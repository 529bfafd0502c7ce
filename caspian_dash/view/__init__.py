"""The view: the events a user's selection shows, joined to the layers, ready for the map, the
table, the chart and the exports (pure, no folium). Shared by the app and the ``export-map``
command so that both show the same thing.

filters (the selection and the page address), timeline (time), state (what the map's runtime
applies), table, exports, provenance (the sources, made safe to show)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from caspian_dash.join import SeaPlace, event_counts, sea_counts
from caspian_dash.models import Document, Event
from caspian_dash.settings import MAP_CENTER, MAP_ZOOM
from caspian_dash.view.filters import Filters, years_text
from caspian_dash.view.state import layer_records, view_state

FOCUS_ZOOM = 6  # a region around the event (7 showed 50 km and cut its popup off)
# The view is centred this far north of a picked event, so that its popup, which opens
# above it, fits in the frame.
POPUP_ROOM_DEG = 1.5


@dataclass
class View:
    shown: list[Event]  # the events that pass the filters
    counts: Counter  # feature id -> events shown linked to it
    state: dict  # what the map runtime applies to the drawn layers
    titles: dict[str, str]  # doc id -> title, for popups
    year: int | None  # infrastructure is drawn as it stood at the end of this year


def doc_titles(documents: list[Document]) -> dict[str, str]:
    return {d.doc_id: d.title or d.doc_id for d in documents}


def make_view(
    layers: Mapping,
    events: list[Event],
    documents: list[Document],
    filters: Filters,
    sea: Mapping[str, SeaPlace] | None = None,
    records: Mapping[str, list[dict]] | None = None,
    links: Mapping[str, frozenset[str]] | None = None,
) -> View:
    """Filter and join; infrastructure as it stood at the window's last year. ``sea``: where
    at sea the events are (``join.sea_join``), for the filter by zone and the zones' counts;
    ``records``: ``state.layer_records(layers)``, when the caller keeps them (the app does);
    ``links``: the features the loaded layers add to each event's own (``join.layer_join``:
    the state it lies in, the lines and places its sentences name), for the filter by
    country and the features' counts."""
    sea = sea or {}
    zones = {i: p.zone_type for i, p in sea.items()} if filters.sea else None
    shown = filters.apply(events, zones, links)
    counts = event_counts(shown, links)
    if sea:
        counts.update(sea_counts(shown, sea))
    return View(
        shown,
        counts,
        view_state(
            layer_records(layers) if records is None else records,
            counts,
            filters.year_max,
            years_text(filters),
        ),
        doc_titles(documents),
        filters.year_max,
    )


def focus_view(focus: Event | None) -> tuple[tuple[float, float], int]:
    """Where the map looks: the focused event up close, else the whole Caspian."""
    if focus is not None and focus.lat is not None and focus.lon is not None:
        return (round(focus.lat + POPUP_ROOM_DEG, 4), focus.lon), FOCUS_ZOOM
    return MAP_CENTER, MAP_ZOOM


def clicked_target(props: Mapping, shown: list[Event]) -> tuple[str, str | None]:
    """What a click on the map selected: ("event", id) or ("feature", id) (id None: nothing).

    Icon markers carry their event's id; the compact layer numbers the located events it
    was given, in the order of ``shown``.
    """
    if props.get("kind") != "event":
        return "feature", props.get("id")
    index = props.get("index")
    if index is None:
        return "event", props.get("id")
    located = [e for e in shown if e.lat is not None and e.lon is not None]
    valid = isinstance(index, int) and 0 <= index < len(located)
    return "event", located[index].id if valid else None
