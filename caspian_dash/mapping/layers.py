"""The geodata layers on the map: one table row per layer (group, style, tooltip and popup
fields). They are drawn once; the map runtime (runtime.js) shows each feature as it stood in
the year in view, with its count of the events in view."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from caspian_dash.formatting import escape
from caspian_dash.mapping.script_json import script_json
from caspian_dash.publish import publish
from caspian_dash.styles import (
    COMMODITY_COLOUR,
    MODE_COLOUR,
    MODE_DASH,
    PIPELINE_STATUS,
    PLACE_ICON,
    SECTOR_FILL,
    ZONE_FILL,
)

EVENTS_FIELD = "events"  # added to every feature: events in view linked to it


def _state_style(p: dict) -> dict:
    littoral = p.get("littoral")
    return {
        "fillColor": "#f3e9d2" if littoral else "#ecebe8",
        "color": "#6b5b45" if littoral else "#a9a49c",
        "weight": 1.8 if littoral else 0.7,
        "fillOpacity": 1.0,
    }


def _pipeline_style(p: dict) -> dict:
    # the runtime restyles by the year in view (runtime.js cd.PIPELINE_STATUS, the same table)
    return {
        "color": COMMODITY_COLOUR.get(p.get("commodity"), "#555555"),
        **PIPELINE_STATUS.get(p.get("status"), PIPELINE_STATUS["proposed"]),
    }


@dataclass(frozen=True)
class LayerStyle:
    label: str
    style: Callable[[dict], dict]
    tooltip: tuple[str, ...]  # short, on hover
    popup: tuple[str, ...] = ()  # every attribute worth citing, on click
    show: bool = True


LAYER_STYLES: dict[str, LayerStyle] = {
    "states": LayerStyle(
        "States",
        _state_style,
        ("name", EVENTS_FIELD),
        ("name", "id", "littoral", "caspian_coast_km", EVENTS_FIELD, "source"),
    ),
    "caspian_sea": LayerStyle(
        "Caspian Sea",
        lambda p: {"fillColor": "#9ec9e6", "color": "#4f86b0", "weight": 1, "fillOpacity": 0.55},
        ("name", "area_km2"),
        ("name", "area_km2", "source"),
    ),
    "seabed_sectors": LayerStyle(
        "Seabed sectors (median line)",
        lambda p: {
            "fillColor": SECTOR_FILL.get(p.get("state"), "#999"),
            "color": "#555",
            "weight": 0.5,
            "fillOpacity": 0.3,
        },
        ("state", "share_pct", EVENTS_FIELD),
        ("state", "area_km2", "share_pct", EVENTS_FIELD),
        show=False,
    ),
    "maritime_zones": LayerStyle(
        "Maritime zones (2018 Convention)",
        lambda p: {
            "fillColor": ZONE_FILL.get(p.get("zone_type"), "#fff"),
            "color": "#3f6f94",
            "weight": 0.4,
            "fillOpacity": 0.05 if p.get("zone_type") == "common_space" else 0.4,
        },
        ("zone_type", "state", EVENTS_FIELD),
        ("zone_type", "state", "area_km2", EVENTS_FIELD),
        show=False,
    ),
    "median_lines": LayerStyle(
        "Median lines",
        lambda p: {"color": "#5a5a5a", "weight": 1.2, "dashArray": "2 4"},
        ("states", "length_km"),
        show=False,
    ),
    "pipelines": LayerStyle(
        "Pipelines",
        _pipeline_style,
        ("name", "status_in_view", EVENTS_FIELD),
        (
            "name",
            "commodity",
            "status_in_view",
            "status",
            "length_km",
            "length_km_published",
            "capacity",
            "capacity_unit",
            "proposed_year",
            "construction_year",
            "start_year",
            "operator",
            "countries",
            "route_accuracy",
            EVENTS_FIELD,
            "source",
        ),
    ),
    "corridors": LayerStyle(
        "Trade corridors",
        lambda p: {
            "color": MODE_COLOUR.get(p.get("mode"), "#555"),
            "weight": 2.6,
            "opacity": 0.85,
            "dashArray": MODE_DASH.get(p.get("mode"), "8 4"),
        },
        ("corridor", "segment", EVENTS_FIELD),
        (
            "corridor",
            "segment",
            "mode",
            "length_km",
            "start_year",
            "countries",
            "route_accuracy",
            EVENTS_FIELD,
            "source",
        ),
    ),
    "places": LayerStyle(
        "Ports, terminals and fields",
        lambda p: {
            "html": '<div class="cd-place"><i class="fa-solid fa-'
            f'{PLACE_ICON.get(p.get("kind"), ("location-dot",))[0]}"></i></div>'
        },
        ("name", "kind", EVENTS_FIELD),
        ("name", "kind", "aliases", EVENTS_FIELD, "source"),
    ),
}


def _clean(value):
    # Text is escaped once here, so tooltips and popups (built in the browser) show it as text.
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return ", ".join(escape(v) for v in value)
    return value


# Coordinates sent to the browser: 3 decimals (about 100 m) is finer than the map's zoom
# needs and keeps the page small (the files in geodata/ keep their 4).
DISPLAY_DECIMALS = 3


def _round_coords(coords):
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], DISPLAY_DECIMALS), round(coords[1], DISPLAY_DECIMALS)]
    rounded = [_round_coords(c) for c in coords]
    if isinstance(rounded[0][0], float):  # a line or ring: drop points rounding made equal
        kept = [rounded[0]] + [b for a, b in zip(rounded, rounded[1:]) if a != b]
        closed = rounded[0] == rounded[-1]
        if len(kept) >= (4 if closed else 2):
            return kept
    return rounded


def layer_features(gdf) -> dict:
    """A layer as a FeatureCollection for the map: text escaped, coordinates rounded."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    **f["geometry"],
                    "coordinates": _round_coords(f["geometry"]["coordinates"]),
                },
                "properties": {k: _clean(v) for k, v in f["properties"].items()},
            }
            for f in gdf.__geo_interface__["features"]
        ],
    }


