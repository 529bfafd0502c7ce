import pytest

from caspian_dash.filters import Filters, countries_in, event_countries, year_span
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
