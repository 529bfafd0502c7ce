import pytest

from caspian_dash.view.filters import Filters, countries_in, event_countries, year_span
from tests.conftest import make_event


@pytest.mark.parametrize(
    ("filters", "expected_ids"),
    [
        (Filters(), ["ev1", "ev2", "ev3", "ev4"]),
        (Filters(2018, 2018), ["ev1"]),
        (Filters(2010, 2010), ["ev3"]),  # a year-precision event spans its year
        (Filters(2011, 2017), []),
        (Filters(2019, None), ["ev2", "ev4"]),
        (Filters(None, 2017), ["ev3"]),
        (Filters(countries=frozenset({"KAZ"})), ["ev1", "ev2"]),
        (Filters(countries=frozenset({"TKM"})), ["ev3"]),  # linked state counts as place
        (Filters(countries=frozenset({"AZE", "IRN"})), ["ev2", "ev3"]),
        (Filters(2020, 2030, frozenset({"KAZ"})), ["ev2"]),  # filters combine
        (Filters(countries=frozenset({"NATO"})), []),  # organisations are not countries
    ],
)
def test_filters_apply(events, filters, expected_ids):
    assert [e.id for e in filters.apply(events)] == expected_ids


def test_event_spanning_years_matches_any_overlapping_window():
    e = make_event(date_start="2014-06-01", date_end="2016-05-31", time_precision="month")
    assert Filters(2015, 2015).matches(e)
    assert Filters(2016, 2020).matches(e)
    assert not Filters(2017, 2020).matches(e)


def test_year_span_and_countries(events):
    assert year_span(events) == (2010, 2025)
    assert year_span([]) is None
    assert countries_in(events) == ["AZE", "IRN", "KAZ", "RUS", "TKM"]
    assert countries_in([]) == []
    assert event_countries(make_event(actors=("EU", "CSTO", "KAZ"))) == {"KAZ"}


from caspian_dash.models import Source  # noqa: E402
from caspian_dash.view.filters import (  # noqa: E402
    clamp_years,
    describe,
    documents_in,
    from_query,
    searchable_text,
    to_query,
)


@pytest.mark.parametrize(
    ("filters", "expected_ids"),
    [
        (Filters(event_types=frozenset({"summit", "statement"})), ["ev1", "ev4"]),
        (Filters(documents=frozenset({"doc"})), ["ev1", "ev2", "ev3", "ev4"]),
        (Filters(documents=frozenset({"other"})), []),
        (Filters(text="AKTAU"), ["ev1", "ev2", "ev3", "ev4"]),  # every source sentence names Aktau
        (Filters(text="petersburg"), ["ev4"]),  # the place
        (Filters(text="nato"), ["ev4"]),  # an actor
        (Filters(text="nothing like this"), []),
        (Filters(2024, 2025, event_types=frozenset({"statement"}), text="peters"), ["ev4"]),
    ],
)
def test_more_filters_combine(events, filters, expected_ids):
    assert [e.id for e in filters.apply(events)] == expected_ids


def test_search_reads_every_source_sentence():
    e = make_event(
        sources=(Source("a", "First.", 0, 6), Source("b", "Kashagan output rose.", 0, 21))
    )
    assert "kashagan" in searchable_text(e)
    assert Filters(text="Kashagan").matches(e)
    assert documents_in([e]) == ["a", "b"]


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(2018, 2025),
        Filters(
            2018,
            2018,
            frozenset({"KAZ", "IRN"}),
            frozenset({"summit"}),
            frozenset({"004_x", "001_y"}),
            "Caspian & <co>",
        ),
        Filters(sea=frozenset({"common_space", "territorial_sea"})),
    ],
)
def test_query_round_trip(filters):
    query = to_query(filters)
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    assert from_query(as_lists) == filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"from": ["abc"], "to": ["2020"]}, Filters(None, 2020)),
        ({"from": ["2025"], "to": ["2018"]}, Filters(2018, 2025)),  # swapped
        ({"country": ["kaz", "Kazakhstan", "RUS"]}, Filters(countries=frozenset({"KAZ", "RUS"}))),
        ({"type": ["summit", "picnic"]}, Filters(event_types=frozenset({"summit"}))),
        ({"q": ["  drill "]}, Filters(text="drill")),
        ({"sea": ["common_space", "open sea", "<b>"]}, Filters(sea=frozenset({"common_space"}))),
        ({"unknown": ["1"]}, Filters()),
    ],
)
def test_from_query_ignores_bad_values(params, expected):
    assert from_query(params) == expected


@pytest.mark.parametrize(
    ("filters", "span", "expected"),
    [
        (Filters(), (2010, 2025), (2010, 2025)),
        (Filters(1990, 2030), (2010, 2025), (2010, 2025)),
        (Filters(2030, 2040), (2010, 2025), (2025, 2025)),
        (Filters(2012, 2014), (2010, 2025), (2012, 2014)),
        (Filters(2012, 2014), None, (None, None)),
    ],
)
def test_clamp_years(filters, span, expected):
    clamped = clamp_years(filters, span)
    assert (clamped.year_min, clamped.year_max) == expected


def test_describe():
    assert describe(Filters()) == "all events"
    text = describe(
        Filters(2018, 2025, frozenset({"KAZ"}), frozenset({"military_exercise"})),
        {"KAZ": "Kazakhstan"},
    )
    assert text == "2018–2025 · Kazakhstan · military exercise"
    assert describe(Filters(2018, 2018, text="pact")) == "2018 · “pact”"


def test_the_sea_filter_keeps_events_in_the_chosen_zones(events):
    zones = {events[0].id: "common_space", events[1].id: "territorial_sea"}
    chosen = Filters(sea=frozenset({"common_space"}))
    assert [e.id for e in chosen.apply(events, zones)] == [events[0].id]
    assert chosen.apply(events) == []  # not joined to the sea: nothing is known to be at sea
    assert Filters().apply(events, zones) == events
    assert describe(chosen) == "at sea: common maritime space"
