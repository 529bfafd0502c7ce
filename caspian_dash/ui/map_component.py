"""The map in the page: a small Streamlit component of our own (``map_frontend/``).

The base map (every geodata layer, the legend, the controls) never changes for a given set
of layers and basemap: it is rendered once per process into a standalone page, which the
component mounts once. Each rerun then sends only the overlay, plain data (the events shown
and the view state), which the map runtime applies in place, so the user's zoom survives a
filter change and no document text passes through a template engine on its way to the map.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit.components.v1 as components

_FRONTEND = Path(__file__).with_name("map_frontend")
_component = components.declare_component("map", path=str(_FRONTEND))


def script_links(element, attr: str) -> list[str]:
    """Every script (``default_js``) or style sheet (``default_css``) the map's elements
    link to, in page order (the same walk as ``assets.localize``)."""
    found, stack = [], [element]
    while stack:
        e = stack.pop(0)
        found.extend(url for _, url in getattr(e, attr, None) or [])
        stack[:0] = list(getattr(e, "_children", {}).values())
    return list(dict.fromkeys(found))


def base_args(base, key: str = "") -> dict:
    """What the component needs of the base map (a folium Map from
    ``mapping.build_base_map``), made once per process and basemap:
    the page, and its script and style links (which the app may replace by bundles).
    ``key``: names this base (the app: its layers and basemap); a new key remounts the
    component. Without one, the page's hash (folium's random element names make it
    differ between two builds of the same map)."""
    page = base.get_root().render()
    js, css = script_links(base, "default_js"), script_links(base, "default_css")
    return {
        "page": page,
        "js": js,
        "css": css,
        "bundled": [*js, *css],
        "key": "map-" + (key or hashlib.sha1(page.encode()).hexdigest()[:12]),
    }


def show_map(
    base: dict,
    overlay: dict,
    height: int,
    center=None,
    zoom=None,
    pick: bool = False,
    track: bool = False,
    keys: bool = False,
    layers: list[str] | None = None,
    fly: bool = False,
) -> dict | None:
    """Draw (or update in place) the map; returns the last click: {"clicked": the
    clicked feature's properties, "n": a click counter}, or None before any click.
    ``pick``: a click anywhere gives its point ({"kind": "point", "lat", "lon"}) and
    clicks on features are ignored (a reviewer placing an event).
    ``track``: the map sends its view when it stops moving ({"view": {"center", "zoom",
    "layers"}}), for a story's step; ``keys``: arrows, space and Escape send {"key": "next",
    "previous" or "exit"} (presenting); ``layers``: the geodata layers to have on (a step's);
    ``fly``: move to a new centre by flying (a story's steps)."""
    return _component(
        page=base["page"],
        js=base["js"],
        css=base["css"],
        bundled=base["bundled"],
        overlay=overlay,
        height=height,
        center=list(center) if center else None,
        zoom=zoom,
        pick=pick,
        track=track,
        keys=keys,
        layers=layers,
        fly=fly,
        key=base["key"],
        default=None,
    )
