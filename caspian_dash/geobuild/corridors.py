"""Corridors layer: the Middle Corridor, the North–South corridor and the northern route.

Each segment is an entry of ``corridors.yaml``; rail and road legs are drawn through the
towns they serve, sea legs along the shortest water path between the ports (both
schematic).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from .gazetteer import point
from .geo import geodesic_length_km, to_lonlat, to_metric
from .routes import densify, geodesic_line
from .searoute import SeaRouter
from .write import feature

TABLE = Path(__file__).with_name("corridors.yaml")
STATUSES = ("operating", "construction", "proposed", "suspended")


@dataclass(frozen=True)
class Segment:
    """One entry of ``corridors.yaml``; ``corridor`` holds the corridor's full name."""

    id: str
    corridor: str
    segment: str
    mode: str
    route: tuple[str, ...]
    countries: tuple[str, ...]
    status: str  # as of 2026, one of STATUSES
    proposed_year: int | None
    construction_year: int | None
    start_year: int | None  # opened to regular traffic
    source: str


def read_table(path: Path = TABLE) -> tuple[Segment, ...]:
    """Read the segment table, resolving each corridor key to its name.

    Raises
    ------
    ValueError
        If a status is unknown, or the milestone years are out of order.
    """
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = table["corridors"]
    segments = tuple(
        Segment(
            id=row["id"],
            corridor=names[row["corridor"]],
            segment=row["segment"],
            mode=row["mode"],
            route=tuple(row["route"]),
            countries=tuple(row["countries"]),
            status=row["status"],
            proposed_year=row["proposed_year"],
            construction_year=row["construction_year"],
            start_year=row["start_year"],
            source=row["source"],
        )
        for row in table["segments"]
    )
    for seg in segments:
        if seg.status not in STATUSES:
            raise ValueError(f"{seg.id}: status {seg.status!r} not one of {STATUSES}")
        milestones = (seg.proposed_year, seg.construction_year, seg.start_year)
        years = [y for y in milestones if y is not None]
        if years != sorted(years):
            raise ValueError(f"{seg.id}: milestone years out of order: {years}")
    return segments


SEGMENTS = read_table()


def corridor_features(sea: BaseGeometry, segments: tuple[Segment, ...] = SEGMENTS) -> list[dict]:
    """Return the corridor segments as GeoJSON features.

    Parameters
    ----------
    sea : BaseGeometry
        The sea polygon (lon/lat) that sea legs must stay in.
    segments : tuple of Segment
        The rows to draw.
    """
    router = SeaRouter(to_metric(sea))
    out = []
    for seg in segments:
        line = _sea_line(seg.route, router) if seg.mode == "sea" else geodesic_line(seg.route)
        props = {
            "id": seg.id,
            "corridor": seg.corridor,
            "segment": seg.segment,
            "mode": seg.mode,
            "countries": seg.countries,
            "length_km": round(geodesic_length_km(line), 1),
            "status": seg.status,
            "proposed_year": seg.proposed_year,
            "construction_year": seg.construction_year,
            "start_year": seg.start_year,
            "waypoints": seg.route,
            "route_accuracy": "schematic",
            "source": seg.source,
        }
        out.append(feature(line, props))
    return out


def _sea_line(route: tuple[str, ...], router: SeaRouter) -> LineString:
    coords = []
    for a, b in itertools.pairwise(route):
        start, end = (to_metric(Point(point(key)[:2])) for key in (a, b))
        leg = to_lonlat(router.path(start, end)).coords
        coords += leg[1:] if coords else leg
    return densify(coords)
