"""Build the folium map from geodata layers and events (the only module importing folium)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import folium
import xyzservices.providers as xyz
from branca.element import MacroElement
from folium.plugins import Fullscreen, MarkerCluster
from jinja2 import Template

from caspian_dash import assets
from caspian_dash.models import Event
from caspian_dash.settings import CARTO_API_KEY, MAP_CENTER, MAP_ZOOM, MAX_ZOOM, MIN_ZOOM

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
SEA_COLOUR = "#cfe2f0"

# One row per event type: colour and label for markers and the legend.
EVENT_STYLE = {
    "summit": ("#b2182b", "Summit"),
    "agreement": ("#1b7837", "Agreement"),
    "military_exercise": ("#e08214", "Military exercise"),
    "military_action": ("#40004b", "Military action"),
    "diplomatic_meeting": ("#2166ac", "Diplomatic meeting"),
    "infrastructure": ("#8c510a", "Infrastructure"),
    "trade_transit": ("#01665e", "Trade & transit"),
    "statement": ("#7a7a7a", "Statement"),
    "other": ("#4d4d4d", "Other"),
}

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def escape(text: object) -> str:
    """Text from documents, safe inside folium's HTML *and* its JavaScript template strings.

    folium pastes tooltip and popup HTML into JS backtick strings, so beyond HTML escaping,
    backticks, ``$`` (``${...}``) and backslashes must not survive as themselves.
    """
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def format_date(event: Event) -> str:
    """The event's date written at its precision: "8 Oct 2025", "Jul 2024", "2018"."""
    year, month, day = event.date_start.split("-")
    if event.time_precision == "year":
        text = year
    elif event.time_precision == "month":
        text = f"{_MONTHS[int(month) - 1]} {year}"
    else:
        text = f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
    if event.date_end[:4] != event.date_start[:4] and event.time_precision == "year":
        text += f"–{event.date_end[:4]}"
    return text


def event_popup_html(event: Event, doc_titles: dict[str, str] | None = None) -> str:
    """Popup body for one event: every piece of document text is escaped."""
    doc_titles = doc_titles or {}
    colour, label = EVENT_STYLE.get(event.event_type, EVENT_STYLE["other"])
    rows = [
        f'<div style="font-weight:600;margin-bottom:4px">{escape(event.title)}</div>',
        f'<div><span style="color:{colour}">&#9679;</span> {escape(label)} · '
        f"{escape(format_date(event))}</div>",
    ]
    if event.place:
        rows.append(f"<div>Place: {escape(event.place)} ({escape(event.geo_precision or '?')})</div>")
    if event.actors:
        rows.append(f"<div>Actors: {escape(', '.join(event.actors))}</div>")
    for source in event.sources[:3]:
        title = doc_titles.get(source.doc_id) or source.doc_id
        rows.append(
            '<blockquote style="margin:6px 0;padding-left:6px;border-left:3px solid #ccc">'
            f"{escape(source.sentence)}<br><small>— {escape(title)}</small></blockquote>"
        )
    if event.flags:
        rows.append(f"<div><small>Flags: {escape(', '.join(event.flags))}</small></div>")
    return "".join(rows)


# --- geodata layers: one row per layer (group label, style, tooltip fields, shown at start) ---

_ZONE_FILL = {"territorial_sea": "#3f88c5", "fishery_zone": "#8fc1e3", "common_space": "#ffffff"}
_COMMODITY = {"oil": "#222222", "gas": "#d7301f"}
_MODE = {"rail": "#6a3d9a", "sea": "#1f78b4", "road": "#ff7f00"}
_SECTOR_FILL = {"RUS": "#e41a1c", "KAZ": "#377eb8", "TKM": "#4daf4a", "IRN": "#984ea3", "AZE": "#ff7f00"}


def _state_style(props: dict) -> dict:
    littoral = props.get("littoral")
    return {
        "fillColor": "#f3e9d2" if littoral else "#ecebe8",
        "color": "#6b5b45" if littoral else "#a9a49c",
        "weight": 1.8 if littoral else 0.7,
        "fillOpacity": 1.0,
    }


