"""Events joined to geodata features: through their ``linked_features`` ids; by the names
of the loaded layers' pipelines, corridors and places in their sentences; and in space, to
the state containing each event's point and to the sea's 2018 Convention zones and seabed
sectors (pure). The spatial joins read the layers the app loaded, never those extraction
knew: a layer edited on disk changes the answer and no document is extracted again."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import chain

import geopandas as gpd
import numpy as np
import shapely

from caspian_dash.extract.gazetteer import name_variants
from caspian_dash.models import SEA_ZONES, Event


def feature_ids(event: Event) -> frozenset[str]:
    """Every feature an event concerns: its linked features and the states it involves."""
    return event.feature_ids


def event_counts(events: list[Event], links: Mapping[str, frozenset[str]] | None = None) -> Counter:
    """Feature id -> number of events linked to it (``links``: ``layer_join``'s answer, which
    replaces an event's own features by all it concerns on the loaded layers)."""
    if not links:
        return Counter(chain.from_iterable(e.feature_ids for e in events))
    return Counter(chain.from_iterable(links.get(e.id, e.feature_ids) for e in events))


def events_for_feature(
    events: list[Event],
    feature_id: str,
    sea: Mapping[str, SeaPlace] | None = None,
    links: Mapping[str, frozenset[str]] | None = None,
) -> list[Event]:
    """The events linked to one feature, in a zone or sector of the sea (``sea``:
    ``sea_join``'s answer) or joined to it on the loaded layers (``links``: ``layer_join``'s),
    oldest first."""
    sea, links = sea or {}, links or {}

    def concerns(e: Event) -> bool:
        place = sea.get(e.id)
        return (
            feature_id in feature_ids(e)
            or (place is not None and feature_id in place.feature_ids)
            or feature_id in links.get(e.id, ())  # its own features, or those joined
        )

    return sorted((e for e in events if concerns(e)), key=lambda e: e.date_start)


def missing_links(events: list[Event], layers: Mapping[str, gpd.GeoDataFrame]) -> Counter:
    """Feature id -> number of events linked to it, for the ids no loaded layer holds: the
    documents were read against other layers (a layer since edited, or not loaded), so these
    links would count nowhere on the map."""
    known = {i for gdf in layers.values() if "id" in gdf for i in gdf["id"]}
    return Counter(i for e in events for i in set(e.linked_features) if i not in known)


def layer_join(
    events: list[Event], layers: Mapping[str, gpd.GeoDataFrame]
) -> dict[str, frozenset[str]]:
    """Event id -> every feature an event concerns: its own (``feature_ids``) and those the
    loaded layers add, the state (``states`` layer id, ISO3) whose territory holds its point
    and the pipelines, corridors and places its sentences name (a line "30 km" from the
    event included) by their names and aliases in those layers. An event in Baku whose
    actors are the United States alone is in Azerbaijan too; a pipeline added to a layer,
    or given a new alias, joins the events that name it with no document extracted again.
    Events the layers add nothing to have no entry."""
    states = _containing_state(events, layers)
    index = _name_index(layers)
    named_in: dict[str, frozenset[str]] = {}  # events often share their sentences
    shared: dict[tuple, frozenset[str]] = {}  # and their answers: one set for each answer
    found = {}
    for e in events:
        # keyed by the text itself (a string keeps its hash; a Source computes its own)
        text = (
            e.sources[0].sentence
            if len(e.sources) == 1
            else " ".join(s.sentence for s in e.sources)
        )
        named = named_in.get(text) if index else frozenset()
        if named is None:
            named = named_in[text] = frozenset(_named(text, index))
        state = states.get(e.id)
        extra = named - e.feature_ids if named else named
        if not extra and state is None:
            continue
        key = (e.feature_ids, extra, state)
        joined = shared.get(key)
        if joined is None:
            joined = shared[key] = e.feature_ids | extra | ({state} if state else set())
        found[e.id] = joined
    return found


def _containing_state(events: list[Event], layers: Mapping[str, gpd.GeoDataFrame]) -> dict:
    states = layers.get("states")
    located = [e for e in events if e.lon is not None and e.lat is not None]
    if not located or states is None or states.empty or "id" not in states:
        return {}
    x = np.fromiter((e.lon for e in located), float, len(located))
    y = np.fromiter((e.lat for e in located), float, len(located))
    ids = [_text(i) for i in states["id"]]
    return {
        e.id: ids[row]
        for e, row in zip(located, _containing(states, x, y))
        if row >= 0 and ids[row] and ids[row] not in e.countries
    }


# The layers whose features a sentence names, and the columns that hold their names.
NAMED_LAYERS = {"pipelines": ("name",), "corridors": ("corridor", "segment"), "places": ("name",)}
_WORD = re.compile(r"[^\W_][\w’']*")
MIN_NAME_CHARS = 3  # "BTC", "CPC"; shorter strings are not names to look for


def _name_index(layers: Mapping[str, gpd.GeoDataFrame]) -> dict[str, list[tuple[str, str]]]:
    """First word -> (name, feature id), longest names first, for every feature of
    ``NAMED_LAYERS`` in the loaded layers."""
    index: dict[str, list[tuple[str, str]]] = {}
    for layer, columns in NAMED_LAYERS.items():
        gdf = layers.get(layer)
        if gdf is None or "id" not in gdf:
            continue
        for row in gdf.drop(columns="geometry").to_dict("records"):
            aliases = row.get("aliases")
            names = [n for c in columns for n in name_variants(_text(row.get(c)))]
            names += [a for a in aliases if isinstance(a, str)] if isinstance(aliases, list) else []
            for name in {n.strip() for n in names if len(n.strip()) >= MIN_NAME_CHARS}:
                first = _WORD.match(name)
                if first is not None:
                    index.setdefault(first.group(), []).append((name, str(row["id"])))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


def _named(text: str, index: Mapping[str, list[tuple[str, str]]]) -> set[str]:
    """The feature ids whose names ``text`` holds, each as whole words; a name inside a
    longer one ("Ceyhan" in "the Baku–Tbilisi–Ceyhan pipeline") is part of that name."""
    ids, taken = set(), 0
    for match in _WORD.finditer(text):
        if match.start() < taken:
            continue
        for name, feature_id in index.get(match.group(), ()):
            end = match.start() + len(name)
            if text.startswith(name, match.start()) and not text[end : end + 1].isalnum():
                ids.add(feature_id)
                taken = end
                break
    return ids


@dataclass(frozen=True)
class SeaPlace:
    """Where at sea an event happened: its 2018 Convention zone and its seabed sector."""

    zone_id: str
    zone_type: str  # internal_waters, territorial_sea, fishery_zone or common_space
    state: str  # the coastal state of the zone ("" for the common maritime space)
    sector_id: str = ""
    sector_state: str = ""

    @property
    def feature_ids(self) -> tuple[str, ...]:
        return (self.zone_id, self.sector_id) if self.sector_id else (self.zone_id,)

    @property
    def words(self) -> str:
        """ "KAZ territorial sea, KAZ sector"."""
        zone = SEA_ZONES.get(self.zone_type, self.zone_type)
        parts = [f"{self.state} {zone}" if self.state else zone]
        return ", ".join(parts + ([f"{self.sector_state} sector"] if self.sector_id else []))


def sea_join(events: list[Event], layers: Mapping[str, gpd.GeoDataFrame]) -> dict[str, SeaPlace]:
    """Event id -> where at sea it happened, for the events placed at a site inside the sea's
    zones; events on land, or placed only at a region or a state (whose point says nothing
    about the sea), have none.

    A point-in-polygon join of the events' points with the ``maritime_zones`` and
    ``seabed_sectors`` layers loaded in the app, not those extraction read: a layer edited
    on disk changes the answer and no document is extracted again.
    """
    zones, sectors = layers.get("maritime_zones"), layers.get("seabed_sectors")
    sited = [
        e for e in events if e.geo_precision == "site" and e.lon is not None and e.lat is not None
    ]
    if not sited or zones is None or zones.empty:
        return {}
    x = np.fromiter((e.lon for e in sited), float, len(sited))
    y = np.fromiter((e.lat for e in sited), float, len(sited))
    zone_rows = _containing(zones, x, y)
    at_sea = np.nonzero(zone_rows >= 0)[0]
    if sectors is None or sectors.empty:
        sector_rows, sector = np.full(len(at_sea), -1), []
    else:
        sector_rows = _containing(sectors, x[at_sea], y[at_sea])
        sector = sectors.drop(columns="geometry").to_dict("records")
    zone = zones.drop(columns="geometry").to_dict("records")
    found = {}
    for k, i in enumerate(at_sea):
        z = zone[zone_rows[i]]
        s = sector[sector_rows[k]] if sector_rows[k] >= 0 else {}
        found[sited[i].id] = SeaPlace(
            str(z["id"]), str(z.get("zone_type") or ""), _text(z.get("state")),
            _text(s.get("id")), _text(s.get("state")),
        )  # fmt: skip
    return found


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _containing(layer: gpd.GeoDataFrame, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """For each point, the row of the first polygon of ``layer`` that contains it, else -1.

    shapely's vectorised ``contains_xy`` on a prepared copy of each polygon, tried only on
    the points inside its bounds: 100,000 points in about 0.05 s, where ``sjoin`` took 1 s.
    """
    rows = np.full(len(x), -1)
    for row, geometry in enumerate(layer.geometry.values):
        if geometry is None or geometry.is_empty:
            continue
        minx, miny, maxx, maxy = geometry.bounds
        near = np.nonzero((rows < 0) & (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))[0]
        if near.size:
            polygon = shapely.from_wkb(shapely.to_wkb(geometry))  # the layer's own stays as is
            shapely.prepare(polygon)
            rows[near[shapely.contains_xy(polygon, x[near], y[near])]] = row
    return rows


def sea_counts(events: list[Event], sea: Mapping[str, SeaPlace]) -> Counter:
    """Zone and sector id -> number of ``events`` in it."""
    return Counter(
        chain.from_iterable(place.feature_ids for e in events if (place := sea.get(e.id)))
    )
