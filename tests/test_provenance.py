import pytest

from caspian_dash.models import Document, Source
from caspian_dash.view.provenance import document_html, highlight_html, safe_url
from tests.conftest import make_event


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kayhan.ir/en/news/144424", "https://kayhan.ir/en/news/144424"),
        ("http://example.org/a?b=1", "http://example.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("file:///etc/passwd", None),
        ("//evil.example/x", None),
        ("", None),
        ("https://", None),
    ],
)
def test_safe_url(url, expected):
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("abc def", [(4, 7)], 'abc <mark id="src-4">def</mark>'),
        ("<b>x</b> y", [(0, 8)], '<mark id="src-0">&lt;b&gt;x&lt;/b&gt;</mark> y'),
        ("a b c", [(0, 1), (4, 5)], '<mark id="src-0">a</mark> b <mark id="src-4">c</mark>'),
        ("abcdef", [(0, 3), (2, 5)], '<mark id="src-0">abcde</mark>f'),  # overlaps merge
        ("abc", [(2, 99), (5, 1)], 'ab<mark id="src-2">c</mark>'),  # clipped, empty dropped
        ("abc", [], "abc"),
    ],
)
def test_highlight_html(text, spans, expected):
    assert highlight_html(text, spans) == expected


def test_document_html_highlights_only_this_documents_sentences():
    text = "Intro. <script>alert(1)</script> The pact was signed. End."
    start = text.index("The pact")
    doc = Document("d1", text)
    event = make_event(
        sources=(
            Source("d1", "The pact was signed.", start, start + 20),
            Source("d2", "Other.", 0, 6),
        )
    )
    out = document_html(doc, event)
    assert f'<mark id="src-{start}">The pact was signed.</mark>' in out
    assert out.count("<mark") == 1
    assert "<script>" not in out and "&lt;script&gt;" in out
