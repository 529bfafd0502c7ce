"""Find dates in a sentence and turn them into intervals.

Absolute forms ("18 November 2010", "April 23-30, 2024", "2018", "the 1990s") stand on
their own. Deictic ones ("in July", "on Wednesday", "last year") resolve against the
publication date; anaphoric ones ("a month earlier", "the following year") against the
last date the text mentioned. A date after "since"/"until"/"to" is not when something
happened, so it is kept with a role that the event builder ignores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .lexicon import load_lexicon
from .resolve_dates import Moment, parse_published, resolve

__all__ = ["DateMention", "Moment", "as_moment", "find_dates", "is_future", "parse_published"]

_M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_MFULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_Y = r"(?:1[7-9]\d\d|20\d\d)"
# "December ’91", "the 25th of December of ’91": a year in two digits after an apostrophe
_YY = rf"(?:{_Y}\b|['’]\d\d\b)"
# An older year is read only right after "in" ("founded in 1645"): bare, 1000-1699 is
# more often a count ("1500 horsemen") than a year
_OLD_Y = r"(?:(?<=\bin )|(?<=\bIn ))1[0-6]\d\d"
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|–|—|to|and|until)\s*"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)"
_UNIT = r"(?:day|week|month|year)s?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERNS = [  # (kind of match, regex); the first that matches at a position wins
    ("iso", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    # 12.08.2018: dotted numeric dates are day-first where they are used (Europe, Russia,
    # Central Asia); slashed ones are read only when a number over 12 says which is the day
    # ("23/11/2018", "11/23/2018"), and are left alone otherwise
    ("dotted", rf"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_Y})\b"),
    ("slashed", rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{_Y})\b"),
    ("dmy_range", rf"\b(?P<d>{_D}){_DASH}(?P<d2>{_D})\s+(?P<mon>{_M}),?\s+(?P<y>{_Y})\b"),
    ("mdy_range", rf"\b(?P<mon>{_M})\s+(?P<d>{_D}){_DASH}(?P<d2>{_D}),?\s+(?P<y>{_Y})\b"),
    ("dmy", rf"\b(?P<d>{_D})\.?\s+(?:of\s+)?(?P<mon>{_M}),?\s+(?:of\s+)?(?P<y>{_YY})"),
    ("mdy", rf"\b(?P<mon>{_M})\s+(?P<d>{_D}),?\s+(?P<y>{_Y})\b"),
    ("my", rf"\b(?:(?P<part>early|mid|late)[\s-])?(?P<mon>{_M}),?\s+(?:of\s+)?(?P<y>{_YY})"),
    # "on the 18th of this month", "the 3rd of next month"
    ("d_this_month", rf"(?i:\bthe\s+(?P<d>{_D})\s+of\s+(?P<rel>this|next|last)\s+month\b)"),
    ("md_range", rf"\b(?P<mon>{_M})\s+(?P<d>{_D}){_DASH}(?P<d2>{_D})\b(?![:.,]?\d)"),
    ("dm_range", rf"\b(?P<d>{_D}){_DASH}(?P<d2>{_D})\s+(?P<mon>{_M})\b"),
    ("md", rf"\b(?P<mon>{_M})\s+(?P<d>{_D})\b(?![:.,]?\d|\s*(?:percent|%|km|people|troops))"),
    # ... but not "Noble Partner 20 September 7, 2020": the month begins a date of its own
    ("dm", rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<mon>{_M})\b(?!\s+{_D},?\s+{_Y}\b)"),
    # "1996-2018", "from 1996 to 2018", "between 1921 and 1940"; but "the 1921 and 1940
    # treaties" are two years, each its own happening
    (
        "year_range",
        rf"\b(?:(?:from|between)\s+(?P<y>{_Y}){_DASH}|(?P<y_>{_Y})\s*(?:-|–|—|\s(?:to|until)\s)\s*)"
        rf"(?P<y2>{_Y}|\d\d)\b(?!-)",
    ),
    ("decade", r"\b(?:the\s+)?(?P<y>(?:1[7-9]|20)\d0)s\b"),
    (
        "year",
        # "about 2000 citizens": a quantity word before it makes a count, not a year
        rf"(?<!about )(?<!around )(?<!nearly )(?<!almost )(?<!some )(?<!over )(?<!than )"
        rf"(?<![\$€£\d.,/-])\b(?:(?P<part>early|mid|late)[\s-])?(?P<y>{_Y}|{_OLD_Y})\b(?![.,]?\d|-\d|[\s-]*(?:%|percent|km|kilomet|miles|mile|metre|meter|troops|tonnes|tons|barrels|people|soldiers|units|px|MW|bcm|cubic|strong|page))",
    ),
    ("month", rf"\b(?:the\s+month\s+of\s+)?(?P<mon>{_MFULL})\b"),
    ("weekday", rf"\b(?:(?P<rel>last|next|this|this\s+coming|past)\s+)?(?P<wd>{_WEEKDAY})\b"),
    # "Today marks a year since the attack": the attack's day, a year before the report's
    (
        "years_since",
        rf"(?i:\b(?:today\s+)?(?:marks|marked|is)\s+(?P<n>{_NUM})\s+(?P<unit>years?)\s+since\b)",
    ),
    (
        "day_word",
        r"(?i:\b(?P<word>today|yesterday|tomorrow|tonight|(?:earlier|later)\s+in\s+the\s+day)\b)",
    ),
    (
        "this_unit",
        r"(?i:\b(?P<rel>last|next|this|past|coming|previous|(?:earlier|later)\s+(?:this|in\s+the))\s+(?P<unit>week|month|year)\b)",
    ),
    (
        "ago",
        rf"(?i:\b(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+(?P<dir>ago|earlier|later|afterwards)\b)",
    ),
    # "over the following three days": the days right after the last date told
    (
        "next_days",
        rf"(?i:\bthe\s+(?:following|next)\s+(?P<n>{_NUM})\s+(?P<unit>days|weeks))",
    ),
    (
        "the_unit",
        r"(?i:\bthe\s+(?P<rel>following|next|previous|preceding|same|prior)\s+"
        r"(?P<unit>day|week|month|year|morning|evening|night)\b)",
    ),
    # "an agreement signed the year before", "the day after"
    (
        "unit_rel",
        r"(?i:\bthe\s+(?P<unit>day|week|month|year)\s+(?P<rel>before|after|earlier|later)\b)",
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
_ANCHOR = re.compile(
    r"\d|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|"
    r"yesterday|tomorrow|now|currently|present|nowadays|moment|days?\b|"
    r"weeks?\b|months?\b|years?\b|morning\b|evening\b|night\b))"
)
# Words before a date that make it a boundary rather than the time of the happening.
_SINCE = frozenset(load_lexicon("words")["date_since"])
# ... unless it follows a state that began then: "operational since 2020", "closed since 1993",
# "in force since 2016": the date is when the state began, a happening.
_BEGAN_STATE = re.compile(
    r"(?i)\b(?:operational|in operation|in service|in force|independent|closed|suspended|"
    r"frozen|a member)\s+(?:ever\s+)?$"
)
# "by the end of 21 May", "until the middle of 2030": a deadline, not a happening
_DEADLINE = re.compile(
    r"(?i)\b(?:by|until|till|before)\s+the\s+(?:end|middle|start|beginning)\s+of\s*$"
)
_TARGET = frozenset(load_lexicon("words")["date_targets"])
_THE_YEAR = re.compile(r"(?i)\s+the\s+year\s*$")
_OLD_NAME = re.compile(r"(?i)\b(?:known as|called|named)\b")
# A bare month needs a preposition-like word before it ("in July"), so "May" the verb and
# "March" the noun stay words.
_MONTH_CUES = frozenset(load_lexicon("words")["month_cues"])
_PAST = re.compile(r"(?i)\b(?:was|were|had|did|has\s+been|have\s+been)\b")
FUTURE_WINDOW = 60  # characters before a date in which "will"/"is set to" make it future
_FUTURE = re.compile(
    r"(?i)\b(?:will|shall|is\s+set\s+to|are\s+set\s+to|is\s+scheduled|are\s+"
    r"scheduled|is\s+expected\s+to|are\s+expected\s+to|plans?\s+to|is\s+due\s+to|"
    r"forthcoming|upcoming|next|wants?\s+to|intends?\s+to|hopes?\s+to|seeks?\s+to|"
    r"is\s+(?:highly\s+)?likely\s+to|are\s+likely\s+to|would\s+like\s+to)\b"
)


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
    role: str = "event"  # event | since | target | life
    inferred: bool = False  # year taken from elsewhere in the text (no publication date)


def is_future(sentence: str, at: int | None = None) -> bool:
    """True when the sentence (or, given ``at``, the words around that offset) speaks of
    something still to come ("is set to take place in July", "by 21 May ... will be")."""
    if at is None:
        return bool(_FUTURE.search(sentence))
    return bool(_FUTURE.search(sentence, max(0, at - FUTURE_WINDOW), at + FUTURE_WINDOW))


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
    local = anchor  # "on 27 November ... over the following three days": the sentence's own date
    past = bool(_PAST.search(sentence))  # once per sentence: these scan all of it
    future_anywhere = is_future(sentence)
    for match in _scan(sentence):
        # "future" near the date, or in a sentence that does not also say was/had
        near = is_future(sentence, match.start())
        tense = "future" if near or (future_anywhere and not past) else "past" if past else ""
        index = int(match.lastgroup[1:])
        kind = _PATTERNS[index][0]
        parts = _GROUPS[index].match(sentence, match.start())
        assert parts is not None  # the scanner matched this very pattern here
        groups = parts.groupdict()
        if kind in ("month", "md", "dm") and not _has_cue(sentence, match.start(), kind):
            continue
        mention = resolve(kind, groups, published, local, year_hint, tense)
        if mention is None:
            continue
        first, last, precision, mkind, inferred = mention
        role = _role(sentence, match.start(), match.end())
        if role == "event" and mkind in ("absolute", "partial") and precision == "day":
            local = Moment(first, "day")
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
    return _join_coordinated(_named_days(found), sentence, offset)


def _named_days(found: list[DateMention]) -> list[DateMention]:
    """ "on Tuesday, 27 November": the weekday names the date right after it."""
    return [
        m for m, following in zip(found, [*found[1:], None])
        if not (m.text[:3].lower() in _WEEKDAY_KEYS and following is not None
                and 0 <= following.start - m.end <= 2 and following.precision == "day")
    ]  # fmt: skip


_WEEKDAY_KEYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
_COORDINATION = re.compile(r"\s*(?:and|or|,|-|–|to|through)\s*")


def _join_coordinated(found: list[DateMention], sentence: str, offset: int) -> list[DateMention]:
    """ "on Saturday and Sunday", "on 3 and 4 May": adjacent days read as one interval."""
    joined: list[DateMention] = []
    for mention in found:
        previous = joined[-1] if joined else None
        if previous is not None and previous.role != "event" and mention.start - previous.end <= 1:
            mention = replace(mention, role=previous.role)  # "by 21 May this year"
        if (
            previous is not None
            and previous.precision == mention.precision == "day"
            and previous.role == mention.role == "event"
            and 0 <= (mention.first - previous.last).days <= 3
            and _COORDINATION.fullmatch(sentence[previous.end - offset : mention.start - offset])
        ):
            joined[-1] = replace(
                previous,
                end=mention.end,
                text=sentence[previous.start - offset : mention.end - offset],
                last=mention.last,
            )
            continue
        joined.append(mention)
    return joined


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


# "closed since 1993, when Turkey closed the border": the clause after it happened then
_WHEN_CLAUSE = re.compile(r",?\s+when\b")


_PART_OF = re.compile(
    r"(?i)\bthe\s+(?:beginning|start|end|middle|first\s+half|second\s+half)\s+of\s+$"
)
# "(born 10 April 1991, called up in April 2009)": a life's dates, not the story's
_BORN = re.compile(r"(?i)\((?:[^()]*[;,]\s*)?born\b[^()]*$")


def _role(sentence: str, start: int, end: int | None = None) -> str:
    if _BORN.search(sentence, max(0, start - 80), start):
        return "life"
    if end is not None and _WHEN_CLAUSE.match(sentence, end):
        return "event"
    # "since the beginning of 2011": the word before the part of the year
    part = _PART_OF.search(sentence, max(0, start - 40), start)
    cut = part.start() if part else start
    before = sentence[max(0, cut - 12) : cut].split()
    word = before[-1].lower().strip("(,") if before else ""
    if word == "since" and _BEGAN_STATE.search(sentence, max(0, start - 40), start - 6):
        return "event"
    if word in _SINCE:
        return "since"
    if word == "until" and _OLD_NAME.search(
        sentence, max(0, start - 40), min(len(sentence), start + 40)
    ):
        return "event"  # "formerly called Esterabad until 1937": the year it was renamed
    if is_target(sentence, start):
        return "target"
    return "event"


def is_target(text: str, start: int) -> bool:
    """Whether the date at ``start`` is a deadline or target ("by 2030", "until the end of
    2025"), not the time of a happening."""
    before = _THE_YEAR.sub("", text[max(0, start - 24) : start]).split()
    word = before[-1].lower().strip("(,") if before else ""  # "up to the Year 2010": "to"
    return word in _TARGET or bool(_DEADLINE.search(text, max(0, start - 40), start))


def as_moment(mention: DateMention) -> Moment:
    """The start of a mention, as an anchor for later anaphoric dates."""
    return Moment(mention.first, mention.precision)
