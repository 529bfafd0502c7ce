"""How things look, as tables: colours, labels and icons (no folium, no logic but lookups)."""

from __future__ import annotations

# event_type: (colour, label, Font Awesome icon)
EVENT_STYLE = {
    "summit": ("#b2182b", "Summit", "landmark"),
    "agreement": ("#1b7837", "Agreement", "file-signature"),
    "military_exercise": ("#d96c00", "Military exercise", "person-military-rifle"),
    "military_action": ("#5e1f78", "Military action", "explosion"),
    "diplomatic_meeting": ("#2166ac", "Diplomatic meeting", "handshake"),
    "infrastructure": ("#8c510a", "Infrastructure", "industry"),
    "trade_transit": ("#01665e", "Trade & transit", "ship"),
    "statement": ("#5f6b7a", "Statement", "bullhorn"),
    "other": ("#4d4d4d", "Other", "circle-info"),
}


# An analyst's review, marked on the event (review status: colour, Font Awesome icon, label);
# the order is the compact layer's code (mapping/events.py), 0 meaning not reviewed.
REVIEW_MARK = {
    "confirmed": ("#0a7d2c", "check", "confirmed by an analyst"),
    "edited": ("#d97a00", "pen", "corrected by an analyst"),
    "added": ("#c2185b", "plus", "added by an analyst"),
}


def event_style(event_type: str) -> tuple[str, str, str]:
    return EVENT_STYLE.get(event_type, EVENT_STYLE["other"])


SEA_COLOUR = "#cfe2f0"
ZONE_FILL = {
    "territorial_sea": "#3f88c5",
    "fishery_zone": "#8fc1e3",
    "internal_waters": "#5fa8a0",
    "common_space": "#ffffff",
}
COMMODITY_COLOUR = {"oil": "#222222", "gas": "#d7301f"}
MODE_COLOUR = {"rail": "#6a3d9a", "sea": "#1f78b4", "road": "#ff7f00"}
MODE_DASH = {"rail": "8 4", "sea": "1 6", "road": "8 4"}
SECTOR_FILL = {
    "RUS": "#e41a1c",
    "KAZ": "#377eb8",
    "TKM": "#4daf4a",
    "IRN": "#984ea3",
    "AZE": "#ff7f00",
}
# place kind: (Font Awesome icon, label)
PLACE_ICON = {
    "port": ("anchor", "Port"),
    "terminal": ("oil-well", "Terminal"),
    "field": ("fire-flame-simple", "Oil or gas field"),
    "border_crossing": ("flag", "Border crossing"),
    "city": ("city", "City"),
}
# Events per state, light to dark (ColorBrewer YlOrRd, 5 classes).
CHOROPLETH = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")


def choropleth_colour(count: int, highest: int) -> str | None:
    """Fill for a state with ``count`` events when the busiest has ``highest`` (None: zero)."""
    if count <= 0 or highest <= 0:
        return None
    index = min(len(CHOROPLETH) - 1, (count * len(CHOROPLETH) - 1) // highest)
    return CHOROPLETH[index]


# How a pipeline is drawn in the year shown, by its status then (runtime.js has the same).
PIPELINE_STATUS = {
    "operating": {"dashArray": None, "weight": 3.2, "opacity": 0.9},
    "construction": {"dashArray": "7 5", "weight": 2.6, "opacity": 0.9},
    "proposed": {"dashArray": "1 6", "weight": 2.6, "opacity": 0.8},
    "shelved": {"dashArray": "1 6", "weight": 2, "opacity": 0.45},
    "cancelled": {"dashArray": "1 6", "weight": 2, "opacity": 0.45},
    "suspended": {"dashArray": "7 5", "weight": 2, "opacity": 0.45},
}
