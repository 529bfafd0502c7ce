"""The briefing pack: one offline HTML file, one slide a step (pure: data in, a page out).

Each slide holds its step's title and caption, its map (Leaflet, interactive, drawn by
``pack.js`` from layer data the page holds once) with the events shown numbered, and
numbered footnotes citing each event's source sentence with its document's title,
publisher, date and address. A print style sheet puts one slide on each page. Every text
is HTML-escaped here; the data the script reads is JSON made safe for a script element.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from caspian_dash.briefing.story import Step, Story
from caspian_dash.formatting import escape as _e  # the project's one escape for HTML
from caspian_dash.formatting import format_date
from caspian_dash.mapping.labels import home_bounds, map_labels
from caspian_dash.mapping.layers import LAYER_STYLES, prepare_layers
from caspian_dash.mapping.script_json import script_json
from caspian_dash.models import Document, Event
from caspian_dash.settings import VENDOR_DIR
from caspian_dash.styles import EVENT_STYLE, MODE_COLOUR, PIPELINE_STATUS, event_style
from caspian_dash.view.provenance import safe_url

NOTES_PER_SLIDE = 10  # footnotes a printed page has room for; more are counted, not cited
# the layers a slide can draw, bottom to top, and the names labels may carry
PACK_LAYERS = (
    "states",
    "caspian_sea",
    "seabed_sectors",
    "maritime_zones",
    "median_lines",
    "corridors",
    "pipelines",
    "places",
)
LABEL_KINDS = ("sea", "state", "capital")
_SCRIPT = Path(__file__).with_name("pack.js")
_STYLE = Path(__file__).with_name("pack.css")


@dataclass
class Slide:
    title: str
    caption: str
    years: str  # the years in view, as the map writes them
    layers: list[str]
    center: list[float] | None
    zoom: int | None
    bounds: list | None  # the events', when the step keeps no view
    lines: dict[str, dict[str, dict | None]]  # layer -> line id -> its style then (None: absent)
    events: list[dict] = field(default_factory=list)  # numbered markers
    notes: list[dict] = field(default_factory=list)
    more: int = 0  # events shown beyond the footnotes


def _citation(n: int, event: Event, documents: Mapping[str, Document]) -> dict:
    source = event.sources[0] if event.sources else None
    doc = documents.get(source.doc_id) if source else None
    return {
        "n": n,
        "id": event.id,
        "when": format_date(event),
        "event": event.title,
        "sentence": source.sentence if source else "",
        "title": (doc.title or doc.doc_id) if doc else (source.doc_id if source else ""),
        "publisher": doc.publisher if doc else "",
        "published": doc.published if doc else "",
        "url": (safe_url(doc.url) or "") if doc else "",
        "address": doc.url if doc else "",
    }


def slide_for(
    step: Step, shown: list[Event], state: dict, documents: Mapping[str, Document]
) -> Slide:
    """One step's slide: ``shown`` and ``state`` are its view's (``view.make_view``)."""
    located = [e for e in shown if e.lat is not None and e.lon is not None]
    cited = (located + [e for e in shown if e.lat is None or e.lon is None])[:NOTES_PER_SLIDE]
    numbers = {e.id: n for n, e in enumerate(cited, 1)}
    pipelines = {
        pid: (
            None
            if status == "not_yet"
            else {"dashArray": None, **PIPELINE_STATUS.get(status, PIPELINE_STATUS["proposed"])}
        )
        for pid, status in state.get("pipelines", {}).items()
    }
    corridors = {
        cid: None
        if status in ("not_yet", False)
        else {"opacity": 0.9 if status == "operating" else 0.4}
        for cid, status in state.get("corridors", {}).items()
    }
    layers = (
        list(step.layers)
        if step.layers is not None
        else [n for n in PACK_LAYERS if LAYER_STYLES[n].show]
    )
    bounds = None
    if located:
        lats, lons = [e.lat for e in located], [e.lon for e in located]
        bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
    return Slide(
        step.title,
        step.caption,
        state.get("label", ""),
        [n for n in layers if n in PACK_LAYERS],
        list(step.center) if step.center else None,
        step.zoom,
        bounds,
        {"pipelines": pipelines, "corridors": corridors},
        [
            {
                "n": numbers.get(e.id, 0),
                "lat": e.lat,
                "lon": e.lon,
                "colour": event_style(e.event_type)[0],
                "label": f"{format_date(e)} · {EVENT_STYLE.get(e.event_type, EVENT_STYLE['other'])[1]}: {e.title}",
            }
            for e in located
        ],
        [_citation(numbers[e.id], e, documents) for e in cited],
        len(shown) - len(cited),
    )


def _layer_data(layers: Mapping) -> tuple[dict, dict]:
    """Each drawable layer's features (text escaped, coordinates rounded) and styles."""
    prepared = prepare_layers({n: layers[n] for n in PACK_LAYERS if layers.get(n) is not None})
    data, styles = {}, {}
    for name, layer in prepared.items():
        data[name] = layer.data
        spec = LAYER_STYLES[name]
        styles[name] = {
            f["properties"].get("id"): {
                k: v for k, v in spec.style(f["properties"]).items() if k != "html"
            }
            for f in layer.data["features"]
        }
    return data, styles


