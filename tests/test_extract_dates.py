"""Dates: absolute forms, relative ones against the publication date, roles, headings."""

from __future__ import annotations

from datetime import date

import pytest

from caspian_dash.extract import extract_events
from caspian_dash.extract.dates import Moment, find_dates, parse_published
from caspian_dash.models import Document


def _one(sentence, published="", anchor=None, year_hint=None):
    found = [
        d
        for d in find_dates(sentence, 0, parse_published(published), anchor, year_hint)
        if d.role == "event"
    ]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "sentence, first, last, precision",
    [
        ("On 18 November 2010 they met.", "2010-11-18", "2010-11-18", "day"),
        ("On November 18, 2010, the group met in Baku.", "2010-11-18", "2010-11-18", "day"),
        ("It was held in April 2003.", "2003-04-01", "2003-04-30", "month"),
        ("The meeting in 2018 in Aktau.", "2018-01-01", "2018-12-31", "year"),
        ("Signed 2010-11-18 in Baku.", "2010-11-18", "2010-11-18", "day"),
        ("The visit ran April 23-30, 2024.", "2024-04-23", "2024-04-30", "day"),
        ("The visit ran 23–30 April 2024.", "2024-04-23", "2024-04-30", "day"),
        ("Talks were held on 10th-11th August 2018.", "2018-08-10", "2018-08-11", "day"),
        ("Ties grew in the 1990s.", "1990-01-01", "1999-12-31", "year"),
        ("16:32 - 12.08.2018", "2018-08-12", "2018-08-12", "day"),  # dotted: day first
        ("Trade rose from 2014 to 2017.", "2014-01-01", "2017-12-31", "year"),
        ("The talks of 5 Sept. 2021 ended.", "2021-09-05", "2021-09-05", "day"),
        ("Work began in early 2019.", "2019-01-01", "2019-12-31", "year"),
    ],
)
def test_absolute_dates(sentence, first, last, precision):
    found = _one(sentence)
    assert (str(found.first), str(found.last), found.precision, found.kind) == (
        first,
        last,
        precision,
        "absolute",
    )


@pytest.mark.parametrize(
    "sentence, published, first, last",
    [
        # a month without a year: the last such month up to publication ...
        ("In July, the navies held a drill.", "2025-10-08", "2025-07-01", "2025-07-31"),
        ("The leaders met in the month of March.", "2024-05", "2024-03-01", "2024-03-31"),
        ("In November, talks failed.", "2024-04-15", "2023-11-01", "2023-11-30"),
        # ... or the next one when the sentence speaks of the future
        (
            "The drill is set to take place in Kazakhstan in July.",
            "2024-04-15",
            "2024-07-01",
            "2024-07-31",
        ),
        ("During an April 23-30 visit to Azerbaijan", "2024-05", "2024-04-23", "2024-04-30"),
        ("They signed the pact on Wednesday.", "2025-10-08", "2025-10-08", "2025-10-08"),
        ("Irani spoke at a meeting on Tuesday.", "2025-10-08", "2025-10-07", "2025-10-07"),
        ("The ministers will meet on Friday.", "2025-10-08", "2025-10-10", "2025-10-10"),
        ("Trade fell last year.", "2025-10-08", "2024-01-01", "2024-12-31"),
        ("Talks resume next month.", "2025-10-08", "2025-11-01", "2025-11-30"),
        ("The port reopened yesterday.", "2025-10-08", "2025-10-07", "2025-10-07"),
        ("The deal was signed two days ago.", "2025-10-08", "2025-10-06", "2025-10-06"),
        ("Work started three weeks ago.", "2025-10-08", "2025-09-15", "2025-09-21"),  # that week
        ("Now the summit is over.", "2022-07", "2022-07-01", "2022-07-31"),
        # a day just after publication: upcoming when told in the present, past if "was"
        ("The summit takes place on August 11-12.", "2018-08-09", "2018-08-11", "2018-08-12"),
        ("The emergency was lifted on January 19.", "2024-01-03", "2023-01-19", "2023-01-19"),
        ("After visiting Baku on Saturday and Sunday", "2012-09-03", "2012-09-01", "2012-09-02"),
    ],
)
def test_relative_dates_resolve_against_publication(sentence, published, first, last):
    found = _one(sentence, published)
    assert (str(found.first), str(found.last)) == (first, last)


