"""Projections and measurements shared by the layer builders.

Areas use a Lambert azimuthal equal-area projection centred on the Caspian; buffers and
equidistance use a Lambert conformal conic whose standard parallels bracket the sea, so
local distances are true to a few parts in a thousand across the whole basin.
"""

from __future__ import annotations

import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry.base import BaseGeometry

LONLAT = CRS.from_epsg(4326)
EQUAL_AREA = CRS.from_proj4("+proj=laea +lat_0=42 +lon_0=51 +datum=WGS84 +units=m +no_defs")
METRIC = CRS.from_proj4(
    "+proj=lcc +lat_0=42 +lon_0=51 +lat_1=38.5 +lat_2=45.5 +datum=WGS84 +units=m +no_defs"
)
GEOD = Geod(ellps="WGS84")
NAUTICAL_MILE_M = 1852.0

_TRANSFORMERS: dict[tuple[str, str], Transformer] = {}


def _transformer(source: CRS, target: CRS) -> Transformer:
    key = (source.to_wkt(), target.to_wkt())
    if key not in _TRANSFORMERS:
        _TRANSFORMERS[key] = Transformer.from_crs(source, target, always_xy=True)
    return _TRANSFORMERS[key]


def reproject(geom: BaseGeometry, source: CRS, target: CRS) -> BaseGeometry:
    """Return ``geom`` with every coordinate transformed from ``source`` to ``target``."""
    transformer = _transformer(source, target)
    return shapely.transform(geom, lambda xy: _stack(transformer.transform(xy[:, 0], xy[:, 1])))


def _stack(xy):
    import numpy as np

    return np.column_stack(xy)


def to_metric(geom: BaseGeometry) -> BaseGeometry:
    """Lon/lat -> the conformal metric projection (metres)."""
    return reproject(geom, LONLAT, METRIC)


def to_lonlat(geom: BaseGeometry) -> BaseGeometry:
    """Conformal metric projection -> lon/lat."""
    return reproject(geom, METRIC, LONLAT)


def area_km2(geom: BaseGeometry) -> float:
    """Area of a lon/lat geometry in km², measured on the equal-area projection."""
    return reproject(geom, LONLAT, EQUAL_AREA).area / 1e6


def geodesic_length_km(geom: BaseGeometry) -> float:
    """Length of a lon/lat (Multi)LineString along the WGS84 ellipsoid, in km."""
    return GEOD.geometry_length(geom) / 1000.0
