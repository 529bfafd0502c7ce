"""Events on the map, as data for the map runtime (runtime.js ``cd.overlay``): icon markers,
clustered where they stack up, or one compact canvas layer when there are many."""

from __future__ import annotations

import base64

import numpy as np

from caspian_dash.countries import country_name
from caspian_dash.formatting import escape, format_date
from caspian_dash.models import Event
from caspian_dash.styles import EVENT_STYLE, REVIEW_MARK, event_style


def event_popup_html(event: Event, doc_titles: dict[str, str] | None = None) -> str:
    """Popup body for one event: every piece of document text is escaped."""
    doc_titles = doc_titles or {}
    colour, label, _ = event_style(event.event_type)
    rows = [
        f'<div class="cd-pop-title">{escape(event.title)}</div>',
        f'<div><span style="color:{colour}">&#9679;</span> {escape(label)} · '
        f"{escape(format_date(event))} <small>({escape(event.time_precision)})</small></div>",
    ]
    if event.place:
        rows.append(
            f"<div>Place: {escape(event.place)} <small>({escape(event.geo_precision or '?')}"
            " level)</small></div>"
        )
    if event.actors:
        # states by name ("Russia"), organisations by their short name ("CSTO")
        rows.append(
            f"<div>Actors: {escape(', '.join(country_name(a) for a in event.actors))}</div>"
        )
    for source in event.sources[:3]:
        title = doc_titles.get(source.doc_id) or source.doc_id
        rows.append(
            f'<blockquote class="cd-pop-src">{escape(source.sentence)}'
            f"<br><small>— {escape(title)}</small></blockquote>"
        )
    if len(event.sources) > 3:
        rows.append(
            f"<div><small>+{len(event.sources) - 3} more sources (see the table)</small></div>"
        )
    if event.flags:
        rows.append(f"<div><small>Flags: {escape(', '.join(event.flags))}</small></div>")
    if note := review_text(event):
        rows.append(f'<div class="cd-pop-review"><small>{note}</small></div>')
    return "".join(rows)


def review_badge_html(status: str) -> str:
    """The small badge an analyst's review puts on an event ("" when not reviewed)."""
    if status not in REVIEW_MARK:
        return ""
    colour, icon, label = REVIEW_MARK[status]
    return (
        f'<span class="cd-rv" style="background:{colour}" title="{label}">'
        f'<i class="fa-solid fa-{icon}"></i></span>'
    )


def event_icon_html(event: Event) -> str:
    colour, _, icon = event_style(event.event_type)
    badge = review_badge_html((event.extra.get("review") or {}).get("status", ""))
    # Region- and country-level places are rings: they are not a point on the map.
    if event.geo_precision == "site":
        return (
            f'<div class="cd-ev" style="background:{colour}">'
            f'<i class="fa-solid fa-{icon}"></i></div>{badge}'
        )
    return (
        f'<div class="cd-ev cd-ev-ring" style="border-color:{colour};color:{colour}">'
        f'<i class="fa-solid fa-{icon}"></i></div>{badge}'
    )


def event_markers(events: list[Event], doc_titles: dict[str, str]) -> list[dict]:
    """The located events as icon markers (runtime.js cd.overlay draws them): their label,
    popup and icon are HTML made here, every piece of document text escaped."""
    return [
        {
            "id": event.id,
            "lat": event.lat,
            "lon": event.lon,
            "label": escape(f"{event.title} ({format_date(event)})"),
            "popup": event_popup_html(event, doc_titles),
            "icon": event_icon_html(event),
        }
        for event in events
        if event.lat is not None and event.lon is not None
    ]


# Above this many events, icons and inline popups cost too much (about 1.8 kB an event, sent
# on every filter change: 330 events took 0.59 MB): the events become one compact canvas
# layer (12 bytes an event), and a click shows the details in the app.
ICON_LIMIT = 200


_TYPES = list(EVENT_STYLE)


_REVIEWS = ["", *REVIEW_MARK]


def _compact_row(event: Event) -> tuple:
    """(lat, lon, type, site flag, year, month, review) for the compact layer; review:
    the status's place in REVIEW_MARK's order, from 1 (0 when not reviewed)."""
    kind = _TYPES.index(event.event_type) if event.event_type in EVENT_STYLE else len(_TYPES) - 1
    month = 0 if event.time_precision == "year" else int(event.date_start[5:7])
    status = (event.extra.get("review") or {}).get("status", "")
    return (
        round(event.lat, 3),
        round(event.lon, 3),
        kind,
        1 if event.geo_precision == "site" else 0,
        event.year_start,
        month,
        _REVIEWS.index(status) if status in REVIEW_MARK else 0,
    )


