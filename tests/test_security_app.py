"""The real app (Streamlit's AppTest) on a folder of hostile documents and a hostile manifest,
and on hostile page-address parameters: everything is shown as text, nothing raises."""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_app import APP, map_js, run, shown

# Template syntax that branca would once run on the server (tests/test_template_injection.py);
# the last one creates the directory named by CD_TEMPLATE_CANARY if it is ever evaluated.
TEMPLATE_TEXT = (
    '{{ 7*7 }} {% if %} {# hidden #} {{ a "b }} '
    "{{ lipsum.__globals__.os.mkdir(lipsum.__globals__.os.environ.CD_TEMPLATE_CANARY) }}"
)
# The document: a real event sentence carrying script, an event handler, a JS template, a
# Markdown link with a javascript: address, right-to-left override and zero-width characters,
# then a 200,000-character line without a break, then a second event with a formula.
HOSTILE_TEXT = (
    "Baku, 12 March 2026 - Azerbaijan and Kazakhstan signed a transit agreement in Aktau "
    "<script>window.__pwned = 1; alert('s')</script> "
    "<img src=x onerror=\"window.__pwned = 2; alert('i')\"> `${alert(3)}` "
    "[link](javascript:alert(4)) \u202eexe.txt\u202c Ak\u200btau\u200d "
    + TEMPLATE_TEXT
    + ".\n\n"
    + "A" * 200_000
    + "\n\nRussia and Iran held a naval exercise near Astrakhan on 14 March 2026 "
    '=HYPERLINK("http://evil.example").\n'
)
HOSTILE_TITLE = (
    '<script>window.__pwned = 3</script><img src=x onerror="window.__pwned = 4">'
    "[title](javascript:alert(5)) Title {{ 6*7 }} \u202eevil\u202c"
)
HOSTILE_PUBLISHER = '<b onmouseover="window.__pwned = 6">Publisher</b> \u200b'
HOSTILE_URL = "javascript:alert(1)"
# A document whose *file name* is hostile: its id shows wherever a title is missing.
HOSTILE_NAME = "x<img src=x onerror=window.__pwned=7>"
# A manifest row naming no file: its warning quotes a Markdown link.
GHOST = "[pwn](https://evil.example/x).txt"


