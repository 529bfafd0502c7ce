"""Events joined to geodata features: through their ``linked_features`` ids, and in space,
to the sea's 2018 Convention zones and seabed sectors (pure)."""

from __future__ import annotations

from collections import Counter
from itertools import chain

import geopandas as gpd

from caspian_dash.models import Event

_ZONE_WORDS = {
    "internal_waters": "internal waters",
    "territorial_sea": "territorial sea",
    "fishery_zone": "fishery zone",
    "common_space": "common maritime space",
}


def feature_ids(event: Event) -> frozenset[str]:
    """Every feature an event concerns: its linked features and the states it involves."""
    return event.feature_ids


def event_counts(events: list[Event]) -> Counter:
    """Feature id -> number of events linked to it."""
    return Counter(chain.from_iterable(e.feature_ids for e in events))


def events_for_feature(events: list[Event], feature_id: str) -> list[Event]:
    """The events linked to one feature, oldest first."""
    return sorted((e for e in events if feature_id in feature_ids(e)), key=lambda e: e.date_start)


def sea_zones(events: list[Event], layers: dict[str, gpd.GeoDataFrame]) -> dict[str, str]:
    """Event id -> where at sea it happened, in words ("KAZ territorial sea, KAZ sector": the
    2018 Convention zone, then the median-line seabed sector), for the events placed at a site inside the sea's zones; events on land, or
    placed only at a region or a state (whose point says nothing about the sea), have none.

    A spatial join of the events' points with the ``maritime_zones`` and ``seabed_sectors``
    layers (geopandas ``sjoin``): the layers loaded in the app, not those extraction read.
    """
    zones, sectors = layers.get("maritime_zones"), layers.get("seabed_sectors")
    sited = [e for e in events if e.geo_precision == "site" and e.lon is not None]
    if not sited or zones is None or zones.empty:
        return {}
    points = gpd.GeoDataFrame(
        {"event": [e.id for e in sited]},
        geometry=gpd.points_from_xy([e.lon for e in sited], [e.lat for e in sited]),
        crs=zones.crs,
    )
    found: dict[str, list[str]] = {}
    for row in gpd.sjoin(points, zones, predicate="within").itertuples():
        words = _ZONE_WORDS.get(row.zone_type, str(row.zone_type))
        state = row.state if isinstance(row.state, str) else ""
        found.setdefault(row.event, []).append(f"{state} {words}" if state else words)
    if sectors is not None and not sectors.empty:
        for row in gpd.sjoin(points, sectors, predicate="within").itertuples():
            if row.event in found:  # a sector is told only for a point in the sea's zones
                found[row.event].append(f"{row.state} sector")
    return {event: ", ".join(parts) for event, parts in found.items()}
