"""Sentence splitting: exact offsets, abbreviations, glued and wrapped lines, layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_dash.documents.ingest import read_documents
from caspian_dash.extract import extract_events
from caspian_dash.extract.sentences import find_dateline, split_sentences

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "They met in St. Petersburg. Talks ended.",
            ["They met in St. Petersburg.", "Talks ended."],
        ),
        (
            "Not invited, at least not yet.The drill starts.",
            ["Not invited, at least not yet.", "The drill starts."],
        ),
        ("A former U.S. diplomat spoke. He left.", ["A former U.S. diplomat spoke.", "He left."]),
        ("“We are ready.” He said so.", ["“We are ready.”", "He said so."]),
        ("Gen. Smith arrived. J. Doe left.", ["Gen. Smith arrived.", "J. Doe left."]),
        ("Line one\n\nLine two.", ["Line one", "Line two."]),
        ("- Baku, 2010 - The group met. It signed.\n", ["The group met.", "It signed."]),
        (
            "1. Baku–Tbilisi–Ceyhan pipeline\n2. South Caucasus Pipeline",
            ["Baku–Tbilisi–Ceyhan pipeline", "South Caucasus Pipeline"],
        ),
        (
            "Work started on\nSunday near the city of\nMary.",
            ["Work started on\nSunday near the city of\nMary."],
        ),
        ("== Summits ==\nText here.", ["Text here."]),
    ],
)
def test_split(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_sections_and_item_headings_are_recorded():
    text = "== Summits ==\n- Baku, 2010 - The group met.\n  - Weather\n- Astrakhan, 2014 - Held.\n"
    sentences = split_sentences(text)
    assert [(s.section, s.heading.label, s.heading.year) for s in sentences] == [
        ("Summits", "Baku", 2010),
        ("Summits", "Baku", 2010),
        ("Summits", "Astrakhan", 2014),
    ]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Headline\nST. PETERSBURG (Dispatches) – The commanders signed.", "ST. PETERSBURG"),
        ("MOSCOW, Oct 8 (Reuters) - Russia said", "MOSCOW"),
        ("BAKU, Azerbaijan, December 12. Cargo grew.", "BAKU"),
        ("MARY, Turkmenistan Dec 13 Turkmenistan on Sunday", "MARY"),
        ("Brussels 06.01.2022 Anna van Densky The Council decided", "Brussels"),
        ("Iran, Russia, Kazakhstan, Azerbaijan Sign Caspian Security Pact", None),
        ("The summit was held in Baku.", None),
    ],
)
def test_datelines(text, place):
    found = find_dateline(text)
    assert (found[0] if found else None) == place


def test_every_source_of_every_event_points_at_its_sentence():
    for folder in (ROOT / "seeds", *sorted((ROOT / "tests" / "data" / "corpus").glob("batch*"))):
        documents, _ = read_documents(folder)
        texts = {d.doc_id: d.text for d in documents}
        for event in extract_events(documents):
            for source in event.sources:
                assert texts[source.doc_id][source.char_start : source.char_end] == source.sentence


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab AB.!?\n-–“”,:=0123456789St")), max_size=120))
def test_offsets_are_exact_on_any_text(text):
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


_WORDS = [
    "Baku", "the", "Caspian", "Sea", "signed", "summit", "in", "on", "July", "2018", "18",
    "November", "Wednesday", "a", "month", "earlier", "-", "–", ",", ".", "\n", "\r\n", "\n\n",
    "Moscow", "said", "drill", "Aktau,", "2010", "==", "Summits", "(Reuters)", "ST.", "U.S.",
    "“quoted”", "Türkiye", "last", "year", "$2018", "12.08.2018", "Mary", "ships", "Nur-Sultan",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60), st.sampled_from(["", "2024-05-01", "2020"]))
def test_extraction_never_fails_and_offsets_hold(words, published):
    from caspian_dash.models import Document

    text = " ".join(words)
    for event in extract_events([Document("d", text, published=published)]):
        assert event.date_start <= event.date_end
        for source in event.sources:
            assert text[source.char_start : source.char_end] == source.sentence
