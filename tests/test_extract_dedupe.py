"""One event per happening: repeats within a document, reports across documents."""

from __future__ import annotations

import pytest

from caspian_dash.extract import extract_events
from caspian_dash.models import Document

DRILL = "In July, the Iranian and Russian navies conducted a joint exercise in the Caspian Sea."


def test_a_repeated_sentence_gives_one_event_with_both_sources():
    doc = Document("d", f"{DRILL}\nSomething else entirely.\n{DRILL}", published="2025-10-08")
    (event,) = extract_events([doc])
    assert [s.char_start for s in event.sources] == [0, len(DRILL) + 26]


def test_the_same_happening_in_two_documents_becomes_one_event():
    a = Document("a", "The Convention was signed at the Fifth Caspian Summit in 2018.")
    b = Document(
        "b", "- Aktau, 2018 - The meeting in 2018 in Aktau, Kazakhstan reached an agreement."
    )
    events = extract_events([a, b])
    # the signing is one event reported by both; the summit it was signed at is another
    assert sorted(e.event_type for e in events) == ["agreement", "summit"]
    (signing,) = [e for e in events if e.event_type == "agreement"]
    assert {s.doc_id for s in signing.sources} == {"a", "b"} and signing.place == "Aktau"


@pytest.mark.parametrize(
    "first, second",
    [
        # different days
        ("Ministers met in Aktau on 10-11 August 2018.", "Leaders met in Aktau on 12 August 2018."),
        # different kinds of happening
        (
            "Navies held a drill in the Caspian Sea in July 2025.",
            "Ministers signed a treaty in Baku in July 2025.",
        ),
        # different years
        ("A summit was held in Tehran in 2007.", "A summit was held in Tehran in 2022."),
        # same kind and year, far apart
        ("Leaders met in Baku in 2019.", "Leaders met in Astana in 2019."),
    ],
)
def test_different_happenings_stay_apart(first, second):
    events = extract_events([Document("a", first), Document("b", second)])
    assert len(events) == 2


def test_a_headline_joins_the_event_it_sums_up():
    doc = Document(
        "d",
        "Navies launch cruise missiles at targets\n\nOn October 7, four warships launched "
        "26 cruise missiles from the Caspian Sea.",
        published="2015-10-23",
    )
    (event,) = extract_events([doc])
    assert event.date_start == "2015-10-07" and len(event.sources) == 2


def test_headline_and_lead_of_one_report_are_one_event():
    doc = Document(
        "d",
        "Kazakh, Azerbaijani Presidents hold extended talks\n\nNUR-SULTAN. KAZINFORM – The "
        "presidents held extended talks.\n\nAs part of the official visit to Baku, 10 "
        "documents were signed.",
        published="2022-08-24",
    )
    talks, signing = sorted(
        extract_events([doc]), key=lambda e: e.event_type != "diplomatic_meeting"
    )
    assert (talks.date_start, talks.place, len(talks.sources)) == ("2022-08-24", "Baku", 3)
    # the visit's sentence also reports a signing: a second happening, same day and place
    assert (signing.event_type, signing.date_start, signing.place) == (
        "agreement", "2022-08-24", "Baku")  # fmt: skip


def test_undated_background_near_the_top_is_not_an_event_of_the_day():
    doc = Document(
        "d",
        "The First Caspian Economic Forum has started in Avaza today.\n\nThe initiative to "
        "hold it was put forward at the V Summit of the Caspian States in Aktau.",
        published="2019-08-12",
    )
    (event,) = extract_events([doc])  # the forum, today; not the summit of years before
    assert (event.event_type, event.place, len(event.sources)) == ("diplomatic_meeting", "Avaza", 1)


def test_a_headline_does_not_join_an_old_event():
    doc = Document(
        "d",
        "Commissioner visits Baku for pipeline talks\n\nIn September 2011, the ministers "
        "held talks on the pipeline in Brussels.",
        published="2012-09-03",
    )
    events = extract_events([doc])
    assert [e.date_start for e in events] == ["2011-09-01", "2012-09-03"]


def test_one_signing_filed_from_two_cities_is_one_event():
    a = Document("a", "MOSCOW, May 17 (RHC) Russia and Iran signed an agreement on Wednesday.",
                 published="2023-05-17")  # fmt: skip
    b = Document("b", "TEHRAN, May 17. /TASS/. Russian and Iranian ministers signed an agreement "
                 "on Wednesday.", published="2023-05-17")  # fmt: skip
    (event,) = extract_events([a, b])
    assert {s.doc_id for s in event.sources} == {"a", "b"}


def test_merge_does_not_depend_on_document_order():
    a = Document("a", "The Convention was signed at the Fifth Caspian Summit in 2018.")
    b = Document("b", "The Caspian summit was held in 2018 in Aktau.")
    one = extract_events([a, b])
    two = extract_events([b, a])
    assert [e.id for e in one] == [e.id for e in two]


@pytest.mark.parametrize(
    "day, dates",
    [
        # the report's own recent signing: the headline sums it up
        ("10 March 2023", ["2023-03-10"]),
        # a signing two months before publication is not what the headline reports
        ("10 January 2023", ["2023-01-10", "2023-03-14"]),
    ],
)
def test_a_headline_joins_only_the_reports_recent_event(day, dates):
    text = (
        f"Azerbaijan and Russia sign agreement\n\nAzerbaijan and Russia signed an agreement "
        f"on {day}."
    )
    events = extract_events([Document("d", text, published="2023-03-14")])
    assert [e.date_start for e in events] == dates