def _note_html(note: dict) -> str:
    parts = [_e(note["title"])]
    parts += [_e(x) for x in (note["publisher"], note["published"]) if x]
    if note["url"]:
        parts.append(f'<a href="{_e(note["url"])}">{_e(note["url"])}</a>')
    elif note["address"]:
        parts.append(_e(note["address"]))  # not a web address: text, never a link
    return (
        f'<li value="{note["n"]}" data-event="{_e(note["id"])}"><b>{_e(note["when"])}</b> '
        f"“{_e(note['sentence'])}” — {', '.join(parts)}</li>"
    )


def _slide_html(i: int, n: int, slide: Slide) -> str:
    notes = "".join(_note_html(note) for note in slide.notes)
    more = (
        f'<p class="pk-more">and {slide.more} more events in this view (see the dashboard)</p>'
        if slide.more
        else ""
    )
    years = f'<span class="pk-years">{_e(slide.years)}</span>' if slide.years else ""
    return (
        f'<section class="pk-slide" id="step-{i + 1}" data-step="{i}">'
        f'<header><h1>{_e(slide.title)}</h1><span class="pk-where">{i + 1} / {n}</span></header>'
        f'<p class="pk-caption">{_e(slide.caption)}</p>'
        f'<div class="pk-map">{years}</div>'
        f'<ol class="pk-notes">{notes}</ol>{more}</section>'
    )


def pack_html(story: Story, slides: list[Slide], layers: Mapping) -> str:
    """The whole pack: every script, style and datum inline, so it works from file://."""
    data, styles = _layer_data(layers)
    labels = [row[:4] for row in map_labels(layers) if row[3] in LABEL_KINDS]
    payload = {
        "slides": [vars(s) for s in slides],
        "layers": data,
        "styles": styles,
        "order": list(PACK_LAYERS),
        "labels": labels,
        "home": home_bounds(layers),
        "modes": MODE_COLOUR,
    }
    leaflet = VENDOR_DIR / "leaflet" / "dist"
    css = (leaflet / "leaflet.css").read_text(encoding="utf-8")
    script = (leaflet / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    title = story.title or story.name
    body = "".join(_slide_html(i, len(slides), s) for i, s in enumerate(slides))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width"><title>{_e(title)}</title>'
        f"<style>{css}</style><style>{_STYLE.read_text(encoding='utf-8')}</style></head>"
        f'<body><div class="pk-deck">{body}</div>'
        '<nav class="pk-nav">← → or space: previous / next slide · P: print</nav>'
        f"<script>{script}</script>"
        f"<script>window.PACK = {script_json(payload, separators=(',', ':'))};</script>"
        f"<script>{_SCRIPT.read_text(encoding='utf-8')}</script></body></html>"
    )
