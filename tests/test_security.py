"""Hostile text is shown as text everywhere: one table of hostile strings, run through every
pure function that puts document or manifest text in front of a reader (map popups and
tooltips, the document view, the table, the CSV and the standalone HTML export, the notices
written as Markdown)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import string
from html.parser import HTMLParser

import pytest

from caspian_dash.formatting import escape
from caspian_dash.mapping import event_popup_html, full_map
from caspian_dash.mapping.events import event_markers
from caspian_dash.models import Document, Source
from caspian_dash.ui.upload import plain
from caspian_dash.view import make_view
from caspian_dash.view.exports import events_csv, standalone_html
from caspian_dash.view.filters import Filters
from caspian_dash.view.provenance import document_html, highlight_html, safe_url
from caspian_dash.view.table import events_table
from tests.conftest import make_event

LONG_LINE = "A" * 200_000  # one line, no break
csv.field_size_limit(1_000_000)  # Python's reader stops at 131,072 characters a cell by default
HOSTILE = {
    "script": "<script>window.__pwned = 1; alert(1)</script>",
    "img_onerror": '<img src=x onerror="window.__pwned = 2; alert(2)">',
    "svg_onload": "</textarea></style><svg/onload=alert(3)>",
    "attr_breakout": '"><a href="javascript:alert(4)">x</a><!--',
    "javascript_url": "javascript:alert(5)",
    "js_template": "`${alert(6)}` \\u0060 \\",
    "markdown_link": "[click me](javascript:alert(7)) ![i](x) **bold** :red[red] $x^2$",
    "formula": '=HYPERLINK("http://evil.example","x")',
    "rtl_override": "\u202eexe.txt\u202c Baku \u2067 isolate \u2069 \u200f\u200e",
    "zero_width": "Ak\u200bta\u200cu\u200d \u2060\ufeff",
    "long_line": LONG_LINE,
    "control": "nul-free \x07 bell \x1b[31m ansi \r\n crlf",
}
CASES = list(HOSTILE.items())
IDS = list(HOSTILE)


class _Markup(HTMLParser):
    """Collects the tags, attributes and text of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def markup(fragment: str) -> _Markup:
    parser = _Markup()
    parser.feed(fragment)
    parser.close()
    return parser


def hostile_event(text: str, doc_id: str = "doc"):
    return make_event(
        title=text,
        place=text,
        actors=("KAZ", text),
        flags=(text[:50],),
        sources=(Source(doc_id, text, 0, len(text)),),
    )


# --- the escaping itself --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_escape_leaves_no_markup_and_no_js_template_syntax(name, text):
    out = escape(text)
    assert not set("<>\"'`$\\") & set(out)
    assert html.unescape(out) == text  # shown exactly as written, nothing lost


# --- map popups and tooltips ------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_popup_is_our_markup_around_the_hostile_text(name, text):
    popup = event_popup_html(hostile_event(text), {"doc": text})
    parsed = markup(popup)
    assert set(parsed.tags) <= {"div", "span", "small", "blockquote", "br"}
    assert {a for a, _ in parsed.attrs} <= {"class", "style"}
    assert all("javascript" not in (v or "") for _, v in parsed.attrs)
    assert text in "".join(parsed.text)  # the title, as text
    assert "`" not in popup and "${" not in popup  # cannot close folium's JS template string


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_tooltip_label_is_text_only(name, text):
    (marker,) = event_markers([hostile_event(text)], {"doc": text})
    label = marker["label"]
    parsed = markup(label)
    assert parsed.tags == [] and "".join(parsed.text).startswith(text)
    assert "`" not in label and "$" not in label


# --- the document view ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_document_view_shows_the_text_with_only_our_highlight(name, text):
    body = f"Intro line.\n{text}\nLast line."
    start = body.index(text)
    event = make_event(sources=(Source("d", text, start, start + len(text)),))
    out = document_html(Document("d", body, title=text, url=text), event)
    parsed = markup(out)
    assert parsed.tags == ["div", "mark"]
    assert {a for a, _ in parsed.attrs} == {"style", "id"}
    assert "".join(parsed.text) == body
    assert markup(highlight_html(text, [(0, len(text))])).tags == ["mark"]


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("  javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("\x00javascript:alert(1)", None),
        ("vbscript:msgbox(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("file:///etc/passwd", None),
        ("//evil.example/x", None),
        ("https:javascript:alert(1)", None),
        ("http:/evil.example", None),
        ("<script>alert(1)</script>", None),
        ("", None),
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("http://example.org", "http://example.org"),
        ("  https://example.org  ", "https://example.org"),
    ],
)
def test_only_web_addresses_become_links(url, link):
    assert safe_url(url) == link


