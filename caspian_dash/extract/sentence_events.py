"""The candidate events of one sentence: one per distinct time it names (or inherits).

A sentence first is *read* (names, dates, triggers, layout context), then each group of
dates that describe one time becomes a candidate if a trigger in its clause says what
happened. Undated sentences inherit a date from their item heading ("Baku, 2010 -") or,
in a news lead, from the publication day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from datetime import date
from functools import lru_cache

from ..models import Source
from .actors import actors_in, group_actors
from .candidate import Candidate
from .clauses import (
    Span,
    clause_of,
    clauses,
    date_groups,
    dominated,
    most_precise,
    scene_clauses,
)
from .context import DocumentContext, find_names
from .dates import DateMention, Moment, as_moment, find_dates, is_future
from .event_types import (
    MIN_SCORE,
    Trigger,
    best_type,
    blocks_event,
    discount_reported,
    event_nouns,
    find_triggers,
    harm_of_disaster,
    score_types,
    section_hints,
)
from .gazetteer import Gazetteer, Place
from .inflect import verb_forms
from .lexicon import load_lexicon
from .names import Mention
from .nonevents import frame_only, frame_words, keep_events
from .past import FIRST_PERSON, past_predicate
from .places import PlaceMention, features_in, listed_place, place_mentions, seat_of
from .scene import GATHERINGS, choose_place
from .sentences import Sentence
from .titles import named_phrase
from .tokens import Token, name_key, tokenize

YEAR_NAMES_CHARS = 50  # "the 1987 Intermediate-Range Nuclear Forces Treaty"
YEAR_NAMES_BONUS = 10  # the thing a year names outweighs the rest of the sentence
LEAD_MIN_SCORE = 3  # "held talks", "signed": a headline that reports a happening
FULL_SENTENCE_WORDS = 6
LINE_TYPES = frozenset({"infrastructure", "trade_transit", "military_action"})
FRAME_CHARS = 12  # "In 2019, ..." sets the story's time; a year mid-sentence names a thing
LEAD_SENTENCES = 5  # headline + dateline/byline lines + the lead itself
# Types whose headline reports a happening of the day (not a trend like "freight grows").
LEAD_TYPES = frozenset(
    {"summit", "agreement", "military_exercise", "military_action", "diplomatic_meeting",
     "infrastructure", "statement", "other"}
)  # fmt: skip


# Present and present perfect: "we have signed", "is paying a visit", "I welcome the visit".
_NOW = re.compile(
    r"(?i)\b(?:have|has|am|is|are)\b(?:\s+\w+){0,2}?\s+\w+(?:ed|en|ing|met|held|signed)\b"
    r"|\b(?:I|we)\s+(?:welcome|thank|congratulate)\b|\b(?:here|now)\b"
    r"|\bjust\s+(?:\w+ed|met|held|signed|had|made|took)\b"  # "we just signed a statement"
)
# ... but not a happening of another day ("we have met many times", "last year").
_THEN = re.compile(
    r"(?i)\b(?:was|were|did|had)\s+(?:last|previously|first)\b|\b(?:ago|last|previous|"
    r"previously|before|since|once|former|past|recent|recently|times|usually|regularly)\b"
    r"|\bearlier\s+(?:this|that|last|in)\b"
)
_DONE = frozenset({"met", "held", "had", "took", "made", "paid", "sent", "laid", "began"})
_PAST_FORMS = frozenset({"struck", "hit", "shot", "fought", "broke", "led", "ran", "came", "built"})
_PAST_TENSE = re.compile(r"\b(?:was|were|had)\b|\b[a-z]{3,}ed\b")
TOLD_WEIGHT = 3  # a sentence without a date shares the one before only for a clear happening
NAMED_AT_WEIGHT = 2  # ... or for one placed at the happening it names ("signed at the summit")
# First person (past.FIRST_PERSON): a speaker in a transcript recalls as often as reports; a
# readout's own narrative ("the parties signed", "a communique was adopted") is in the third person.
# A readout names its own side by title alone: "The President met ...", "the Secretary said"
_OWN_OFFICIAL = re.compile(
    r"\b[Tt]he (?:President|Prime Minister|Foreign Minister|Secretary|Vice President|"
    r"High Representative|Head of State)\b(?!\s+(?:of|and)\b)(?!’s|'s)"
)

_STATEMENT_TITLE = re.compile(r"(?:Press )?[Ss]tatement (?:by|of|from|on)\b")
STATEMENT_TITLE_BONUS = 4
# A readout's title names only the other side: "Meeting with President of Iran ..."
_MET_WITH_NOBODY = re.compile(
    r"(?i)(?:[\w-]+ ){0,4}?(?:meeting|talks|talk|conversation|call|news conference|"
    r"press conference)s? (?:with|following)\b"
)


@dataclass
class SentenceReading:
    """Everything read from one sentence, before deciding what happened in it."""

    sentence: Sentence
    tokens: list[Token]
    mentions: list[Mention]
    dates: list[DateMention]
    triggers: list[Trigger]
    hints: dict[str, int]  # type hints from the section title and item heading
    heading_names: list[Mention] = field(default_factory=list)
    heading_triggers: bool = False
    countries: set[str] = field(default_factory=set)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    clauses: list[Span] = field(default_factory=list)
    scenes: list[Span] = field(default_factory=list)  # clauses cut where a new scene may begin
    seat: Place | None = None  # where a body the sentence names speaks from (lexicon seats)


def read_sentence(
    sentence: Sentence, context: DocumentContext, gazetteer: Gazetteer, anchor: Moment | None
) -> SentenceReading:
    """Names, dates, triggers and layout hints of ``sentence``."""
    text, base = sentence.text, sentence.start
    tokens = tokenize(text, base)
    mentions = context.outside_dateline(find_names(gazetteer, text, tokens, base))
    dates = find_dates(text, base, context.published, anchor, context.year_hint)
    triggers = discount_reported(text, base, _outside_names(find_triggers(tokens), mentions))
    if not any(t.weight >= MIN_SCORE for t in triggers):
        generic = past_predicate(text, tokens, dates)
        triggers += [generic] if generic is not None else []
    triggers = harm_of_disaster(triggers, tokens, context.disaster)
    triggers = frame_only(tokens, keep_events(tokens, triggers, dates))
    hints = section_hints(sentence.section) if sentence.section else {}
    statement_title = _STATEMENT_TITLE.match(text) is not None
    if statement_title:
        # "Statement by the President ... on the terrorist attack in Volgograd": the attack is
        # what the statement is about; issuing it is the happening
        hints = {**hints, "statement": hints.get("statement", 0) + STATEMENT_TITLE_BONUS}
    reading = SentenceReading(sentence, tokens, mentions, dates, triggers, hints)
    heading = sentence.heading
    if heading is not None:
        label_tokens = tokenize(heading.label, heading.label_start)
        reading.heading_names = gazetteer.index.find(
            heading.label, label_tokens, heading.label_start
        )
        label_scores = score_types(find_triggers(label_tokens))
        reading.heading_triggers = bool(label_scores)
        for key, value in label_scores.items():
            hints[key] = hints.get(key, 0) + value
    reading.countries = {
        e.country
        for m in mentions + reading.heading_names
        for e in m.entries
        if isinstance(e, Place) and e.precision == "country"
    }
    reading.places = place_mentions(mentions, text, base, reading.countries, gazetteer.state_parts)
    topic = text.find(" on ") if statement_title else -1
    if topic > 0:  # "Statement by ... on the attack in Volgograd": issued elsewhere
        reading.places = [p for p in reading.places if p.start - base < topic]
    reading.actors = actors_in(mentions, text, base)
    reading.actors += [a for a in group_actors(text) if a not in reading.actors]
    reading.features = features_in(mentions + reading.heading_names)
    reading.clauses = clauses(text, base)
    reading.scenes = scene_clauses(text, base)
    if any(t.event_type == "statement" for t in triggers):  # only a statement needs its seat
        reading.seat = seat_of(text, gazetteer)
    return reading


def sentence_candidates(
    sentence: Sentence,
    context: DocumentContext,
    gazetteer: Gazetteer,
    anchor: Moment | None,
    after_lead: bool = False,
    told: Moment | None = None,
) -> tuple[list[Candidate], Moment | None]:
    """Candidate events of ``sentence`` and the anchor date for the sentences after it.

    ``after_lead``: the report's first full sentence is behind us, so an undated sentence
    near the top only adds to the lead's happening (``dedupe.attach_leads``).
    ``told``: the date the sentence just before (same paragraph) gave, which an undated
    sentence telling what happened next shares ("On 25 December ... The plane crashed").
    """
    reading = read_sentence(sentence, context, gazetteer, anchor)
    found: list[Candidate] = []
    if not blocks_event(reading.tokens):
        groups = _event_groups(reading, context, after_lead, told)
        strong = [g for g in groups if any(d.kind != "weak" for d in g)]
        for group in groups:
            candidate = _candidate(reading, group, len(groups), strong, context)
            if candidate is not None:
                for one in _two_happenings(candidate, sentence.text):
                    found += _one_per_stop(one, reading, group)
        if len(found) > 1 and any(
            _names_a_happening(g[0], sentence.text, sentence.start, reading.triggers)
            for g in groups
        ):  # a happening named by its year beside another: two happenings, kept apart
            found = [dc_replace(c, paired=True) for c in found]
    return found, _next_anchor(reading, anchor)


# "met ... on the sidelines of the SCO summit": two happenings, the meeting and the summit
_SIDELINES = re.compile(r"(?i)\b(?:on|at|in) the (?:sidelines|margins|framework) of\b")
# "visited Ashgabat and signed the agreement": the visit and the signing
_SIGNING = re.compile(r"(?i)\b(?:sign(?:s|ed|ing)?|ratif(?:y|ied|ies)|initial(?:l)?ed|concluded)\b")
# "signed in June during a trilateral summit in Beijing": the signing and the summit
_DURING_SUMMIT = re.compile(r"(?i)\b(?:during|at|in|by|of) (?:a|an|the) (?:[\w-]+ ){0,3}?summit\b")
# "the Baku Declaration was adopted at the summit": a joint document issued is a happening
_ISSUING = re.compile(
    r"(?i)\b(?:sign(?:s|ed|ing)?|ratif(?:y|ied|ies)|initial(?:l)?ed|concluded|adopt(?:s|ed)?|"
    r"issu(?:es|ed)|announc(?:es|ed)|approv(?:es|ed)|recorded)\b"
)
PAIR_SCORE = 3  # each of the two happenings clearly told


def _two_happenings(candidate: Candidate, text: str) -> list[Candidate]:
    """One sentence, two events: a meeting on the sidelines of a summit, or a visit or talks
    and a signing."""
    scores = candidate.type_scores
    meeting = scores.get("diplomatic_meeting", 0) >= PAIR_SCORE
    if meeting and scores.get("summit", 0) >= MIN_SCORE and _SIDELINES.search(text):
        other = "summit"
    elif meeting and scores.get("agreement", 0) >= PAIR_SCORE and _SIGNING.search(text):
        other = "agreement"
    elif (
        scores.get("agreement", 0) >= PAIR_SCORE
        and scores.get("summit", 0) >= MIN_SCORE
        and _ISSUING.search(text)
        and _DURING_SUMMIT.search(text)
    ):
        return [_one_of_two(candidate, "agreement"), _one_of_two(candidate, "summit")]
    else:
        return [candidate]
    return [_one_of_two(candidate, "diplomatic_meeting"), _one_of_two(candidate, other)]


@lru_cache(maxsize=1)
def _tour_cue() -> re.Pattern:
    """The words that lead a list of stops ("visited Azerbaijan, Georgia and Armenia", "a tour
    of Baku, Tbilisi and Yerevan"; lexicon ``_tours``)."""
    table = load_lexicon("event_types")["_tours"]
    cues = [form for verb in table["verbs"] for form in verb_forms(str(verb))]
    cues += [str(word) for word in table["words"]]
    alternatives = "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(set(cues), key=len, reverse=True)
    )
    return re.compile(r"(?i)\b(?:" + alternatives + r")\s+(?:the\s+)?$")


