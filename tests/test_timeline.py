import pytest

from caspian_dash.view.timeline import (
    NOT_YET,
    events_per_year,
    main_start,
    next_window,
    pipeline_status_at,
    play_start,
)
from tests.conftest import make_event

BTC = {"status": "operating", "proposed_year": 1993, "construction_year": 2003, "start_year": 2006}
TCGP = {"status": "proposed", "proposed_year": 1996, "construction_year": None, "start_year": None}
SHELVED = {
    "status": "shelved",
    "proposed_year": 2002,
    "construction_year": 2008,
    "start_year": None,
}
NO_HISTORY = {
    "status": "cancelled",
    "proposed_year": None,
    "construction_year": None,
    "start_year": None,
}


@pytest.mark.parametrize(
    ("props", "year", "expected"),
    [
        (BTC, 1990, NOT_YET),
        (BTC, 1993, "proposed"),
        (BTC, 2004, "construction"),
        (BTC, 2006, "operating"),
        (BTC, 2025, "operating"),
        (TCGP, 1995, NOT_YET),
        (TCGP, 2024, "proposed"),
        (SHELVED, 2005, "shelved"),  # never built: its end state shows once it exists
        (SHELVED, 2010, "shelved"),
        (NO_HISTORY, 1900, "cancelled"),
    ],
)
def test_pipeline_status_at(props, year, expected):
    assert pipeline_status_at(props, year) == expected


def test_events_per_year_counts_each_event_in_its_first_year(events):
    table = events_per_year([*events, make_event(id="x")])
    rows = {(r.year, r.event_type): r.events for r in table.itertuples()}
    assert rows == {
        (2010, "agreement"): 1,
        (2018, "summit"): 2,
        (2024, "military_exercise"): 1,
        (2025, "statement"): 1,
    }
    assert list(events_per_year([]).columns) == ["year", "event_type", "events"]


@pytest.mark.parametrize(
    ("window", "span", "expected"),
    [
        ((2000, 2002), (2000, 2010), (2001, 2003)),
        ((2008, 2010), (2000, 2010), None),  # Play stops at the end
        ((2005, 2005), (2000, 2010), (2006, 2006)),
    ],
)
def test_next_window(window, span, expected):
    assert next_window(window, span) == expected


def test_a_thin_early_tail_is_set_apart_and_play_starts_after_it():
    years = [1828] + [1991 + i % 35 for i in range(60)]
    assert main_start(years) == 1991
    assert main_start(list(range(1990, 2026))) is None
    span = (1991, 2025)
    assert play_start(span, span) == (1991, 1991)
    assert play_start((2003, 2005), span) == (2003, 2005)
    assert play_start((2020, 2025), span) == (1991, 1996)  # width kept
