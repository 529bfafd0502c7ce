"""An event as read from one sentence, before duplicates are merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..models import Source
from .gazetteer import Place


@dataclass
class Candidate:
    """What one sentence (or clause) says happened; merged later into an Event."""

    source: Source
    event_type: str
    type_scores: dict[str, int]
    first: date
    last: date
    precision: str
    date_kind: str  # absolute | partial | deictic | anaphoric | weak | heading
    place: Place | None = None
    place_score: int = -99
    actors: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    title: str = ""  # a named phrase ("Fifth Caspian Summit") or ""
    words: frozenset[str] = frozenset()  # trigger words, for matching reports of one happening
    block: str = ""  # doc_id + heading offset: lines under one item heading belong together
    sources: list[Source] = field(default_factory=list)
    order: int = 0  # position among merged events, so merging stays first-come
    # where to draw it if no report says where: the report's topic site or its one state,
    # shown at its own precision and flagged "place_inferred"
    fallback: Place | None = None
    # one of two happenings a sentence reports ("met ... on the sidelines of the summit"):
    # never merged with the other just for sharing the sentence
    paired: bool = False
    # names its happening as one already told ("signed the agreement", "The pact ...")
    definite: bool = False

    def __post_init__(self) -> None:
        if not self.sources:
            self.sources = [self.source]
        # what has been read already, for constant-time checks while merging
        self.sentences: set[str] = {s.sentence for s in self.sources}
        self._keys: set[tuple[str, int]] = {(s.doc_id, s.char_start) for s in self.sources}

    def add_source(self, source: Source) -> None:
        """Record one more sentence reporting this happening (once)."""
        if (source.doc_id, source.char_start) not in self._keys:
            self._keys.add((source.doc_id, source.char_start))
            self.sentences.add(source.sentence)
            self.sources.append(source)
