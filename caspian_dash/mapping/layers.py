"""The geodata layers on the map: one table row per layer, drawn as they stood in the
selected year, each feature carrying its count of the events in view."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import folium

from caspian_dash.formatting import escape
from caspian_dash.styles import (
    COMMODITY_COLOUR,
    MODE_COLOUR,
    MODE_DASH,
    PLACE_ICON,
    SECTOR_FILL,
    ZONE_FILL,
    choropleth_colour,
)
from caspian_dash.timeline import NOT_YET, pipeline_status_at, segment_open_at

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
    operating = p.get("status_in_view", p.get("status")) == "operating"
    return {
        "color": COMMODITY_COLOUR.get(p.get("commodity"), "#555555"),
        "weight": 3.2 if operating else 2.6,
        "dashArray": None if operating else "6 5",
        "opacity": 0.9,
    }


@dataclass(frozen=True)
class LayerStyle:
    label: str
    style: Callable[[dict], dict]
    tooltip: tuple[str, ...]  # short, on hover
    popup: tuple[str, ...] = ()  # every attribute worth citing, on click
    show: bool = True


LAYER_STYLES: dict[str, LayerStyle] = {
    "states": LayerStyle("States", _state_style, ("name", EVENTS_FIELD),
                         ("name", "id", "littoral", "caspian_coast_km", EVENTS_FIELD, "source")),
    "caspian_sea": LayerStyle(
        "Caspian Sea",
        lambda p: {"fillColor": "#9ec9e6", "color": "#4f86b0", "weight": 1, "fillOpacity": 0.55},
        ("name", "area_km2"), ("name", "area_km2", "source"),
    ),
    "seabed_sectors": LayerStyle(
        "Seabed sectors (median line)",
        lambda p: {"fillColor": SECTOR_FILL.get(p.get("state"), "#999"), "color": "#555",
                   "weight": 0.5, "fillOpacity": 0.3},
        ("state", "share_pct"), ("state", "area_km2", "share_pct"), show=False,
    ),
    "maritime_zones": LayerStyle(
        "Maritime zones (2018 Convention)",
        lambda p: {"fillColor": ZONE_FILL.get(p.get("zone_type"), "#fff"), "color": "#3f6f94",
                   "weight": 0.4,
                   "fillOpacity": 0.05 if p.get("zone_type") == "common_space" else 0.4},
        ("zone_type", "state"), ("zone_type", "state", "area_km2"), show=False,
    ),
    "median_lines": LayerStyle(
        "Median lines",
        lambda p: {"color": "#5a5a5a", "weight": 1.2, "dashArray": "2 4"},
        ("states", "length_km"), show=False,
    ),
    "pipelines": LayerStyle(
        "Pipelines",
        _pipeline_style,
        ("name", "status_in_view", EVENTS_FIELD),
        ("name", "commodity", "status_in_view", "status", "length_km", "length_km_published",
         "capacity", "capacity_unit", "proposed_year", "construction_year", "start_year",
         "operator", "countries", "route_accuracy", EVENTS_FIELD, "source"),
    ),
    "corridors": LayerStyle(
        "Trade corridors",
        lambda p: {"color": MODE_COLOUR.get(p.get("mode"), "#555"), "weight": 2.6,
                   "opacity": 0.85, "dashArray": MODE_DASH.get(p.get("mode"), "8 4")},
        ("corridor", "segment", EVENTS_FIELD),
        ("corridor", "segment", "mode", "length_km", "start_year", "countries",
         "route_accuracy", EVENTS_FIELD, "source"),
    ),
    "places": LayerStyle(
        "Ports, terminals and fields",
        lambda p: {"html": '<div class="cd-place"><i class="fa-solid fa-'
                           f'{PLACE_ICON.get(p.get("kind"), ("location-dot",))[0]}"></i></div>'},
        ("name", "kind", EVENTS_FIELD), ("name", "kind", "aliases", EVENTS_FIELD, "source"),
    ),
}


def _in_view(name: str, props: dict, year: int | None) -> dict | None:
    """The feature's properties as of ``year`` (None: not drawn then)."""
    if year is None:
        return props
    if name == "pipelines":
        status = pipeline_status_at(props, year)
        return None if status == NOT_YET else {**props, "status_in_view": status}
    if name == "corridors" and not segment_open_at(props, year):
        return None
    return props


def _clean(value):
    # Text is escaped once here, so tooltips and popups (built in the browser) show it as text.
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return ", ".join(escape(v) for v in value)
    return value


def layer_features(name: str, gdf, counts: Mapping[str, int], year: int | None) -> dict:
    """The layer as a FeatureCollection for the map: in view at ``year``, counts added."""
    features = []
    for feature in gdf.__geo_interface__["features"]:
        props = _in_view(name, feature["properties"], year)
        if props is None:
            continue
        props = {k: _clean(v) for k, v in props.items()}
        props[EVENTS_FIELD] = counts.get(feature["properties"].get("id"), 0)
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _fields(spec_fields: tuple[str, ...], data: dict) -> list[str]:
    present = set(data["features"][0]["properties"]) if data["features"] else set()
    return [f for f in spec_fields if f in present]


def _alias(field: str) -> str:
    return "events in view" if field == EVENTS_FIELD else field.replace("_", " ")


def add_layer(m: folium.Map, name: str, gdf, counts: Mapping[str, int], year: int | None) -> None:
    spec = LAYER_STYLES.get(name)
    if spec is None or gdf is None or not len(gdf):
        return
    data = layer_features(name, gdf, counts, year)
    if not data["features"]:
        return
    tooltip, popup = _fields(spec.tooltip, data), _fields(spec.popup, data)
    group = folium.FeatureGroup(name=spec.label, show=spec.show)
    folium.GeoJson(
        data,
        name=name,
        style_function=lambda feature, style=spec.style: style(feature["properties"]),
        tooltip=folium.GeoJsonTooltip(tooltip, aliases=[_alias(f) for f in tooltip]) if tooltip else None,
        popup=folium.GeoJsonPopup(popup, aliases=[_alias(f) for f in popup]) if popup else None,
        marker=folium.Marker(icon=folium.DivIcon(class_name="cd-place-wrap", icon_size=(20, 20),
                                                 icon_anchor=(10, 10))) if name == "places" else None,
    ).add_to(group)
    group.add_to(m)


def add_choropleth(m: folium.Map, states, counts: Mapping[str, int]) -> int:
    """States shaded by their number of events in view (a layer off by default).

    Returns the highest count, for the legend.
    """
    if states is None or not len(states):
        return 0
    highest = max((counts.get(i, 0) for i in states["id"]), default=0)
    data = layer_features("states", states, counts, None)

    def style(feature):
        fill = choropleth_colour(feature["properties"][EVENTS_FIELD], highest)
        return {"fillColor": fill or "#ffffff", "fillOpacity": 0.8 if fill else 0.0,
                "color": "#7a5c3c", "weight": 0.8}

    group = folium.FeatureGroup(name="Events per state (choropleth)", show=False)
    folium.GeoJson(
        data, name="choropleth", style_function=style,
        tooltip=folium.GeoJsonTooltip(["name", EVENTS_FIELD], aliases=["state", "events in view"]),
    ).add_to(group)
    group.add_to(m)
    return highest
