"""Score extracted events against hand-annotated gold events.

A gold event lists the sentences that report it (as substrings, per document), its date
interval, type, place (name + lon/lat) and actors. An extracted event matches a gold event
when one of its source sentences contains one of the gold sentences and the two date
intervals overlap; each event matches at most once (a duplicate counts against
precision). ``clearly_dated: false`` marks gold events the text dates only vaguely: finding
them is not required (recall ignores them) but is not an error either.

"As seen" figures count a match only the way a user meets the dot on the map: at most a
year wide, and at the gold place (within 75 km of a city or site, 600 km of a region, 1,200
km of a country) unless the gold names none.
"""

from __future__ import annotations

import json
import math
from datetime import date

from ..models import Event

PLACE_KM = {"site": 75.0, "region": 600.0, "country": 1200.0}
MAX_SEEN_DAYS = 366  # a dot dated more loosely than a year says little about when


def read_gold(text: str) -> list[dict]:
    """Gold events from JSONL text (blank lines and ``#`` comments allowed)."""
    gold = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            row = json.loads(line)
        except ValueError as error:
            raise ValueError(f"line {number}: {error}") from None
        for key in ("id", "sentences", "date_start", "date_end", "event_type"):
            if key not in row:
                raise ValueError(f"line {number}: missing {key!r}")
        gold.append(row)
    return gold


def score(gold: list[dict], events: list[Event]) -> dict:
    """Precision/recall of events, and accuracy of date, type, place and actors.

    >>> score([], [])["precision"]
    1.0
    """
    pairs = _match(gold, events)
    matched_events = {id(e) for _, e in pairs}
    required = [g for g in gold if g.get("clearly_dated", True)]
    found_required = [g for g, _ in pairs if g.get("clearly_dated", True)]
    actor_tp = actor_fp = actor_fn = 0
    for g, e in pairs:
        want, got = set(g.get("actors", [])), set(e.actors)
        actor_tp, actor_fp, actor_fn = (
            actor_tp + len(want & got),
            actor_fp + len(got - want),
            actor_fn + len(want - got),
        )
    n = len(pairs)
    placed = [(g, e) for g, e in pairs if g.get("place") is not None]
    seen = [(g, e) for g, e in pairs if _as_seen(g, e)]
    return {
        "gold_events": len(gold),
        "gold_clearly_dated": len(required),
        "extracted_events": len(events),
        "matched": n,
        "precision": _ratio(len(matched_events), len(events)),
        "recall": _ratio(len(found_required), len(required)),
        "precision_as_seen": _ratio(len(seen), len(events)),
        "recall_as_seen": _ratio(sum(g.get("clearly_dated", True) for g, _ in seen), len(required)),
        "date_accuracy": _ratio(sum(_same_date(g, e) for g, e in pairs), n),
        "type_accuracy": _ratio(sum(g["event_type"] == e.event_type for g, e in pairs), n),
        "place_accuracy": _ratio(sum(bool(_same_place(g, e)) for g, e in placed), len(placed)),
        "actor_precision": _ratio(actor_tp, actor_tp + actor_fp),
        "actor_recall": _ratio(actor_tp, actor_tp + actor_fn),
        "missed": [g["id"] for g in required if g not in found_required],
        "extra": [
            f"{e.date_start} {e.event_type} {e.title}"
            for e in events
            if id(e) not in matched_events
        ],
        "pairs": [
            {
                "gold": g["id"],
                "event": e.title,
                "date": [e.date_start, e.date_end],
                "date_ok": _same_date(g, e),
                "type": e.event_type,
                "type_ok": g["event_type"] == e.event_type,
                "place": e.place,
                "place_ok": _same_place(g, e),
                "actors": list(e.actors),
            }
            for g, e in pairs
        ],
    }


def format_report(report: dict, verbose: bool = False) -> str:
    """A short human-readable summary of :func:`score`'s result."""
    lines = [
        (
            f"events: {report['extracted_events']} extracted, {report['gold_events']} gold "
            f"({report['gold_clearly_dated']} clearly dated), {report['matched']} matched"
        ),
        f"precision {report['precision']:.2f}  recall {report['recall']:.2f}",
        (
            f"as seen on the map (right place, at most a year wide): precision "
            f"{report['precision_as_seen']:.2f}  recall {report['recall_as_seen']:.2f}"
        ),
        (
            f"accuracy on matches: date {report['date_accuracy']:.2f}  type "
            f"{report['type_accuracy']:.2f}  place {report['place_accuracy']:.2f}  actors P "
            f"{report['actor_precision']:.2f} R {report['actor_recall']:.2f}"
        ),
    ]
    if verbose:
        lines += [f"missed: {m}" for m in report["missed"]]
        lines += [f"extra:  {x}" for x in report["extra"]]
        lines += [
            f"pair:   {p['gold']} -> {p['event']} date_ok={p['date_ok']} "
            f"type_ok={p['type_ok']} place_ok={p['place_ok']}"
            for p in report["pairs"]
        ]
    return "\n".join(lines)


def _match(gold: list[dict], events: list[Event]) -> list[tuple[dict, Event]]:
    """One-to-one matches, best first (most shared sentences, then closest dates)."""
    options = []
    for gi, g in enumerate(gold):
        for ei, e in enumerate(events):
            shared = _shared_sentences(g, e)
            if shared and _dates_overlap(g, e):
                options.append((-shared, not _same_date(g, e), gi, ei))
    pairs, used_gold, used_events = [], set(), set()
    for _, _, gi, ei in sorted(options):
        if gi in used_gold or ei in used_events:
            continue
        used_gold.add(gi)
        used_events.add(ei)
        pairs.append((gold[gi], events[ei]))
    return pairs


def _shared_sentences(g: dict, e: Event) -> int:
    count = 0
    for want in g["sentences"]:
        doc, text = want["doc_id"], " ".join(want["contains"].split())
        if any(s.doc_id == doc and text in " ".join(s.sentence.split()) for s in e.sources):
            count += 1
    return count


def _dates_overlap(g: dict, e: Event) -> bool:
    return e.date_start <= g["date_end"] and g["date_start"] <= e.date_end


def _same_date(g: dict, e: Event) -> bool:
    return (e.date_start, e.date_end) == (g["date_start"], g["date_end"])


def _same_place(g: dict, e: Event) -> bool | None:
    """Whether the event is at the gold place; None when the gold names no place."""
    if g.get("place") is None:
        return None
    if e.place is None:
        return False
    if e.place.lower() == str(g["place"]).lower():
        return True
    if g.get("lon") is None or e.lon is None:
        return False
    limit = PLACE_KM.get(g.get("geo_precision") or "site", 50.0)
    return _km(g["lon"], g["lat"], e.lon, e.lat) <= limit


def _as_seen(g: dict, e: Event) -> bool:
    wide = (date.fromisoformat(e.date_end) - date.fromisoformat(e.date_start)).days
    return wide <= MAX_SEEN_DAYS and _same_place(g, e) is not False


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (lon1, lat1, lon2, lat2))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 3) if denominator else 1.0
