"""Turn a list of named waypoints into a line densified along the geodesic."""

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
    coords = [point(keys[0])[:2]]
    for a, b in itertools.pairwise(keys):
        (lon1, lat1, _), (lon2, lat2, _) = point(a), point(b)
        _, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
        extra = int(dist / 1000.0 // step_km)
        coords += GEOD.npts(lon1, lat1, lon2, lat2, extra) if extra else []
        coords.append((lon2, lat2))
    return LineString(coords)
