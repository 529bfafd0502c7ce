"""Read the candidate events of one document, sentence by sentence."""

from __future__ import annotations

import re
from datetime import date

from ..models import Document, Source
from .actors import actors_in, group_actors
from .candidate import Candidate
from .dates import DateMention, Moment, as_moment, find_dates, is_future, parse_published
from .dedupe import attach_leads
from .event_types import (
    MIN_SCORE,
    event_nouns,
    best_type,
    blocks_event,
    find_triggers,
    score_types,
    section_hints,
)
from .gazetteer import Actor, Gazetteer, Place
from .names import Mention
from .places import PlaceMention, best_place, features_in, place_mentions
from .sentences import Sentence, find_dateline, split_sentences
from .titles import named_phrase
from .tokens import tokenize

# Where one clause ends and another (often with its own happening) begins.
_CLAUSE_BREAK = re.compile(r",\s+(?:which|while|whereas|but|although|though)\b|;|\s[—–]\s")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
DATELINE_DAYS = 7  # a dateline names where events of the publication's week happened
NEAR_CHARS = 40  # a place this close to the date is favoured ("an April visit to Azerbaijan")
LEAD_SENTENCES = 5  # headline + dateline/byline lines + the lead itself
# Types whose headline reports a happening of the day (not a trend like "freight grows").
LEAD_TYPES = {
    "summit",
    "agreement",
    "military_exercise",
    "military_action",
    "diplomatic_meeting",
    "infrastructure",
}


def document_candidates(doc: Document, gazetteer: Gazetteer) -> list[Candidate]:
    """Candidate events of ``doc``, in text order (not yet de-duplicated)."""
    published = parse_published(doc.published) or publication_from_text(doc.text)
    year_hint = None if published else _latest_year(doc.text)
    dateline = _dateline_place(doc.text, gazetteer)
    anchor: Moment | None = None
    candidates: list[Candidate] = []
    scene: tuple[int, Place, int] | None = None  # (paragraph, place, score) last named
    recent: tuple[Sentence, Candidate] | None = None  # the last event and where it was read
    for sentence in split_sentences(doc.text):
        found, anchor = _sentence_candidates(
            doc, sentence, gazetteer, published, anchor, year_hint, dateline
        )
        if not found and recent is not None and _refers_back(sentence, *recent):
            _attach_follow_up(doc, sentence, recent[1], gazetteer)
        if found:
            recent = (sentence, found[-1])
        for candidate in found:
            if candidate.place is None and scene is not None and scene[0] == sentence.paragraph:
                # "... in Aktau. The ministers will meet on 10 August." : same scene
                candidate.place, candidate.place_score = scene[1], scene[2] - 1
                candidate.flags.add("place_inferred")
            elif (
                candidate.place is not None
                and candidate.place.precision == "site"
                and "place_inferred" not in candidate.flags
            ):
                scene = (sentence.paragraph, candidate.place, candidate.place_score)
        candidates += found
    return attach_leads(candidates)


def publication_from_text(text: str) -> Moment | None:
    """A date line near the top ("date 2024-04-15", "Published 8 October 2025")."""
    for line in text[:400].splitlines()[:6]:
        if len(line.strip()) > 80:
            continue
        days = [d for d in find_dates(line) if d.precision == "day" and d.kind == "absolute"]
        if days:
            return Moment(days[0].first, "day")
    return None


def _latest_year(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= date.today().year]
    return max(years) if years else None


FOLLOW_UP_SENTENCES = 3  # how far "The pact ..." may stand from the sentence it refers to


def _refers_back(sentence: Sentence, previous: Sentence, candidate: Candidate) -> bool:
    """An undated sentence right after an event that names it again ("The drill will ...",
    "The pact, finalized in ...") says more about the same happening."""
    if sentence.paragraph != previous.paragraph or \
            sentence.index - previous.index > FOLLOW_UP_SENTENCES:
        return False
    nouns = event_nouns().get(candidate.event_type, frozenset())
    words = [t.key for t in tokenize(sentence.text)]
    return any(a == "the" and b in nouns for a, b in zip(words, words[1:]))


