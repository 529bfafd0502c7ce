"""What a document tells about all its sentences: when it was published, where it was
filed from (its dateline), and which year to assume when it says neither."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..models import Document
from .dates import Moment, find_dates, parse_published
from .gazetteer import Actor, Gazetteer, Place
from .names import Mention
from .sentences import find_dateline

_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


@dataclass(frozen=True)
class DocumentContext:
    doc: Document
    published: Moment | None  # from the manifest, else a date line in the text
    year_hint: int | None  # without a publication date: the latest year the text names
    dateline: Place | None  # "ST. PETERSBURG (Dispatches) –"
    dateline_span: tuple[int, int] | None = None  # its place name in the text

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
    found = find_dateline(doc.text)
    span = (found[1], found[1] + len(found[0])) if found else None
    place = _dateline_place(found[0], gazetteer) if found else None
    return DocumentContext(doc, published, year_hint, place, span)


def publication_from_text(text: str) -> Moment | None:
    """A date line near the top ("date 2024-04-15", "Published 8 October 2025").

    >>> publication_from_text(" date 2024-04-15 + 16 px\\n\\nThe drill ...")
    Moment(first=datetime.date(2024, 4, 15), precision='day')
    """
    for line in text[:400].splitlines()[:6]:
        if len(line.strip()) > 80:
            continue
        days = [d for d in find_dates(line) if d.precision == "day" and d.kind == "absolute"]
        if days:
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
    years = [int(y) for y in _YEAR.findall(text) if int(y) <= date.today().year]
    return max(years) if years else None


def _dateline_place(name: str, gazetteer: Gazetteer) -> Place | None:
    mentions = gazetteer.index.find(name.title(), None, 0)
    places = [e for m in mentions for e in m.entries if isinstance(e, Place)]
    return min(places, key=lambda p: (p.rank, -p.population)) if places else None