FIELD_LABELS = {
    EVENTS_FIELD: "events in view",
    "zone_type": "zone",
    "share_pct": "share (%)",
    "area_km2": "area (km²)",
    "length_km": "length (km)",
    "status_in_view": "status then",
    "start_year": "in service from",
    "construction_year": "construction from",
    "proposed_year": "proposed in",
}
# Codes in the data shown as words (the states' codes are added from the states layer).
VALUE_NAMES = {
    "territorial_sea": "territorial sea (15 nm)",
    "fishery_zone": "fishery zone (10 nm)",
    "internal_waters": "internal waters",
    "common_space": "common maritime space",
    "not_yet": "not yet proposed",
    "construction": "under construction",
}


def _alias(field: str) -> str:
    return FIELD_LABELS.get(field, field.replace("_", " "))


def value_names(layers: Mapping) -> dict[str, str]:
    """Codes the map shows as words: zone types, statuses, and the states' ISO codes."""
    names = dict(VALUE_NAMES)
    states = layers.get("states")
    if states is not None and "name" in states.columns:
        names.update({i: n for i, n in zip(states["id"], states["name"]) if i and n})
    # escaped like every property (_clean): the runtime writes them into tooltips as HTML
    return {escape(code): escape(name) for code, name in names.items()}


def field_table(layers: Mapping) -> dict:
    """Layer name -> the tooltip and popup fields (with labels) the map runtime shows."""
    table = {}
    for name, spec in LAYER_STYLES.items():
        gdf = layers.get(name)
        if gdf is None:
            continue
        present = {*gdf.columns, EVENTS_FIELD, "status_in_view"}
        table[name] = {
            which: [[f, _alias(f)] for f in fields if f in present]
            for which, fields in (("tooltip", spec.tooltip), ("popup", spec.popup))
        }
    return table