def _attach_follow_up(doc: Document, sentence: Sentence, candidate: Candidate,
                      gazetteer: Gazetteer) -> None:
    text, base = sentence.text, sentence.start
    mentions = _drop_first_names(gazetteer.index.find(text, None, base), text, base)
    candidate.sources.append(Source(doc.doc_id, text, sentence.start, sentence.end))
    candidate.actors += [a for a in actors_in(mentions, text, base) if a not in candidate.actors]
    countries = {e.country for m in mentions for e in m.entries if isinstance(e, Place)}
    best = best_place(place_mentions(mentions, text, base, countries))
    if best is not None and best.place.precision == "site" and best.score >= 4 and \
            (candidate.place is None or candidate.place.precision != "site"):
        candidate.place, candidate.place_score = best.place, best.score - 1
        candidate.flags.add("place_inferred")


def _drop_first_names(mentions: list[Mention], text: str, base: int) -> list[Mention]:
    """ "Nursultan Nazarbayev": a name right before a leader's surname is a first name."""
    kept = []
    for mention, following in zip(mentions, mentions[1:] + [None]):
        if (
            following is not None
            and following.start - mention.end <= 1
            and any(isinstance(e, Actor) and e.role == "leader" for e in following.entries)
        ):
            continue
        kept.append(mention)
    return kept


def _dateline_place(text: str, gazetteer: Gazetteer) -> Place | None:
    found = find_dateline(text)
    if not found:
        return None
    mentions = gazetteer.index.find(found[0].title(), None, 0)
    places = [e for m in mentions for e in m.entries if isinstance(e, Place)]
    return min(places, key=lambda p: (p.rank, -p.population)) if places else None


def _sentence_candidates(
    doc, sentence: Sentence, gazetteer, published, anchor, year_hint, dateline
):
    text, base = sentence.text, sentence.start
    tokens = tokenize(text, base)
    mentions = _drop_first_names(gazetteer.index.find(text, tokens, base), text, base)
    dates = find_dates(text, base, published, anchor, year_hint)
    triggers = find_triggers(tokens)
    hints = section_hints(sentence.section) if sentence.section else {}
    heading = sentence.heading
    head_mentions: list[Mention] = []
    hints_from_label = False  # section words alone never make an event; a trigger must
    if heading is not None:
        label_tokens = tokenize(heading.label, heading.label_start)
        head_mentions = gazetteer.index.find(heading.label, label_tokens, heading.label_start)
        label_scores = score_types(find_triggers(label_tokens))
        hints_from_label = bool(label_scores)
        for key, value in label_scores.items():
            hints[key] = hints.get(key, 0) + value
    countries = {
        e.country
        for m in mentions + head_mentions
        for e in m.entries
        if isinstance(e, Place) and e.precision == "country"
    }
    places = place_mentions(mentions, text, base, countries)
    actors = actors_in(mentions, text, base)
    features = features_in(mentions + head_mentions)
    clauses = _clauses(text, base)
    if blocks_event(tokens):
        return [], anchor
    actors += [a for a in group_actors(text) if a not in actors]
    groups = _date_groups([d for d in dates if d.role == "event"])
    if not groups and heading is not None:
        year = date(heading.year, 1, 1)
        groups = [
            [
                DateMention(
                    base,
                    base,
                    str(heading.year),
                    year,
                    date(heading.year, 12, 31),
                    "year",
                    "heading",
                )
            ]
        ]
    if (
        not groups
        and _in_lead(sentence, published)
        and not is_future(text)
        and max((t.weight for t in triggers if t.event_type in LEAD_TYPES), default=0) >= 3
    ):
        # a news lead or headline without a date reports the day's news
        groups = [[DateMention(base, base, "", published.first, published.last, "day", "lead")]]
    candidates = []
    strong_groups = [g for g in groups if any(d.kind != "weak" for d in g)]
    for group in groups:
        weak = all(d.kind == "weak" for d in group)
        clause = _clause_of(clauses, group[0].start)
        in_clause = [t for t in triggers if clause[0] <= t.start < clause[1]]
        scores = score_types(in_clause, hints)
        event_type, score = best_type(scores)
        if score < MIN_SCORE and len(groups) == 1 and not weak:
            scores = score_types(triggers, hints)
            event_type, score = best_type(scores)
        strongest = max((t.weight for t in in_clause), default=0)
        if score < MIN_SCORE or not (triggers or hints_from_label):
            continue
        if weak and (strongest < 3 or _dominated(group, strong_groups, clauses)):
            continue  # "now" dates only a clause with a clear happening of its own
        chosen = _most_precise(group)
        flags = set()
        if any(d.inferred for d in group):
            flags.add("date_inferred")
        if chosen.kind == "lead":
            flags.add("date_from_publication")
        if (
            heading is not None
            and chosen.kind != "heading"
            and _first_under(sentence)
            and not chosen.first.year <= heading.year <= chosen.last.year
        ):
            flags.add("date_conflict")
        local = [p for p in places if clause[0] <= p.start < clause[1]] or places
        local = [_closer(p, group[0]) for p in local]
        place, place_score = _choose_place(
            local,
            head_mentions,
            gazetteer,
            countries,
            chosen,
            published,
            dateline,
            flags,
            group[0].start,
        )
        source = Source(doc.doc_id, text, sentence.start, sentence.end)
        words = frozenset(t.word for t in triggers if t.weight >= 2)
        block = f"{doc.doc_id}:{heading.label_start}" if heading is not None else ""
        title = named_phrase(text[clause[0] - base : clause[1] - base], event_type) or (
            named_phrase(heading.label, event_type) if heading else ""
        )
        candidates.append(
            Candidate(
                source,
                event_type,
                scores,
                chosen.first,
                chosen.last,
                chosen.precision,
                chosen.kind,
                place,
                place_score,
                list(actors),
                list(features),
                flags,
                title,
                words,
                block,
            )
        )
    for mention in dates:
        if mention.role == "event" and mention.kind in ("absolute", "partial"):
            anchor = as_moment(mention)
    if not dates and heading is not None:
        anchor = Moment(date(heading.year, 1, 1), "year")
    return candidates, anchor