@pytest.mark.parametrize(
    "sentence, anchor, first, last",
    [
        (
            "We heard the same a month earlier in Tashkent.",
            Moment(date(2024, 4, 23), "day"),
            "2024-03-01",
            "2024-03-31",
        ),
        (
            "It was ratified the following year.",
            Moment(date(2017, 1, 1), "year"),
            "2018-01-01",
            "2018-12-31",
        ),
        (
            "Two days later the talks ended.",
            Moment(date(2010, 11, 18), "day"),
            "2010-11-20",
            "2010-11-20",
        ),
    ],
)
def test_anaphoric_dates_count_from_the_last_date_mentioned(sentence, anchor, first, last):
    found = _one(sentence, "2025-01-01", anchor)
    assert (str(found.first), str(found.last), found.kind) == (first, last, "anaphoric")


@pytest.mark.parametrize(
    "sentence",
    [
        "They paid $2018 million.",
        "Some 1800 troops took part.",
        "May we add one more point?",
        "Reserves of 48 billion barrels and 292 trillion cubic meters.",
        "date 16 px",
        "The agreement had 24 articles.",
        "March forward, the minister said.",
    ],
)
def test_numbers_and_words_that_are_not_dates(sentence):
    assert find_dates(sentence, 0, parse_published("2024-05-01")) == []


@pytest.mark.parametrize(
    "sentence, role",
    [
        ("Transport has grown since 2022.", "since"),
        ("The talks were adjourned to the following year.", "target"),
        ("The pipeline will be finished by 2030.", "target"),
        ("By the end of 2026 the line will open.", "target"),
        ("They met in 2019.", "event"),
    ],
)
def test_boundary_dates_are_not_event_dates(sentence, role):
    found = find_dates(sentence, 0, parse_published("2025-01-01"), Moment(date(2017, 1, 1), "year"))
    assert [d.role for d in found] == [role]


def test_a_month_in_a_story_of_the_past_takes_the_storys_year():
    anchor = Moment(date(2022, 1, 1), "month")  # "In January 2022, riots erupted ..."
    found = _one("The emergency was lifted on January 19.", "2024-01-03", anchor)
    assert str(found.first) == "2022-01-19"


def test_without_publication_the_year_is_inferred_and_flagged():
    found = _one("In July the ministers met.", "", None, 2019)
    assert (str(found.first), found.inferred) == ("2019-07-01", True)
    doc = Document("d", "A summit was held in Baku in 2019.\n\nIn July the ministers met in Aktau.")
    july = [e for e in extract_events([doc]) if e.date_start == "2019-07-01"]
    assert july and "date_inferred" in july[0].flags


def test_offsets_point_into_the_sentence():
    sentence = "Leaders met on 18 November 2010 in Baku."
    (found,) = find_dates(sentence, 100)
    assert sentence[found.start - 100 : found.end - 100] == "18 November 2010"


@pytest.mark.parametrize(
    "text, date_start, date_end, place, flags",
    [
        (
            "== Summits ==\n- Baku, 2010 - The leaders met in the city.\n",
            "2010-01-01",
            "2010-12-31",
            "Baku",
            ("place_inferred",),
        ),
        (
            "- Tehran, 2007 - The next summit was held in Tehran.\n",
            "2007-01-01",
            "2007-12-31",
            "Tehran",
            (),
        ),
        (
            "- Ashgabat, 2002 - The first summit was held in Ashgabat in April 2003.\n",
            "2003-04-01",
            "2003-04-30",
            "Ashgabat",
            ("date_conflict",),
        ),
    ],
)
def test_item_headings_give_context_to_the_lines_under_them(
    text, date_start, date_end, place, flags
):
    (event,) = extract_events([Document("d", text)])
    assert (event.date_start, event.date_end, event.place) == (date_start, date_end, place)
    assert set(flags) <= set(event.flags)


def test_a_lead_without_a_date_reports_the_publication_day():
    doc = Document(
        "d",
        "Iran and Russia sign naval pact\n\nThe two navies signed a pact in Baku.",
        published="2025-10-08",
    )
    (event,) = extract_events([doc])
    assert (event.date_start, event.place, event.event_type) == ("2025-10-08", "Baku", "agreement")
    assert "date_from_publication" in event.flags
