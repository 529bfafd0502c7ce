"""Caspian Sea layer: the water enclosed by land inside a box around the sea."""

from __future__ import annotations

import shapely
from shapely.geometry import Point, Polygon, box
from shapely.geometry.base import BaseGeometry

# The box's edges run over land everywhere, so the Caspian is the only enclosed water
# that contains the seed point (the Black Sea and the Aral lie outside it).
SEA_BOX = box(45.5, 35.5, 56.0, 48.5)
SEA_SEED = Point(51.0, 42.0)
# A point in the middle of the Kara-Bogaz-Gol bay, to report whether it is included.
KARA_BOGAZ_GOL = Point(53.5, 41.3)
# East of its strait (52.93 E) the only water in this box is the bay itself.
KARA_BOGAZ_GOL_BOX = box(52.93, 40.5, 55.5, 42.5)
KARA_BOGAZ_GOL_STATE = "TKM"


def caspian_from_land(land: BaseGeometry) -> Polygon:
    """Return the Caspian Sea as the part of ``SEA_BOX`` not covered by ``land``.

    Parameters
    ----------
    land : BaseGeometry
        Union of all land polygons covering at least ``SEA_BOX``.

    Raises
    ------
    ValueError
        If no water polygon contains ``SEA_SEED``.
    """
    water = SEA_BOX.difference(land)
    for part in shapely.get_parts(water):
        if part.contains(SEA_SEED):
            return part
    raise ValueError("no enclosed water contains the seed point; check SEA_BOX")


def includes_kara_bogaz_gol(sea: BaseGeometry) -> bool:
    """Tell whether the sea polygon covers the Kara-Bogaz-Gol bay."""
    return sea.contains(KARA_BOGAZ_GOL)


def kara_bogaz_gol(sea: BaseGeometry) -> BaseGeometry:
    """Return the Kara-Bogaz-Gol part of the sea polygon (empty if the bay is not included)."""
    return sea.intersection(KARA_BOGAZ_GOL_BOX)


def coast(sea: BaseGeometry, state: BaseGeometry) -> BaseGeometry:
    """Return the part of the sea's shoreline that belongs to ``state`` (lines, lon/lat).

    The two polygons share their edges exactly (one coverage), so a hair-thin buffer of
    the state is enough to pick its shoreline without floating-point gaps.
    """
    return shapely.line_merge(sea.boundary.intersection(state.buffer(1e-7)))