def _choose_place(
    local: list[PlaceMention],
    head_mentions,
    gazetteer,
    countries,
    chosen,
    published,
    dateline,
    flags,
    near,
):
    best = best_place(local, near)
    if best is not None and best.place.precision == "site" and best.score >= 2:
        return best.place, best.score
    head = best_place(place_mentions(head_mentions, "", 0, countries)) if head_mentions else None
    if head is not None and (best is None or head.place.precision == "site"):
        flags.add("place_inferred")
        return head.place, 4
    if (
        dateline is not None
        and published is not None
        and chosen.kind != "heading"
        and abs((chosen.first - published.first).days) <= DATELINE_DAYS
        and published.precision == "day"
    ):
        if best is None or best.place.precision != "site":
            return dateline, 4
    if best is not None:
        return best.place, best.score
    return None, -99


def _closer(place: PlaceMention, mention: DateMention) -> PlaceMention:
    """A place right next to the date ("an April 23-30 visit to Azerbaijan") is favoured."""
    if mention.kind != "heading" and abs(place.start - mention.end) <= NEAR_CHARS:
        return PlaceMention(place.place, place.start, place.end, place.score + 1)
    return place


def _clauses(text: str, base: int) -> list[tuple[int, int]]:
    cuts = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
    bounds = [0, *cuts, len(text)]
    return [(base + a, base + b) for a, b in zip(bounds, bounds[1:])]


def _clause_of(clauses, offset: int) -> tuple[int, int]:
    for clause in clauses:
        if clause[0] <= offset < clause[1]:
            return clause
    return clauses[-1]


def _date_groups(dates: list[DateMention]) -> list[list[DateMention]]:
    """Dates that overlap (July + 2025) describe one time; others may be other events."""
    groups: list[list[DateMention]] = []
    for mention in dates:
        for group in groups:
            if all(_overlap(mention, d) for d in group) and _same_kind_family(mention, group):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return groups


def _same_kind_family(mention: DateMention, group: list[DateMention]) -> bool:
    return (mention.kind == "weak") == all(d.kind == "weak" for d in group)


def _overlap(a, b) -> bool:
    return a.first <= b.last and b.first <= a.last


def _most_precise(group: list[DateMention]) -> DateMention:
    return min(group, key=lambda d: ((d.last - d.first).days, d.kind == "weak", d.start))


def _dominated(group, strong_groups, clauses) -> bool:
    """A weak "now" shares its clause with a real date: the real date wins."""
    clause = _clause_of(clauses, group[0].start)
    return any(_clause_of(clauses, g[0].start) == clause for g in strong_groups)


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
