"""The extracted events with the reviewers' latest decisions applied (pure).

Each decision finds its event by its anchor: an event citing the same sentence (by hash) of
the same document, of the type the extractor first gave it when two events share the
sentence. A decision whose sentence is still in its document but whose event the extractor
no longer finds keeps its event, rebuilt from the decision; a decision whose sentence has
left its document (changed or removed) is an orphan: listed, never silently dropped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace

from caspian_dash.models import Document, Event, Source
from caspian_dash.review.decisions import Action, anchor_of, key_of, sentence_hash

# Shown on an event and in every export: who decided what, and when.
REVIEW_KEY = "review"


@dataclass(frozen=True)
class Reviewed:
    events: list[Event]  # what the map shows: not rejected, not merged into another
    rejected: list[Event]  # hidden unless "show rejected" is on
    orphans: list[Action]  # decisions whose sentence or merge target is gone
    keys: dict[str, str]  # event id -> the key of its decisions


def review_of(event: Event) -> dict:
    """The event's review: status, reviewer, at, comment, key ({} when never reviewed)."""
    return event.extra.get(REVIEW_KEY) or {}


def _with_review(event: Event, action: Action) -> Event:
    info = {
        "status": action.status,
        "reviewer": action.reviewer,
        "at": action.at,
        "comment": action.comment,
        "key": action.key,
    }
    values = dict(action.after)
    values["actors"] = tuple(values.get("actors") or ())
    return replace(event, **values, extra={**event.extra, REVIEW_KEY: info})


def _locate(document: Document | None, action: Action) -> Source | None:
    """The anchor's sentence in the document as it is now (nearest its old place)."""
    if document is None:
        return None
    text, sentence = document.text, action.anchor.sentence
    spans: list[int] = []
    at = text.find(sentence)
    while at >= 0 and len(spans) < 50:
        spans.append(at)
        at = text.find(sentence, at + 1)
    if not spans:
        return None
    start = min(spans, key=lambda s: abs(s - action.anchor.char_start))
    return Source(action.anchor.doc_id, sentence, start, start + len(sentence))


def _likeness(event: Event, anchor) -> tuple[bool, bool, bool]:
    """Sort key of the events citing a decision's sentence: the one extracted with the
    same type and start date first, then the same type, then the same span."""
    same_type = event.event_type == anchor.origin_type
    return (
        not (same_type and event.date_start == anchor.origin_date),
        not same_type,
        event.sources[0].char_start != anchor.char_start,
    )


def _new_event(action: Action, source: Source) -> Event:
    values = dict(action.after)
    values["actors"] = tuple(values.get("actors") or ())
    return _with_review(Event(id=action.key, sources=(source,), **values), action)


def apply_decisions(
    events: list[Event], documents: Mapping[str, Document], latest: Mapping[str, Action]
) -> Reviewed:
    """``events`` as the reviewers left them; ``latest``: key -> the key's latest action."""
    if not latest:
        return Reviewed(list(events), [], [], {})
    wanted = {(a.anchor.doc_id, a.anchor.sentence_hash) for a in latest.values()}
    docs = {doc for doc, _ in wanted}
    by_sentence: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for event in events:
        for s in event.sources:
            if s.doc_id in docs and (s.doc_id, h := sentence_hash(s.sentence)) in wanted:
                if event not in by_sentence[(s.doc_id, h)]:
                    by_sentence[(s.doc_id, h)].append(event)
    claimed: dict[str, Action] = {}  # event id -> its decision
    added: list[Event] = []
    orphans: list[Action] = []
    for action in sorted(latest.values(), key=lambda a: a.seq):
        anchor = action.anchor
        extracted = action.action not in ("add", "split")
        free = [
            e
            for e in by_sentence.get((anchor.doc_id, anchor.sentence_hash), [])
            if e.id not in claimed
        ]
        if extracted and free:
            match = min(free, key=lambda e: _likeness(e, anchor))
            claimed[match.id] = action
            continue
        source = _locate(documents.get(anchor.doc_id), action)
        if source is None:
            orphans.append(action)
        elif action.status not in ("rejected", "merged"):
            added.append(_new_event(action, source))
    shown: list[Event] = []
    rejected: list[Event] = []
    merged: list[tuple[Event, Action]] = []
    keys: dict[str, str] = {}
    added_ids = {e.id for e in added}
    for event in [*events, *added]:
        decision = claimed.get(event.id)
        if decision is None:
            if event.id in added_ids:
                keys[event.id] = event.id
            shown.append(event)
            continue
        keys[event.id] = decision.key
        reviewed = _with_review(event, decision)
        if decision.status == "rejected":
            rejected.append(reviewed)
        elif decision.status == "merged":
            merged.append((reviewed, decision))
        else:
            shown.append(reviewed)
    shown, lost = _merge(shown, merged, keys)
    orphans += lost
    order = lambda e: (e.date_start, e.id)  # noqa: E731  newest first, as the corpus
    return Reviewed(
        sorted(shown, key=order, reverse=True),
        sorted(rejected, key=order, reverse=True),
        orphans,
        keys,
    )


def _merge(
    shown: list[Event], merged: list[tuple[Event, Action]], keys: dict[str, str]
) -> tuple[list[Event], list[Action]]:
    """Each merged event's sources join its target's; a merge whose target is no longer
    shown leaves the event shown and its decision listed with the orphans."""
    if not merged:
        return shown, []
    position = {keys.get(e.id) or key_of(anchor_of(e)): i for i, e in enumerate(shown) if e.sources}
    lost = []
    for event, action in merged:
        i = position.get(action.target)
        if i is None:
            shown.append(event)
            lost.append(action)
            continue
        target = shown[i]
        sources = tuple(dict.fromkeys((*target.sources, *event.sources)))
        shown[i] = replace(target, sources=sources)
    return shown, lost
