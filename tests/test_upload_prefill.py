"""The upload form is pre-filled from what a file says of itself: a text file's headline and
the date of its date line; always as one line of plain text, never Markdown or HTML."""

from __future__ import annotations

import unicodedata

import pytest

from caspian_dash.ui.upload import TITLE_CHARS, form_prefill, one_line, text_prefill


@pytest.mark.parametrize(
    ("text", "title", "published"),
    [
        (
            "Talks in Baku\n\nJune 29, 2022, Ashgabat\n\nThe leaders met.\n",
            "Talks in Baku",
            "2022-06-29",
        ),
        (
            "Caspian states sign a security pact\n\nPublished 8 October 2025\n\nFour states...\n",
            "Caspian states sign a security pact",
            "2025-10-08",
        ),
        (
            "Headline of a wire story\nASTANA, Feb. 25, 2004 - Kazakhstan said on Wednesday...\n",
            "Headline of a wire story",
            "2004-02-25",
        ),
        # the date line above the headline
        ("June 29, 2022\nTalks in Baku\n\nThe leaders met.\n", "Talks in Baku", "2022-06-29"),
        (
            " date 2024-04-15 + 16 px\n\nThe drill began in the Caspian Sea on Monday.\n",
            "",
            "2024-04-15",
        ),
        # Markdown's and wiki text's heading marks are not part of the title
        (
            "# Ferry line opens\n\n3 March 2024, Aktau\n\nThe ferry...\n",
            "Ferry line opens",
            "2024-03-03",
        ),
        (
            "= Diplomacy of the Caspian states =\n\nThe five states...\n",
            "Diplomacy of the Caspian states",
            "",
        ),
        # a date in the headline is what it reports, not when it was published
        (
            "Summit of 12 August 2018 remembered\n\nSix years on, the Convention...\n",
            "Summit of 12 August 2018 remembered",
            "",
        ),
        # a first line longer than a headline is the body's first paragraph: no title
        ("The Caspian " + "region " * 40 + "changed.\n\nMore text.\n", "", ""),
        ("One line only, no headline above a body.\n", "", ""),
        (
            "Talks in Baku\r\n\r\nJune 29, 2022, Ashgabat\r\n\r\nThe leaders met.\r\n",
            "Talks in Baku",
            "2022-06-29",
        ),
    ],
)
def test_headline_and_date_line(text, title, published):
    assert text_prefill(text) == {"title": title, "published": published}


def test_from_the_bytes_of_a_txt_file():
    data = "Türkiye and Azerbaijan open a pipeline\n\n18 July 2022\n\nText.\n".encode("cp1252")
    prefill, notices = form_prefill("pipeline.txt", data)
    assert prefill == {"title": "Türkiye and Azerbaijan open a pipeline", "published": "2022-07-18"}
    assert notices and "Windows-1252" in notices[0]  # the decoding is still said


HOSTILE = (
    "\u202e<script>alert(1)</script> **bold** [x](javascript:alert(1)) :red[r] $x$ "
    "<img src=x onerror=alert(1)>\u200b\x07\u2066"
)


def test_a_hostile_headline_is_offered_as_plain_text_on_one_line():
    prefill, _ = form_prefill("h.txt", (HOSTILE + "\n\n3 March 2024\n\nBody.\n").encode())
    title = prefill["title"]
    # the characters as written (the input widget shows them as text, never renders them)...
    assert title == (
        "<script>alert(1)</script> **bold** [x](javascript:alert(1)) :red[r] $x$ "
        "<img src=x onerror=alert(1)>"
    )
    # ...less the invisible ones that could disguise it (direction overrides, joiners, bell)
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in title)
    assert prefill["published"] == "2024-03-03"


def test_long_titles_are_cut_to_a_sane_length():
    page = (
        "<html><head><title>" + "Caspian pact " * 500 + "</title></head>"
        "<body><p>Text.</p></body></html>"
    ).encode()
    title = form_prefill("p.html", page)[0]["title"]
    assert len(title) <= TITLE_CHARS and title.endswith("…") and title.startswith("Caspian pact")
    assert "\n" not in one_line("a\nb\u2028c\x85d") and one_line("x" * 500).endswith("…")
    assert len(one_line("x" * 500)) == TITLE_CHARS


def test_html_keeps_its_page_title_and_meta_date():
    page = (
        b'<html><head><title>Caspian pact</title><meta name="date" content="2025-10-08">'
        b"</head><body><p>Signed</p><p>Aktau, 3 May 2020</p><p>Text.</p></body></html>"
    )
    assert form_prefill("p.html", page)[0] == {"title": "Caspian pact", "published": "2025-10-08"}


def test_unreadable_or_out_of_range_files_prefill_nothing():
    assert form_prefill("e.txt", b"  \n")[0] == {}
    prefill, notices = form_prefill("far.txt", b"Headline\n\ndate 2099-01-01\n\nBody.\n")
    assert prefill == {"title": "Headline", "published": ""}
    assert any("out of range" in n for n in notices)