def _pipeline_style(props: dict) -> dict:
    operating = props.get("status") == "operating"
    return {
        "color": _COMMODITY.get(props.get("commodity"), "#555555"),
        "weight": 3 if operating else 2.5,
        "dashArray": None if operating else "6 5",
        "opacity": 0.9,
    }


@dataclass(frozen=True)
class LayerStyle:
    label: str
    style: object  # feature properties -> Leaflet path style
    tooltip: tuple[str, ...]
    show: bool = True


LAYER_STYLES = {
    "states": LayerStyle("States", _state_style, ("name", "id")),
    "caspian_sea": LayerStyle(
        "Caspian Sea",
        lambda p: {"fillColor": "#9ec9e6", "color": "#4f86b0", "weight": 1, "fillOpacity": 0.55},
        ("name", "area_km2"),
    ),
    "seabed_sectors": LayerStyle(
        "Seabed sectors (median line)",
        lambda p: {"fillColor": _SECTOR_FILL.get(p.get("state"), "#999"), "color": "#555",
                   "weight": 0.5, "fillOpacity": 0.25},
        ("state", "area_km2", "share_pct"),
        show=False,
    ),
    "maritime_zones": LayerStyle(
        "Maritime zones (2018 Convention)",
        lambda p: {"fillColor": _ZONE_FILL.get(p.get("zone_type"), "#fff"), "color": "#3f6f94",
                   "weight": 0.4, "fillOpacity": 0.0 if p.get("zone_type") == "common_space" else 0.35},
        ("zone_type", "state", "area_km2"),
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
        ("name", "commodity", "status", "length_km", "length_km_published", "capacity",
         "capacity_unit", "start_year", "operator", "route_accuracy"),
    ),
    "corridors": LayerStyle(
        "Trade corridors",
        lambda p: {"color": _MODE.get(p.get("mode"), "#555"), "weight": 2.5, "opacity": 0.85,
                   "dashArray": "1 6" if p.get("mode") == "sea" else "8 4"},
        ("corridor", "segment", "mode", "length_km", "start_year"),
    ),
    "places": LayerStyle(
        "Ports, terminals and fields",
        lambda p: {"color": "#333", "weight": 1, "fillColor": "#ffffff", "fillOpacity": 1},
        ("name", "kind"),
    ),
}


def _add_layer(m: folium.Map, name: str, gdf) -> None:
    spec = LAYER_STYLES.get(name)
    if spec is None or gdf is None or not len(gdf):
        return
    data = gdf.__geo_interface__
    fields = [f for f in spec.tooltip if f in gdf.columns]
    group = folium.FeatureGroup(name=spec.label, show=spec.show)
    folium.GeoJson(
        data,
        style_function=lambda feature, style=spec.style: style(feature["properties"]),
        tooltip=folium.GeoJsonTooltip(fields=fields, aliases=[f.replace("_", " ") for f in fields])
        if fields else None,
        marker=folium.CircleMarker(radius=4) if name == "places" else None,
    ).add_to(group)
    group.add_to(m)


# Neutral cluster bubbles: the plugin's default green/yellow/orange would read as event types.
_CLUSTER_ICON = """
function (cluster) {
    return L.divIcon({
        html: '<div>' + cluster.getChildCount() + '</div>',
        className: 'cd-cluster', iconSize: L.point(30, 30)
    });
}"""


def _add_events(m: folium.Map, events: list[Event], doc_titles: dict[str, str]) -> None:
    # Clustering keeps stacked events (many at one place) reachable by spiderfying them.
    cluster = MarkerCluster(
        name=f"Events ({len(events)})",
        options={"spiderfyOnMaxZoom": True, "showCoverageOnHover": False, "maxClusterRadius": 30},
        icon_create_function=_CLUSTER_ICON,
    )
    for event in events:
        if event.lat is None or event.lon is None:
            continue
        colour, _ = EVENT_STYLE.get(event.event_type, EVENT_STYLE["other"])
        precise = event.geo_precision == "site"
        # Region- and country-level places are drawn as rings: they are not a point on the map.
        folium.CircleMarker(
            location=(event.lat, event.lon),
            radius=7 if precise else 11,
            color=colour,
            weight=2 if precise else 3,
            dash_array=None if precise else "4 3",
            fill=True,
            fill_color=colour,
            fill_opacity=0.85 if precise else 0.15,
            popup=folium.Popup(event_popup_html(event, doc_titles), max_width=360),
            tooltip=folium.Tooltip(escape(f"{event.title} ({format_date(event)})")),
        ).add_to(cluster)
    cluster.add_to(m)


