"""Score extracted events against hand-annotated gold events, as a user meets them.

A gold event lists the sentences that report it (as substrings, per document), its date
interval, type, place (name + lon/lat) and actors. An extracted event can stand for a gold
event when one of its source sentences contains one of the gold sentences and the two date
intervals overlap. Gold and extracted events are paired one to one, optimally: the pairing
that puts the most required gold events on the map right, then the most gold events at all
(``scipy.optimize.linear_sum_assignment``), so the result never depends on the order events
come in. ``clearly_dated: false`` marks gold events the text dates only vaguely: finding them
is not required (recall ignores them) but is not an error either.

"As seen" counts a pair only the way a user meets the dot on the map: at most a year wide,
and at the gold place (within 75 km of a city or site, 600 km of a region, 1,200 km of a
country) unless the gold names none.

Precision counts *units*: one per gold event and document an extracted event reports it
from (a headline and a body sentence of one happening are one unit), and one per document
of an extracted event that reports no gold event. Dots that repeat a unit are counted apart,
as ``duplicates``.
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..models import Event
from .gazetteer import distance_between

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
    """Precision and recall (plain and as seen), and what is right on the pairs.

    >>> score([], [])["precision"]
    1.0
    """
    reports = [[_shared_docs(g, e) for e in events] for g in gold]  # docs where e reports g
    pairs = _match(gold, events, reports)
    required = [g for g in gold if _required(g)]
    seen = [(g, e) for g, e in pairs if _as_seen(g, e)]
    units = _units(gold, events, reports, pairs)
    cited = [
        g for gi, g in enumerate(gold) if _required(g) and any(reports[gi])
    ]  # required gold whose sentence some event cites
    placed = [(g, e) for g, e in pairs if g.get("place") is not None]
    tp, fp, fn = _actor_counts(pairs)
    found = {id(g) for g, _ in pairs}
    found_seen = {id(g) for g, _ in seen}
    matched_events = {id(e) for _, e in pairs}
    n = len(pairs)
    return {
        "gold_events": len(gold),
        "gold_clearly_dated": len(required),
        "extracted_events": len(events),
        "matched": n,
        "units": len(units),
        "duplicates": sum(len(members) - 1 for members in units.values()),
        "precision": _ratio(sum(any(ok for ok, _ in u) for u in units.values()), len(units)),
        "recall": _ratio(sum(id(g) in found for g in required), len(required)),
        "precision_as_seen": _ratio(
            sum(any(good for _, good in u) for u in units.values()), len(units)
        ),
        "recall_as_seen": _ratio(sum(id(g) in found_seen for g in required), len(required)),
        "sentence_found": _ratio(len(cited), len(required)),
        "date_right": _ratio(sum(id(g) in found for g in cited), len(cited)),
        "date_accuracy": _ratio(sum(_same_date(g, e) for g, e in pairs), n),
        "type_accuracy": _ratio(sum(g["event_type"] == e.event_type for g, e in pairs), n),
        "place_accuracy": _ratio(sum(bool(_same_place(g, e)) for g, e in placed), len(placed)),
        "actor_precision": _ratio(tp, tp + fp),
        "actor_recall": _ratio(tp, tp + fn),
        "actor_f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "missed": [g["id"] for g in required if id(g) not in found],
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
                "as_seen": _as_seen(g, e),
            }
            for g, e in pairs
        ],
    }


def format_report(report: dict, verbose: bool = False) -> str:
    """A short human-readable summary of :func:`score`'s result."""
    lines = [
        (
            f"events: {report['extracted_events']} extracted ({report['units']} units, "
            f"{report['duplicates']} duplicate dots), {report['gold_events']} gold "
            f"({report['gold_clearly_dated']} required), {report['matched']} matched"
        ),
        (
            f"as seen on the map (right sentence, date and place, at most a year wide): "
            f"precision {report['precision_as_seen']:.2f}  recall {report['recall_as_seen']:.2f}"
        ),
        (
            f"sentence and date only: precision {report['precision']:.2f}  recall "
            f"{report['recall']:.2f}"
        ),
        (
            f"required gold: sentence found {report['sentence_found']:.2f}, date right of "
            f"those {report['date_right']:.2f}"
        ),
        (
            f"on matches: place {report['place_accuracy']:.2f}  exact date "
            f"{report['date_accuracy']:.2f}  type {report['type_accuracy']:.2f}  actors P "
            f"{report['actor_precision']:.2f} R {report['actor_recall']:.2f} F1 "
            f"{report['actor_f1']:.2f}"
        ),
    ]
    if verbose:
        lines += [f"missed: {m}" for m in report["missed"]]
        lines += [f"extra:  {x}" for x in report["extra"]]
        lines += [
            f"pair:   {p['gold']} -> {p['event']} [{p['date'][0]}..{p['date'][1]} {p['place']}]"
            f" seen={p['as_seen']} date_ok={p['date_ok']} type_ok={p['type_ok']}"
            f" place_ok={p['place_ok']}"
            for p in report["pairs"]
        ]
    return "\n".join(lines)


