"""Read and validate the map layers in ``geodata/``.

Each layer is checked against one row of ``RULES`` (expected geometry types, required
properties and their types). A broken file raises ``GeodataError`` naming the file, the
feature and the problem; ``load_layers`` collects those errors so the app can report them
and still show every layer that did load.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.errors import GEOSException
from shapely.geometry import shape

from .models import SEA_ZONES
from .settings import CRS, GEODATA_DIR

__all__ = [
    "LABELS",
    "LAYERS",
    "RULES",
    "GeodataError",
    "feature_labels",
    "layers_fingerprint",
    "load_layer",
    "load_layers",
    "validate_collection",
]

POLYGONS = ("Polygon", "MultiPolygon")
LINES = ("LineString", "MultiLineString")
POINTS = ("Point",)
# GeoJSON "crs" names that mean plain lon/lat WGS84 (RFC 7946 drops the member entirely).
LONLAT_CRS_NAMES = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
}


@dataclass(frozen=True)
class Prop:
    """A required property: its name, its JSON type and whether null is allowed."""

    name: str
    kind: str  # "str", "int", "number", "bool" or "str_list"
    nullable: bool = False
    choices: tuple = ()


@dataclass(frozen=True)
class LayerRule:
    """What every feature of one layer must look like."""

    name: str
    geometry_types: tuple[str, ...]
    props: tuple[Prop, ...]


ZONE_TYPES = ("territorial_sea", "fishery_zone", "common_space", "internal_waters")
COMMODITIES = ("oil", "gas")
STATUSES = ("operating", "construction", "proposed", "shelved", "cancelled")
ROUTE_ACCURACIES = ("schematic", "traced")
MODES = ("rail", "sea", "road")

_ID = Prop("id", "str")
_NAME = Prop("name", "str")
_SOURCE = Prop("source", "str")
_AREA = Prop("area_km2", "number")
_LENGTH = Prop("length_km", "number")
_COUNTRIES = Prop("countries", "str_list")
_ALIASES = Prop("aliases", "str_list")

# One row per layer: name, geometry types, required properties.
# fmt: off
RULES = (
    LayerRule("states", POLYGONS, (
        _ID, _NAME, Prop("littoral", "bool"), Prop("caspian_coast_km", "number", True), _SOURCE,
    )),
    LayerRule("caspian_sea", POLYGONS, (_ID, _NAME, _AREA, _SOURCE)),
    LayerRule("maritime_zones", POLYGONS, (
        _ID, Prop("zone_type", "str", choices=ZONE_TYPES), Prop("state", "str", True), _AREA,
    )),
    LayerRule("seabed_sectors", POLYGONS, (
        _ID, Prop("state", "str"), _AREA, Prop("share_pct", "number"),
    )),
    LayerRule("median_lines", LINES, (_ID, Prop("states", "str_list"), _LENGTH)),
    LayerRule("pipelines", LINES, (
        _ID, _NAME, _ALIASES,
        Prop("commodity", "str", choices=COMMODITIES),
        Prop("status", "str", choices=STATUSES),
        _LENGTH, Prop("length_km_published", "number", True),
        Prop("capacity", "number", True), Prop("capacity_unit", "str", True),
        Prop("proposed_year", "int", True), Prop("construction_year", "int", True),
        Prop("start_year", "int", True),
        Prop("operator", "str", True), _COUNTRIES,
        Prop("route_accuracy", "str", choices=ROUTE_ACCURACIES), _SOURCE,
    )),
    LayerRule("corridors", LINES, (
        _ID, Prop("corridor", "str"), Prop("segment", "str"), Prop("mode", "str", choices=MODES),
        _COUNTRIES, _LENGTH, Prop("start_year", "int", True), _SOURCE,
    )),
    LayerRule("places", POINTS, (_ID, _NAME, Prop("kind", "str"), _ALIASES, _SOURCE)),
)
# fmt: on
RULES_BY_NAME = {rule.name: rule for rule in RULES}
# The layers events link to by name: the property that names a feature, and its kind in words
LABELS = {
    "states": ("name", "state"),
    "pipelines": ("name", "pipeline"),
    "corridors": ("segment", "corridor"),
    "places": ("name", "place"),
}
LAYERS = tuple(rule.name for rule in RULES)


class GeodataError(Exception):
    """A layer file that cannot be used; the message names file, feature and problem."""

    def __init__(self, path: Path | str, problem: str, feature: str | None = None):
        self.path = Path(path)
        self.feature = feature
        self.problem = problem
        where = (
            f"{self.path.name}: feature {feature}: "
            if feature is not None
            else f"{self.path.name}: "
        )
        super().__init__(where + problem)


def load_layer(name: str, folder: Path = GEODATA_DIR) -> gpd.GeoDataFrame:
    """Read ``folder/<name>.geojson``, validate it and return it as a GeoDataFrame.

    Parameters
    ----------
    name : str
        One of ``LAYERS``.
    folder : Path
        Folder holding the layer files.

    Returns
    -------
    GeoDataFrame
        One row per feature, in file order, CRS EPSG:4326.

    Raises
    ------
    GeodataError
        If the file is missing, empty, not JSON or any feature breaks the layer's rule.
    """
    if name not in RULES_BY_NAME:
        raise GeodataError(f"{name}.geojson", f"unknown layer {name!r}; expected one of {LAYERS}")
    path = Path(folder) / f"{name}.geojson"
    collection = _read_json(path)
    validate_collection(collection, RULES_BY_NAME[name], path)
    try:
        frame = gpd.GeoDataFrame.from_features(collection["features"], crs=CRS)
    except (ValueError, TypeError) as error:  # validated input should never get here
        raise GeodataError(path, f"cannot build a table: {error}") from None
    columns = [p.name for p in RULES_BY_NAME[name].props]
    extra = sorted(c for c in frame.columns if c not in columns and c != "geometry")
    return frame[[*columns, *extra, "geometry"]]


def load_layers(
    folder: Path = GEODATA_DIR,
) -> tuple[dict[str, gpd.GeoDataFrame], list[GeodataError]]:
    """Load every layer that is usable; collect the errors of the others.

    Returns
    -------
    (dict, list)
        {layer name: GeoDataFrame} in ``LAYERS`` order, and one ``GeodataError`` per
        layer that failed.
    """
    layers, errors = {}, []
    for name in LAYERS:
        try:
            layers[name] = load_layer(name, folder)
        except GeodataError as error:
            errors.append(error)
    return layers, errors


def validate_collection(collection: dict, rule: LayerRule, path: Path | str) -> None:
    """Check a parsed GeoJSON FeatureCollection against ``rule``; raise on the first problem."""
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise GeodataError(path, "not a GeoJSON FeatureCollection")
    _check_crs(collection.get("crs"), path)
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        raise GeodataError(path, "no features")
    seen: dict[str, int] = {}
    for index, item in enumerate(features):
        props = item.get("properties") if isinstance(item, dict) else None
        label = _label(props, index)
        if not isinstance(props, dict):
            raise GeodataError(path, "missing properties object", label)
        _check_geometry(item.get("geometry"), rule, path, label)
        for prop in rule.props:
            _check_prop(props, prop, path, label)
        fid = props["id"]
        if fid in seen:
            raise GeodataError(path, f"duplicate id {fid!r} (also feature #{seen[fid]})", label)
        seen[fid] = index


def _read_json(path: Path) -> dict:
    if not path.is_file():
        raise GeodataError(path, "file not found")
    text = path.read_text(encoding="utf-8")
    if not text.strip():
        raise GeodataError(path, "file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise GeodataError(path, f"invalid JSON: {error}") from None


def _check_crs(crs, path) -> None:
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if name not in LONLAT_CRS_NAMES:
        raise GeodataError(path, f"CRS must be EPSG:4326 (lon/lat), found {name or crs!r}")


def _label(props, index: int) -> str:
    if isinstance(props, dict) and isinstance(props.get("id"), str):
        return f"{props['id']!r} (#{index})"
    return f"#{index}"


def _check_geometry(geometry, rule: LayerRule, path, label: str) -> None:
    if not isinstance(geometry, dict):
        raise GeodataError(path, "no geometry", label)
    if geometry.get("type") not in rule.geometry_types:
        raise GeodataError(
            path,
            f"geometry is {geometry.get('type')}, expected {' or '.join(rule.geometry_types)}",
            label,
        )
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, GEOSException) as error:
        raise GeodataError(path, f"malformed geometry: {error}", label) from None
    if geom.is_empty:
        raise GeodataError(path, "empty geometry", label)
    coords = shapely.get_coordinates(geom)
    if not ((abs(coords[:, 0]) <= 180).all() and (abs(coords[:, 1]) <= 90).all()):
        raise GeodataError(path, "coordinates out of lon/lat range; CRS must be EPSG:4326", label)
    if not geom.is_valid:
        raise GeodataError(path, f"invalid geometry: {shapely.is_valid_reason(geom)}", label)


_KIND_CHECKS = {
    "str": lambda v: isinstance(v, str) and v != "",
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: (
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    ),
    "bool": lambda v: isinstance(v, bool),
    "str_list": lambda v: isinstance(v, list) and all(isinstance(x, str) and x for x in v),
}


def _check_prop(props: dict, prop: Prop, path, label: str) -> None:
    if prop.name not in props:
        raise GeodataError(path, f"missing property {prop.name!r}", label)
    value = props[prop.name]
    if value is None:
        if not prop.nullable:
            raise GeodataError(path, f"property {prop.name!r} is null", label)
        return
    if not _KIND_CHECKS[prop.kind](value):
        raise GeodataError(
            path, f"property {prop.name!r} should be {prop.kind}, got {value!r}", label
        )
    if prop.choices and value not in prop.choices:
        raise GeodataError(
            path, f"property {prop.name!r} is {value!r}, expected one of {prop.choices}", label
        )


def feature_labels(layers: dict[str, gpd.GeoDataFrame]) -> dict[str, str]:
    """Feature id -> a readable label ("Baku–Tbilisi–Ceyhan (pipeline)") for the layers events
    link to, for choosing a feature's events."""
    labels = {}
    for layer, (column, kind) in LABELS.items():
        gdf = layers.get(layer)
        if gdf is not None:
            labels.update({i: f"{n} ({kind})" for i, n in zip(gdf["id"], gdf[column])})
    zones, sectors = layers.get("maritime_zones"), layers.get("seabed_sectors")
    for i, zone, state in (
        [] if zones is None else zip(zones["id"], zones["zone_type"], zones["state"])
    ):
        words = SEA_ZONES.get(zone, zone)
        labels[i] = (
            f"{state} {words} (2018 zone)"
            if isinstance(state, str) and state
            else f"{words} (2018 zone)"
        )
    for i, state in [] if sectors is None else zip(sectors["id"], sectors["state"]):
        labels[i] = f"{state} seabed sector"
    return labels


def layers_fingerprint(layers: dict[str, gpd.GeoDataFrame]) -> tuple:
    """A hashable key for what is derived from the layers (GeoDataFrames are unhashable):
    each layer's name and feature ids."""
    return tuple(sorted((name, len(gdf), tuple(gdf["id"])) for name, gdf in layers.items()))
