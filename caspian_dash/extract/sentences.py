"""Split a document into sentences with exact offsets, and read its layout.

Besides sentences this finds three kinds of context a sentence inherits:
- section headings ("== Summits ==", "## Summits"), whose words hint at event types;
- item headings ("- Baku, 2010 - ..."), a place and a year for the lines under them;
- a dateline ("ST. PETERSBURG (Dispatches) – ..."), where the reporter filed from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from .lexicon import load_lexicon

_ABBREVIATIONS = frozenset(load_lexicon("words")["abbreviations"])
# End of a sentence: . ! ? (plus closing quotes/brackets), then space or a glued capital.
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s|$|[A-Z“\"][a-z])")
_LIST_MARK = re.compile(r"[ \t]*(?:[-*•·]|\d{1,3}[.)])[ \t]+")
_SECTION = re.compile(r"[ \t]*(?:(=+)[ \t]*(.+?)[ \t]*=+|(#+)[ \t]+(.+?))[ \t]*$")
# "Baku, 2010 - " / "Treaty of Turkmenchay, 1828 - " at the start of a line or list item
_ITEM_HEAD = re.compile(
    r"(?P<label>[A-Z][^\n,.;:]{1,60}?),[ \t]*(?P<year>(?:1[7-9]|20)\d\d)[ \t]*[-–—:][ \t]+"
)
# "ST. PETERSBURG (Dispatches) – ", "MOSCOW, Oct 8 (Reuters) - ", "BAKU, Azerbaijan, May 4.",
# "MARY, Turkmenistan Dec 13 ..."
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# A wire dateline opens the body, under at most a headline and a few lines of byline,
# date and reference ("Story by ...", "Posted: ...", "News ID: 95087").
DATELINE_LINES = 9
DATELINE_CHARS = 1200
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’\-]+(?:[ .]+[A-Z][A-Z'’\-]+){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?))?"
    rf"(?P<date>,?[ \t]+{_MONTH_ABBR}[ \t]+\d{{1,2}})?"
    r"(?P<numdate>[ \t]+[0-3]?\d\.[01]?\d\.\d{4})?"
    r"[ \t]*(?P<agency>\([^()\n]{2,40}\))?"
    r"[ \t]*(?P<sep>[-–—:.](?=[ \t]))?"
)
# A line that is a date line of its own ("Baku, 13 January 2011", "June 8, 2021") starts
# a new line, whatever the line above ends with.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"(?:[A-Z][\w .'’-]{{0,40}},[ \t]*)?(?:\d{{1,2}}[ \t]+{_MONTH}|{_MONTH}[ \t]+\d{{1,2}},?)"
    r"[ \t]+\d{4}(?:,[ \t]*[A-Z][\w .'’-]{0,40})?[ \t.]*"
)
# Words a hard-wrapped line can end on only in the middle of a sentence.
_OPEN_ENDINGS = frozenset(load_lexicon("words")["open_endings"])


@dataclass(frozen=True)
class Heading:
    """An item heading: a label ("Baku") and a year that the lines under it inherit."""

    label: str
    label_start: int
    year: int
    indent: int


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` == document text[start:end]."""

    text: str
    start: int
    end: int
    index: int
    section: str = ""  # title of the section heading above it
    heading: Heading | None = None
    paragraph: int = 0  # paragraph number (blank-line separated blocks)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets point into ``text`` exactly.

    >>> [s.text for s in split_sentences("They met in St. Petersburg.It was calm. U.S. officials left.")]
    ['They met in St. Petersburg.', 'It was calm.', 'U.S. officials left.']
    """
    sentences: list[Sentence] = []
    section, heading, paragraph, blank = "", None, 0, False
    for line_start, line in logical_lines(text):
        if not line.strip():
            blank = True
            continue
        if blank:
            paragraph, blank = paragraph + 1, False
        section_match = _SECTION.fullmatch(line)
        if section_match:
            section, heading = (section_match.group(2) or section_match.group(4)).strip(), None
            continue
        indent = len(line) - len(line.lstrip())
        mark = _LIST_MARK.match(line)
        body = len(mark.group()) if mark else indent
        if heading is not None and indent <= heading.indent:
            heading = None  # a line at the heading's own level ends its scope
        item = _ITEM_HEAD.match(line, body)
        if item:
            heading = Heading(
                item.group("label").strip(),
                line_start + item.start("label"),
                int(item.group("year")),
                indent,
            )
            body = item.end()
        for start, end in _split_line(line, body):
            sentences.append(
                Sentence(
                    text[line_start + start : line_start + end],
                    line_start + start,
                    line_start + end,
                    len(sentences),
                    section,
                    heading,
                    paragraph,
                )
            )
    return sentences


def find_dateline(text: str) -> tuple[str, int] | None:
    """Return (place text, offset) of a dateline opening one of the first lines, if any.

    >>> find_dateline("Headline\\nMOSCOW, Oct 8 (Reuters) - Russia said ...")
    ('MOSCOW', 9)
    """
    found = dateline_match(text)
    return found[:2] if found else None


def dateline_match(text: str) -> tuple[str, int, str] | None:
    """Like :func:`find_dateline`, with the whole dateline's text ("BISHKEK, Kyrgyzstan
    (Nov. 17, 2010) —"), which may carry the day the report was filed."""
    lines = ((s, line) for s, line in logical_lines(text[:DATELINE_CHARS]) if line.strip())
    for line_start, line in islice(lines, DATELINE_LINES):
        match = _DATELINE.match(line)
        if not match:
            continue
        caps = match.group("place").replace(".", "").replace(" ", "").isupper()
        marks = [match.group(k) for k in ("region", "date", "agency", "sep")]
        if (
            (caps and len(match.group("place")) >= 3 and any(marks))
            or (match.group("region") and (match.group("date") or match.group("agency")))
            or match.group("numdate")
        ):
            place = match.group("place").strip(" .")
            return place, line_start + match.start("place"), match.group()
    return None


