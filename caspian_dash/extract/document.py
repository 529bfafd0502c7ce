"""Read the candidate events of one document, sentence by sentence.

Besides each sentence's own events (``sentence_events``), two links run between
sentences: an undated sentence that names the last event again ("The pact, finalized in
St. Petersburg, ...") adds to it, and an unplaced event may share the site of an event
close in time in an earlier sentence of the paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace as dc_replace
from datetime import date
from itertools import pairwise

from ..models import Document, Source
from .actors import actors_in, group_actors
from .candidate import Candidate
from .context import DocumentContext, document_context, find_names, headline
from .dates import Moment
from .dedupe import attach_leads, attach_year_headline
from .event_types import event_nouns, find_triggers, score_types
from .gazetteer import Gazetteer, Place
from .layout import item_date
from .places import best_place, place_mentions
from .scene import shared_scene
from .sentence_events import is_full_sentence, sentence_candidates
from .sentences import Sentence, split_sentences
from .tokens import tokenize

_NEGATION = re.compile(r"(?i)\b(?:not|no|never|without|excluding|except)\b|n't\b")
MAIN_STATE_EVENTS = 3  # a document is about a state when this many of its events involve it
MAIN_STATE_LEAD = 2  # ... and twice as many as any other state
FOLLOW_UP_SENTENCES = 3  # how far "The pact ..." may stand from the sentence it refers to
SIGNING_SCORE = 5  # "signed a Memorandum": the verb and a document, not "signing" alone
_DURING_IT = re.compile(
    r"(?i)\b(?:during|at|in the course of|following|after|on the sidelines of) (?:the|their|"
    r"his|her|this|our|these) (?:meeting|talks|visit|summit|negotiations|conversation)s?\b"
)
_ALSO_SIGNED = re.compile(r"(?i)\b(?:also|then|further|besides) signed\b")
_SIGNED = re.compile(r"(?i)\bsigned\b")


def document_candidates(doc: Document, gazetteer: Gazetteer) -> list[Candidate]:
    """Candidate events of ``doc``, in text order (not yet de-duplicated).

    >>> from caspian_dash.extract.gazetteer import build_gazetteer
    >>> doc = Document("d", "In July 2025 Iran and Russia held a drill. The drill was in Baku.")
    >>> [(c.event_type, str(c.first), len(c.sources))
    ...  for c in document_candidates(doc, build_gazetteer(None, geonames=False))]
    [('military_exercise', '2025-07-01', 2)]
    """
    context = document_context(doc, gazetteer)
    anchor: Moment | None = None
    candidates: list[Candidate] = []
    scenes: list[tuple[Sentence, Candidate]] = []  # events placed at a site, this paragraph
    recent: tuple[Sentence, Candidate] | None = None  # the last event and where it was read
    after_lead = False  # the report's first full sentence (its lead) has been read
    previous: Sentence | None = None
    title_year = _title_year(doc.text) if context.published is None else None
    section = ""
    for sentence in split_sentences(doc.text):
        if context.layout.in_header(sentence.start):
            continue  # a date line or byline frames the report; it reports nothing
        day = item_date(sentence.text) if after_lead else None
        if day is not None:
            # a page of dated items: the next item is dated by this line ("Today, ...")
            context = dc_replace(context, published=Moment(day, "day"), year_hint=None)
            after_lead, anchor, previous = False, None, None
            continue
        if sentence.section != section:
            section = sentence.section
            if title_year is not None:
                # "2010 Mardakert clashes", section "June incident": its "June 18" is of
                # 2010, not of the "March 2008" the introduction compared it with
                anchor = Moment(date(title_year, 1, 1), "year")
        told = _told(previous, sentence, anchor)
        before = anchor
        found, anchor = sentence_candidates(sentence, context, gazetteer, anchor, after_lead, told)
        previous = sentence if anchor is not before else None
        after_lead = after_lead or is_full_sentence(sentence)
        undated = all(c.date_kind in ("lead", "late_lead") for c in found)
        signing = _signed_during(doc, sentence, recent[1]) if recent and undated else None
        if signing is not None:
            found = [signing]  # not the report's lead: a happening of the meeting's day
        elif not found and recent is not None and _refers_back(sentence, *recent):
            _attach_follow_up(doc, sentence, recent[1], gazetteer)
        if found:
            recent = (sentence, found[-1])
        for candidate in found:
            placed = shared_scene(scenes, sentence, candidate)
            if (
                candidate.place is None
                and placed is not None
                and _may_share(candidate, placed, gazetteer)
            ):
                # "... in Aktau. The ministers will meet on 10 August." : same scene
                candidate.place, candidate.place_score = placed.place, placed.place_score - 1
                candidate.flags.add("place_inferred")
        for candidate in found:
            candidate.fallback = (
                context.topic
                or _sole_state(candidate, gazetteer, context.speaker)
                or context.topic_state
            )
        scenes = [s for s in scenes if s[0].paragraph == sentence.paragraph]
        scenes += [(sentence, c) for c in found if _placed_at_site(c)]
        candidates += found
    _main_state_fallback(candidates, gazetteer)
    _refine_fallbacks(candidates, context)
    dated_at_a_place = context.layout.date_line is not None and context.dateline is not None
    return attach_leads(attach_year_headline(candidates), same_day=dated_at_a_place)


_TITLE_YEAR = re.compile(r"\s*(1[6-9]\d\d|20\d\d)\s+\w")


def _title_year(text: str) -> int | None:
    """The year an article's title opens with ("2010 Mardakert clashes"), if any."""
    match = _TITLE_YEAR.match(headline(text))
    return int(match.group(1)) if match else None