def _required(g: dict) -> bool:
    return bool(g.get("clearly_dated", True))


def _match(
    gold: list[dict], events: list[Event], reports: list[list[set[str]]]
) -> list[tuple[dict, Event]]:
    """The one-to-one pairing with, in order of importance, the most required gold events
    as seen, the most gold events as seen, the most pairs, the most exact dates."""
    if not gold or not events:
        return []
    base = 4 * (min(len(gold), len(events)) + 1)  # each level outweighs all below it
    weights = np.zeros((len(gold), len(events)))
    for gi, g in enumerate(gold):
        for ei, e in enumerate(events):
            if reports[gi][ei] and _dates_overlap(g, e):
                seen = _as_seen(g, e)
                weights[gi, ei] = (
                    base**4 * (seen and _required(g))
                    + base**3 * seen
                    + base**2
                    + base * _same_date(g, e)
                    + min(len(reports[gi][ei]), 3)
                )
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return [(gold[r], events[c]) for r, c in zip(rows, cols) if weights[r, c] > 0]


def _units(
    gold: list[dict],
    events: list[Event],
    reports: list[list[set[str]]],
    pairs: list[tuple[dict, Event]],
) -> dict[tuple, list[tuple[bool, bool]]]:
    """Each unit's members as (right sentence and date, right as seen)."""
    partner = {id(e): g for g, e in pairs}
    index = {id(g): gi for gi, g in enumerate(gold)}
    units: dict[tuple, list[tuple[bool, bool]]] = {}
    for ei, e in enumerate(events):
        for doc in sorted({s.doc_id for s in e.sources}):
            g = partner.get(id(e))
            if g is None or doc not in reports[index[id(g)]][ei]:
                # not the pair's document: the gold event it repeats there, if any
                options = [
                    h for gi, h in enumerate(gold)
                    if doc in reports[gi][ei] and _dates_overlap(h, e)
                ]  # fmt: skip
                g = max(options, key=lambda h: _as_seen(h, e), default=None)
            key = (index[id(g)], doc) if g is not None else (-1, ei, doc)
            member = (g is not None, g is not None and _as_seen(g, e))
            units.setdefault(key, []).append(member)
    return units


def _actor_counts(pairs: list[tuple[dict, Event]]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for g, e in pairs:
        want, got = set(g.get("actors", [])), set(e.actors)
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    return tp, fp, fn


def _shared_docs(g: dict, e: Event) -> set[str]:
    """Documents in which ``e`` cites a sentence of ``g``."""
    docs = set()
    for want in g["sentences"]:
        doc, text = want["doc_id"], " ".join(want["contains"].split())
        if any(s.doc_id == doc and text in " ".join(s.sentence.split()) for s in e.sources):
            docs.add(doc)
    return docs


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
    return distance_between(g["lon"], g["lat"], e.lon, e.lat) <= limit


def _as_seen(g: dict, e: Event) -> bool:
    wide = (date.fromisoformat(e.date_end) - date.fromisoformat(e.date_start)).days
    return _dates_overlap(g, e) and wide <= MAX_SEEN_DAYS and _same_place(g, e) is not False


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 3) if denominator else 1.0
