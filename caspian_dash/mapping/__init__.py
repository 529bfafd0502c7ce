"""Build the folium map (the only package importing folium).

The map has two parts. The base map (``build_base_map``) holds every geodata layer, the
legend and the controls, and is the same for every filter, so the browser draws it once. The
overlay (``overlay_data``) is plain data: the filtered events and a small view state that the
map's runtime applies to the layers already drawn (counts, pipelines as they stood in a year,
choropleth). In the app the overlay goes to the map component (``ui/map_component.py``) on
every rerun, so a filter change updates the map in place; ``build_map`` writes both into one
page for exports.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import folium
import xyzservices.providers as xyz
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import Fullscreen, MarkerCluster
from jinja2 import Template

from caspian_dash import assets
from caspian_dash.mapping.events import event_popup_html
from caspian_dash.mapping.labels import home_bounds, map_labels
from caspian_dash.mapping.layers import (
    LAYER_STYLES,
    PreparedLayer,
    RawText,
    add_layer,
    field_table,
    layer_features,
    prepare_layers,
    publish_layers,
    value_names,
)
from caspian_dash.mapping.legend import MAP_CSS, Legend, legend_html
from caspian_dash.mapping.overlay import Overlay, overlay_data
from caspian_dash.mapping.runtime import Runtime, Wire
from caspian_dash.models import Event
from caspian_dash.settings import CARTO_API_KEY, MAP_CENTER, MAP_ZOOM, MAX_ZOOM, MIN_ZOOM
from caspian_dash.styles import SEA_COLOUR
from caspian_dash.view import View, focus_view
from caspian_dash.view.state import layer_records, view_state

__all__ = [
    "BASEMAPS",
    "LAYER_STYLES",
    "PreparedLayer",
    "build_base_map",
    "build_map",
    "overlay_data",
    "event_popup_html",
    "layer_control",
    "layer_features",
    "legend_html",
    "prepare_layers",
    "publish_layers",
    "full_map",
    "view_overlay",
]

# Basemaps: "none" draws the vector layers alone on a sea-coloured background, so the map is
# readable with no internet; the tiled ones need a connection. CARTO's tiles now need an API
# key, so the light CartoDB style is offered only when CASPIAN_DASH_CARTO_KEY is set.
BASEMAPS = {
    "none": None,
    "OpenStreetMap": xyz.OpenStreetMap.Mapnik,
    "Light grey (Esri)": xyz.Esri.WorldGrayCanvas,
}
if CARTO_API_KEY:
    BASEMAPS["CartoDB light"] = xyz.CartoDB.Positron(apikey=CARTO_API_KEY)


class _NeedsClustering(JSCSSMixin, MacroElement):
    """Declares the clustering plugin's files in the base map: the map component loads
    scripts only when the map mounts, and a later overlay may cluster its events."""

    _template = Template("")
    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css


def build_base_map(
    layers: Mapping | None = None,
    basemap: str = "none",
    location=MAP_CENTER,
    zoom: int = MAP_ZOOM,
    prepared: Mapping[str, PreparedLayer] | None = None,
) -> folium.Map:
    """Everything that does not change with the filters.

    ``prepared``: the layers from ``prepare_layers(layers)``, when the caller keeps them
    between calls (the app does); otherwise they are prepared here.
    """
    layers = layers or {}
    prepared = prepare_layers(layers) if prepared is None else prepared
    # prefer_canvas: the layers (30,000 border points) are painted on one canvas instead of
    # built as SVG elements, a quarter of a second less before a first visit's map is idle
    m = folium.Map(
        location=location, zoom_start=zoom, tiles=None, control_scale=True, prefer_canvas=True
    )
    # Without a tile layer Leaflet has no zoom limits, and marker clustering needs one.
    m.options.update(minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM)
    tiles = BASEMAPS[basemap]
    if tiles:
        folium.TileLayer(tiles, name=basemap, attr=tiles.html_attribution).add_to(m)
    root = m.get_root()
    root.header.add_child(
        folium.Element(f"<style>.leaflet-container{{background:{SEA_COLOUR};}}</style>")
    )
    root.header.add_child(folium.Element(MAP_CSS))
    Runtime(
        field_table(layers), map_labels(layers), value_names(layers), home_bounds(layers)
    ).add_to(m)
    drawn = {}
    for name in LAYER_STYLES:  # table order is drawing order: polygons under lines and points
        layer = add_layer(m, name, prepared.get(name))
        if layer is not None:
            drawn[name] = layer
    # An empty group whose checkbox switches the states to their event counts (runtime.js).
    choropleth = folium.FeatureGroup(name="Events per state (choropleth)", show=False).add_to(m)
    # the runtime adds each overlay's events to this list of layers (cd.overlay)
    control = layer_control().add_to(m)
    Wire(drawn, choropleth, control).add_to(m)
    Legend(legend_html()).add_to(m)
    _NeedsClustering().add_to(m)
    Fullscreen(position="topleft").add_to(m)
    assets.localize(m)
    return m


def layer_control() -> folium.LayerControl:
    return folium.LayerControl(collapsed=True, position="topright")


def build_map(
    layers: Mapping | None = None,
    events: list[Event] = (),
    doc_titles: Mapping[str, str] | None = None,
    basemap: str = "none",
    year: int | None = None,
    counts: Mapping[str, int] | None = None,
    location=MAP_CENTER,
    zoom: int = MAP_ZOOM,
    label: str = "",
    heading: str = "",
) -> folium.Map:
    """Base map and overlay in one map (for exports and tests).

    ``year``: draw pipelines and corridors as they stood at the end of that year.
    ``counts``: feature id -> events in view linked to it, shown in popups and the choropleth.
    ``label``: the years in view, written large on the map; ``heading``: a title over it
    (what was filtered), written as text.
    Every script and style the map links to is the app's own copy (``caspian_dash.assets``).
    """
    layers = layers or {}
    m = build_base_map(layers, basemap, location, zoom)
    if heading:
        # the heading repeats the filters, whose search text may come from a link: escaped
        # for HTML, and added as it is (a plain Element would run it as a Jinja template)
        m.get_root().html.add_child(
            RawText(f'<div class="cd-heading">{html.escape(heading)}</div>')
        )
    state = view_state(layer_records(layers), counts or {}, year, label)
    Overlay(overlay_data(list(events), doc_titles or {}, state)).add_to(m)
    return m


def view_overlay(view: View, focused: str = "", rows: dict | None = None) -> dict:
    """The overlay (events + state) for a view, as data for the map component.
    ``focused``: the id of the event the map is centred on (its popup opens; the first view
    is not fitted), or "". ``rows``: the corpus's compact rows so far (the caller keeps one
    dict per corpus; see ``events.compact_data``)."""
    return overlay_data(view.shown, view.titles, {**view.state, "focused": focused}, rows)


def full_map(
    layers: Mapping,
    view: View,
    basemap: str = "none",
    focus: Event | None = None,
    heading: str = "",
) -> folium.Map:
    """Base map and overlay in one map: the standalone export, which opens on all the events
    shown (the runtime fits them) under ``heading`` (what was filtered)."""
    location, zoom = focus_view(focus)
    return build_map(
        layers,
        view.shown,
        view.titles,
        basemap,
        view.year,
        view.counts,
        location,
        zoom,
        label=view.state.get("label", ""),
        heading=heading,
    )
