"""Build the folium map from geodata layers and events (the only package importing folium)."""

from __future__ import annotations

from collections.abc import Mapping

import folium
import xyzservices.providers as xyz
from folium.plugins import Fullscreen

from caspian_dash import assets
from caspian_dash.mapping.events import add_events, event_popup_html
from caspian_dash.mapping.layers import LAYER_STYLES, add_choropleth, add_layer, layer_features
from caspian_dash.mapping.legend import MAP_CSS, Legend, legend_html
from caspian_dash.models import Event
from caspian_dash.settings import CARTO_API_KEY, MAP_CENTER, MAP_ZOOM, MAX_ZOOM, MIN_ZOOM
from caspian_dash.styles import SEA_COLOUR

__all__ = ["BASEMAPS", "LAYER_STYLES", "build_map", "event_popup_html", "layer_features",
           "legend_html"]

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


def _base(basemap: str, location, zoom: int) -> folium.Map:
    m = folium.Map(location=location, zoom_start=zoom, tiles=None, control_scale=True)
    # Without a tile layer Leaflet has no zoom limits, and marker clustering needs one.
    m.options.update(minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM)
    tiles = BASEMAPS[basemap]
    if tiles:
        folium.TileLayer(tiles, name=basemap, attr=tiles.html_attribution).add_to(m)
    m.get_root().header.add_child(
        folium.Element(f"<style>.leaflet-container{{background:{SEA_COLOUR};}}</style>")
    )
    m.get_root().header.add_child(folium.Element(MAP_CSS))
    return m


def build_map(
    layers: Mapping | None = None,
    events: list[Event] = (),
    doc_titles: Mapping[str, str] | None = None,
    basemap: str = "none",
    year: int | None = None,
    counts: Mapping[str, int] | None = None,
    location=MAP_CENTER,
    zoom: int = MAP_ZOOM,
) -> folium.Map:
    """A folium map of the geodata layers (name -> GeoDataFrame) and the events.

    ``year``: draw pipelines and corridors as they stood at the end of that year.
    ``counts``: feature id -> events in view linked to it, shown in popups and the choropleth.
    Every script and style the map links to is the app's own copy (``caspian_dash.assets``).
    """
    layers, counts, events = layers or {}, counts or {}, list(events)
    m = _base(basemap, location, zoom)
    for name in LAYER_STYLES:  # table order is drawing order: polygons under lines and points
        add_layer(m, name, layers.get(name), counts, year)
    highest = add_choropleth(m, layers.get("states"), counts)
    add_events(m, events, dict(doc_titles or {}))
    Legend(legend_html({e.event_type for e in events}, highest)).add_to(m)
    Fullscreen(position="topleft").add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    assets.localize(m)
    return m