# --- table, CSV and the standalone map ------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_table_cells_are_the_text_itself(name, text):
    # st.dataframe draws cell values as text: the table must hand it the text unchanged
    # (no HTML entities a reader would see, nothing a column config could make a link).
    row = events_table([hostile_event(text)], {"doc": text}).iloc[0]
    assert row["title"] == text and row["place"] == text and row["document"] == text
    assert row["sentence"] == text


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_csv_keeps_the_text_and_neutralises_formulas(name, text):
    rows = list(csv.reader(io.StringIO(events_csv([hostile_event(text)]))))
    header, row = rows[0], rows[1]
    cells = dict(zip(header, row))
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    expected = "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
    assert cells["title"] == expected and cells["sentences"] == expected


@pytest.mark.parametrize(
    "formula", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=cmd|" /C calc"!A0']
)
def test_csv_formula_cells_start_with_a_quote(formula):
    (row,) = list(csv.DictReader(io.StringIO(events_csv([hostile_event(formula)]))))
    assert row["title"] == "'" + formula and row["place"] == "'" + formula


def _unicode_escapes(js: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), js)


@pytest.mark.parametrize(
    ("name", "text"),
    [c for c in CASES if c[0] != "long_line"],
    ids=[i for i in IDS if i != "long_line"],
)
def test_standalone_map_carries_hostile_text_only_escaped(name, text):
    events = [hostile_event(text)]
    view = make_view({}, events, [Document("doc", text, title=text)], Filters())
    page = standalone_html(full_map({}, view).get_root().render(), title=text)
    head_title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
    assert "<" not in head_title and html.unescape(head_title) == text  # text in <title>
    rest = page.replace(f"<title>{head_title}</title>", "")
    # elsewhere the hostile text appears only escaped, in the popup and tooltip data
    # (the map's data is JSON in a script, with \u003c for "<": read those back first)
    rest = _unicode_escapes(rest)
    if any(c in text for c in "<>\"'`$\\"):
        assert text not in rest and _unicode_escapes(json.dumps(text)[1:-1]) not in rest
    assert escape(text) in rest or _unicode_escapes(json.dumps(escape(text))[1:-1]) in rest


def test_standalone_map_with_a_200000_character_line():
    event = hostile_event(LONG_LINE)
    view = make_view({}, [event], [Document("doc", LONG_LINE)], Filters())
    page = standalone_html(full_map({}, view).get_root().render(), title="t")
    assert LONG_LINE in page  # kept whole, as text


# --- text written through Streamlit's Markdown elements (notices, captions) -----------------

_UNESCAPE_MD = re.compile(r"\\([" + re.escape(string.punctuation) + "])")


@pytest.mark.parametrize(("name", "text"), CASES, ids=IDS)
def test_plain_escapes_every_markdown_character(name, text):
    out = plain(text)
    # a Markdown reader shows the text itself (plus invisible word joiners, see below)
    assert _UNESCAPE_MD.sub(r"\1", out).replace("\u2060", "") == text.replace("\u2060", "")
    # every punctuation mark is escaped: no link, image, emphasis, HTML, directive or LaTeX
    assert not re.search(r"(?<!\\)[\[\]()<>*_`:$!~|#]", out.replace("\\\\", ""))


@pytest.mark.parametrize(
    "text",
    [
        "https://evil.example/x",
        "see HTTP://evil.example.",
        "www.evil.example",
        "WWW.evil.example",
        "mail me@evil.example",
        "mailto:me@evil.example",
        "xmpp:me@evil.example/r",
    ],
)
def test_plain_breaks_bare_addresses(text):
    # GitHub-flavoured Markdown makes bare addresses links *after* reading escapes
    out = plain(text).replace("\\", "")
    assert "://" not in out and not re.search(r"(?i)www\.", out)
    assert not re.search(r"@\w", out)


def test_plain_on_a_typical_notice():
    assert plain("sources.csv line 3: [x](javascript:alert(1))") == (
        "sources\\.csv line 3\\: \\[x\\]\\(javascript\\:alert\\(1\\)\\)"
    )


# --- the server settings ----------------------------------------------------------------------


def test_server_settings_fit_a_shared_machine():
    import tomllib
    from pathlib import Path

    from caspian_dash.settings import MAX_DOCUMENT_MB

    config = tomllib.loads(
        (Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text(
            encoding="utf-8"
        )
    )
    server = config["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True  # protection on: no wildcard origins
    assert server["maxUploadSize"] == MAX_DOCUMENT_MB
    assert config["browser"]["gatherUsageStats"] is False
