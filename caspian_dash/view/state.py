"""The state the map's runtime applies to the layers already drawn: events per feature,
each pipeline's and corridor segment's status in the year in view, the choropleth's colours
and the years written on the map (pure: layer records and counts in, a plain dict out)."""

from __future__ import annotations

from collections.abc import Mapping

from caspian_dash.styles import choropleth_colour
from caspian_dash.view.timeline import pipeline_status_at

# the layers whose features the state speaks of (their ids, years, status)
STATE_LAYERS = ("states", "pipelines", "corridors", "places", "maritime_zones", "seabed_sectors")


def layer_records(layers: Mapping) -> dict[str, list[dict]]:
    """Each layer's attributes as plain records, without geometry: what the state reads. The
    app makes them once per set of layers (turning frames into records took a sixth of a
    rerun) and hands them to every view."""
    return {
        name: layers[name].drop(columns="geometry").to_dict("records")
        for name in STATE_LAYERS
        if layers.get(name) is not None
    }


def _int_or_none(value):
    # Missing years come back from pandas as NaN in float columns.
    return None if value is None or value != value else int(value)


def view_state(
    records: Mapping[str, list[dict]], counts: Mapping[str, int], year: int | None, label: str = ""
) -> dict:
    """The state the runtime applies: counts, pipelines and corridors at ``year``, choropleth.

    With ``year`` None, every line shows its present status.
    """
    pipelines = {}
    for p in records.get("pipelines", []):
        years = {
            k: _int_or_none(p.get(k)) for k in ("proposed_year", "construction_year", "start_year")
        }
        pipelines[p["id"]] = (
            p["status"] if year is None else pipeline_status_at({**p, **years}, year)
        )
    corridors = {}  # the same milestones as a pipeline's: a segment not built yet is not drawn
    for segment in records.get("corridors", []):
        years = {
            k: _int_or_none(segment.get(k))
            for k in ("proposed_year", "construction_year", "start_year")
        }
        status = segment.get("status") or "operating"
        corridors[segment["id"]] = (
            status
            if year is None
            else pipeline_status_at({**segment, **years, "status": status}, year)
        )
    state_ids = [s["id"] for s in records.get("states", [])]
    highest = max((counts.get(i, 0) for i in state_ids), default=0)
    known = {r["id"] for name in STATE_LAYERS for r in records.get(name, [])}
    return {
        "counts": {fid: n for fid, n in sorted(counts.items()) if fid in known and n},
        "pipelines": pipelines,
        "corridors": corridors,
        "choropleth": {
            i: c for i in state_ids if (c := choropleth_colour(counts.get(i, 0), highest))
        },
        "choropleth_max": highest,
        "label": label,  # the years in view, shown large on the map
    }
