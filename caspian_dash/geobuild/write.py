"""Write layers as deterministic GeoJSON: same input, byte-identical file.

Features keep the order the builder gives them, properties are sorted, coordinates are
rounded to ``DECIMALS`` (about 11 m, plenty for display) and rings follow RFC 7946
(exterior counter-clockwise). One feature per line keeps git diffs readable.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

DECIMALS = 4
GRID = 10.0**-DECIMALS


def snap(geom: BaseGeometry) -> BaseGeometry:
    """Snap a geometry to the output grid, keeping it valid (see ``shapely.set_precision``)."""
    return shapely.set_precision(geom, GRID)


def feature(geometry: BaseGeometry, properties: dict) -> dict:
    """Return a GeoJSON Feature dict with rounded coordinates and RFC 7946 ring order."""
    geometry = shapely.orient_polygons(geometry, exterior_cw=False)
    return {
        "type": "Feature",
        "properties": {k: _clean(v) for k, v in properties.items()},
        "geometry": _round(mapping(geometry)),
    }


def dumps_layer(features: list[dict]) -> str:
    """Serialise features as a FeatureCollection, one feature per line."""
    lines = [
        json.dumps(f, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for f in features
    ]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_layer(path: Path, features: list[dict]) -> int:
    """Write a layer file and return its size in bytes."""
    text = dumps_layer(features)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _round(obj):
    if isinstance(obj, float):
        value = round(obj, DECIMALS)
        return 0.0 if value == 0 else value  # no "-0.0"
    if isinstance(obj, (list, tuple)):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def _clean(value):
    # Properties must be plain JSON: tuples become lists, NaN becomes null.
    if isinstance(value, tuple):
        return [_clean(v) for v in value]
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
