"""Reviewed events as gold in the evaluation format (pure): what analysts decided becomes
what ``evaluate`` measures the extractor against."""

from __future__ import annotations

import json

from caspian_dash.models import Event
from caspian_dash.review.apply import review_of

# Decisions that say what happened; a rejection says only what did not.
GOLD_STATUSES = ("confirmed", "edited", "added")


def gold_lines(events: list[Event]) -> list[str]:
    """One JSON line per reviewed event, in the format of ``tests/gold/*.jsonl``, oldest
    first; its sentences are the event's source sentences, whole."""
    lines = []
    for event in sorted(events, key=lambda e: (e.date_start, e.id)):
        review = review_of(event)
        if review.get("status") not in GOLD_STATUSES:
            continue
        gold = {
            "id": review["key"],
            "sentences": [{"doc_id": s.doc_id, "contains": s.sentence} for s in event.sources],
            "event_type": event.event_type,
            "date_start": event.date_start,
            "date_end": event.date_end,
            "time_precision": event.time_precision,
            "place": event.place,
            "lon": event.lon,
            "lat": event.lat,
            "geo_precision": event.geo_precision,
            "actors": list(event.actors),
            "clearly_dated": True,
            "note": f"{review['status']} by {review['reviewer']} at {review['at']}",
        }
        lines.append(json.dumps(gold, ensure_ascii=False))
    return lines
