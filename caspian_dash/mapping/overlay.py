"""What changes with the filters: the events, and the view's state (``view.state``) that the
map runtime applies to the layers already drawn. Both are plain data: the app sends them to
its map component on every rerun, and a standalone export writes them once into its page."""

from __future__ import annotations

from collections.abc import Mapping

from branca.element import MacroElement

from caspian_dash.mapping.events import events_data
from caspian_dash.mapping.layers import RawText
from caspian_dash.mapping.script_json import script_json
from caspian_dash.models import Event


def overlay_data(
    events: list[Event], doc_titles: Mapping[str, str], state: dict, rows: dict | None = None
) -> dict:
    """The per-filter part of the map (runtime.js ``cd.overlay``): the events
    (``events.events_data``), the layer list's label and the state for the runtime
    (``rows``: the events' compact rows built so far, see ``events.compact_data``)."""
    data = events_data(list(events), dict(doc_titles), rows)
    return {
        **data,
        "name": f"Events ({data['located']})",  # the layer list's label: events drawn
        "state": {**state, "bounds": data["bounds"]},
    }


class Overlay(MacroElement):
    """An overlay written into a standalone map; must come after the base map's elements."""

    def __init__(self, data: dict):
        super().__init__()
        self._name = "Overlay"
        self.data = data

    def render(self, **kwargs):
        # Added as raw script: the data (document text, 1.6 MB at 100,000 events) never
        # passes through the Jinja template that branca makes of a rendered script.
        data = script_json(self.data, sort_keys=True, separators=(",", ":"))
        self.get_root().script.add_child(RawText(f"cd.overlay({data});"), name=self.get_name())
