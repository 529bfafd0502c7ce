"""Downloads: the filtered events as CSV and GeoJSON, the map as one standalone HTML file."""

from __future__ import annotations

import base64
import csv
import io
import json
import mimetypes
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from caspian_dash.extract import events_to_geojson
from caspian_dash.models import Document, Event
from caspian_dash.publish import CSS_URL
from caspian_dash.settings import STATIC_DIR, STATIC_URL
from caspian_dash.view.provenance import safe_url

CSV_COLUMNS = [
    "id",
    "date_start",
    "date_end",
    "time_precision",
    "event_type",
    "title",
    "place",
    "geo_precision",
    "lat",
    "lon",
    "actors",
    "linked_features",
    "flags",
    "documents",
    "sentences",
    # Per source, in the order of `sentences`: what a citation needs.
    "source_titles",
    "source_publishers",
    "source_dates",
    "source_urls",
    # The analysts' review (blank when nobody reviewed the event): status, who, when, why.
    "review_status",
    "reviewed_by",
    "reviewed_at",
    "review_comment",
]
# Documents by id; a plain list of documents (as the app holds them) is accepted too.
Documents = Mapping[str, Document] | Iterable[Document] | None
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Neutralise text a spreadsheet would run as a formula by prefixing a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _by_id(documents: Documents) -> Mapping[str, Document]:
    if documents is None:
        return {}
    if isinstance(documents, Mapping):
        return documents
    return {d.doc_id: d for d in documents}


def _citation(doc: Document | None) -> dict[str, str]:
    """Title, publisher, date and address of a source document; an address only when it is
    an http(s) link (a `javascript:` or `file:` address in a manifest is dropped)."""
    if doc is None:
        return {"title": "", "publisher": "", "published": "", "url": ""}
    return {
        "title": doc.title,
        "publisher": doc.publisher,
        "published": doc.published,
        "url": safe_url(doc.url) or "",
    }


def _csv_row(event: Event, docs: Mapping[str, Document]) -> list[object]:
    review = event.extra.get("review") or {}
    cites = [_citation(docs.get(s.doc_id)) for s in event.sources]
    return [
        event.id,
        event.date_start,
        event.date_end,
        event.time_precision,
        event.event_type,
        event.title,
        event.place or "",
        event.geo_precision or "",
        "" if event.lat is None else event.lat,
        "" if event.lon is None else event.lon,
        "; ".join(event.actors),
        "; ".join(event.linked_features),
        "; ".join(event.flags),
        "; ".join(s.doc_id for s in event.sources),
        " | ".join(s.sentence for s in event.sources),
        *(" | ".join(c[key] for c in cites) for key in ("title", "publisher", "published", "url")),
        *(review.get(key, "") for key in ("status", "reviewer", "at", "comment")),
    ]


def events_csv(events: list[Event], documents: Documents = None) -> str:
    """The events as CSV (one row per event, every source listed with its document's title,
    publisher, date and address when ``documents`` are given), safe for spreadsheets."""
    docs = _by_id(documents)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        writer.writerow([spreadsheet_safe(v) for v in _csv_row(event, docs)])
    return out.getvalue()


def events_geojson(events: list[Event], documents: Documents = None) -> str:
    """The events as a GeoJSON FeatureCollection (the extractor's own format, so it reads
    back), each source also carrying its document's title, publisher, date and address."""
    docs = _by_id(documents)
    collection = events_to_geojson(events)
    for event, feature in zip(events, collection["features"], strict=True):
        if review := event.extra.get("review"):
            feature["properties"]["review"] = dict(review)
        for source in feature["properties"]["sources"]:
            source.update(_citation(docs.get(source["doc_id"])))
    return json.dumps(collection, ensure_ascii=False, indent=1)


# --- standalone map: every vendored script, style, image and font inlined ----------------

_LINK = re.compile(rf'<link rel="stylesheet" href="{re.escape(STATIC_URL)}/([^"]+)"\s*/?>')
_SCRIPT = re.compile(rf'<script src="{re.escape(STATIC_URL)}/([^"]+)"></script>')


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".woff2":
        mime = "font/woff2"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _inline_css(css_path: Path) -> str:
    def replace(match: re.Match) -> str:
        ref = match.group(2).strip()
        if ref.startswith("data:"):
            return match.group(0)  # already inline
        target = (css_path.parent / ref.split("?")[0].split("#")[0]).resolve()
        # TrueType copies of the fonts are fallbacks for old browsers: every browser that
        # runs this map reads the WOFF2 listed first, so they are left out to halve the size.
        if target.suffix == ".ttf" or not target.is_file():
            return "url(data:,)"
        return f"url({_data_uri(target)})"

    return CSS_URL.sub(replace, css_path.read_text(encoding="utf-8"))


def standalone_html(page_html: str, title: str = "caspian_dash map") -> str:
    """A rendered map page with the app's own assets inlined: one file that works offline."""

    def script(match: re.Match) -> str:
        code = (STATIC_DIR / match.group(1)).read_text(encoding="utf-8")
        return "<script>" + code.replace("</script", "<\\/script") + "</script>"

    def style(match: re.Match) -> str:
        return "<style>" + _inline_css(STATIC_DIR / match.group(1)) + "</style>"

    page = _SCRIPT.sub(script, _LINK.sub(style, page_html))
    safe_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return page.replace("<head>", f"<head>\n<title>{safe_title}</title>", 1)