def write_hostile_folder(folder: Path) -> Path:
    """A documents folder holding the hostile documents and manifest (used by the browser
    test too)."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / f"{HOSTILE_NAME}.txt").write_text(
        "Turkmenistan and Kazakhstan held talks in Astana on 2 February 2026.\n", encoding="utf-8"
    )
    with open(folder / "sources.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "title", "publisher", "published", "url"])
        writer.writerow(
            ["hostile.txt", HOSTILE_TITLE, HOSTILE_PUBLISHER, "2026-03-15", HOSTILE_URL]
        )
        writer.writerow([GHOST, "ghost", "", "", "https://example.org"])
    return folder


@pytest.fixture
def hostile_app(tmp_path, monkeypatch) -> AppTest:
    from caspian_dash import settings

    folder = write_hostile_folder(tmp_path / "docs")
    monkeypatch.setattr(settings, "DOCS_DIR", folder)
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["view_tab"] = "Table"  # the table runs only in its open tab
    return run(at)


_MD_ESCAPE = re.compile(r"\\([" + re.escape(string.punctuation) + "])")


def unmarkdown(text: str) -> str:
    """What a Markdown reader shows for backslash-escaped text."""
    return _MD_ESCAPE.sub(r"\1", text).replace("\u2060", "")  # and plain()'s word joiners


def unescaped_markdown(text: str) -> list[str]:
    """Markdown syntax characters that are not backslash-escaped."""
    return re.findall(r"(?<!\\)[\[\]()<>*_`$]", text.replace("\\\\", ""))


def _decode_js(js: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), js)


def test_hostile_documents_and_manifest_reach_the_map_only_escaped(hostile_app):
    at = hostile_app
    assert shown(at) >= 3
    js = _decode_js(map_js(at))
    for raw in (
        "<script>window.__pwned",
        "<img src=x onerror",
        "${alert(3)}",
        "<b onmouseover",
        HOSTILE_TITLE,
        'href="javascript',
    ):
        assert raw not in js, raw
    assert "&lt;script&gt;window.__pwned = 3&lt;/script&gt;" in js  # the manifest title
    assert "&lt;script&gt;window.__pwned = 1;" in js  # the source sentence
    assert "x&lt;img src=x onerror=window.__pwned=7&gt;" in js  # a file name as title


def test_hostile_notices_are_markdown_escaped(hostile_app):
    warnings = [w.value for w in hostile_app.warning]
    ghost = [w for w in warnings if "names no" in w]
    assert len(ghost) == 1
    assert (
        unmarkdown(ghost[0]) == f"sources.csv: row for {GHOST!r} names no .txt file in the folder"
    )
    for warning in warnings:
        assert unescaped_markdown(warning) == [], warning
    caption = hostile_app.caption[0].value
    assert unescaped_markdown(caption) == []


def test_table_holds_the_hostile_text_as_data(hostile_app):
    table = hostile_app.dataframe[0].value
    hostile_rows = table[table["sentence"].str.contains("<script>", regex=False)]
    assert len(hostile_rows) == 1
    row = hostile_rows.iloc[0]
    assert row["document"] == HOSTILE_TITLE  # shown by the grid as text, unchanged
    assert "\u202eexe.txt\u202c" in row["sentence"]
    assert (table["document"] == HOSTILE_NAME).any()


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [a for a, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


def test_document_view_of_a_hostile_event(hostile_app):
    at = hostile_app
    table = at.dataframe[0].value
    event_id = table[table["sentence"].str.contains("<script>", regex=False)].iloc[0]["id"]
    run(at.selectbox(key="event").select(event_id))
    texts = [t.value for t in at.text]
    assert any(t.startswith(HOSTILE_TITLE) and HOSTILE_PUBLISHER in t for t in texts)
    # the javascript: address is never a link: no link button, the address shown as text
    assert at.get("link_button") == []
    assert f"Address (not a web link): {HOSTILE_URL}" in texts
    (body,) = [e.proto.body for e in at.main if type(e).__name__ == "Html"]
    parsed = _Tags()
    parsed.feed(body)
    assert set(parsed.tags) == {"div", "mark"} and set(parsed.attrs) <= {"style", "id"}
    assert "".join(parsed.text) == HOSTILE_TEXT  # the whole document, as text
    for markdown in at.markdown:  # the event's header line is our own Markdown
        assert "<script" not in markdown.value and "javascript:" not in markdown.value


@pytest.fixture(scope="module")
def all_events() -> int:
    """How many events the app shows with no parameters at all."""
    return shown(run(AppTest.from_file(APP, default_timeout=120)))


@pytest.mark.parametrize(
    "params, matches",
    [
        # a search no event text contains: nothing shown
        ({"q": "[x](https://evil.example) <script>alert(1)</script> **b** :red[r] $x$"}, "none"),
        # values that name no year, country, type or document are ignored: everything shown
        ({"from": "abc", "to": "99999999999999999999999", "country": "<script>"}, "all"),
        (
            {"from": "-5", "to": "1e9", "type": "javascript:alert(1)", "doc": "../../etc/passwd"},
            "all",
        ),
        ({"event": "<img src=x onerror=alert(1)>", "q": "\u202e\u200b" + "Q" * 5000}, "none"),
    ],
)
def test_hostile_page_address_is_harmless(params, matches, all_events):
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    run(at)
    assert all_events > 0
    assert shown(at) == {"none": 0, "all": all_events}[matches]
    for element in [*at.caption, *at.warning]:
        assert unescaped_markdown(element.value) == [], element.value
    if "q" in params:
        assert f"“{params['q'].strip()}”" in unmarkdown(at.caption[0].value)