def compact_data(events: list[Event], known: dict[str, tuple] | None = None) -> dict:
    """Columns for the compact layer, in the order of ``events`` (located ones only).

    ``known``: the rows already built, by event id, which this fills in; the caller keeps
    one per corpus (an event's row never changes), as every filter change asks again and at
    100,000 events building the rows took half a rerun."""
    known = {} if known is None else known
    rows = []
    for e in events:
        if e.lat is None or e.lon is None:
            continue
        row = known.get(e.id)
        if row is None:
            row = known[e.id] = _compact_row(e)
        rows.append(row)
    table = np.array(rows, dtype=float).reshape(len(rows), 7)
    columns = [
        table[:, 0].tolist(),
        table[:, 1].tolist(),
        *(table[:, i].astype(int).tolist() for i in range(2, 7)),
    ]
    return {
        "types": [{"label": EVENT_STYLE[t][1], "colour": EVENT_STYLE[t][0]} for t in _TYPES],
        "reviews": [
            {"label": label, "colour": colour} for colour, _, label in REVIEW_MARK.values()
        ],
        **dict(zip(("lat", "lon", "t", "p", "y", "m", "r"), columns)),
    }


# The columns as one little-endian binary block, base64 in the page (cd.unpack in runtime.js
# reads it back): 12 bytes an event, 16 characters, where JSON lists took about 26.
# lat and lon in thousandths of a degree (int32), year (int16), type * 2 + site flag (uint8),
# month (uint8, 0 for a year-precise date; its high four bits the review status).
def pack(data: dict) -> dict:
    n = len(data["lat"])
    blocks = (
        np.rint(np.asarray(data["lat"], dtype=float) * 1000).astype("<i4"),
        np.rint(np.asarray(data["lon"], dtype=float) * 1000).astype("<i4"),
        np.asarray(data["y"], dtype="<i2"),
        np.asarray(data["t"], dtype=np.uint8) * 2 + np.asarray(data["p"], dtype=np.uint8),
        np.asarray(data["m"], dtype=np.uint8) + 16 * np.asarray(data["r"], dtype=np.uint8),
    )
    packed = b"".join(block.astype(block.dtype.newbyteorder("<")).tobytes() for block in blocks)
    return {
        "types": data["types"],
        "reviews": data["reviews"],
        "n": n,
        "packed": base64.b64encode(packed).decode("ascii"),
    }


def unpack(payload: dict) -> dict:
    """The inverse of ``pack`` (what cd.unpack does in the browser), for tests."""
    raw, n = base64.b64decode(payload["packed"]), payload["n"]
    lat = np.frombuffer(raw, "<i4", n, 0) / 1000
    lon = np.frombuffer(raw, "<i4", n, 4 * n) / 1000
    year = np.frombuffer(raw, "<i2", n, 8 * n)
    tp = np.frombuffer(raw, np.uint8, n, 10 * n)
    month = np.frombuffer(raw, np.uint8, n, 11 * n)
    return {
        "types": payload["types"],
        "reviews": payload["reviews"],
        "lat": lat.tolist(),
        "lon": lon.tolist(),
        "t": (tp // 2).tolist(),
        "p": (tp % 2).tolist(),
        "y": year.tolist(),
        "m": (month % 16).tolist(),
        "r": (month // 16).tolist(),
    }


def review_text(event: Event) -> str:
    """ "Edited by ann, 2026-12-01" ("" when nobody reviewed the event), escaped."""
    review = event.extra.get("review")
    if not review:
        return ""
    return escape(f"{review['status'].capitalize()} by {review['reviewer']}, {review['at'][:10]}")


def review_notes(events: list[Event], reviews: list[int]) -> dict[str, str]:
    """The compact layer's tooltips of reviewed events, by their place among the located
    events (``reviews``: the compact ``r`` column). Few are reviewed, so they travel as
    text; a view with none costs one pass of numpy, not one of Python, over the events."""
    marked = np.flatnonzero(np.asarray(reviews, dtype=np.uint8))
    if not len(marked):
        return {}
    located = [e for e in events if e.lat is not None and e.lon is not None]
    return {str(i): review_text(located[i]) for i in marked.tolist()}


def events_data(events: list[Event], doc_titles: dict[str, str], rows: dict | None = None) -> dict:
    """The located events for the map, as data: ``located`` (how many), ``bounds``
    ([[south, west], [north, east]], None when none is, for "fit to events") and either
    ``markers`` (``event_markers``) or, above ``ICON_LIMIT``, ``compact`` (``pack``).
    ``rows``: the compact rows already built (``compact_data``)."""
    data = compact_data(events, rows)
    located = len(data["lat"])
    bounds = (
        None
        if not located
        else [[min(data["lat"]), min(data["lon"])], [max(data["lat"]), max(data["lon"])]]
    )
    if located > ICON_LIMIT:
        return {
            "located": located,
            "bounds": bounds,
            "compact": {**pack(data), "notes": review_notes(events, data["r"])},
        }
    return {"located": located, "bounds": bounds, "markers": event_markers(events, doc_titles)}
