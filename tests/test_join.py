from caspian_dash.join import event_counts, events_for_feature, feature_ids
from caspian_dash.models import Source
from tests.conftest import make_event


def test_feature_ids_join_linked_features_and_state_actors():
    e = make_event(actors=("KAZ", "CSTO"), linked_features=("btc", "aktau", "AZE"))
    assert feature_ids(e) == {"KAZ", "AZE", "btc", "aktau"}


def test_event_counts_and_events_for_feature(events):
    counts = event_counts(events)
    assert counts["KAZ"] == 2 and counts["TKM"] == 1 and counts["NATO"] == 0
    assert [e.id for e in events_for_feature(events, "KAZ")] == ["ev1", "ev2"]
    assert events_for_feature(events, "nowhere") == []


def _sea_events():
    from caspian_dash.geodata import load_layers

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
    return events, layers


def test_sea_join_puts_events_at_sea_in_their_zone_and_sector():
    from caspian_dash.join import sea_join

    events, layers = _sea_events()
    sea = sea_join(events, layers)
    assert set(sea) == {"kaz", "open"}
    assert sea["kaz"].words == "KAZ territorial sea, KAZ sector"
    assert sea["kaz"].feature_ids == ("territorial_sea_KAZ", "sector_KAZ")
    assert (sea["open"].zone_type, sea["open"].state) == ("common_space", "")
    assert sea["open"].words.startswith("common maritime space, ")
    assert sea["open"].words.endswith(" sector")
    assert sea_join(events, {}) == {}  # no zone layer loaded: nothing joined, no error
    no_sectors = {k: v for k, v in layers.items() if k != "seabed_sectors"}
    assert sea_join(events, no_sectors)["kaz"].words == "KAZ territorial sea"


def test_sea_join_agrees_with_geopandas_sjoin_on_many_points():
    import geopandas as gpd
    import numpy as np

    from caspian_dash.join import sea_join

    _, layers = _sea_events()
    zones = layers["maritime_zones"]
    rng = np.random.default_rng(7)
    xs, ys = rng.uniform(46, 55.5, 3000), rng.uniform(36.5, 47.5, 3000)
    events = [make_event(id=f"e{i}", lon=x, lat=y) for i, (x, y) in enumerate(zip(xs, ys))]
    points = gpd.GeoDataFrame(
        {"event": [e.id for e in events]}, geometry=gpd.points_from_xy(xs, ys), crs=zones.crs
    )
    expected = {r.event: r.id for r in gpd.sjoin(points, zones, predicate="within").itertuples()}
    got = {i: p.zone_id for i, p in sea_join(events, layers).items()}
    assert got == expected and len(got) > 500


def test_sea_counts_and_a_zones_events():
    from caspian_dash.join import sea_counts, sea_join

    events, layers = _sea_events()
    sea = sea_join(events, layers)
    counts = sea_counts(events, sea)
    assert counts["territorial_sea_KAZ"] == 1 and counts["sector_KAZ"] == 1
    assert counts["common_space"] == 1 and "baku" not in counts
    assert [e.id for e in events_for_feature(events, "common_space", sea)] == ["open"]
    assert events_for_feature(events, "common_space") == []  # without the join: none


def test_missing_links_are_the_linked_ids_no_loaded_layer_holds():
    from caspian_dash.geodata import load_layers
    from caspian_dash.join import missing_links

    layers, _ = load_layers()
    events = [
        make_event(id="a", linked_features=("btc", "aktau")),
        make_event(id="b", linked_features=("btc", "gone_pipeline")),
    ]
    assert missing_links(events, layers) == {"gone_pipeline": 1}
    without = {k: v for k, v in layers.items() if k != "pipelines"}
    assert missing_links(events, without) == {"btc": 2, "gone_pipeline": 1}
    assert missing_links(events[:1], layers) == {}


