"""Find dates in a sentence and turn them into intervals.

Absolute forms ("18 November 2010", "April 23-30, 2024", "2018", "the 1990s") stand on
their own. Deictic ones ("in July", "on Wednesday", "last year") resolve against the
publication date; anaphoric ones ("a month earlier", "the following year") against the
last date the text mentioned. A date after "since"/"until"/"to" is not when something
happened, so it is kept with a role that the event builder ignores.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "few": 2,
}

_M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_MFULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_Y = r"(?:1[7-9]\d\d|20\d\d)"
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|–|—|to|and|until)\s*"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)"
_UNIT = r"(?:day|week|month|year)s?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS = [  # (kind of match, regex); the first that matches at a position wins
    ("iso", rf"\b(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("dmy_range", rf"\b(?P<d>{_D}){_DASH}(?P<d2>{_D})\s+(?P<mon>{_M}),?\s+(?P<y>{_Y})\b"),
    ("mdy_range", rf"\b(?P<mon>{_M})\s+(?P<d>{_D}){_DASH}(?P<d2>{_D}),?\s+(?P<y>{_Y})\b"),
    ("dmy", rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<mon>{_M}),?\s+(?P<y>{_Y})\b"),
    ("mdy", rf"\b(?P<mon>{_M})\s+(?P<d>{_D}),?\s+(?P<y>{_Y})\b"),
    ("my", rf"\b(?:(?P<part>early|mid|late)[\s-])?(?P<mon>{_M}),?\s+(?:of\s+)?(?P<y>{_Y})\b"),
    ("md_range", rf"\b(?P<mon>{_M})\s+(?P<d>{_D}){_DASH}(?P<d2>{_D})\b(?![:.,]?\d)"),
    ("dm_range", rf"\b(?P<d>{_D}){_DASH}(?P<d2>{_D})\s+(?P<mon>{_M})\b"),
    ("md", rf"\b(?P<mon>{_M})\s+(?P<d>{_D})\b(?![:.,]?\d|\s*(?:percent|%|km|people|troops))"),
    ("dm", rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<mon>{_M})\b"),
    ("year_range", rf"\b(?:from\s+|between\s+)?(?P<y>{_Y}){_DASH}(?P<y2>{_Y}|\d\d)\b(?!-)"),
    ("decade", rf"\b(?:the\s+)?(?P<y>(?:1[7-9]|20)\d0)s\b"),
    (
        "year",
        rf"(?<![\$€£\d.,/-])\b(?:(?P<part>early|mid|late)[\s-])?(?P<y>{_Y})\b(?![.,]?\d|-\d|\s*(?:%|percent|km|kilomet|miles|troops|tonnes|tons|barrels|people|soldiers|units|px|MW|bcm|cubic))",
    ),
    ("month", rf"\b(?:the\s+month\s+of\s+)?(?P<mon>{_MFULL})\b"),
    ("weekday", rf"\b(?:(?P<rel>last|next|this|this\s+coming|past)\s+)?(?P<wd>{_WEEKDAY})\b"),
    ("day_word", r"(?i:\b(?P<word>today|yesterday|tomorrow|tonight)\b)"),
    (
        "this_unit",
        rf"(?i:\b(?P<rel>last|next|this|past|coming|previous|earlier\s+this|later\s+this)\s+(?P<unit>week|month|year)\b)",
    ),
    (
        "ago",
        rf"(?i:\b(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+(?P<dir>ago|earlier|later|before|after|afterwards)\b)",
    ),
    (
        "the_unit",
        rf"(?i:\bthe\s+(?P<rel>following|next|previous|preceding|same|prior)\s+(?P<unit>day|week|month|year)\b)",
    ),
    ("now", r"(?i:\b(?P<word>now|currently|at\s+present|at\s+the\s+moment|nowadays)\b)"),
]
# One scanner finds where a date starts; each pattern's own regex then reads its parts.
_SCANNER = re.compile(
    "|".join(
        f"(?P<_{i}>{re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', rx)})"
        for i, (_, rx) in enumerate(_PATTERNS)
    )
)
_GROUPS = [re.compile(rx) for _, rx in _PATTERNS]
# Every date pattern contains one of these: digits, a month or weekday, a unit, "now"...
_ANCHOR = re.compile(r"\d|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|"
                     r"tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|"
                     r"yesterday|tomorrow|now|currently|present|nowadays|moment|days?\b|"
                     r"weeks?\b|months?\b|years?\b))")
# Words before a date that make it a boundary rather than the time of the happening.
_SINCE = {"since", "after"}
_TARGET = {"until", "till", "to", "by", "before", "through"}
# A bare month needs a preposition-like word before it ("in July"), so "May" the verb and
# "March" the noun stay words.
_MONTH_CUES = {
    "in",
    "on",
    "of",
    "since",
    "until",
    "by",
    "during",
    "from",
    "through",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "that",
    "and",
    "or",
    "till",
    "before",
    "after",
    "between",
    "to",
}
FUTURE_WINDOW = 60  # characters before a date in which "will"/"is set to" make it future
_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|is\s+set\s+to|are\s+set\s+to|is\s+scheduled|are\s+"
    r"scheduled|is\s+expected\s+to|are\s+expected\s+to|plans?\s+to|is\s+due\s+to|"
    r"forthcoming|upcoming|next)\b"
)


@dataclass(frozen=True)
class Moment:
    """A known point in time, as precise as it is known (a publication date, an anchor)."""

    first: date
    precision: str  # day | month | year

    @property
    def last(self) -> date:
        return _interval_end(self.first, self.precision)


@dataclass(frozen=True)
class DateMention:
    """A date found in text, resolved to the interval [first, last]."""

    start: int
    end: int
    text: str
    first: date
    last: date
    precision: str  # day | month | year
    kind: str  # absolute | partial | deictic | anaphoric | weak
    role: str = "event"  # event | since | target
    inferred: bool = False  # year taken from elsewhere in the text (no publication date)


def parse_published(value: str) -> Moment | None:
    """Read a manifest date: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

    >>> parse_published("2024-05")
    Moment(first=datetime.date(2024, 5, 1), precision='month')
    """
    match = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", value or "")
    if not match:
        return None
    y, m, d = match.groups()
    try:
        return Moment(
            date(int(y), int(m or 1), int(d or 1)), "day" if d else "month" if m else "year"
        )
    except ValueError:
        return None


def is_future(sentence: str, at: int | None = None) -> bool:
    """True when the sentence (or, given ``at``, the words just before that offset) speaks
    of something still to come ("is set to take place in July")."""
    if at is None:
        return bool(_FUTURE.search(sentence))
    return bool(_FUTURE.search(sentence, max(0, at - FUTURE_WINDOW), at))


def find_dates(
    sentence: str,
    offset: int = 0,
    published: Moment | None = None,
    anchor: Moment | None = None,
    year_hint: int | None = None,
) -> list[DateMention]:
    """Return the dates in ``sentence``, resolved; offsets are shifted by ``offset``.

    Parameters
    ----------
    published : the document's publication date, for "in July", "last year", "on Wednesday"
    anchor : the last date the text mentioned, for "a month earlier", "the following year"
    year_hint : a year inferred from the text, used (and flagged) when nothing else helps

    >>> [(d.text, str(d.first), str(d.last)) for d in find_dates("On November 18, 2010, they met")]
    [('November 18, 2010', '2010-11-18', '2010-11-18')]
    >>> pub = parse_published("2025-10-08")
    >>> [(d.text, str(d.first)) for d in find_dates("They signed it on Wednesday.", 0, pub)]
    [('Wednesday', '2025-10-08')]
    """
    found = []
    for match in _scan(sentence):
        future = is_future(sentence, match.start())
        index = int(match.lastgroup[1:])
        kind = _PATTERNS[index][0]
        groups = _GROUPS[index].match(sentence, match.start()).groupdict()
        if kind in ("month", "md", "dm") and not _has_cue(sentence, match.start(), kind):
            continue
        mention = _resolve(kind, groups, published, anchor, year_hint, future)
        if mention is None:
            continue
        first, last, precision, mkind, inferred = mention
        role = _role(sentence, match.start())
        found.append(
            DateMention(
                match.start() + offset,
                match.end() + offset,
                match.group(),
                first,
                last,
                precision,
                mkind,
                role,
                inferred,
            )
        )
    return found


def _scan(sentence: str):
    """Date matches, looked for only around words that can be part of a date (the full
    scanner is slow on long sentences without any)."""
    for lo, hi in _windows(sentence):
        yield from _SCANNER.finditer(sentence, lo, hi)


def _windows(sentence: str) -> list[tuple[int, int]]:
    windows: list[list[int]] = []
    for anchor in _ANCHOR.finditer(sentence):
        lo = sentence.rfind(" ", 0, max(0, anchor.start() - 45)) + 1
        hi = sentence.find(" ", min(len(sentence), anchor.end() + 35))
        hi = len(sentence) if hi < 0 else hi
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return [(lo, hi) for lo, hi in windows]


def _has_cue(sentence: str, start: int, kind: str) -> bool:
    before = sentence[max(0, start - 20) : start].split()
    if kind in ("md", "dm"):
        return True  # a day number makes a month name a date
    return bool(before) and before[-1].lower().strip("(,-") in _MONTH_CUES


def _role(sentence: str, start: int) -> str:
    before = sentence[max(0, start - 12) : start].split()
    word = before[-1].lower().strip("(,") if before else ""
    if word in _SINCE:
        return "since"
    if word in _TARGET:
        return "target"
    return "event"


def _resolve(kind, g, published, anchor, year_hint, future):
    """Return (first, last, precision, kind, inferred) or None."""
    try:
        if kind == "iso":
            day = date(int(g["y"]), int(g["m"]), int(g["d"]))
            return day, day, "day", "absolute", False
        if kind in ("dmy", "mdy", "dmy_range", "mdy_range"):
            y, m = int(g["y"]), _month(g["mon"])
            first = date(y, m, _day(g["d"]))
            last = date(y, m, _day(g["d2"])) if g.get("d2") else first
            return (first, last, "day", "absolute", False) if last >= first else None
        if kind == "my":
            first = date(int(g["y"]), _month(g["mon"]), 1)
            return first, _interval_end(first, "month"), "month", "absolute", False
        if kind == "year_range":
            y1, y2 = int(g["y"]), int(g["y2"])
            if y2 < 100:
                y2 += y1 // 100 * 100
            if not y1 < y2 <= y1 + 50:
                return None
            return date(y1, 1, 1), date(y2, 12, 31), "year", "absolute", False
        if kind == "decade":
            y = int(g["y"])
            return date(y, 1, 1), date(y + 9, 12, 31), "year", "absolute", False
        if kind == "year":
            y = int(g["y"])
            return date(y, 1, 1), date(y, 12, 31), "year", "absolute", False
        if kind in ("md", "dm", "md_range", "dm_range", "month"):
            return _partial(kind, g, published, anchor, year_hint, future)
        return _relative(kind, g, published, anchor, future)
    except (ValueError, KeyError):
        return None


def _partial(kind, g, published, anchor, year_hint, future):
    month = _month(g["mon"])
    # without a publication date the year comes from the text around it: say so
    base, inferred = (published, False) if published else (anchor, True)
    if base is None:
        if year_hint is None:
            return None
        base, inferred = Moment(date(year_hint, 12, 31), "year"), True
    year = _year_for_month(month, base, future)
    if kind == "month":
        first = date(year, month, 1)
        return first, _interval_end(first, "month"), "month", "partial", inferred
    first = date(year, month, _day(g["d"]))
    last = date(year, month, _day(g["d2"])) if g.get("d2") else first
    return (first, last, "day", "partial", inferred) if last >= first else None


def _year_for_month(month: int, base: Moment, future: bool) -> int:
    """Year of a month named without one: the last such month up to the base date, or
    the next one from it when the sentence speaks of the future."""
    if base.precision == "year":
        return base.first.year
    ref = base.first
    if future:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _relative(kind, g, published, anchor, future):
    if kind in ("ago", "the_unit"):
        return _anaphoric(kind, g, published, anchor)
    if published is None:
        return None
    ref = published.first
    if kind == "now":
        return published.first, published.last, published.precision, "weak", False
    if kind == "this_unit":
        rel, unit = g["rel"].lower().split()[-1], g["unit"].lower()
        step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        return _shift_unit(published, unit, step, "deictic")
    if published.precision != "day":
        return None  # "yesterday", "on Wednesday" need a day to count from
    if kind == "day_word":
        delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["word"].lower()]
        day = ref + timedelta(days=delta)
        return day, day, "day", "deictic", False
    if kind == "weekday":
        rel = (g.get("rel") or "").lower()
        back = (ref.weekday() - _WEEKDAYS[g["wd"].lower()]) % 7
        if rel == "next" or (future and rel != "last") or rel == "this coming":
            day = ref + timedelta(days=(7 - back) % 7 or 7)
        else:
            day = ref - timedelta(days=back + (7 if rel == "last" and back == 0 else 0))
        return day, day, "day", "deictic", False
    return None


def _anaphoric(kind, g, published, anchor):
    base = anchor or published
    if base is None:
        return None
    unit = g["unit"].lower().rstrip("s")
    if kind == "the_unit":
        step = {"following": 1, "next": 1, "previous": -1, "preceding": -1, "prior": -1}.get(
            g["rel"].lower(), 0
        )
    else:
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
        step = -n if g["dir"].lower() in ("ago", "earlier", "before") else n
        if g["dir"].lower() == "ago":
            base = published or anchor
    kind_name = "anaphoric" if anchor is not None and base is anchor else "deictic"
    return _shift_unit(base, unit, step, kind_name)


def _shift_unit(base: Moment, unit: str, step: int, kind: str):
    ref = base.first
    if unit == "year":
        first = date(ref.year + step, 1, 1)
        return first, _interval_end(first, "year"), "year", kind, False
    if unit == "month":
        if base.precision == "year":
            return None
        total = ref.year * 12 + ref.month - 1 + step
        first = date(total // 12, total % 12 + 1, 1)
        return first, _interval_end(first, "month"), "month", kind, False
    if base.precision != "day":
        return None
    days = 7 if unit == "week" else 1
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6), "day", kind, False
    day = ref + timedelta(days=step * days)
    return day, day, "day", kind, False


def _interval_end(first: date, precision: str) -> date:
    if precision == "year":
        return date(first.year, 12, 31)
    if precision == "month":
        return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def as_moment(mention: DateMention) -> Moment:
    """The start of a mention, as an anchor for later anaphoric dates."""
    return Moment(mention.first, mention.precision)


def with_role(mention: DateMention, role: str) -> DateMention:
    return replace(mention, role=role)
