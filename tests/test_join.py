from caspian_dash.join import event_counts, events_for_feature, feature_ids
from tests.conftest import make_event


def test_feature_ids_join_linked_features_and_state_actors():
    e = make_event(actors=("KAZ", "CSTO"), linked_features=("btc", "aktau", "AZE"))
    assert feature_ids(e) == {"KAZ", "AZE", "btc", "aktau"}


def test_event_counts_and_events_for_feature(events):
    counts = event_counts(events)
    assert counts["KAZ"] == 2 and counts["TKM"] == 1 and counts["NATO"] == 0
    assert [e.id for e in events_for_feature(events, "KAZ")] == ["ev1", "ev2"]
    assert events_for_feature(events, "nowhere") == []


def test_sea_zones_join_events_at_sea_to_their_zone_and_sector():
    from caspian_dash.geodata import load_layers
    from caspian_dash.join import sea_zones

    layers, _ = load_layers()
    zones = layers["maritime_zones"].set_index("id")
    point = zones.loc["territorial_sea_KAZ"].geometry.representative_point()
    common = zones.loc["common_space"].geometry.representative_point()
    events = [
        make_event(id="kaz", lon=point.x, lat=point.y),
        make_event(id="open", lon=common.x, lat=common.y),
        make_event(id="baku", lon=49.89, lat=40.38),  # on land
        make_event(id="sea", lon=common.x, lat=common.y, geo_precision="region"),  # no site
        make_event(id="nowhere", lon=None, lat=None, geo_precision=None),
    ]
    sea = sea_zones(events, layers)
    assert sea["kaz"] == "KAZ territorial sea, KAZ sector"
    assert sea["open"].startswith("common maritime space, ")
    assert sea["open"].endswith(" sector")
    assert set(sea) == {"kaz", "open"}
    assert sea_zones(events, {}) == {}  # no zone layer loaded: nothing joined, no error