_LEGEND_CSS = """<style>
.cd-legend{background:rgba(255,255,255,.92);padding:6px 9px;border-radius:4px;font:12px/1.45
 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:230px;color:#222}
.cd-cluster div{width:30px;height:30px;border-radius:50%;background:rgba(40,40,40,.78);color:#fff;
 font:600 13px/30px system-ui,sans-serif;text-align:center;border:2px solid #fff;box-sizing:border-box}
.cd-legend b{display:block;margin-top:3px}.cd-legend i{display:inline-block;width:11px;height:11px;
 border-radius:50%;margin-right:5px;vertical-align:-1px}.cd-legend s{display:inline-block;width:20px;
 margin-right:5px;vertical-align:3px;text-decoration:none}.cd-legend small{color:#666}
</style>"""


def _swatch_line(colour: str, style: str = "solid") -> str:
    return f'<s style="border-top:3px {style} {colour}"></s>'


def legend_html(event_types: set[str] | None = None) -> str:
    """The legend, built from the same tables that style the map (no document text).

    Lists only the event types on the map when ``event_types`` is given.
    """
    parts = ["<b>Events</b>"]
    parts += [
        f'<i style="background:{c}"></i>{label}<br>'
        for key, (c, label) in EVENT_STYLE.items()
        if event_types is None or key in event_types
    ]
    parts.append('<i style="border:2px dashed #555;background:none"></i>region / country level<br>')
    parts.append("<b>Pipelines</b>")
    parts += [f"{_swatch_line(c)}{k}<br>" for k, c in _COMMODITY.items()]
    parts.append(f"{_swatch_line('#555', 'dashed')}not operating<br>")
    parts.append("<b>Corridors</b>")
    parts += [
        f"{_swatch_line(c, 'dotted' if k == 'sea' else 'dashed')}{k}<br>" for k, c in _MODE.items()
    ]
    parts.append("<small>Boundaries: Natural Earth · places: GeoNames · see geodata/SOURCES.md</small>")
    return "".join(parts)


class _Legend(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomleft"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "cd-legend");
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "Legend"
        self.html = html_text


def build_map(
    layers: dict | None = None,
    events: list[Event] = (),
    doc_titles: dict[str, str] | None = None,
    basemap: str = "none",
) -> folium.Map:
    """A folium map of the geodata layers (name -> GeoDataFrame) and the given events.

    Every script and style it links to is the app's own copy (see ``caspian_dash.assets``).
    """
    m = folium.Map(location=MAP_CENTER, zoom_start=MAP_ZOOM, tiles=None, control_scale=True)
    # Without a tile layer Leaflet has no zoom limits, and marker clustering needs one.
    m.options.update(minZoom=MIN_ZOOM, maxZoom=MAX_ZOOM)
    tiles = BASEMAPS[basemap]
    if tiles:
        folium.TileLayer(tiles, name=basemap, attr=tiles.html_attribution).add_to(m)
    m.get_root().header.add_child(
        folium.Element(f"<style>.leaflet-container{{background:{SEA_COLOUR};}}</style>")
    )
    for name in LAYER_STYLES:  # table order is drawing order: polygons under lines and points
        _add_layer(m, name, (layers or {}).get(name))
    _add_events(m, list(events), doc_titles or {})
    m.get_root().header.add_child(folium.Element(_LEGEND_CSS))
    _Legend(legend_html({e.event_type for e in events})).add_to(m)
    Fullscreen(position="topleft").add_to(m)
    folium.LayerControl(collapsed=True, position="topright").add_to(m)
    assets.localize(m)
    return m
