"""Pipelines layer: each line drawn through the documented waypoints in ``pipelines.yaml``.

Routes are schematic: terminals, fields, towns near the line and border towns, joined by
geodesics. Waypoints were added until every computed length is within
``LENGTH_TOLERANCE`` of the published one; the build checks it again every time.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from .geo import geodesic_length_km
from .routes import geodesic_line
from .write import feature

TABLE = Path(__file__).with_name("pipelines.yaml")
LENGTH_TOLERANCE = 0.10


@dataclass(frozen=True)
class Pipeline:
    """One row of ``pipelines.yaml`` (see the comment at its top)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    commodity: str
    status: str
    route: tuple[str, ...]  # gazetteer keys
    length_km_published: float
    capacity: float | None
    capacity_unit: str | None
    proposed_year: int | None
    construction_year: int | None
    start_year: int | None
    operator: str | None
    countries: tuple[str, ...]
    source: str


def read_table(path: Path = TABLE) -> tuple[Pipeline, ...]:
    """Read the pipeline table; lists become tuples so rows stay hashable."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = [f.name for f in fields(Pipeline)]
    return tuple(
        Pipeline(**{k: tuple(row[k]) if isinstance(row[k], list) else row[k] for k in names})
        for row in rows
    )


PIPELINES = read_table()


def pipeline_features(pipelines: tuple[Pipeline, ...] = PIPELINES) -> list[dict]:
    """Return the pipelines as GeoJSON features, checking each length against the published one.

    Raises
    ------
    ValueError
        If a computed length differs from the published one by more than ``LENGTH_TOLERANCE``.
    """
    out = []
    for pipe in pipelines:
        line = geodesic_line(pipe.route)
        length = geodesic_length_km(line)
        published = pipe.length_km_published
        if abs(length - published) > LENGTH_TOLERANCE * published:
            raise ValueError(f"{pipe.id}: computed {length:.0f} km vs published {published} km")
        props = {f.name: getattr(pipe, f.name) for f in fields(Pipeline) if f.name != "route"}
        props.update(length_km=round(length, 1), waypoints=pipe.route, route_accuracy="schematic")
        out.append(feature(line, props))
    return out