def test_layer_join_adds_the_state_an_event_lies_in_when_no_actor_names_it():
    from caspian_dash.geodata import load_layers
    from caspian_dash.join import layer_join

    layers, _ = load_layers()
    met = (Source("doc", "They met.", 0, 9),)  # a sentence that names no feature
    events = [
        make_event(id="usa_in_baku", actors=("USA",), lon=49.87, lat=40.41, sources=met),
        make_event(id="aze_in_baku", actors=("AZE",), lon=49.87, lat=40.41, sources=met),
        make_event(id="almaty", actors=(), lon=76.95, lat=43.24, sources=met),
        make_event(id="at_sea", actors=(), lon=50.9, lat=42.3, geo_precision="site", sources=met),
        make_event(id="nowhere", lon=None, lat=None, geo_precision=None, sources=met),
    ]
    # every feature each concerns: its own (the United States) and the state it lies in
    assert layer_join(events, layers) == {"usa_in_baku": {"USA", "AZE"}, "almaty": {"KAZ"}}
    assert layer_join(events, {}) == {}  # no layers: nothing joined, no error
    # the loaded layer is what counts: a state it no longer holds joins nothing
    without_kaz = {**layers, "states": layers["states"][layers["states"]["id"] != "KAZ"]}
    assert layer_join(events, without_kaz) == {"usa_in_baku": {"USA", "AZE"}}


def test_layer_join_links_the_lines_and_places_a_sentence_names_in_the_loaded_layers():
    from caspian_dash.geodata import load_layers
    from caspian_dash.join import layer_join

    layers, _ = load_layers()

    def said(event_id: str, sentence: str, **kw):
        source = Source("doc", sentence, 0, len(sentence))
        return make_event(id=event_id, actors=(), lon=None, lat=None, sources=(source,), **kw)

    events = [
        said("btc", "Oil began to flow through the Baku–Tbilisi–Ceyhan pipeline in 2006."),
        said("alias", "The BTC carried its first oil to Ceyhan."),  # an alias, and a place
        said("linked", "The BTC pipeline opened.", linked_features=("btc",)),  # has it already
        said("word", "Ceyhanli and BTCs are not names."),  # whole words only
    ]
    joined = layer_join(events, layers)
    assert joined["btc"] == {"btc"} and joined["alias"] == {"btc", "ceyhan"}
    assert "linked" not in joined and "word" not in joined
    # a pipeline given a new alias in the loaded layer joins at once: nothing is extracted
    pipelines = layers["pipelines"].copy()
    pipelines["aliases"] = [
        [*a, "Caspian oil artery"] if i == "btc" else a
        for i, a in zip(pipelines["id"], pipelines["aliases"])
    ]
    renamed = layer_join(
        [said("new", "The Caspian oil artery was shut.")], {"pipelines": pipelines}
    )
    assert renamed == {"new": {"btc"}}


def test_joined_features_filter_count_and_list_their_events():
    from caspian_dash.geodata import load_layers
    from caspian_dash.join import events_for_feature, layer_join
    from caspian_dash.view import make_view
    from caspian_dash.view.filters import Filters, countries_in

    layers, _ = load_layers()
    met = (Source("doc", "They met.", 0, 9),)
    events = [
        make_event(id="usa_in_baku", actors=("USA",), lon=49.87, lat=40.41, sources=met),
        make_event(id="tehran", actors=("IRN",), lon=51.39, lat=35.69, sources=met),
    ]
    links = layer_join(events, layers)
    aze = Filters(countries=frozenset({"AZE"}))
    assert [e.id for e in make_view(layers, events, [], aze).shown] == []  # by actors alone
    view = make_view(layers, events, [], aze, links=links)
    assert [e.id for e in view.shown] == ["usa_in_baku"] and view.counts["AZE"] == 1
    assert view.state["counts"]["AZE"] == 1  # the choropleth and the tooltips count it
    assert [e.id for e in events_for_feature(events, "AZE", links=links)] == ["usa_in_baku"]
    assert countries_in(events) == ["IRN", "USA"]
    assert countries_in(events, links) == ["AZE", "IRN", "USA"]
