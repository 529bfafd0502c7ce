"""Time for the map: what the network looked like in a year, and events per year (pure)."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from caspian_dash.models import Event

NOT_YET = "not_yet"  # not yet proposed / opened at that date: not drawn


def pipeline_status_at(props: dict, year: int) -> str | None:
    """A pipeline's (or a corridor segment's) status at the end of ``year``, from its
    milestone years.

    The attributes say when a line was proposed, when construction began and when it started
    operating; the current ``status`` tells how a line that never started has ended
    (proposed, shelved or cancelled). With no milestone years at all, the current status is
    the only thing known and stands for every date.
    """
    status = props.get("status")
    start, built, proposed = (
        props.get(k) for k in ("start_year", "construction_year", "proposed_year")
    )
    if start is None and built is None and proposed is None:
        return status
    if start is not None and start <= year:
        return "operating"
    if built is not None and built <= year:
        return status if status in ("shelved", "cancelled") else "construction"
    if proposed is not None and proposed <= year:
        return status if status in ("proposed", "shelved", "cancelled") else "proposed"
    return NOT_YET


def events_per_year(events: list[Event]) -> pd.DataFrame:
    """Counts of events by (year, event_type), each event counted in its first year."""
    counts = Counter((e.year_start, e.event_type) for e in events)
    rows = [{"year": y, "event_type": t, "events": n} for (y, t), n in sorted(counts.items())]
    return pd.DataFrame(rows, columns=["year", "event_type", "events"])


def next_window(window: tuple[int, int], span: tuple[int, int]) -> tuple[int, int] | None:
    """The year window one step later, same width; None past the end (Play stops there)."""
    (lo, hi), (_, last) = window, span
    if hi >= last:
        return None
    return lo + 1, hi + 1


EARLY_SHARE = 0.05  # at most this share of the events may lie before the main span
EARLY_GAP = 10  # years between the earliest events and the rest before they are set apart


def main_start(years: list[int]) -> int | None:
    """The first year of the span most events lie in, when a thin early tail would squeeze
    the year control (one 1828 treaty among events of 1991-2025); None when there is none.

    >>> main_start([1828, 1991, 2005, 2010, 2018, 2018, 2022])
    1991
    >>> main_start([2015, 2016, 2018]) is None
    True
    """
    ordered = sorted(years)
    if len(ordered) < 2:
        return None
    i = max(1, int(len(ordered) * EARLY_SHARE))  # the tail holds at most this many events
    while i > 0 and ordered[i] - ordered[i - 1] < EARLY_GAP:
        i -= 1  # back to the gap that opens the main span
    return ordered[i] if i > 0 else None


def play_start(window: tuple[int, int], span: tuple[int, int]) -> tuple[int, int]:
    """Where Play begins: the window as it is, unless it cannot move (it is the whole span,
    or ends at the last year); then the first year, the window's width kept when it can be."""
    lo, hi = window
    if hi < span[1]:
        return window
    width = 0 if (lo, hi) == span else hi - lo
    return span[0], min(span[0] + width, span[1])
