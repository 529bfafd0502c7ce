"""Where an event came from, made safe to show: the document text with its source sentences
highlighted, and manifest addresses that are links only when they are web addresses (pure)."""

from __future__ import annotations

import html
from urllib.parse import urlparse

from caspian_dash.models import Document, Event


def safe_url(url: str) -> str | None:
    """The address if it is an http(s) link, else None (no javascript:, data:, file:...)."""
    url = (url or "").strip()
    parsed = urlparse(url)
    return url if parsed.scheme in ("http", "https") and parsed.netloc else None


def _merge(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight_html(text: str, spans: list[tuple[int, int]]) -> str:
    """The text, escaped, with each ``text[start:end]`` span wrapped in ``<mark>``."""
    out, pos = [], 0
    for start, end in _merge(spans, len(text)):
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark id="src-{start}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def document_html(document: Document, event: Event) -> str:
    """The document's text with the event's sentences from it highlighted, ready to show."""
    spans = [(s.char_start, s.char_end) for s in event.sources if s.doc_id == document.doc_id]
    body = highlight_html(document.text, spans)
    return (
        '<div style="white-space:pre-wrap;font:14px/1.55 system-ui,sans-serif;max-height:420px;'
        "overflow:auto;border:1px solid #ddd;border-radius:6px;padding:10px 12px;"
        f'unicode-bidi:plaintext">{body}</div>'
    )
