"""What a document tells about all its sentences: when it was published, where it was
filed from (its dateline), and which year to assume when it says neither."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Document
from .dates import Moment, find_dates, is_target, parse_published
from .event_types import tells_disaster
from .gazetteer import Actor, Gazetteer, Place, most_precise_place
from .layout import Layout, read_layout
from .lexicon import load_lexicon
from .names import Mention
from .places import (
    names_a_landform,
    names_its_happening,
    place_mentions,
    resolve,
    routes_between,
)
from .tokens import tokenize

_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A speaker placing themselves: "the warm welcome here in Baku", "to be here in Astana".
_HERE_IN = re.compile(r"\bhere in (?:the city of )?([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)")
SPEECH_SCENE_CHARS = 1500  # the opening of a speech says where it is given, or never
FILED_DAYS = 7  # a dateline's own day beyond this from the publication date is not trusted
HEADLINE_CHARS = 150  # a longer first line is a paragraph, not a headline
DEFINITION_CHARS = 400  # the defining sentence opens the body
DEFINED_SCORE = 4  # a place the definition puts the subject "in" (a cue, not a mention)
# "The X is a/the ..." opening the body, up to its end
_PARENTHESES = re.compile(r"\s*\([^()\n]*\)")
_COPULA = re.compile(r" (?:is|was|are|were) ")
_DEFINITION = re.compile(
    r"(?m)^(?:The )?[A-Z][^\n.]{0,80}? (?:is|was|are|were) (?:a|an|the) [^\n]*?\.(?=\s)"
)


@dataclass(frozen=True)
class DocumentContext:
    doc: Document
    published: Moment | None  # from the manifest, else a date line in the text
    year_hint: int | None  # without a publication date: the latest year the text names
    dateline: Place | None  # "ST. PETERSBURG (Dispatches) –"
    dateline_span: tuple[int, int] | None = None  # its place name in the text
    layout: Layout = Layout()  # the header lines, which report nothing themselves
    topic: Place | None = None  # a site or region the headline names: what the text is about
    topic_state: Place | None = None  # the one state a headline names ("Kazakhstan: ...")
    speaker: str = ""  # the state or body the publisher speaks for: "we" and "I" in the text
    disaster: bool = False  # the headline names a natural disaster: its harm is no attack

    def outside_dateline(self, mentions: list[Mention]) -> list[Mention]:
        """Names other than the dateline's (where a report was filed is no actor)."""
        span = self.dateline_span
        if span is None:
            return mentions
        return [m for m in mentions if not (span[0] <= m.start < span[1])]


def document_context(doc: Document, gazetteer: Gazetteer) -> DocumentContext:
    """Publication date, fallback year and dateline place of ``doc``."""
    published = parse_published(doc.published) or publication_from_text(doc.text)
    year_hint = None if published else _latest_year(doc.text)
    layout = read_layout(doc.text)
    place = _dateline_place(layout.place_text, gazetteer) if layout.place_text else None
    span = layout.place_span
    if place is None and layout.wire_place:  # "Press Release | Nov. 18" / "BISHKEK, ..."
        place, span = _dateline_place(layout.wire_place, gazetteer), layout.wire_span
    if place is None:
        place = _speech_scene(doc.text, gazetteer)
    published = _filed_day(published, layout.wire_day)
    topic, topic_state = _headline_places(doc.text, gazetteer)
    if topic is None:
        topic = _defined_place(doc.text, gazetteer)
    return DocumentContext(
        doc,
        published,
        year_hint,
        place,
        span,
        layout,
        topic,
        topic_state,
        _speaker(doc.publisher, gazetteer),
        tells_disaster(tokenize(headline(doc.text))),
    )


def headline(text: str) -> str:
    """The text's first line when it is a headline above a body, else "" (a longer first
    line is a paragraph)."""
    top = text[: HEADLINE_CHARS + 200].lstrip()
    end = top.find("\n")
    return top[:end] if 0 <= end <= HEADLINE_CHARS else ""


def _filed_day(published: Moment | None, filed) -> Moment | None:
    """The day a wire dateline gives ("BISHKEK (Nov. 17, 2010) —") is the "today" of the
    report, when it is the publication's week or the publication's day is unknown."""
    if filed is None:
        return published
    if published is None or published.precision != "day":
        return Moment(filed, "day")
    return Moment(filed, "day") if abs((filed - published.first).days) <= FILED_DAYS else published


@lru_cache(maxsize=1)
def _reporters() -> re.Pattern:
    words = load_lexicon("actors").get("reporters", [])
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _speaker(publisher: str, gazetteer: Gazetteer) -> str:
    """ "President of Russia, Presidential Executive Office" -> RUS; "European External
    Action Service" -> EU; "U.S. Embassy in Azerbaijan" -> USA (the first named)."""
    if not publisher or _reporters().search(publisher):
        return ""  # an encyclopedia or a news service reports; it takes no part
    for mention in gazetteer.index.find(publisher, None, 0):
        for entry in mention.entries:
            if isinstance(entry, Actor) and entry.role in ("name", "org", "body", "demonym"):
                return entry.code
    return ""


def _speech_scene(text: str, gazetteer: Gazetteer) -> Place | None:
    match = _HERE_IN.search(text, 0, SPEECH_SCENE_CHARS)
    if match is None:
        return None
    place = _dateline_place(match.group(1), gazetteer)
    return place if place is not None and place.precision == "site" else None


