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
)

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
</style>"""


def _line(colour: str, style: str = "solid") -> str:
    return f'<s style="border-top:3px {style} {colour}"></s>'


def _item(swatch: str, label: str) -> str:
    return f'<span class="cd-item">{swatch}{label}</span>'


def legend_html(event_types: set[str] | None = None) -> str:
    """Legend rows; only the event types on the map when ``event_types`` is given.

    A <details> element, so a briefing can fold it away to free the map.
    """
    events = [
        _item(f'<span class="cd-ev" style="background:{colour}"><i class="fa-solid fa-{icon}">'
              "</i></span>", label)
        for key, (colour, label, icon) in EVENT_STYLE.items()
        if event_types is None or key in event_types
    ]
    events.append(_item('<span class="cd-ev cd-ev-ring" style="border-color:#555"></span>',
                        "place is a region or country"))
    pipes = [_item(_line(c), k) for k, c in COMMODITY_COLOUR.items()]
    pipes.append(_item(_line("#555", "dashed"), "not operating then"))
    modes = [_item(_line(c, "dotted" if k == "sea" else "dashed"), k) for k, c in MODE_COLOUR.items()]
    places = [_item(f'<span class="cd-place"><i class="fa-solid fa-{icon}"></i></span>', label)
              for icon, label in PLACE_ICON.values()]
    parts = ["<details open><summary>Legend</summary>",
             "<b>Events</b>", *events, "<b>Pipelines</b>", *pipes,
             "<b>Corridors</b>", *modes, "<b>Places</b>", *places]
    ramp = "".join(f'<i style="background:{c}"></i>' for c in CHOROPLETH)
    # The highest count is filled in by the map runtime as the filters change.
    parts += ["<b>Events per state</b> <small>(choropleth layer)</small>",
              f'<span class="cd-ramp">1 {ramp} <span class="cd-choro-max">0</span></span>']
    parts.append("<small>Routes are schematic. Boundaries: Natural Earth; places: GeoNames "
                 "and published coordinates (geodata/SOURCES.md).</small></details>")
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
