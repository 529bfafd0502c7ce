"""Events <-> GeoJSON FeatureCollection (the format ``extract`` writes and the app reads)."""

from __future__ import annotations

from typing import Any

from ..models import Event, Source

_FIELDS = (
    "id",
    "title",
    "event_type",
    "date_start",
    "date_end",
    "time_precision",
    "place",
    "geo_precision",
)


def events_to_geojson(events: list[Event]) -> dict:
    """One Point Feature per event (geometry null when no place was resolved).

    >>> events_to_geojson([])
    {'type': 'FeatureCollection', 'features': []}
    """
    return {"type": "FeatureCollection", "features": [_feature(e) for e in events]}


def _feature(event: Event) -> dict:
    geometry = None
    if event.lon is not None and event.lat is not None:
        geometry = {"type": "Point", "coordinates": [event.lon, event.lat]}
    properties = {name: getattr(event, name) for name in _FIELDS}
    properties.update(
        actors=list(event.actors),
        linked_features=list(event.linked_features),
        sources=[
            {
                "doc_id": s.doc_id,
                "sentence": s.sentence,
                "char_start": s.char_start,
                "char_end": s.char_end,
            }
            for s in event.sources
        ],
        flags=list(event.flags),
    )
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties}


def events_from_geojson(collection: dict) -> list[Event]:
    """Read events back from a FeatureCollection written by :func:`events_to_geojson`."""
    events = []
    for feature in collection.get("features", []):
        props = feature.get("properties") or {}
        coords = (feature.get("geometry") or {}).get("coordinates") or [None, None]
        fields: dict[str, Any] = {name: props.get(name) for name in _FIELDS}
        events.append(
            Event(
                **fields,
                lon=coords[0],
                lat=coords[1],
                actors=tuple(props.get("actors", ())),
                linked_features=tuple(props.get("linked_features", ())),
                sources=tuple(
                    Source(s["doc_id"], s["sentence"], int(s["char_start"]), int(s["char_end"]))
                    for s in props.get("sources", ())
                ),
                flags=tuple(props.get("flags", ())),
            )
        )
    return events