def logical_lines(text: str):
    """Yield (offset, line) with hard-wrapped lines joined back into one logical line.

    The joined line is cut from ``text`` once, when it ends, and what the next piece is
    checked against (its last piece, its length, its words) is kept as it grows: a long
    run of wrapped lines costs no more than reading it.
    """
    offset = 0
    start = end = -1  # span of the logical line being joined
    last, shape = "", _Shape()
    for piece in text.split("\n"):
        if start >= 0 and _continues(last, end - start, shape, piece):
            end = offset + len(piece)
        else:
            if start >= 0:
                yield start, text[start:end]
            start, end, shape = offset, offset + len(piece), _Shape()
        last = piece
        shape.pending.append(piece)
        offset += len(piece) + 1
    if start >= 0:
        yield start, text[start:end]


class _Shape:
    """How many words a logical line has, and how many are capitalised: counted only when
    asked (most lines are settled before), and each piece once."""

    __slots__ = ("words", "capitalised", "pending")

    def __init__(self) -> None:
        self.words, self.capitalised = 0, 0
        self.pending: list[str] = []

    def title_case(self) -> bool:
        for piece in self.pending:
            split = piece.split()
            self.words += len(split)
            self.capitalised += sum(w[:1].isupper() for w in split)
        self.pending = []
        return self.capitalised >= 0.6 * self.words


def _continues(last: str, length: int, shape: _Shape, line: str) -> bool:
    """A hard-wrapped line: the logical line so far (its last piece ``last``, ``length``
    characters, its words' ``shape``) stops mid-sentence and this one goes on."""
    prev, stripped = last.rstrip(), line.strip()
    if not prev or not stripped or _LIST_MARK.match(line) or _SECTION.fullmatch(line):
        return False
    if _DATE_LINE.fullmatch(stripped):
        return False
    if stripped[0].islower() and (prev[-1].isalnum() or prev[-1] in ",;"):
        return True
    last_word = prev.rsplit(None, 1)[-1].lower()
    if last_word in _OPEN_ENDINGS:
        return True
    trimmed = length - (len(last) - len(prev))  # the line so far, without trailing blanks
    return trimmed >= 40 and prev[-1] not in '.!?:;"”)' and not shape.title_case()


def _split_line(line: str, body: int) -> list[tuple[int, int]]:
    spans, start = [], body
    for match in _END.finditer(line, body):
        if _is_abbreviation(line, match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(line)))
    result = []
    for a, b in spans:
        segment = line[a:b]
        stripped = segment.strip()
        if stripped and any(c.isalnum() for c in stripped):
            lead = len(segment) - len(segment.lstrip())
            result.append((a + lead, a + lead + len(stripped)))
    return result


def _is_abbreviation(line: str, dot: int) -> bool:
    if line[dot] != ".":
        return False
    before = re.search(r"[\w.]*$", line[max(0, dot - 20) : dot])
    word = before.group() if before else ""  # the word before
    if not word:
        return False
    if word.lower() in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))  # U.S. / e.g.