def _headline_places(text: str, gazetteer: Gazetteer) -> tuple[Place | None, Place | None]:
    """The site or region a headline is about ("Turkmenbashi International Seaport",
    "South Caucasus Pipeline"), and the first state it names."""
    title = headline(text)
    if not title:
        return None, None  # no headline line above a body
    mentions = find_names(gazetteer, title)  # "Hassan Rouhani" is a man, not a town
    routes = routes_between(mentions, [resolve(m, set()) for m in mentions], title, 0)
    if routes:  # "Astara–Rasht–Qazvin railway": the line between the towns it names
        return routes[-1].place, None
    placed = [(m, e) for m in mentions for e in m.entries if isinstance(e, Place)]
    places = [e for _, e in placed]
    local = [
        p for m, p in placed
        if p.precision != "country" and not names_a_landform(p, title, m.end) and (
            not p.needs_cue or names_its_happening(title, m.end) or _titled(title, m)
        )
    ]  # fmt: skip
    topic = most_precise_place(local)
    states = [p for p in places if p.precision == "country"]
    if states:
        return topic, states[0]  # "Turkmenistan: ... and U.S. Interests"
    # "2017 Armenian parliamentary election": the one state the headline's adjectives name
    adjectives = {
        e.code for m in mentions for e in m.entries
        if isinstance(e, Actor) and e.role == "demonym" and e.code in gazetteer.states
    }  # fmt: skip
    return topic, (gazetteer.states[adjectives.pop()] if len(adjectives) == 1 else None)


def _titled(headline: str, mention: Mention) -> bool:
    """The headline is the place's own name ("Lagan, Russia", "Serhetabat"): an article
    about the town, so even a name that is also a word is the town."""
    rest = headline[mention.end :].strip()
    return mention.start == 0 and (not rest or rest.startswith(","))


def _defined_place(text: str, gazetteer: Gazetteer) -> Place | None:
    """Where an encyclopedic text's subject is, from its defining sentence under the
    headline ("The Caspian Flotilla is the flotilla of the Russian Navy in the Caspian
    Sea."): a site or region it is "in", "on" or "near"."""
    body = text[: HEADLINE_CHARS + DEFINITION_CHARS]
    headline = body.lstrip().split("\n", 1)[0].split()
    # "The Alexander Pushkin Joint ... School (Russian: ...; Turkmen: ...) is a school in
    # Ashgabat": the names in other languages are no part of the definition
    match = _DEFINITION.search(_PARENTHESES.sub("", body))
    if match is None or not headline:
        return None
    sentence = match.group()
    subject = _COPULA.split(sentence, 1)[0].split()
    if headline[0].removeprefix("The") not in subject[:1] + subject[1:]:
        return None  # the sentence defines the headline's subject, or it is no definition
    mentions = find_names(gazetteer, sentence)
    places = place_mentions(mentions, sentence, 0, set())
    located = [p for p in places if p.place.precision != "country" and p.score >= DEFINED_SCORE]
    if not located:
        # "... a power station in Atazhukino, Baksansky District, Kabardino-Balkaria, Russia":
        # the first known place of the list after "in" (the village is too small to know)
        cue = _LOCATED_IN.search(sentence)
        located = [
            p for p in places
            if cue is not None and p.start >= cue.end() and p.place.precision != "country"
            and _APPOSITIONS.fullmatch(sentence[cue.end() : p.start])
        ][:1]  # fmt: skip
    return max(located, key=lambda p: p.score).place if located else None


_LOCATED_IN = re.compile(r" (?:in|near) (?=[A-Z])")
_APPOSITIONS = re.compile(r"(?:[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*(?: [a-z]+)?, )*")


DATE_LINE_CHARS = 40  # "Wednesday, 24 September 2014 14:30"


def publication_from_text(text: str) -> Moment | None:
    """A date line near the top ("date 2024-04-15", "Published 8 October 2025") or, alone,
    as the last line ("July 7, 2012").

    >>> publication_from_text(" date 2024-04-15 + 16 px\\n\\nThe drill ...")
    Moment(first=datetime.date(2024, 4, 15), precision='day')
    """
    for line in text[:400].splitlines()[:6]:
        if len(line.strip()) > 80:
            continue
        days = [d for d in find_dates(line) if d.precision == "day" and d.kind == "absolute"]
        if days:
            return Moment(days[0].first, "day")
    # a page copied with its date below the body: a last line that is a date and nothing else
    last = next((line.strip() for line in reversed(text[-200:].splitlines()) if line.strip()), "")
    if len(last) <= DATE_LINE_CHARS:
        days = [d for d in find_dates(last) if d.precision == "day" and d.kind == "absolute"]
        if days and days[0].end - days[0].start >= len(last.rstrip(".")) - 1:
            return Moment(days[0].first, "day")
    return None


def find_names(gazetteer: Gazetteer, text: str, tokens=None, base: int = 0) -> list[Mention]:
    """Names in ``text``, less first names ("Nursultan Nazarbayev" is a man, not Astana)."""
    mentions = gazetteer.index.find(text, tokens, base)
    kept = []
    for mention, following in zip(mentions, [*mentions[1:], None]):
        if (
            following is not None
            and following.start - mention.end <= 1
            and any(isinstance(e, Actor) and e.role == "leader" for e in following.entries)
        ):
            continue
        kept.append(mention)
    return kept


def _latest_year(text: str) -> int | None:
    """The latest year the text names as a time things happened, not as a target ("by
    2030", "until 2035"): a fixed rule, so the output never depends on the day it runs."""
    years = [int(m.group()) for m in _YEAR.finditer(text) if not is_target(text, m.start())]
    return max(years) if years else None


def _dateline_place(name: str, gazetteer: Gazetteer) -> Place | None:
    """The most precise place a dateline names ("The Kremlin, Moscow": the Kremlin;
    "BAKU, Azerbaijan": Baku)."""
    text = name if not name.isupper() else name.title()
    mentions = gazetteer.index.find(text, None, 0)
    return most_precise_place([e for m in mentions for e in m.entries if isinstance(e, Place)])
