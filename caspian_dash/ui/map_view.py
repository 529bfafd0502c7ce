"""The map in the page: streamlit-folium's component, fed with a base map rendered once.

``st_folium`` renders the whole folium map on every rerun (about a tenth of a second of
server time per user, more than the rest of a filter change). The base map never changes
for a given set of layers and basemap, so its script, links and layer control are rendered
once per process here (``base_args``) and only the overlay (events and view state) is
rendered per rerun. The arguments and the frontend are streamlit-folium's own, called through
the helpers ``st_folium`` itself uses; requirements.lock pins the version they come from.
"""

from __future__ import annotations

import hashlib

import folium
from jinja2.utils import htmlsafe_json_dumps
from streamlit_folium import (
    _component_func,
    _get_feature_group_string,
    _get_header,
    _get_html,
    _get_layer_control_string,
    _get_map_string,
    get_full_id,
)

# The overlay's name in the cached layer control, replaced by its real one ("Events (12)").
_PLACEHOLDER = "cd-overlay-name"
RETURNED = ["last_active_drawing"]  # a click on a feature reruns the app; pans and zooms don't


def _links(element, attr: str) -> list[str]:
    found, stack = [], [element]
    while stack:
        e = stack.pop(0)
        found.extend(url for _, url in getattr(e, attr, None) or [])
        stack[:0] = list(getattr(e, "_children", {}).values())
    return list(dict.fromkeys(found))


def base_args(base: folium.Map, control: folium.LayerControl) -> dict:
    """The component's arguments for ``base`` that do not change with the filters."""
    base.get_root().render()
    html, header = _get_html(base), _get_header(base)
    script = _get_map_string(base)
    args = {
        "script": script,
        "header": header,
        "html": html,
        "id": get_full_id(base),
        "css_links": _links(base, "default_css"),
        "js_links": _links(base, "default_js"),
    }
    # The layer control lists the overlay too: render it once with a stand-in name.
    _get_feature_group_string(folium.FeatureGroup(name=_PLACEHOLDER), map=base)
    args["layer_control"] = _get_layer_control_string(control, base)
    args["key"] = "map-" + hashlib.sha1(script.encode()).hexdigest()[:12]  # new base: remount
    return args


def overlay_args(base: dict, overlay: folium.FeatureGroup) -> dict:
    """The per-rerun arguments: the overlay's script and the layer control naming it."""
    scratch = folium.Map(tiles=None)  # a parent to render into; its name becomes "map_div"
    return {
        "feature_group": _get_feature_group_string(overlay, map=scratch),
        "layer_control": base["layer_control"].replace(
            htmlsafe_json_dumps(_PLACEHOLDER), htmlsafe_json_dumps(overlay.layer_name)
        ),
    }


def show_map(
    base: dict, overlay: folium.FeatureGroup, height: int, center=None, zoom=None
) -> dict | None:
    """Draw (or update in place) the map; returns what the user last clicked."""
    return _component_func(
        script=base["script"],
        header=base["header"],
        html=base["html"],
        id=base["id"],
        key=base["key"],
        height=height,
        width=None,
        returned_objects=RETURNED,
        default={k: None for k in RETURNED},
        zoom=zoom,
        center=center,
        return_on_hover=False,
        pixelated=False,
        css_links=base["css_links"],
        js_links=base["js_links"],
        wrap_longitude=False,
        **overlay_args(base, overlay),
    )