def _told(previous: Sentence | None, sentence: Sentence, anchor: Moment | None) -> Moment | None:
    """The date the sentence right before, in the same paragraph, gave."""
    if previous is None or anchor is None or previous.paragraph != sentence.paragraph:
        return None
    return anchor if sentence.index - previous.index == 1 else None


def _refine_fallbacks(candidates: list[Candidate], context: DocumentContext) -> None:
    """A state as the fallback place becomes the report's own site in that state, when it
    has one: its dateline, or a site where two or more of its events are placed (a report
    on the unrest in Zhanaozen, the talks in Tashkent)."""
    sites = Counter(
        c.place for c in candidates
        if c.place is not None and c.place.precision == "site" and "place_inferred" not in c.flags
    )  # fmt: skip
    for candidate in candidates:
        explicit = candidate.place is not None
        state = candidate.place if explicit else candidate.fallback
        if state is None or state.precision != "country":
            continue
        site = _own_site(state, sites, context)
        if site is None:
            continue
        if explicit:
            candidate.place = site
            candidate.flags.add("place_inferred")
        else:
            candidate.fallback = site


def _main_state_fallback(candidates: list[Candidate], gazetteer: Gazetteer) -> None:
    """An event with no place and no fallback takes the state the document's events are
    mostly about (a page on the Tulip Revolution: Kyrgyzstan), drawn at country precision."""
    counts = Counter(
        state
        for c in candidates
        for state in {*(a for a in c.actors if a in gazetteer.states),
                      *([c.place.country] if c.place is not None and c.place.country else [])}
    )  # fmt: skip
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MAIN_STATE_EVENTS:
        return
    if len(ranked) > 1 and ranked[0][1] < MAIN_STATE_LEAD * ranked[1][1]:
        return  # no one state the document is about
    state = gazetteer.states.get(ranked[0][0])
    for candidate in candidates:
        if candidate.place is None and candidate.fallback is None:
            candidate.fallback = state


def _own_site(state: Place, sites: Counter, context: DocumentContext) -> Place | None:
    if context.dateline is not None and context.dateline.country == state.country:
        return context.dateline
    local = [(n, place) for place, n in sites.items() if place.country == state.country]
    if local:
        count, place = max(local, key=lambda item: item[0])
        if count >= 2:
            return place
    return None


def _sole_state(candidate: Candidate, gazetteer: Gazetteer, speaker: str = "") -> Place | None:
    """The state of an event that involves one state only (drawn at country precision); the
    publisher speaking ("we") says who took part, not where."""
    states = [a for a in candidate.actors if a in gazetteer.states and a != speaker]
    return gazetteer.states[states[0]] if len(states) == 1 else None


def _may_share(candidate: Candidate, placed: Candidate, gazetteer: Gazetteer) -> bool:
    """An event of other states does not share the scene ("... fled to Moscow. The Kyrgyz
    parliament ratified his resignation on 11 April")."""
    states = [a for a in candidate.actors if a in gazetteer.states]
    return not states or (placed.place is not None and placed.place.country in states)


def _placed_at_site(candidate: Candidate) -> bool:
    place = candidate.place
    return (
        place is not None and place.precision == "site" and "place_inferred" not in candidate.flags
    )


def _signed_during(doc: Document, sentence: Sentence, gathering: Candidate) -> Candidate | None:
    """ "During their meeting, the Secretary and the Minister signed a Memorandum": an
    undated signing at the meeting just told is its own event, on its day and at its place."""
    if gathering.event_type not in ("diplomatic_meeting", "summit"):
        return None
    if not (_DURING_IT.search(sentence.text) or _ALSO_SIGNED.search(sentence.text)):
        return None
    scores = score_types(find_triggers(tokenize(sentence.text)))
    if scores.get("agreement", 0) < SIGNING_SCORE or not _SIGNED.search(sentence.text):
        return None
    return dc_replace(
        gathering,
        source=Source(doc.doc_id, sentence.text, sentence.start, sentence.end),
        sources=[],
        event_type="agreement",
        type_scores={"agreement": scores["agreement"]},
        actors=list(gathering.actors),
        flags=set(gathering.flags),
        title="",
        words=frozenset({"signed"}),
        block="",
        paired=True,
    )


def _refers_back(sentence: Sentence, previous: Sentence, candidate: Candidate) -> bool:
    """An undated sentence right after an event that names it again ("The drill will ...",
    "The pact, finalized in ...") says more about the same happening."""
    heading = sentence.heading
    if heading is not None and previous.heading == heading:
        return True  # the lines under one item heading ("Tehran, 2007 - ...") tell one story
    if sentence.paragraph != previous.paragraph:
        return False
    if sentence.index - previous.index > FOLLOW_UP_SENTENCES:
        return False
    nouns = event_nouns().get(candidate.event_type, frozenset())
    words = [t.key for t in tokenize(sentence.text)]
    return any(a == "the" and b in nouns for a, b in pairwise(words))


def _attach_follow_up(
    doc: Document, sentence: Sentence, candidate: Candidate, gazetteer: Gazetteer
) -> None:
    text, base = sentence.text, sentence.start
    mentions = find_names(gazetteer, text, None, base)
    candidate.add_source(Source(doc.doc_id, text, sentence.start, sentence.end))
    if not _NEGATION.search(text):  # "Russia is not among the participants"
        found = actors_in(mentions, text, base) + group_actors(text)
        candidate.actors += [a for a in dict.fromkeys(found) if a not in candidate.actors]
    countries = {e.country for m in mentions for e in m.entries if isinstance(e, Place)}
    best = best_place(place_mentions(mentions, text, base, countries))
    if (
        best is not None
        and best.place.precision == "site"
        and best.score >= 4
        and (candidate.place is None or candidate.place.precision != "site")
    ):
        candidate.place, candidate.place_score = best.place, best.score - 1
        candidate.flags.add("place_inferred")
