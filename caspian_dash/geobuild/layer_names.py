"""The layers' names, as the extractor's vocabulary: ``lexicons/layer_names.json``.

Extraction must not read ``geodata/``: a layer edited for the map (a pipeline re-routed, a
zone redrawn) would otherwise change every document's extraction key and send the whole
corpus through the extractor again. What extraction needs of the layers is their words
(names, aliases, ids) and a few points (a port, the middle of a pipeline, the southern part
of a state). This module cuts them from the layers once; ``build-geodata`` and
``build-gazetteer`` write the file, the extractor reads it, and the join of events with the
layers the app loads happens in ``caspian_dash/join.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..extract.gazetteer import name_variants
from ..extract.lexicon import LEXICON_DIR, load_lexicon

OUTPUT = LEXICON_DIR / "layer_names.json"
LINE_LAYERS = {"pipelines": ("name",), "corridors": ("corridor", "name")}
ZONE_LAYERS = ("maritime_zones", "seabed_sectors", "median_lines")
DIRECTIONS = ("n", "s", "e", "w", "ne", "nw", "se", "sw", "c")
ZONE_KEYS = ("id", "zone_type", "state", "states")


def snapshot(geodata_dir: Path) -> dict:
    """The names and points of the layers in ``geodata_dir`` (missing layers give none)."""
    return {
        "places": [_place(f) for f in _features(geodata_dir / "places.geojson") if _place(f)],
        "lines": [
            line
            for layer, keys in LINE_LAYERS.items()
            for f in _features(geodata_dir / f"{layer}.geojson")
            if (line := _line(layer, keys, f))
        ],
        "states": [
            state for f in _features(geodata_dir / "states.geojson") if (state := _state(f))
        ],
        "sea": [
            {"id": str(p["id"]), "name": p["name"]}
            for f in _features(geodata_dir / "caspian_sea.geojson")
            if (p := f.get("properties") or {}).get("id") and p.get("name")
        ],
        "zones": {
            layer: [
                {k: p[k] for k in ZONE_KEYS if p.get(k)}
                for f in _features(geodata_dir / f"{layer}.geojson")
                if (p := f.get("properties") or {}).get("id")
            ]
            for layer in ZONE_LAYERS
        },
    }


def _place(feature: dict) -> dict | None:
    props = feature.get("properties") or {}
    coords = (feature.get("geometry") or {}).get("coordinates") or []
    if not props.get("id") or not props.get("name") or len(coords) < 2:
        return None
    return {
        "id": str(props["id"]),
        "name": props["name"],
        "aliases": _aliases(props),
        "kind": str(props.get("kind", "")).lower(),
        "country": str(props.get("country", "")),
        "point": [float(coords[0]), float(coords[1])],
    }


def _line(layer: str, keys: tuple[str, ...], feature: dict) -> dict | None:
    props = feature.get("properties") or {}
    if not props.get("id"):
        return None
    return {
        "layer": layer,
        "id": str(props["id"]),
        "names": [n for key in keys for n in name_variants(props.get(key))],
        "aliases": _aliases(props),
        # a pipeline is also where its milestones happen: drawn at the middle of its route
        "middle": _middle(feature) if layer == "pipelines" else None,
        "countries": list(props.get("countries") or ()),
    }


def _state(feature: dict) -> dict | None:
    props = feature.get("properties") or {}
    if not props.get("id"):
        return None
    return {
        "id": str(props["id"]),
        "names": [n for n in [props.get("name"), *_aliases(props)] if n],
        "parts": _parts(str(props["id"]), feature),
    }


def _parts(iso3: str, feature: dict) -> dict[str, list[float]]:
    """A point in each part of a state ("southern Kyrgyzstan"): a point inside the state in
    the third of its extent on that side (a corner ninth for "north-eastern", the middle
    ninth for "central"), or the lexicon's point for the part (Russia's south is the North
    Caucasus, not southern Siberia)."""
    from shapely.geometry import box, shape

    try:
        geometry = shape(feature.get("geometry"))
    except (AttributeError, TypeError, ValueError):
        return {}
    if geometry.is_empty:
        return {}
    overrides = (load_lexicon("places").get("part_overrides") or {}).get(iso3) or {}
    minx, miny, maxx, maxy = geometry.bounds
    xs = [minx + (maxx - minx) * k / 3 for k in range(4)]
    ys = [miny + (maxy - miny) * k / 3 for k in range(4)]
    parts = {}
    for direction in DIRECTIONS:
        if direction in overrides:
            parts[direction] = [float(v) for v in overrides[direction]]
            continue
        col, row = (1, 2), (1, 2)  # "central": the middle ninth
        if direction != "c":
            col, row = _third(direction, "w", "e"), _third(direction, "s", "n")
        part = geometry.intersection(box(xs[col[0]], ys[row[0]], xs[col[1]], ys[row[1]]))
        if not part.is_empty:
            inner = part.representative_point()
            parts[direction] = [round(inner.x, 2), round(inner.y, 2)]
    return parts


def _third(direction: str, low: str, high: str) -> tuple[int, int]:
    """The thirds (of 0..3) of one axis a direction names: "s" -> (0, 1) on the south-north
    axis; a direction silent on the axis spans it whole."""
    if low in direction:
        return 0, 1
    if high in direction:
        return 2, 3
    return 0, 3


def _middle(feature: dict) -> list[float] | None:
    """The point halfway along a line's route (of its longest part)."""
    from shapely.geometry import shape

    try:
        geometry = shape(feature.get("geometry"))
    except (AttributeError, TypeError, ValueError):
        return None
    parts = list(getattr(geometry, "geoms", [geometry]))
    line = max(parts, key=lambda g: g.length, default=None)
    if line is None or line.is_empty or line.geom_type != "LineString":
        return None
    point = line.interpolate(0.5, normalized=True)
    return [round(point.x, 2), round(point.y, 2)]


def _aliases(props: dict) -> list[str]:
    aliases = props.get("aliases") or []
    if isinstance(aliases, str):  # "a; b" or "a, b" in some layers
        aliases = [a.strip() for a in aliases.replace(";", ",").split(",")]
    return [a for a in aliases if isinstance(a, str) and a.strip()]


def _features(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return []  # layer not built: the vocabulary simply lacks its names
    return [f for f in data.get("features", []) if isinstance(f, dict)]


def dumps(names: dict) -> str:
    """JSON with one feature per line, so that a layer's change reads as a one-line diff."""

    def rows(items: list) -> str:
        return "[\n" + ",\n".join("  " + json.dumps(i, ensure_ascii=False) for i in items) + "\n ]"

    parts = [f' "{key}": {rows(value)}' for key, value in names.items() if key != "zones"]
    zones = ",\n".join(f'  "{layer}": {rows(items)}' for layer, items in names["zones"].items())
    return "{\n" + ",\n".join([*parts, f' "zones": {{\n{zones}\n }}']) + "\n}\n"


def write(geodata_dir: Path, path: Path = OUTPUT) -> int:
    """Write the snapshot of ``geodata_dir``; returns the number of features named."""
    names = snapshot(geodata_dir)
    path.write_text(dumps(names), encoding="utf-8")
    return len(names["places"]) + len(names["lines"]) + len(names["states"]) + len(names["sea"])
