"""Events as rows for the table and exports (pure: events in, DataFrame out)."""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import TYPE_CHECKING

import pandas as pd

from caspian_dash.formatting import format_date
from caspian_dash.models import Event
from caspian_dash.styles import event_style

if TYPE_CHECKING:  # join needs geopandas, which the table does not
    from caspian_dash.join import SeaPlace

COLUMNS = [
    "new",
    "review",
    "date",
    "precision",
    "type",
    "title",
    "place",
    "at sea",
    "actors",
    "document",
    "sentence",
    "sources",
    "id",
]


def events_table(
    events: list[Event],
    doc_titles: dict[str, str] | None = None,
    new_docs: Set[str] = frozenset(),
    sea: Mapping[str, SeaPlace] | None = None,
) -> pd.DataFrame:
    """One row per event, newest first; the first source stands for the event.

    ``new``: the event comes (at least in part) from a document in ``new_docs``; ``sea``:
    event id -> its sea zone and seabed sector (``join.sea_join``), blank on land.
    """
    doc_titles, sea = doc_titles or {}, sea or {}
    rows = []
    for e in sorted(events, key=lambda e: (e.date_start, e.id), reverse=True):
        first = e.sources[0] if e.sources else None
        rows.append(
            {
                "new": any(s.doc_id in new_docs for s in e.sources),
                "review": (e.extra.get("review") or {}).get("status", ""),
                "date": format_date(e),
                "precision": e.time_precision,
                "type": event_style(e.event_type)[1],
                "title": e.title,
                "place": e.place or "",
                "at sea": place.words if (place := sea.get(e.id)) else "",
                "actors": ", ".join(e.actors),
                "document": (doc_titles.get(first.doc_id) or first.doc_id) if first else "",
                "sentence": first.sentence if first else "",
                "sources": len(e.sources),
                "id": e.id,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
