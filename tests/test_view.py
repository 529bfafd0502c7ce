import pytest

from caspian_dash.mapping import build_base_map, build_map
from caspian_dash.mapping.events import ICON_LIMIT, compact_data, pack, unpack
from caspian_dash.view import clicked_target, focus_view, make_view
from caspian_dash.view.filters import Filters
from tests.conftest import make_event


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"kind": "event", "id": "ev4"}, ("event", "ev4")),
        ({"kind": "event", "index": 0}, ("event", "ev1")),
        ({"kind": "event", "index": 2}, ("event", "ev4")),  # ev3 has no place: not numbered
        ({"kind": "event", "index": 9}, ("event", None)),
        ({"kind": "event", "index": "1"}, ("event", None)),
        ({"id": "KAZ", "name": "Kazakhstan"}, ("feature", "KAZ")),
        ({}, ("feature", None)),
    ],
)
def test_clicked_target(events, props, expected):
    assert clicked_target(props, events) == expected


def test_make_view_filters_joins_and_keeps_the_year(events):
    view = make_view({}, events, [], Filters(2018, 2025))
    assert [e.id for e in view.shown] == ["ev1", "ev2", "ev4"] and view.year == 2025
    assert view.counts["KAZ"] == 2
    assert focus_view(events[0]) == ((43.65 + 1.5, 51.17), 6)  # room above it for its popup
    assert focus_view(events[2])[1] == 5  # no place: the whole Caspian


def test_many_events_become_one_compact_layer_and_clustering_stays_loaded():
    many = [make_event(id=f"e{i}", lat=40 + i / 1000, lon=50.0) for i in range(ICON_LIMIT + 1)]
    data = compact_data(many)
    assert len(data["lat"]) == ICON_LIMIT + 1 and data["t"][0] == 0 and data["p"][0] == 1
    assert unpack(pack(data)) == data  # what the browser reads back (cd.unpack)
    html = build_map(events=many).get_root().render()
    overlay = html.split("cd.overlay(")[-1]
    assert '"compact":{' in overlay and '"markers"' not in overlay
    assert "fa-landmark" not in overlay  # no icons per event
    # A later, smaller overlay clusters icons: the base map must have loaded the plugin.
    assert "leaflet.markercluster.js" in build_base_map().get_root().render()


def test_packed_columns_keep_every_value_the_map_draws():
    data = {
        "types": [{"label": "Summit", "colour": "#b2182b"}],
        "lat": [41.123, -33.5, 0.0, 89.999],
        "lon": [-179.999, 50.001, 0.0, 179.5],
        "t": [0, 9, 3, 1],
        "p": [1, 0, 1, 0],
        "y": [1995, 2025, 1, 2400],
        "m": [0, 12, 1, 6],
        "r": [0, 1, 3, 2],  # review status (styles.REVIEW_MARK's order, from 1)
        "reviews": [{"label": "confirmed by an analyst", "colour": "#0a7d2c"}],
    }
    payload = pack(data)
    assert payload["n"] == 4 and len(payload["packed"]) == 64  # 12 bytes an event, base64
    assert unpack(payload) == data


def test_make_view_counts_the_sea_zones_and_filters_by_zone():
    from caspian_dash.geodata import load_layers
    from caspian_dash.join import sea_join

    layers, _ = load_layers()
    common = layers["maritime_zones"].set_index("id").loc["common_space"].geometry
    point = common.representative_point()
    events = [
        make_event(id="open", lon=point.x, lat=point.y),
        make_event(id="baku", lon=49.89, lat=40.38),
    ]
    sea = sea_join(events, layers)
    view = make_view(layers, events, [], Filters(), sea)
    assert view.counts["common_space"] == 1
    assert view.state["counts"]["common_space"] == 1  # the runtime shows it in the tooltip
    sector = sea["open"].sector_id
    assert sector and view.state["counts"][sector] == 1
    at_sea = make_view(layers, events, [], Filters(sea=frozenset({"common_space"})), sea)
    assert [e.id for e in at_sea.shown] == ["open"]


def test_the_compact_rows_are_kept_by_the_caller_and_nothing_is_written_into_events():
    events = [make_event(id=f"e{i}", lat=40 + i, lon=50.0, actors=("KAZ",)) for i in range(3)]
    before = [dict(vars(e)) for e in events]
    known: dict[str, tuple] = {}
    first = compact_data(events, known)
    assert sorted(known) == ["e0", "e1", "e2"] and events[0].year_start and events[0].countries
    known["e1"] = (9.0, 9.0, 0, 1, 1999, 1, 0)  # a row already built is used, not built again
    assert compact_data(events, known)["lat"] == [first["lat"][0], 9.0, first["lat"][2]]
    assert [dict(vars(e)) for e in events] == before  # frozen events stay as they were built
