"""The map legend, built from the same tables that style the map (no document text)."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from caspian_dash.styles import (
    CHOROPLETH,
    COMMODITY_COLOUR,
    EVENT_STYLE,
    MODE_COLOUR,
    PLACE_ICON,
    REVIEW_MARK,
    ZONE_FILL,
)

# The sea's layers (off at first): the 2018 Convention's zones, the seabed sectors, the lines.
AREA_LEGEND = [
    ("territorial sea (15 nm)", ZONE_FILL["territorial_sea"]),
    ("fishery zone (10 nm)", ZONE_FILL["fishery_zone"]),
    ("internal waters", ZONE_FILL["internal_waters"]),
]

MAP_CSS = """<style>
.cd-legend{background:rgba(255,255,255,.93);padding:6px 9px;border-radius:4px;font:12px/1.45
 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:270px;color:#222;
 max-height:62vh;overflow:auto}
.cd-legend b{display:block;margin-top:3px}.cd-legend s{display:inline-block;width:20px;
 margin-right:5px;vertical-align:3px;text-decoration:none}.cd-legend small{color:#555}
.cd-legend summary{cursor:pointer;font-weight:600}.cd-legend small{display:block;margin-top:4px}
.cd-item{display:inline-block;margin:1px 10px 1px 0;white-space:nowrap}
.cd-legend .cd-ev,.cd-legend .cd-place{display:inline-flex;position:static;width:18px;height:18px;
 font-size:9px;margin-right:4px;vertical-align:-4px;border-width:1.5px;box-shadow:none}
.cd-ev-wrap,.cd-place-wrap{background:none;border:none}
.cd-ev{width:26px;height:26px;border-radius:50%;display:flex;align-items:center;
 justify-content:center;color:#fff;font-size:12px;border:2px solid #fff;box-sizing:border-box;
 box-shadow:0 1px 3px rgba(0,0,0,.45)}
.cd-ev-ring{background:rgba(255,255,255,.55);border-width:2.5px;border-style:dashed}
.cd-rv{position:absolute;right:-6px;top:-6px;width:15px;height:15px;border-radius:50%;
 border:1.5px solid #fff;color:#fff;font-size:8px;display:flex;align-items:center;
 justify-content:center;box-sizing:border-box;box-shadow:0 0 2px rgba(0,0,0,.6)}
.cd-legend .cd-rv{position:static;display:inline-flex;margin-right:4px;vertical-align:-2px}
.cd-place{width:20px;height:20px;border-radius:4px;background:#fff;border:1.5px solid #333;
 display:flex;align-items:center;justify-content:center;font-size:10px;color:#333;
 box-sizing:border-box}
.cd-cluster div{width:30px;height:30px;border-radius:50%;background:rgba(40,40,40,.8);color:#fff;
 font:600 13px/30px system-ui,sans-serif;text-align:center;border:2px solid #fff;
 box-sizing:border-box}
.cd-pick b{display:block;margin-bottom:3px}.cd-pick a{display:block;padding:1px 0}
.cd-pick small{display:block;color:#555;margin-top:3px}
.cd-layer-error{position:fixed;left:50%;top:12px;transform:translateX(-50%);z-index:2000;
 background:#fff3cd;color:#5c4400;border:1px solid #c9a227;padding:6px 10px;border-radius:4px;
 font:13px system-ui,sans-serif}
.leaflet-popup-content{overflow-wrap:anywhere;unicode-bidi:plaintext}
.leaflet-tooltip{overflow-wrap:anywhere;width:max-content;max-width:340px;white-space:normal;unicode-bidi:plaintext}
.cd-pop-title{font-weight:600;margin-bottom:4px}.cd-pop-src{margin:6px 0;padding-left:6px;
 border-left:3px solid #ccc}
.cd-ramp i{display:inline-block;width:16px;height:10px}
.leaflet-interactive:focus{outline:none}
.cd-attrs{font-size:12px;line-height:1.35}.cd-attrs th{padding-right:8px;color:#555;font-weight:500;text-align:left;vertical-align:top}
.cd-attrs td{max-width:260px;white-space:normal}
.cd-label{white-space:nowrap;pointer-events:none}
.cd-label span{display:inline-block;transform:translate(-50%,-50%);font:500 12px/1.1 system-ui,
 sans-serif;color:#2b2b2b;text-shadow:0 0 2px #fff,0 0 3px #fff,0 0 4px #fff}
.cd-label-sea span{font:italic 600 17px/1.1 system-ui,sans-serif;color:#245a85;letter-spacing:.06em}
.cd-label-state span{font-size:12px;font-weight:600;letter-spacing:.05em;text-transform:uppercase;color:#5a5045}
.cd-label-capital span{font-weight:600;transform:translate(-3px,-50%)}
.cd-label-capital span::before{content:"";display:inline-block;width:6px;height:6px;margin-right:9px;
 border-radius:50%;background:#333;vertical-align:1px}
.cd-label-pipeline span{font-size:11px;font-style:italic;color:#6d1d1d}
.cd-label-place span{font-size:11px;color:#333;transform:translate(12px,-50%)}
.cd-year{font:700 30px/1.1 system-ui,sans-serif;color:#1d1d1d;background:rgba(255,255,255,.8);
 padding:2px 10px;border-radius:4px;box-shadow:0 1px 3px rgba(0,0,0,.25)}
.cd-year:empty{display:none}
.cd-heading{position:fixed;top:0;left:0;right:0;z-index:1500;padding:6px 12px;
 background:rgba(255,255,255,.9);font:600 16px/1.3 system-ui,sans-serif;color:#1d1d1d;
 box-shadow:0 1px 3px rgba(0,0,0,.2)}
.cd-heading ~ .folium-map .leaflet-top{top:34px}
.cd-fit{font:700 16px/30px system-ui,sans-serif;text-align:center;text-decoration:none}
</style>"""


def _line(colour: str, style: str = "solid") -> str:
    return f'<s style="border-top:3px {style} {colour}"></s>'


def _item(swatch: str, label: str) -> str:
    return f'<span class="cd-item">{swatch}{label}</span>'


def legend_html(event_types: set[str] | None = None) -> str:
    """Legend rows; only the event types on the map when ``event_types`` is given.

    A <details> element, folded at first so that it never hides the region; one click opens it.
    """
    events = [
        _item(
            f'<span class="cd-ev" style="background:{colour}"><i class="fa-solid fa-{icon}">'
            "</i></span>",
            label,
        )
        for key, (colour, label, icon) in EVENT_STYLE.items()
        if event_types is None or key in event_types
    ]
    events.append(
        _item(
            '<span class="cd-ev cd-ev-ring" style="border-color:#555"></span>',
            "place is a region or country",
        )
    )
    reviews = [
        _item(
            f'<span class="cd-rv" style="background:{colour}"><i class="fa-solid fa-{icon}">'
            "</i></span>",
            label,
        )
        for colour, icon, label in REVIEW_MARK.values()
    ]
    reviews.append(_item("", "<small>(as a ring around a dot when events are many)</small>"))
    pipes = [_item(_line(c), k) for k, c in COMMODITY_COLOUR.items()]
    pipes += [
        _item(_line("#555", "dashed"), "under construction then"),
        _item(_line("#555", "dotted"), "proposed then"),
        _item("", "<small>(not drawn before it was proposed)</small>"),
    ]
    modes = [
        _item(_line(c, "dotted" if k == "sea" else "dashed"), k) for k, c in MODE_COLOUR.items()
    ]
    modes.append(
        _item(
            f'<s style="border-top:3px dashed {MODE_COLOUR["rail"]};opacity:.4"></s>',
            "planned or being built then",
        )
    )
    areas = [
        _item(f'<s style="border-top:8px solid {colour}"></s>', label)
        for label, colour in AREA_LEGEND
    ]
    areas += [
        _item('<s style="border-top:8px solid #ddd"></s>', "seabed sector (one colour a state)"),
        _item('<s style="border-top:2px dashed #5a5a5a"></s>', "median line"),
    ]
    places = [
        _item(f'<span class="cd-place"><i class="fa-solid fa-{icon}"></i></span>', label)
        for icon, label in PLACE_ICON.values()
    ]
    parts = [
        "<details><summary>Legend</summary>",
        "<b>Events</b>",
        *events,
        "<b>Review</b>",
        *reviews,
        "<b>Pipelines</b>",
        *pipes,
        "<b>Corridors</b>",
        *modes,
        "<b>Places</b>",
        *places,
        "<b>Sea zones (2018 Convention)</b>",
        *areas,
    ]
    ramp = "".join(f'<i style="background:{c}"></i>' for c in CHOROPLETH)
    # The highest count is filled in by the map runtime as the filters change.
    parts += [
        "<b>Events per state</b> <small>(choropleth layer)</small>",
        f'<span class="cd-ramp">1 {ramp} <span class="cd-choro-max">0</span></span>',
    ]
    parts.append(
        "<small>Routes are schematic. Boundaries: Natural Earth; places: GeoNames "
        "and published coordinates (geodata/SOURCES.md).</small></details>"
    )
    return "".join(parts)


class Legend(MacroElement):
    """A Leaflet control holding the legend; click propagation stops at its edge."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomleft"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "cd-legend");
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
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
