"""States layer: Natural Earth 10m countries (via world-atlas) for the Caspian region."""

from __future__ import annotations

import io
from dataclasses import dataclass

import geopandas as gpd
import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from .sources import read_member


@dataclass(frozen=True)
class State:
    """One feature of the states layer and its world-atlas (ISO numeric) id."""

    iso_numeric: str  # the world-atlas feature id
    iso3: str
    name: str
    littoral: bool


# Order here is the order of features in states.geojson.
STATES = (
    State("643", "RUS", "Russia", True),
    State("398", "KAZ", "Kazakhstan", True),
    State("795", "TKM", "Turkmenistan", True),
    State("364", "IRN", "Iran", True),
    State("031", "AZE", "Azerbaijan", True),
    State("268", "GEO", "Georgia", False),
    State("051", "ARM", "Armenia", False),
    State("792", "TUR", "Türkiye", False),
    State("860", "UZB", "Uzbekistan", False),
    State("762", "TJK", "Tajikistan", False),
    State("417", "KGZ", "Kyrgyzstan", False),
    State("004", "AFG", "Afghanistan", False),
    State("586", "PAK", "Pakistan", False),
    State("356", "IND", "India", False),
    State("156", "CHN", "China", False),
    State("804", "UKR", "Ukraine", False),
)

# Russia is cut to the part the map shows (the full polygon spans 170 degrees of longitude).
RUSSIA_EXTENT = box(27.0, 41.0, 75.0, 62.0)
# Natural Earth draws Crimea inside Russia; it is moved to Ukraine, whose borders the
# UN recognises (UNGA resolution 68/262). The Russian parts lying wholly in this box
# are Crimea and its islets.
CRIMEA_BOX = box(32.0, 44.0, 36.8, 46.3)
# The Baikonur lease area is its own unnamed feature; it is Kazakh territory.
MERGED_INTO = {"Baikonur": "KAZ"}


def read_countries(tarball) -> gpd.GeoDataFrame:
    """Read the 10m countries from the world-atlas tarball, repaired and in EPSG:4326."""
    raw = read_member(tarball, "countries-10m.json")
    frame = gpd.read_file(io.BytesIO(raw), layer="countries")
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    frame["geometry"] = shapely.make_valid(frame.geometry.values)
    return frame


def state_geometries(countries: gpd.GeoDataFrame) -> dict[str, BaseGeometry]:
    """Return {iso3: geometry} for every row of ``STATES``, with the documented fixes.

    Parameters
    ----------
    countries : GeoDataFrame
        Output of ``read_countries``.
    """
    by_id = {row.id: row.geometry for row in countries.itertuples() if isinstance(row.id, str)}
    geoms = {s.iso3: _polygonal(by_id[s.iso_numeric]) for s in STATES}
    for name, iso3 in MERGED_INTO.items():
        extra = countries.loc[countries["name"] == name, "geometry"]
        geoms[iso3] = shapely.union_all([geoms[iso3], *extra])
    # Whole parts only: the box edge would otherwise cut the Taman peninsula.
    parts = shapely.get_parts(geoms["RUS"])
    in_crimea = [CRIMEA_BOX.contains(p) for p in parts]
    crimea = [p for p, inside in zip(parts, in_crimea) if inside]
    russia = shapely.union_all([p for p, inside in zip(parts, in_crimea) if not inside])
    geoms["RUS"] = _polygonal(russia.intersection(RUSSIA_EXTENT))
    geoms["UKR"] = _polygonal(shapely.union_all([geoms["UKR"], *crimea]))
    # The clip adds a vertex where the extent's edge crosses the Russia–Kazakhstan
    # border; give Kazakhstan the same vertex so the shared edge still matches.
    geoms["KAZ"] = shapely.snap(geoms["KAZ"], geoms["RUS"], 1e-9)
    return geoms


def land_union(countries: gpd.GeoDataFrame, extent: BaseGeometry) -> BaseGeometry:
    """Union of all land (every country feature) inside ``extent``."""
    parts = [g.intersection(extent) for g in countries.geometry if g.intersects(extent)]
    return shapely.union_all(parts)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    # Clipping can leave stray points or lines where a polygon touches the clip edge.
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)