@dataclass(frozen=True)
class PreparedLayer:
    """A layer ready for the map: built once per process, reused on every rerun."""

    data: dict  # FeatureCollection, text escaped, coordinates rounded
    bounds: list  # [[south, west], [north, east]]
    data_json: str  # ``data`` as the page's JSON, serialised once
    url: str | None = None  # where the browser fetches ``data_json`` (see publish_layers)


def _page_json(data: dict) -> str:
    return script_json(data, sort_keys=True, separators=(",", ":"))


def prepare_layers(layers: Mapping) -> dict[str, PreparedLayer]:
    prepared = {}
    for name, gdf in layers.items():
        if name in LAYER_STYLES and gdf is not None and len(gdf):
            west, south, east, north = (float(v) for v in gdf.total_bounds)
            data = layer_features(gdf)
            prepared[name] = PreparedLayer(data, [[south, west], [north, east]], _page_json(data))
    return prepared


def publish_layers(
    prepared: Mapping[str, PreparedLayer], folder: Path, base_url: str
) -> dict[str, PreparedLayer]:
    """Write each layer's JSON to ``folder`` (served at ``base_url``) and point the layer at it.

    The map script then holds a few lines per layer instead of 700 kB of coordinates: it is
    sent to the browser on every rerun, while the files are fetched once and cached. Files
    are named by their content, so several app processes can share the folder. They are
    gzip files, compressed once here: the server would otherwise compress the 490 kB of
    state borders again for every visitor (README, Speed). A layer that cannot be written
    stays inline (the map still works, only heavier).
    """
    published = {}
    for name, layer in prepared.items():
        try:
            file = publish(folder, name, ".json", layer.data_json, compress=True)
            published[name] = replace(layer, url=f"{base_url.rstrip('/')}/{file}")
        except OSError:
            published[name] = layer
    return published


class RawText(Element):
    """Script or HTML added to the page as it is: a plain ``Element`` would compile its text
    as a Jinja template, so text from a document or a page address could run code there."""

    def __init__(self, text: str):
        super().__init__("")
        self._text = text

    def render(self, **kwargs):
        return self._text


class GeoLayer(MacroElement):
    """One geodata layer, drawn by the map runtime (runtime.js ``cd.geoLayer``): each
    feature's style is computed here, its tooltip and popup there.

    With a ``url`` the page holds no features at all: the browser fetches them. Without one
    (standalone exports) they are written into the page once, as raw script: branca would
    otherwise compile 700 kB of coordinates as a Jinja template on every render.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = cd.geoLayer({{ this.name_json }}, {{ this.styles_json }})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, name: str, prepared: PreparedLayer, style: Callable[[dict], dict]):
        super().__init__()
        self._name = "GeoLayer"
        self.prepared = prepared
        self.name_json = script_json(name)
        styles = {
            f["properties"].get("id"): style(f["properties"]) for f in prepared.data["features"]
        }
        self.styles_json = script_json(styles, sort_keys=True, separators=(",", ":"))

    def render(self, **kwargs):
        super().render(**kwargs)
        name, url = self.get_name(), self.prepared.url
        fill = (
            f"cd.fetchLayer({script_json(url)}, {name}.addData.bind({name}));"
            if url
            else f"{name}.addData({self.prepared.data_json});"
        )
        self.get_root().script.add_child(RawText(fill), name=f"{name}_data")


def add_layer(m: folium.Map, name: str, prepared: PreparedLayer | None) -> GeoLayer | None:
    """Draw one layer in its own toggleable group; the runtime binds tooltips and popups."""
    spec = LAYER_STYLES.get(name)
    if spec is None or prepared is None:
        return None
    group = folium.FeatureGroup(name=spec.label, show=spec.show).add_to(m)
    return GeoLayer(name, prepared, spec.style).add_to(group)
