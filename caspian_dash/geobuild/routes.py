"""Turn named waypoints (or any lon/lat vertices) into lines densified along the geodesic."""

from __future__ import annotations

import itertools

from shapely.geometry import LineString

from .gazetteer import point
from .geo import GEOD

STEP_KM = 25.0  # one vertex every ~25 km keeps long lines curved on a Mercator map


def geodesic_line(keys: tuple[str, ...], step_km: float = STEP_KM) -> LineString:
    """Return the line through the named points, with intermediate geodesic vertices.

    Parameters
    ----------
    keys : tuple of str
        Gazetteer keys, in route order.
    step_km : float
        Maximum spacing of the added vertices.
    """
    return densify([point(key)[:2] for key in keys], step_km)


def densify(coords, step_km: float = STEP_KM) -> LineString:
    """Return a line through lon/lat ``coords`` with vertices added along each geodesic."""
    out = [tuple(coords[0])]
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(coords):
        _, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
        extra = int(dist / 1000.0 // step_km)
        out += GEOD.npts(lon1, lat1, lon2, lat2, extra) if extra else []
        out.append((lon2, lat2))
    return LineString(out)
