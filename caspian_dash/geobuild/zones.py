"""Median-line seabed sectors and the 2018 Convention belts (territorial sea, fishery zone).

Everything is computed in the conformal metric projection (``geo.METRIC``):

* Equidistance: the shore is sampled every ``COAST_STEP_M`` and each sample is labelled
  with the littoral state it belongs to. The Voronoi cells of the samples, merged per
  state and clipped to the sea, give each state the water closer to its coast than to any
  other state's coast; the borders between those sectors are the median lines.
* Belts: the whole sea boundary is shore, so "within d of the coast" is the sea minus its
  inward buffer by d. Each belt is split between states by the sectors above.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import MultiPoint
from shapely.geometry.base import BaseGeometry

from .geo import NAUTICAL_MILE_M

COAST_STEP_M = 1000.0
TERRITORIAL_SEA_NM = 15
FISHERY_ZONE_NM = 10  # beyond the territorial sea
# The inward buffers are simplified by this much (m) so the belt edges stay light.
BELT_SIMPLIFY_M = 100.0


def coast_samples(
    sea: BaseGeometry, states: dict[str, BaseGeometry]
) -> tuple[np.ndarray, list[str]]:
    """Sample the shore of ``sea`` and label each point with the nearest state.

    Parameters
    ----------
    sea : BaseGeometry
        The sea polygon (metric).
    states : dict
        {iso3: polygon (metric)} of the littoral states.

    Returns
    -------
    (ndarray, list of str)
        Unique sample coordinates (n, 2) and their state codes.
    """
    shore = shapely.segmentize(sea.boundary, COAST_STEP_M)
    points = shapely.get_coordinates(shore)
    _, first = np.unique(points, axis=0, return_index=True)
    points = points[np.sort(first)]  # drop ring-closing duplicates, keep shore order
    codes = list(states)
    tree = shapely.STRtree(list(states.values()))
    nearest = tree.query_nearest(shapely.points(points), return_distance=False, all_matches=False)[
        1
    ]
    return points, [codes[i] for i in nearest]


def sectors(sea: BaseGeometry, states: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Divide ``sea`` among ``states`` by equidistance from their shores (metric in, metric out)."""
    points, labels = coast_samples(sea, states)
    extent = sea.envelope.buffer(100_000)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(MultiPoint(points), extend_to=extent, ordered=True)
    )
    labels = np.array(labels)
    return {code: shapely.union_all(cells[labels == code]).intersection(sea) for code in states}


def median_lines(parts: dict[str, BaseGeometry]) -> dict[tuple[str, str], BaseGeometry]:
    """Return {(a, b): line} for each pair of sectors that share a border."""
    lines = {}
    codes = list(parts)
    for i, a in enumerate(codes):
        for b in codes[i + 1 :]:
            shared = shapely.intersection(parts[a].boundary, parts[b].boundary)
            linear = [
                g for g in shapely.get_parts(shared) if g.geom_type == "LineString" and g.length > 0
            ]
            if linear:
                lines[(a, b)] = shapely.line_merge(shapely.union_all(linear))
    return lines


def belts(
    sea: BaseGeometry, parts: dict[str, BaseGeometry]
) -> list[tuple[str, str | None, BaseGeometry]]:
    """Split the sea into territorial seas, fishery zones and the common space.

    Returns
    -------
    list of (zone_type, state, polygon)
        Territorial seas, then fishery zones (one per state of ``parts``), then the
        common maritime space with state ``None``; all metric.
    """
    ts_width = TERRITORIAL_SEA_NM * NAUTICAL_MILE_M
    fz_width = (TERRITORIAL_SEA_NM + FISHERY_ZONE_NM) * NAUTICAL_MILE_M
    beyond_ts = sea.buffer(-ts_width).simplify(BELT_SIMPLIFY_M)
    beyond_fz = sea.buffer(-fz_width).simplify(BELT_SIMPLIFY_M).intersection(beyond_ts)
    ts_band = sea.difference(beyond_ts)
    fz_band = beyond_ts.difference(beyond_fz)
    zones = []
    for code, part in parts.items():
        zones.append(("territorial_sea", code, part.intersection(ts_band)))
    for code, part in parts.items():
        zones.append(("fishery_zone", code, part.intersection(fz_band)))
    zones.append(("common_space", None, beyond_fz))
    return [(kind, code, _polygonal(geom)) for kind, code, geom in zones]


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    parts = [
        g
        for g in shapely.get_parts(geom)
        if g.geom_type in ("Polygon", "MultiPolygon") and g.area > 1.0
    ]
    return shapely.union_all(parts)