NEAR_TOUR = 40  # a date this close to the list of stops dates the tour
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def _one_per_stop(
    candidate: Candidate, reading: SentenceReading, group: Sequence[DateMention] = ()
) -> list[Candidate]:
    """A tour of several places: one visit to each, on the dates given for the tour."""
    if candidate.event_type != "diplomatic_meeting" or len(reading.places) < 2:
        return [candidate]
    text, base = reading.sentence.text, reading.sentence.start
    places = sorted(reading.places, key=lambda p: p.start)
    for i, first in enumerate(places):
        if not _tour_cue().search(text[max(0, first.start - base - 24) : first.start - base]):
            continue
        stops, end = [first], first.end
        for later in places[i + 1 :]:
            if not _LIST_GAP.fullmatch(text[end - base : later.start - base]):
                break
            end = later.end
            if not _names_its_state(stops[-1].place, later.place):
                stops.append(later)  # not "Batumi, Georgia": the town's state after it
        # "... Kazakhstan over the following three days": the tour's own dates
        dated_here = any(0 <= d.start - stops[-1].end <= NEAR_TOUR for d in group)
        placed_elsewhere = candidate.place is not None and candidate.place not in {
            s.place for s in stops
        }
        if len(stops) < 2 or (placed_elsewhere and not dated_here):
            return [candidate]  # its own date's scene is elsewhere: "chair ... in Bishkek"
        return [
            dc_replace(candidate, place=stop.place, place_score=max(candidate.place_score, 3),
                       actors=list(candidate.actors), flags=set(candidate.flags), paired=True)
            for stop in stops
        ]  # fmt: skip
    return [candidate]


