"""Event types from the trigger table."""

from __future__ import annotations

import pytest

from caspian_dash.extract import extract_events
from caspian_dash.extract.event_types import (
    best_type,
    discount_reported,
    find_triggers,
    score_types,
)
from caspian_dash.extract.tokens import tokenize
from caspian_dash.models import EVENT_TYPES, Document


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The fifth Caspian summit was held in Aktau.", "summit"),
        ("The naval commanders signed a cooperation agreement.", "agreement"),
        ("Parliament ratified the convention.", "agreement"),
        ("The drill will take place in the Caspian Sea.", "military_exercise"),
        ("The navies conducted a joint search-and-rescue exercise.", "military_exercise"),
        ("Four ships launched 26 cruise missiles at targets.", "military_action"),
        ("Russia invaded Ukraine.", "military_action"),
        ("The foreign ministers held talks.", "diplomatic_meeting"),
        ("The delegation visited Baku.", "diplomatic_meeting"),
        ("The pipeline was inaugurated at Ceyhan.", "infrastructure"),
        ("The fleet berthed at Anzali for a port call.", "diplomatic_meeting"),
        ("Cargo transport through the corridor rose.", "trade_transit"),
        ("The ministry warned of consequences.", "statement"),
        ("Protests began in several cities.", "other"),
        ("The weather was fine.", "other"),
        # reported speech: nouns after "said that" are what was said, past verbs still happen
        ("The minister confirmed that Tehran opposes the construction of pipelines.", "statement"),
        ("Shoigu told Putin that four ships had fired 26 cruise missiles.", "military_action"),
    ],
)
def test_trigger_table(sentence, expected):
    triggers = discount_reported(sentence, 0, find_triggers(tokenize(sentence)))
    assert best_type(score_types(triggers))[0] == expected


def test_every_listed_type_is_a_model_type():
    scores = score_types(
        find_triggers(tokenize("summit signed drill attack met pipeline cargo said"))
    )
    assert set(scores) <= set(EVENT_TYPES)


@pytest.mark.parametrize(
    "text",
    [
        "The weather was fine on 3 May 2020.",  # a date but no happening
        "He said so on 3 May 2020.",  # "said" alone is too weak
        "25 May 2015 marks the 10th anniversary of the pipeline's inauguration.",
        "Transport has grown since 2022 through the corridor.",
        "By the end of 21 May this year, the agreement with Russia will be finalized.",
    ],
)
def test_sentences_that_report_no_event(text):
    assert extract_events([Document("d", text, published="2024-01-01")]) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The treaty led to the Russo-Persian War (1826–1828).", "military_action"),
        ("Missiles were banned by the 1987 Intermediate-Range Nuclear Forces Treaty.", "agreement"),
    ],
)
def test_a_year_that_names_a_thing_makes_it_the_happening(sentence, expected):
    (event,) = extract_events([Document("d", sentence)])
    assert event.event_type == expected


def test_a_summit_that_signs_an_agreement_is_mapped_as_the_summit():
    text = (
        "- Baku, 2010 - The summit was held in Baku.\n  It achieved the signing of an agreement.\n"
    )
    (event,) = extract_events([Document("d", text)])
    assert event.event_type == "summit" and len(event.sources) == 2
