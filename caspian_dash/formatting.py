"""Text for people: dates at their precision, and document text made safe to show (pure)."""

from __future__ import annotations

import html

from caspian_dash.models import Event

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


# Characters that HTML does not need escaped but later readers of the map's HTML do: folium
# pastes popups into JavaScript template strings (backtick, "${", backslash), and branca
# compiles every rendered script again as a Jinja template ("{{", "{%", "{#" would run on the
# server), so they are written as character references, which the browser shows unchanged.
_BEYOND_HTML = str.maketrans(
    {"\\": "&#92;", "`": "&#96;", "$": "&#36;", "{": "&#123;", "}": "&#125;", "%": "&#37;"}
)


def escape(text: object) -> str:
    """Text from documents, safe as HTML inside folium's JavaScript strings and templates.

    >>> escape("<b>{{ 7*7 }}</b> `${x}` 5%")
    '&lt;b&gt;&#123;&#123; 7*7 &#125;&#125;&lt;/b&gt; &#96;&#36;&#123;x&#125;&#96; 5&#37;'
    """
    return html.escape(str(text), quote=True).translate(_BEYOND_HTML)


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