def _names_its_state(town: Place, state: Place) -> bool:
    return (
        state.precision == "country"
        and town.precision != "country"
        and (town.country == state.country)
    )


def _one_of_two(candidate: Candidate, event_type: str) -> Candidate:
    scores = candidate.type_scores
    kept = {event_type: scores[event_type]} if event_type != "diplomatic_meeting" else {
        k: v for k, v in scores.items() if k not in ("summit", "agreement")}  # fmt: skip
    return dc_replace(
        candidate,
        event_type=event_type,
        type_scores=kept,
        actors=list(candidate.actors),
        flags=set(candidate.flags),
        title=candidate.title if event_type != "diplomatic_meeting" else "",
        words=candidate.words if event_type == "diplomatic_meeting" else frozenset({event_type}),
        paired=True,
    )


def _outside_names(triggers: list[Trigger], mentions: list[Mention]) -> list[Trigger]:
    """ "Collective Security Treaty Organization", "Port of Baku": a trigger word inside a
    name is part of the name."""
    spans = [(m.start, m.end) for m in mentions if " " in m.text]
    return [t for t in triggers if not any(a <= t.start and t.end <= b for a, b in spans)]


def _event_groups(
    reading: SentenceReading,
    context: DocumentContext,
    after_lead: bool,
    told: Moment | None = None,
) -> list[list[DateMention]]:
    sentence, base = reading.sentence, reading.sentence.start
    dates = [d for d in reading.dates if d.role == "event"]
    # "following the 2020 parliamentary elections, protests started in October 2020": a year
    # that names a happening is that happening's date, not a vaguer form of the other one
    naming = [d for d in dates if _names_a_happening(d, sentence.text, base, reading.triggers)]
    groups = date_groups([d for d in dates if d not in naming]) + [[d] for d in naming]
    groups.sort(key=lambda g: g[0].start)
    heading = sentence.heading
    if not groups and heading is not None:
        first, last = date(heading.year, 1, 1), date(heading.year, 12, 31)
        groups = [[DateMention(base, base, str(heading.year), first, last, "year", "heading")]]
    published = context.published
    lead_scores = score_types([t for t in reading.triggers if t.event_type in LEAD_TYPES])
    reports_news = max(lead_scores.values(), default=0) >= LEAD_MIN_SCORE
    if groups:
        return groups
    if told is not None and (groups := _told_before(reading, told)):
        return groups
    narrative = (
        context.dateline is not None
        and published is not None
        and published.precision == "day"
        and max((v for k, v in lead_scores.items() if k in GATHERINGS), default=0) >= 3
        and _speaks_of_now(sentence.text, reading.triggers)
    )
    if reports_news and _in_lead(sentence, published) and not is_future(sentence.text):
        # a news lead or headline without a date reports the day's news
        kind = "lead" if not after_lead else "narrative" if narrative else "late_lead"
    elif narrative:
        # a report dated to a day and a place, telling what happens that day: in the
        # present ("I welcome the first visit ...", "we have signed ..."), or in its own
        # narrative ("the parties signed ...", "a communique was adopted")
        kind = "narrative"
    else:
        return groups
    assert published is not None  # a lead and a narrative are dated to the publication day
    return [[DateMention(base, base, "", published.first, published.last, "day", kind)]]


