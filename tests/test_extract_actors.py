"""Actors: names, demonyms, capitals for governments, leaders, organisations, groups."""

from __future__ import annotations

import pytest

from caspian_dash.extract.actors import actors_in, group_actors
from caspian_dash.extract.gazetteer import default_gazetteer


def _actors(sentence: str) -> list[str]:
    gazetteer = default_gazetteer()
    return actors_in(gazetteer.index.find(sentence), sentence)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Iran, Russia, Kazakhstan and Azerbaijan signed a pact.", ["IRN", "RUS", "KAZ", "AZE"]),
        ("The Islamic Republic of Iran and the Russian Federation agreed.", ["IRN", "RUS"]),
        ("Iranian and Russian navies held a drill.", ["IRN", "RUS"]),
        ("Kazakh and Azerbaijani officials met.", ["KAZ", "AZE"]),
        ("Azerbaijan, with Türkiye, can provide security.", ["AZE", "TUR"]),
        ("Moscow said the talks failed.", ["RUS"]),
        ("The ministers met in Moscow.", []),
        ("Tehran rejected the offer made in Baku.", ["IRN"]),
        ("Putin and Tokayev discussed transit.", ["RUS", "KAZ"]),
        ("The Kremlin welcomed the deal.", ["RUS"]),
        ("CSTO members and the EU observed.", ["CSTO", "EU"]),
        ("The Organization of Turkic States met.", ["OTS"]),
        ("Brussels announced new sanctions.", ["EU"]),
        ("The US and NATO reacted.", ["USA", "NATO"]),
        ("Let us see.", []),
        ("Persian Gulf shipping rose.", []),
    ],
)
def test_actors(sentence, expected):
    assert _actors(sentence) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the five littoral states", ["AZE", "IRN", "KAZ", "RUS", "TKM"]),
        ("the Caspian littoral states", ["AZE", "IRN", "KAZ", "RUS", "TKM"]),
        ("the Fifth Caspian Summit", ["AZE", "IRN", "KAZ", "RUS", "TKM"]),
        ("the four Caspian littoral states", []),
        ("all five Central Asian states", ["KAZ", "KGZ", "TJK", "TKM", "UZB"]),
        ("Central Asian states", []),
    ],
)
def test_collective_names(text, expected):
    assert group_actors(text) == expected


@pytest.mark.parametrize(
    "sentence, event_type, expected",
    [
        ("A fire broke out in the Flame Towers in Baku on 10 April 2015.", "other", ("AZE",)),
        ("Clashes erupted in Osh on 11 June 2010.", "military_action", ("KGZ",)),
        # a state named in the sentence is the actor; the host is not added beside it
        ("Turkish rescuers arrived in Ganja on 5 May 2012 after the flood.", "other", ("TUR",)),
    ],
)
def test_a_happening_that_names_no_state_concerns_the_state_it_happened_in(
    sentence, event_type, expected
):
    from caspian_dash.extract import extract_events
    from caspian_dash.models import Document

    (event,) = extract_events([Document("d", sentence, published="2020-01-01")])
    assert event.event_type == event_type
    assert event.actors == expected
