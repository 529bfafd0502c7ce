"""The layout of a document's top: its headline, its date line and its dateline place.

Reports open in a few set ways, and each tells where and when the text was written:

- a date line of its own, with or without a place: "June 29, 2022, Ashgabat",
  "May 8, 2016, The Kremlin, Moscow", "Wednesday, May 25, 2005", "18 July 2022",
  "Report Date : 25 Oct 2013", or a date line followed by a short place line
  ("19.01.2022" / "Strasbourg,", "Press point/Brussels");
- a wire dateline opening the first paragraph: "ASTANA –", "TAMPA, Fla. —",
  "MOSCOW, Oct 8 (Reuters) -", "Tehran, July 16:".

The lines above the body (the date line, a place line, bylines) are *header* lines: they
frame the report and report nothing themselves, so no event is read from them. The first
line is the headline: it is read, as it often states the day's news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import islice

from .dates import find_dates
from .sentences import dateline_match, logical_lines

HEADER_LINES = 8  # a date line or dateline stands among the first lines, or nowhere
DATE_LINE_CHARS = 90
PLACE_LINE_CHARS = 40
# What may stand beside a date on a date line besides a place: weekday names, labels.
_FRAME_WORDS = re.compile(
    r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|report|date|dated|"
    r"published|updated|posted|issued|released|last|modified|on|the|at|am|pm|gmt|utc|unique|"
    r"id|ref|reference|no)\b"
)
_TIME_LINE = re.compile(r"(?i)\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*\w{2,4})?")
_PUNCT = re.compile(r"[\s,.;:/|()\[\]\-–—·•]+")


@dataclass(frozen=True)
class Layout:
    """Where the body starts and what the header says."""

    place_text: str | None = None  # the dateline's place as written ("The Kremlin, Moscow")
    place_span: tuple[int, int] | None = None  # its offsets in the text
    header: tuple[tuple[int, int], ...] = ()  # spans of header lines: no events there
    date_line: tuple[int, int] | None = None  # the span of a date line, if any
    # a wire dateline under a date line ("Press Release | Nov. 18, 2010" / "BISHKEK,
    # Kyrgyzstan (Nov. 17, 2010) —"): its place, and the day it gives, if any
    wire_place: str | None = None
    wire_span: tuple[int, int] | None = None
    wire_day: date | None = None

    def in_header(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.header)


def read_layout(text: str) -> Layout:
    """The header of ``text``.

    >>> layout = read_layout("Talks in Baku\\n\\nJune 29, 2022, Ashgabat\\n\\nThe leaders met.")
    >>> layout.place_text, layout.in_header(15), layout.in_header(0), layout.in_header(40)
    ('Ashgabat', True, False, False)
    >>> read_layout("Headline\\nMOSCOW, Oct 8 (Reuters) - Russia said ...").place_text
    'MOSCOW'
    """
    lines = list(
        islice(((s, line) for s, line in logical_lines(text) if line.strip()), HEADER_LINES)
    )  # the top only: a document can be long
    for n, (start, line) in enumerate(lines):
        if n == 0 and len(lines) > 1:
            continue  # the headline
        rest = _date_line_rest(line)
        if rest is None:
            continue
        header = [(start, start + len(line))]
        place = _place_in(rest, line, start)
        following = n + 1
        if following < len(lines) and _TIME_LINE.fullmatch(lines[following][1].strip()):
            header.append((lines[following][0], lines[following][0] + len(lines[following][1])))
            following += 1  # "June 23, 2016" / "21:10" / "Tashkent"
        if place is None and following < len(lines):  # "19.01.2022" / "Strasbourg,"
            next_start, next_line = lines[following]
            if len(next_line.strip()) <= PLACE_LINE_CHARS and _looks_like_place(next_line):
                place = _place_in(next_line.split("/")[-1], next_line, next_start)
                header.append((next_start, next_start + len(next_line)))
        if place is None and n > 1:  # "Press point/Brussels" above the date line
            prev_start, prev_line = lines[n - 1]
            if len(prev_line.strip()) <= PLACE_LINE_CHARS and _looks_like_place(prev_line):
                place = _place_in(prev_line.split("/")[-1], prev_line, prev_start)
        wire = dateline_match(text)
        return Layout(
            place[0] if place else None,
            place[1] if place else None,
            tuple(header),
            (start, start + len(line)),
            *(_wire(wire) if wire and wire[1] > start else (None, None, None)),
        )
    found = dateline_match(text)
    if found is not None:
        return Layout(found[0], (found[1], found[1] + len(found[0])), (), None, *_wire(found))
    return Layout()


def _wire(found: tuple[str, int, str]) -> tuple:
    """Place, span and day of a wire dateline ("ASTANA, Feb. 25, 2004 -")."""
    place, offset, whole = found
    days = [d for d in find_dates(whole) if d.kind == "absolute" and d.precision == "day"]
    return place, (offset, offset + len(place)), days[0].first if days else None


def item_date(line: str) -> date | None:
    """The day a line that is only a date names ("Thursday, September 10, 2020 - 12:45pm"):
    in a page listing several dated items, each item's own date line.

    >>> item_date("Thursday, September 10, 2020 - 12:45pm"), item_date("Talks on 10 May 2020.")
    (datetime.date(2020, 9, 10), None)
    """
    if _date_line_rest(line) != "":
        return None
    days = [d for d in find_dates(line.strip()) if d.kind == "absolute" and d.precision == "day"]
    return days[0].first if len(days) == 1 else None


def _date_line_rest(line: str) -> str | None:
    """What a date line holds besides its date (a place, or ""); None if not a date line."""
    stripped = line.strip()
    if len(stripped) > DATE_LINE_CHARS:
        return None
    dates = [d for d in find_dates(stripped) if d.kind == "absolute" and d.precision == "day"]
    if not dates:
        return None
    rest = stripped
    for mention in sorted(dates, key=lambda d: -d.start):
        rest = rest[: mention.start] + " " + rest[mention.end :]
    rest = _FRAME_WORDS.sub(" ", rest)
    # times and reference numbers ("17:51", "181128_5") frame the line too
    words = [w for w in _PUNCT.split(rest) if w and not any(c.isdigit() for c in w)]
    if len(words) > 5 or any(not w[0].isupper() for w in words):
        return None  # a sentence that happens to hold a date, not a date line
    return " ".join(words)


def _looks_like_place(line: str) -> bool:
    """A short line of capitalised words, not a sentence ("Strasbourg,", "Press point/Baku"
    is read after its slash)."""
    text = line.strip().split("/")[-1].strip()
    words = [w for w in _PUNCT.split(text) if w]
    return 0 < len(words) <= 4 and all(w[0].isupper() for w in words) and not text.endswith(".")


def _place_in(rest: str, line: str, start: int) -> tuple[str, tuple[int, int]] | None:
    """The place words of a date line, as written, and their span in the text."""
    words = [w for w in _PUNCT.split(rest) if w and w[0].isupper()]
    if not words:
        return None
    first = line.find(words[0])
    last = line.rfind(words[-1])
    if first < 0 or last < first:
        return None
    end = last + len(words[-1])
    return line[first:end], (start + first, start + end)