def _told_before(reading: SentenceReading, told: Moment | None) -> list[list[DateMention]]:
    """An undated sentence that tells, in the past, what happened next takes the date of the
    sentence before it: a clear happening (a past verb of weight 3 or more), not a saying."""
    if told is None or told.precision == "year" or is_future(reading.sentence.text):
        return []
    if FIRST_PERSON.search(reading.sentence.text) or _THEN.search(reading.sentence.text):
        return []
    past_tense = _PAST_TENSE.search(reading.sentence.text) is not None
    named = _named_again(reading)
    if named:
        # "The drill was held in Baku": more on the same happening, not a new one; but "the
        # flag was approved at the summit" tells a happening of another kind at it
        if not any(
            t.event_type not in named and t.event_type != "statement"
            and t.weight >= NAMED_AT_WEIGHT and (past_tense or _past(t.word))
            for t in reading.triggers
        ):  # fmt: skip
            return []
    elif not any(
        t.weight >= TOLD_WEIGHT and t.event_type != "statement" and (past_tense or _past(t.word))
        for t in reading.triggers
    ):
        return []
    base = reading.sentence.start
    return [[DateMention(base, base, "", told.first, told.last, told.precision, "anaphoric",
                         inferred=True)]]  # fmt: skip


@lru_cache(maxsize=1)
def _domestic_officials() -> frozenset[str]:
    return frozenset(name_key(w) for w in load_lexicon("actors").get("domestic_officials", []))


