"""Simplify neighbouring polygons together so shared borders stay shared (no slivers)."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from .write import DECIMALS

# Degrees; about 1 km, the detail a map at zoom 5-8 can show.
TOLERANCE = 0.01


def simplify_coverage(
    geoms: list[BaseGeometry], tolerance: float = TOLERANCE
) -> list[BaseGeometry]:
    """Simplify a polygon coverage as one topology, then snap it to the output grid.

    Parameters
    ----------
    geoms : list of BaseGeometry
        Polygons that touch but do not overlap (states plus the sea).
    tolerance : float
        Simplification tolerance in degrees.

    Raises
    ------
    ValueError
        If the input or the result is not a valid coverage.
    """
    if not shapely.coverage_is_valid(geoms):
        raise ValueError("input polygons overlap or have mismatched shared edges")
    # Plain rounding (not set_precision, which nodes each polygon on its own) maps a
    # vertex shared by two neighbours to the same grid point in both.
    simplified = [_round(g) for g in shapely.coverage_simplify(geoms, tolerance)]
    if not all(shapely.is_valid(simplified)) or not shapely.coverage_is_valid(simplified):
        raise ValueError("simplification or rounding produced an invalid coverage")
    return simplified


def _round(geom: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geom, lambda xy: np.round(xy, DECIMALS))
