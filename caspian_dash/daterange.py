"""The years a date may fall in, in one place (pure).

Two bounds, for two kinds of date:

- a document's publication date, typed in the manifest, ``add --published`` or the upload
  form: from 1800 (older than any news this map is for) to the current year plus ten (a
  later one is a typo); refused with a message saying so;
- a date read by the extractor (in the text, or a publication date it is handed): from 1000
  (the region's recorded history: a fort founded in 1645, a battle in 1071) to
  a *fixed* 2100. Not today's year: extraction results are cached by content and must not
  change with the calendar. Both bounds keep every date sum far from ``date.min`` and
  ``date.max``, so no date arithmetic can overflow.
"""

from __future__ import annotations

import re
from datetime import date

FIRST_PUBLISHED_YEAR = 1800
FUTURE_YEARS = 10  # a publication date may be this many years ahead (announced issues)
TEXT_FIRST = date(1000, 1, 1)
TEXT_LAST = date(2100, 12, 31)


def last_published_year(today: date | None = None) -> int:
    return (today or date.today()).year + FUTURE_YEARS


def published_problem(value: str, today: date | None = None) -> str | None:
    """Why a publication date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) is out of range, or
    None when it is in range. Its format is the caller's check: a value that does not start
    with a four-digit year gets None here.

    >>> published_problem("2024-05-01", date(2025, 1, 1)) is None
    True
    >>> published_problem("9999-12-31", date(2025, 1, 1))
    "publication date '9999-12-31' is out of range: give a year from 1800 to 2035"
    """
    match = re.match(r"\s*(\d{4})", value)
    last = last_published_year(today)
    if not match or FIRST_PUBLISHED_YEAR <= int(match.group(1)) <= last:
        return None
    return (
        f"publication date {value!r} is out of range: give a year from "
        f"{FIRST_PUBLISHED_YEAR} to {last}"
    )


def in_text_range(first: date, last: date | None = None) -> bool:
    """Whether a date (or the interval ``first``..``last``) is one the extractor keeps."""
    return TEXT_FIRST <= first and (last or first) <= TEXT_LAST