def _domestic(reading: SentenceReading) -> bool:
    """A meeting with one's own governor or mayor: one party at most, and such an official."""
    if len(set(reading.actors)) > 1:
        return False
    officials = _domestic_officials()
    keys = [t.key for t in reading.tokens]
    return any(" ".join(keys[i : i + n]) in officials for n in (1, 2, 3, 4)
               for i in range(len(keys) - n + 1))  # fmt: skip


def _past(word: str) -> bool:
    head = word.split()[0]
    return head.endswith("ed") or head in _DONE or head in _PAST_FORMS


def _speaks_of_now(text: str, triggers: list[Trigger]) -> bool:
    if _THEN.search(text) or is_future(text):
        return False
    if _NOW.search(text):
        return True
    # the narrative tells what was done, by a verb in the past ("signed", "held talks")
    done = any(t.word.split()[0].endswith("ed") or t.word.split()[0] in _DONE for t in triggers)
    return done and not FIRST_PERSON.search(text)


def _candidate(
    reading: SentenceReading,
    group: list[DateMention],
    n_groups: int,
    strong: list[list[DateMention]],
    context: DocumentContext,
) -> Candidate | None:
    sentence, text, base = reading.sentence, reading.sentence.text, reading.sentence.start
    weak = all(d.kind == "weak" for d in group)
    clause = clause_of(reading.clauses, group[0].start)
    in_clause = [t for t in reading.triggers if clause[0] <= t.start < clause[1]]
    chosen = most_precise(group)
    hints = {**reading.hints, **_named_by_year(chosen, reading.triggers)}
    if chosen.kind == "anaphoric":  # "the flag was approved at the summit": not the summit
        named = _named_again(reading)
        in_clause = [t for t in in_clause if t.event_type not in named] or in_clause
    scores = score_types(in_clause, hints)
    event_type, score = best_type(scores)
    if score < MIN_SCORE and n_groups == 1 and not weak:
        scores = score_types(reading.triggers, hints)
        event_type, score = best_type(scores)
    if score < MIN_SCORE or not (reading.triggers or reading.heading_triggers):
        return None  # section words alone never make an event; a trigger must
    if event_type == "diplomatic_meeting" and _domestic(reading):
        # "Meeting with Acting Governor of Astrakhan Region": the meeting's weight is other's
        meeting = scores.pop("diplomatic_meeting")
        scores = {**scores, "other": scores.get("other", 0) + meeting}
        event_type, score = best_type(scores)
    strongest = max((t.weight for t in in_clause), default=0)
    if weak and (strongest < 3 or dominated(group, strong, reading.clauses)):
        return None  # "now" dates only a clause with a clear happening of its own
    flags = _date_flags(group, chosen, sentence)
    scene = clause_of(reading.scenes, group[0].start)
    local = [p for p in reading.places if scene[0] <= p.start < scene[1]]
    if not local and n_groups == 1:
        local = reading.places  # another clause's places belong to another date's happening
    if event_type not in LINE_TYPES:  # an agreement to build a railway is not signed on it
        local = [p for p in local if not p.place.line]
    listed = listed_place(reading.places, chosen.start, chosen.end, text, base)
    if listed is not None:
        local = [listed]
    involved = frozenset(
        reading.countries | set(reading.actors) | {p.place.country for p in reading.places}
    )
    place, place_score = choose_place(
        local,
        reading.heading_names,
        reading.countries,
        chosen,
        context,
        flags,
        involved,
        event_type,
    )
    if event_type == "statement" and reading.seat is not None and _unsure_scene(place, place_score):
        # "The State Department condemned the arrests in Georgia": said in Washington
        place, place_score = reading.seat, SEAT_SCORE
        flags.add("place_inferred")
    heading = sentence.heading
    title = named_phrase(text[clause[0] - base : clause[1] - base], event_type) or (
        named_phrase(heading.label, event_type) if heading else ""
    )
    return Candidate(
        source=Source(context.doc.doc_id, text, sentence.start, sentence.end),
        event_type=event_type,
        type_scores=scores,
        first=chosen.first,
        last=chosen.last,
        precision=chosen.precision,
        date_kind=chosen.kind,
        place=place,
        place_score=place_score,
        actors=_with_speaker(reading.actors, context.speaker, text, event_type),
        features=list(reading.features),
        flags=flags,
        title=title,
        words=frozenset(t.word for t in reading.triggers if t.weight >= 2),
        block=f"{context.doc.doc_id}:{heading.label_start}" if heading is not None else "",
        definite=_names_it_again(reading.tokens, event_type),
    )


