"""Shared fixtures: a handful of hand-made events covering the precisions and types."""

from __future__ import annotations

import pytest

from caspian_dash.models import Event, Source


def make_event(**overrides) -> Event:
    fields = dict(
        id="ev1",
        title="Summit signs the Convention, Aktau",
        event_type="summit",
        date_start="2018-08-12",
        date_end="2018-08-12",
        time_precision="day",
        place="Aktau",
        lon=51.17,
        lat=43.65,
        geo_precision="site",
        actors=("KAZ", "RUS"),
        linked_features=(),
        sources=(Source("doc", "The summit was held in Aktau.", 0, 29),),
        flags=(),
    )
    fields.update(overrides)
    return Event(**fields)


@pytest.fixture
def events() -> list[Event]:
    return [
        make_event(),
        make_event(
            id="ev2",
            event_type="military_exercise",
            date_start="2024-07-01",
            date_end="2024-07-31",
            time_precision="month",
            actors=("KAZ", "AZE"),
            place="Caspian Sea",
            geo_precision="region",
            lon=50.5,
            lat=42.0,
        ),
        make_event(
            id="ev3",
            event_type="agreement",
            date_start="2010-01-01",
            date_end="2010-12-31",
            time_precision="year",
            actors=("IRN",),
            linked_features=("TKM",),
            place=None,
            lon=None,
            lat=None,
            geo_precision=None,
        ),
        make_event(
            id="ev4",
            event_type="statement",
            date_start="2025-10-08",
            date_end="2025-10-08",
            actors=("NATO",),
            place="St. Petersburg",
            lon=30.3,
            lat=59.9,
        ),
    ]
