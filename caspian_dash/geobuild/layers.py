"""Assemble every layer in build order (later layers reuse the states and the sea)."""

from __future__ import annotations

from pathlib import Path

from . import sea as sea_mod
from . import states as states_mod
from . import zones
from .corridors import corridor_features
from .geo import area_km2, geodesic_length_km, to_lonlat, to_metric
from .pipelines import pipeline_features
from .places import place_features
from .sources import WORLD_ATLAS, fetch
from .topology import simplify_coverage
from .write import feature, snap

NE_SOURCE = f"Natural Earth 10m admin-0 countries via npm {WORLD_ATLAS.name}@{WORLD_ATLAS.version}"
ZONES_SOURCE = "computed from caspian_sea and states (equidistance, 2018 Convention widths)"


def build_all(cache_dir: Path) -> dict[str, list[dict]]:
    """Return {layer name: GeoJSON features} for every layer, in ``geodata.LAYERS`` order."""
    countries = states_mod.read_countries(fetch(WORLD_ATLAS, cache_dir))
    geoms = states_mod.state_geometries(countries)
    land = states_mod.land_union(countries, sea_mod.SEA_BOX.buffer(1.0))
    sea_raw = sea_mod.caspian_from_land(land)
    *state_geoms, sea = simplify_coverage([*geoms.values(), sea_raw])
    state_geoms = dict(zip(geoms, state_geoms))
    littoral = {s.iso3: to_metric(state_geoms[s.iso3]) for s in states_mod.STATES if s.littoral}
    sea_m = to_metric(sea)
    parts = zones.sectors(sea_m, littoral)
    return {
        "states": _state_features(state_geoms, sea),
        "caspian_sea": [_sea_feature(sea)],
        "maritime_zones": _zone_features(_zone_rows(sea, parts)),
        "seabed_sectors": _sector_features(parts, sea),
        "median_lines": _median_features(zones.median_lines(parts)),
        "pipelines": pipeline_features(),
        "corridors": corridor_features(sea),
        "places": place_features(),
    }


def _zone_rows(sea, parts: dict) -> list:
    # Kara-Bogaz-Gol, behind a strait a few km wide, is Turkmen internal water: the belts
    # are measured from the line closing it, and the bay itself is its own zone.
    bay = sea_mod.kara_bogaz_gol(sea)
    open_sea = to_metric(sea.difference(sea_mod.KARA_BOGAZ_GOL_BOX))
    rows = zones.belts(open_sea, parts)
    return [*rows, ("internal_waters", sea_mod.KARA_BOGAZ_GOL_STATE, to_metric(bay))]


def _state_features(geoms: dict, sea) -> list[dict]:
    out = []
    for state in states_mod.STATES:
        geom = geoms[state.iso3]
        coast_km = (
            round(geodesic_length_km(sea_mod.coast(sea, geom)), 1) if state.littoral else None
        )
        props = {
            "id": state.iso3,
            "name": state.name,
            "littoral": state.littoral,
            "caspian_coast_km": coast_km,
            "source": NE_SOURCE,
        }
        out.append(feature(geom, props))
    return out


def _sea_feature(sea) -> dict:
    props = {
        "id": "caspian_sea",
        "name": "Caspian Sea",
        "area_km2": round(area_km2(sea)),
        "kara_bogaz_gol_km2": round(area_km2(sea_mod.kara_bogaz_gol(sea))),
        "includes_kara_bogaz_gol": sea_mod.includes_kara_bogaz_gol(sea),
        "source": NE_SOURCE + " (water enclosed by land)",
    }
    return feature(sea, props)


def _zone_features(belts) -> list[dict]:
    out = []
    for zone_type, state, geom_m in belts:
        geom = snap(to_lonlat(geom_m))
        props = {
            "id": f"{zone_type}_{state}" if state else zone_type,
            "zone_type": zone_type,
            "state": state,
            "area_km2": round(area_km2(geom), 1),
            "source": ZONES_SOURCE,
        }
        out.append(feature(geom, props))
    return out


def _sector_features(parts: dict, sea) -> list[dict]:
    geoms = {code: snap(to_lonlat(g)) for code, g in parts.items()}
    areas = {code: area_km2(g) for code, g in geoms.items()}
    bay = area_km2(sea_mod.kara_bogaz_gol(sea))
    # Kara-Bogaz-Gol lies wholly in Turkmenistan's sector; also report shares without it.
    open_areas = {code: a - (bay if code == "TKM" else 0.0) for code, a in areas.items()}
    out = []
    for code, geom in geoms.items():
        props = {
            "id": f"sector_{code}",
            "state": code,
            "area_km2": round(areas[code], 1),
            "share_pct": round(100 * areas[code] / sum(areas.values()), 2),
            "share_pct_excl_kara_bogaz_gol": round(
                100 * open_areas[code] / sum(open_areas.values()), 2
            ),
            "equal_share_pct": 20.0,
            "source": ZONES_SOURCE,
        }
        out.append(feature(geom, props))
    return out


def _median_features(lines: dict) -> list[dict]:
    out = []
    for (a, b), line_m in lines.items():
        geom = snap(to_lonlat(line_m))
        props = {
            "id": f"median_{a}_{b}",
            "states": [a, b],
            "length_km": round(geodesic_length_km(geom), 1),
            "source": ZONES_SOURCE,
        }
        out.append(feature(geom, props))
    return out