def _with_speaker(actors: list[str], speaker: str, text: str, event_type: str) -> list[str]:
    """ "We have just signed ...", "I had a meeting with ...", and in a readout "The
    President met ...": the speaker takes part."""
    if (
        speaker
        and speaker not in actors
        and event_type in GATHERINGS
        and (
            FIRST_PERSON.search(text)
            or _OWN_OFFICIAL.search(text)
            or _MET_WITH_NOBODY.match(text)
            or (event_type == "diplomatic_meeting" and len(actors) == 1)
        )
    ):
        return [*actors, speaker]
    return list(actors)


def _named_again(reading: SentenceReading) -> set[str]:
    """The types of the happenings a sentence names as already told ("the summit")."""
    return {t.event_type for t in reading.triggers if _names_it_again(reading.tokens, t.event_type)}


def _names_it_again(tokens: list[Token], event_type: str) -> bool:
    """ "the agreement", "the pact": a happening the text has already told of."""
    nouns = event_nouns().get(event_type, frozenset())
    return any(a.key == "the" and b.key in nouns for a, b in zip(tokens, tokens[1:]))


def _date_flags(group: list[DateMention], chosen: DateMention, sentence: Sentence) -> set[str]:
    flags = set()
    if any(d.inferred for d in group):
        flags.add("date_inferred")
    if chosen.kind in ("lead", "late_lead", "narrative"):
        flags.add("date_from_publication")
    heading = sentence.heading
    if (
        heading is not None
        and chosen.kind != "heading"
        and _first_under(sentence)
        and not chosen.first.year <= heading.year <= chosen.last.year
    ):
        flags.add("date_conflict")  # "Ashgabat, 2002 - ... held in April 2003"
    return flags


