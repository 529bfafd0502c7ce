"""Text for people: dates at their precision, and document text made safe to show (pure)."""

from __future__ import annotations

import html

from caspian_dash.models import Event

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def escape(text: object) -> str:
    """Text from documents, safe inside folium's HTML *and* its JavaScript template strings.

    folium pastes tooltip and popup HTML into JS backtick strings, so beyond HTML escaping,
    backticks, ``$`` (``${...}``) and backslashes must not survive as themselves.
    """
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def format_date(event: Event) -> str:
    """The event's date written at its precision: "8 Oct 2025", "Jul 2024", "2018"."""
    year, month, day = event.date_start.split("-")
    if event.time_precision == "year":
        text = year
        if event.date_end[:4] != year:
            text += f"–{event.date_end[:4]}"
        return text
    if event.time_precision == "month":
        return f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
