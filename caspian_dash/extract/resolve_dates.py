"""Turn what a date expression says into an interval of days.

Absolute forms carry their own year; partial ones ("18 March", "in July") take the year
that puts them nearest the publication date (or after it, for the future); relative ones
count from the publication date or from the last date the text mentioned.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..daterange import in_text_range

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


@dataclass(frozen=True)
class Moment:
    """A known point in time, as precise as it is known (a publication date, an anchor)."""

    first: date
    precision: str  # day | month | year

    @property
    def last(self) -> date:
        return _interval_end(self.first, self.precision)


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
        moment = Moment(
            date(int(y), int(m or 1), int(d or 1)), "day" if d else "month" if m else "year"
        )
    except ValueError:
        return None
    # a date outside the extractor's years (9999-12-31) counts as none: nothing is dated by it
    return moment if in_text_range(moment.first, moment.last) else None


def resolve(kind, g, published, anchor, year_hint, tense):
    """Interval for a date match of pattern ``kind`` with regex groups ``g``.

    Returns (first, last, precision, kind, inferred) or None when it cannot be resolved
    (a weekday without a publication day, an impossible date) or falls outside the years
    the extractor keeps (``daterange``).
    """
    try:
        found = _resolve(kind, g, published, anchor, year_hint, tense)
    except (ValueError, KeyError, OverflowError):  # overflow: "in 99999999 days", date.max
        return None
    return found if found is not None and in_text_range(found[0], found[1]) else None


def _resolve(kind, g, published, anchor, year_hint, tense):
    if kind in ("iso", "dotted"):
        day = date(int(g["y"]), int(g["m"]), int(g["d"]))
        return day, day, "day", "absolute", False
    if kind == "slashed":
        a, b = int(g["a"]), int(g["b"])
        if (a > 12) == (b > 12):
            return None  # 03/04/2018: 3 April or 4 March, the text does not say
        day = date(int(g["y"]), min(a, b), max(a, b))
        return day, day, "day", "absolute", False
    if kind in ("dmy", "mdy", "dmy_range", "mdy_range"):
        y, m = _year(g["y"]), _month(g["mon"])
        first = date(y, m, _day(g["d"]))
        last = date(y, m, _day(g["d2"])) if g.get("d2") else first
        return (first, last, "day", "absolute", False) if last >= first else None
    if kind == "my":
        first = date(_year(g["y"]), _month(g["mon"]), 1)
        return first, _interval_end(first, "month"), "month", "absolute", False
    if kind == "year_range":
        y1, y2 = int(g.get("y") or g["y_"]), int(g["y2"])
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
    if kind == "d_this_month":
        if published is None or published.precision not in ("day", "month"):
            return None  # "this month" of an undated text is no month at all
        shift = {"this": 0, "next": 1, "last": -1}[g["rel"].lower()]
        month = published.first.year * 12 + published.first.month - 1 + shift
        day = date(month // 12, month % 12 + 1, _day(g["d"]))
        return day, day, "day", "partial", False
    if kind in ("md", "dm", "md_range", "dm_range", "month"):
        return _partial(kind, g, published, anchor, year_hint, tense)
    return _relative(kind, g, published, anchor, tense == "future")


TWO_DIGIT_PIVOT = 30  # "’29" is 2029, "’30" is 1930: a fixed rule, never the day it runs


def _year(text: str) -> int:
    """ "1991" -> 1991; "’91" -> 1991; "’08" -> 2008."""
    digits = text.lstrip("'’")
    if len(digits) == 4:
        return int(digits)
    return int(digits) + (1900 if int(digits) >= TWO_DIGIT_PIVOT else 2000)


UPCOMING_DAYS = 45  # a day this soon after publication, told in the present, is upcoming
ANCHOR_DAYS = 60  # farther than this from the story's last date, a month joins its year


def _partial(kind, g, published, anchor, year_hint, tense):
    month = _month(g["mon"])
    future = tense == "future"
    if published is not None:
        year = _year_for_month(month, published, future)
        day = _day(g["d"]) if kind != "month" else 1
        ahead = (date(year, month, day) - published.first).days
        # "was lifted on January 19", published on 3 January: last year's; but "the summit
        # takes place on August 11-12", published on 9 August: this year's
        soon = ahead <= UPCOMING_DAYS and tense != "past"
        if not future and published.precision == "day" and ahead > 0 and not soon:
            year -= 1
        year = _story_year(month, year, published, anchor)
        inferred = False
    elif anchor is not None:
        # no publication date: the text's own last date, nearest first ("signed on March 19,
        # 2019 ... approved on April 11"); the year comes from the text, so say so
        year = _nearest_year(month, anchor)
        inferred = True
    elif year_hint is not None:
        year, inferred = year_hint, True
    else:
        return None
    if kind == "month":
        first = date(year, month, 1)
        return first, _interval_end(first, "month"), "month", "partial", inferred
    first = date(year, month, _day(g["d"]))
    last = date(year, month, _day(g["d2"])) if g.get("d2") else first
    return (first, last, "day", "partial", inferred) if last >= first else None


def _story_year(month: int, year: int, published: Moment, anchor: Moment | None) -> int:
    """A story told long after it happened ("In January 2022 riots erupted ... on January 19
    the emergency was lifted", published in 2024): a month far from the publication date
    belongs to the year being told when that is much nearer."""
    if anchor is None or anchor.precision == "year" or anchor.first.year == year:
        return year
    if abs((anchor.first - published.first).days) <= ANCHOR_DAYS:
        return year  # the text is about the days around its publication
    if (
        published.precision == "day"
        and abs((date(year, month, 15) - published.first).days) <= ANCHOR_DAYS
    ):
        return year  # "on April 16", a day before publication: the news itself (a month of
        # publication alone, such as an encyclopedia's dump, is too coarse to say so)
    near = abs((date(year, month, 15) - anchor.first).days)
    told = abs((date(anchor.first.year, month, 15) - anchor.first).days)
    return anchor.first.year if near > ANCHOR_DAYS and told < near else year


def _nearest_year(month: int, anchor: Moment) -> int:
    if anchor.precision == "year":
        return anchor.first.year  # "in 2019 ... In July": that year's July
    ref = anchor.first
    return min((ref.year - 1, ref.year, ref.year + 1),
               key=lambda y: abs((date(y, month, 15) - ref).days))  # fmt: skip


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
    if kind in ("ago", "the_unit", "unit_rel"):
        return _anaphoric(kind, g, published, anchor)
    if kind == "next_days":
        return _next_days(g, anchor or published, anchor is not None)
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
    if kind == "years_since":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
        try:
            day = ref.replace(year=ref.year - n)
        except ValueError:  # 29 February
            day = ref.replace(year=ref.year - n, day=28)
        return day, day, "day", "deictic", False
    if kind == "day_word":
        # "earlier in the day": the day itself
        delta = {"yesterday": -1, "tomorrow": 1}.get(g["word"].lower(), 0)
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


def _next_days(g, base, from_anchor: bool):
    """The days after ``base`` ("the following three days": base + 1 to base + 3)."""
    if (
        base is None
        or base.precision != "day"
        or g["n"].lower() not in _NUMBERS
        and not g["n"].isdigit()
    ):
        return None
    n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
    days = n * (7 if g["unit"].lower().startswith("week") else 1)
    first = base.first + timedelta(days=1)
    return (
        first,
        base.first + timedelta(days=days),
        "day",
        "anaphoric" if from_anchor else "deictic",
        False,
    )


# "the following year", "the year before": a step from the date last told
_STEPS = {"following": 1, "next": 1, "after": 1, "later": 1,
          "previous": -1, "preceding": -1, "prior": -1, "before": -1, "earlier": -1}  # fmt: skip


def _anaphoric(kind, g, published, anchor):
    base = anchor or published
    if base is None:
        return None
    unit = g["unit"].lower().rstrip("s")
    unit = "day" if unit in ("morning", "evening", "night") else unit  # "the next morning"
    if kind in ("the_unit", "unit_rel"):
        step = _STEPS.get(g["rel"].lower(), 0)
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
    if unit == "week":  # "the following week": Monday to Sunday of it
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6), "day", kind, False
    day = ref + timedelta(days=step)
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
    digits = re.match(r"\d+", text)
    if digits is None:
        raise ValueError(f"no day in {text!r}")  # resolve() turns this into "no date"
    return int(digits.group())
