"""Time for the map: what the network looked like in a year, and events per year (pure)."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from caspian_dash.models import Event

NOT_YET = "not_yet"  # not yet proposed / opened at that date: not drawn


def pipeline_status_at(props: dict, year: int) -> str:
    """A pipeline's status at the end of ``year``, from its milestone years.

    The attributes say when a line was proposed, when construction began and when it started
    operating; the current ``status`` tells how a line that never started has ended
    (proposed, shelved or cancelled). With no milestone years at all, the current status is
    the only thing known and stands for every date.
    """
    status = props.get("status")
    start, built, proposed = (props.get(k) for k in ("start_year", "construction_year", "proposed_year"))
    if start is None and built is None and proposed is None:
        return status
    if start is not None and start <= year:
        return "operating"
    if built is not None and built <= year:
        return status if status in ("shelved", "cancelled") else "construction"
    if proposed is not None and proposed <= year:
        return status if status in ("proposed", "shelved", "cancelled") else "proposed"
    return NOT_YET


def segment_open_at(props: dict, year: int) -> bool:
    """A corridor segment is open unless it opened after ``year`` (null: open before)."""
    start = props.get("start_year")
    return start is None or start <= year


def events_per_year(events: list[Event]) -> pd.DataFrame:
    """Counts of events by (year, event_type), each event counted in its first year."""
    counts = Counter((e.year_start, e.event_type) for e in events)
    rows = [{"year": y, "event_type": t, "events": n} for (y, t), n in sorted(counts.items())]
    return pd.DataFrame(rows, columns=["year", "event_type", "events"])


def next_window(window: tuple[int, int], span: tuple[int, int]) -> tuple[int, int]:
    """The year window one step later, same width; past the end it starts over (for "play")."""
    (lo, hi), (first, last) = window, span
    if hi >= last:
        return first, first + (hi - lo)
    return lo + 1, hi + 1