def _names_a_happening(mention: DateMention, text: str, base: int, triggers: list[Trigger]) -> bool:
    """ "following the 2020 parliamentary elections", "after the 2006 Kodori crisis": a year
    that names a happening the sentence tells as the frame of another (lexicon
    ``_non_events.frames``), not "the 2022 SCO summit was held on 15 September"."""
    before = text[max(0, mention.start - base - 40) : mention.start - base].lower()
    if not before.endswith("the "):
        return False
    return any(w in frame_words() for w in before.split()[-4:-1]) and bool(
        _named_by_year(mention, triggers)
    )


SEAT_SCORE = 2  # a seat is inferred from the speaker, as sure as a guessed place


def _unsure_scene(place: Place | None, score: int) -> bool:
    """No scene, a state, or a place named with no cue that it is where the saying was."""
    return place is None or place.precision != "site" or score < 2


def _named_by_year(mention: DateMention, triggers: list[Trigger]) -> dict[str, int]:
    """ "the 2018 convention", "the Russo-Persian War (1826–1828)": a year that names a
    thing makes that thing the happening, whatever else the sentence mentions."""
    if not mention.text[:4].isdigit():
        return {}
    nouns = event_nouns()
    for trigger in triggers:
        after = 0 <= trigger.start - mention.end <= YEAR_NAMES_CHARS
        before = 0 <= mention.start - trigger.end <= 2
        if (after or before) and trigger.word in nouns.get(trigger.event_type, ()):
            return {trigger.event_type: YEAR_NAMES_BONUS}
    return {}


def _next_anchor(reading: SentenceReading, anchor: Moment | None) -> Moment | None:
    """The last date the text has mentioned, for "a month earlier" further on."""
    for mention in reading.dates:
        framing = mention.start - reading.sentence.start <= FRAME_CHARS
        # "The following day clashes resumed. The same day ...": a day told from the last
        # one moves the story's time like a day named outright
        chained = mention.kind == "anaphoric" and mention.precision == "day" and framing
        if mention.role == "event" and (mention.kind in ("absolute", "partial") or chained):
            if mention.precision == "year" and (not framing or _names_a_thing(reading, mention)):
                continue  # "the first strategy of 2007" does not move the story's time
            if _COMMEMORATED.search(
                reading.sentence.text, 0, mention.start - reading.sentence.start
            ):
                continue  # "a parade for Independence Day on 26 May 1918": not the story's time
            anchor = as_moment(mention)
    heading = reading.sentence.heading
    if not reading.dates and heading is not None:
        anchor = Moment(date(heading.year, 1, 1), "year")
    return anchor


# A date right after these names the day remembered, not the time of the story
_COMMEMORATED = re.compile(
    r"(?i)\b(?:commemorat\w*|anniversary of|independence day|victory day|memorial day)\b"
    r"[^.;]{0,25}$"
)
_ATTRIBUTIVE = frozenset({"the", "a", "an", "its", "his", "her", "their", "this", "that"})


def _names_a_thing(reading: SentenceReading, mention: DateMention) -> bool:
    """ "Until the 2020 war, ...": a year after an article names a thing; it does not move
    the story's time to that year."""
    text, base = reading.sentence.text, reading.sentence.start
    words = text[max(0, mention.start - base - 12) : mention.start - base].split()
    return bool(words) and words[-1].lower() in _ATTRIBUTIVE


def is_full_sentence(sentence: Sentence) -> bool:
    """A body sentence, not a headline, date line or byline."""
    text = sentence.text.rstrip("\"”’') ")
    return len(text.split()) >= FULL_SENTENCE_WORDS and text.endswith((".", "!", "?"))


def _in_lead(sentence: Sentence, published: Moment | None) -> bool:
    """The headline and lead of a news report dated to the day."""
    return (
        published is not None
        and published.precision == "day"
        and sentence.index < LEAD_SENTENCES
        and sentence.heading is None
    )


def _first_under(sentence: Sentence) -> bool:
    """The sentence right after its item heading ("Ashgabat, 2002 - The first ...")."""
    heading = sentence.heading
    return (
        heading is not None and 0 <= sentence.start - heading.label_start <= len(heading.label) + 12
    )
