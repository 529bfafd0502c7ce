"""The committed layers in geodata/ and the loader that validates them."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import numpy as np
import pytest
import shapely

from caspian_dash.geobuild.geo import NAUTICAL_MILE_M, area_km2, geodesic_length_km, to_metric
from caspian_dash.geodata import LAYERS, GeodataError, load_layer, load_layers
from caspian_dash.settings import GEODATA_DIR, LITTORAL_STATES

BROKEN = Path(__file__).parent / "data" / "geodata"
NEIGHBOURS = ("GEO", "ARM", "TUR", "UZB", "TJK", "KGZ", "AFG", "PAK", "IND", "CHN", "UKR")


@pytest.fixture(scope="module")
def layers():
    loaded, errors = load_layers(GEODATA_DIR)
    assert errors == []
    return loaded


@pytest.fixture(scope="module")
def sea(layers):
    return layers["caspian_sea"].geometry.iloc[0]


@pytest.fixture(scope="module")
def sea_area(sea):
    return area_km2(sea)


# --- the committed files -------------------------------------------------------------


def test_every_layer_loads_in_order(layers):
    assert tuple(layers) == LAYERS
    assert all(frame.crs.to_epsg() == 4326 for frame in layers.values())


def test_total_size_is_light():
    total = sum((GEODATA_DIR / f"{name}.geojson").stat().st_size for name in LAYERS)
    assert total < 1.5 * 1024 * 1024


def test_states_cover_littoral_and_neighbours(layers):
    states = layers["states"].set_index("id")
    assert set(LITTORAL_STATES) | set(NEIGHBOURS) <= set(states.index)
    assert set(states.index[states["littoral"]]) == set(LITTORAL_STATES)
    coast = states.loc[list(LITTORAL_STATES), "caspian_coast_km"]
    assert (coast > 300).all()
    assert states.loc[list(NEIGHBOURS), "caspian_coast_km"].isna().all()


def test_states_do_not_overlap_each_other_or_the_sea(layers, sea):
    geoms = [*layers["states"].geometry, sea]
    assert shapely.coverage_is_valid(geoms)


def test_coast_lengths_add_up_to_the_shoreline(layers, sea):
    total = layers["states"]["caspian_coast_km"].sum()
    assert total == pytest.approx(geodesic_length_km(sea.boundary), rel=0.01)


def test_sea_area_property_and_plausible_size(layers, sea_area):
    row = layers["caspian_sea"].iloc[0]
    assert row["area_km2"] == pytest.approx(sea_area, rel=1e-4)
    # The usual ~371,000 km² excludes Kara-Bogaz-Gol; this polygon includes it.
    assert bool(row["includes_kara_bogaz_gol"])
    assert 360_000 < sea_area - row["kara_bogaz_gol_km2"] < 390_000
    assert 10_000 < row["kara_bogaz_gol_km2"] < 20_000


def test_zones_cover_the_sea(layers, sea, sea_area):
    union = shapely.union_all(layers["maritime_zones"].geometry.values)
    assert area_km2(union.symmetric_difference(sea)) < 0.005 * sea_area


def test_zones_do_not_overlap(layers, sea_area):
    geoms = list(layers["maritime_zones"].geometry)
    overlap = sum(area_km2(a.intersection(b)) for a, b in itertools.combinations(geoms, 2))
    assert overlap < 1e-5 * sea_area


def test_each_littoral_state_has_both_belts(layers):
    zones = layers["maritime_zones"]
    for kind in ("territorial_sea", "fishery_zone"):
        assert set(zones.loc[zones["zone_type"] == kind, "state"]) == set(LITTORAL_STATES)
    common = zones[zones["zone_type"] == "common_space"]
    assert len(common) == 1 and common["state"].isna().all()


def test_kara_bogaz_gol_is_turkmen_internal_water(layers):
    zones = layers["maritime_zones"].set_index("id")
    bay = zones.loc["internal_waters_TKM"]
    assert bay["zone_type"] == "internal_waters" and bay["state"] == "TKM"
    expected = layers["caspian_sea"].iloc[0]["kara_bogaz_gol_km2"]
    assert bay["area_km2"] == pytest.approx(expected, rel=0.001)
    others = zones.drop(index="internal_waters_TKM").geometry
    assert all(area_km2(g.intersection(bay["geometry"])) < 1 for g in others)


def test_zone_area_properties_match_geometry(layers):
    zones = layers["maritime_zones"]
    computed = np.array([area_km2(g) for g in zones.geometry])
    assert np.allclose(zones["area_km2"], computed, rtol=1e-3)


@pytest.mark.parametrize("zone_type, max_nm", [("territorial_sea", 15), ("fishery_zone", 25)])
def test_belts_stay_within_their_width_of_the_shore(layers, sea, zone_type, max_nm):
    shore = to_metric(sea.boundary)
    zones = layers["maritime_zones"]
    for geom in zones.loc[zones["zone_type"] == zone_type, "geometry"]:
        vertices = shapely.points(shapely.get_coordinates(to_metric(geom)))
        # 1% for the projection's scale error, 300 m for simplification and rounding
        assert shapely.distance(vertices, shore).max() < max_nm * NAUTICAL_MILE_M * 1.01 + 300


def test_common_space_lies_beyond_the_fishery_zones(layers, sea):
    shore = to_metric(sea.boundary)
    common = layers["maritime_zones"].set_index("id").loc["common_space", "geometry"]
    vertices = shapely.points(shapely.get_coordinates(to_metric(common)))
    assert shapely.distance(vertices, shore).min() > 25 * NAUTICAL_MILE_M * 0.99 - 300


def test_sector_shares(layers, sea_area):
    sectors = layers["seabed_sectors"].set_index("state")
    assert set(sectors.index) == set(LITTORAL_STATES)
    assert sectors["share_pct"].sum() == pytest.approx(100, abs=0.05)
    assert sectors["area_km2"].sum() == pytest.approx(sea_area, rel=0.005)
    computed = 100 * sectors["area_km2"] / sectors["area_km2"].sum()
    assert np.allclose(sectors["share_pct"], computed, atol=0.01)
    # Known result of a median-line division: Kazakhstan largest, Iran smallest.
    assert sectors["share_pct"].idxmax() == "KAZ"
    assert sectors["share_pct"].idxmin() == "IRN"
    assert sectors.loc["IRN", "share_pct"] < 20 < sectors.loc["KAZ", "share_pct"]


def test_median_lines_are_equidistant(layers, sea):
    states = layers["states"].set_index("id")
    shore = to_metric(sea.boundary)
    coasts = {
        s: shore.intersection(to_metric(states.loc[s, "geometry"]).buffer(50))
        for s in LITTORAL_STATES
    }
    for row in layers["median_lines"].itertuples():
        a, b = row.states
        line = to_metric(row.geometry)
        samples = [line.interpolate(f, normalized=True) for f in np.linspace(0.05, 0.95, 10)]
        for p in samples:
            da, db = p.distance(coasts[a]), p.distance(coasts[b])
            assert abs(da - db) < 0.01 * max(da, db) + 1500


def test_pipelines_match_published_lengths(layers):
    pipes = layers["pipelines"].set_index("id")
    assert {
        "btc",
        "scp",
        "tapi",
        "cpc",
        "cac",
        "baku_supsa",
        "baku_novorossiysk",
        "tanap",
        "tap",
        "tcgp",
    } <= set(pipes.index)
    for pid, row in pipes.iterrows():
        assert row["length_km"] == pytest.approx(geodesic_length_km(row["geometry"]), rel=1e-3), pid
        assert abs(row["length_km"] / row["length_km_published"] - 1) <= 0.10, pid


def test_pipeline_years_are_in_order(layers):
    for row in layers["pipelines"].itertuples():
        years = [
            y for y in (row.proposed_year, row.construction_year, row.start_year) if not np.isnan(y)
        ]
        assert years == sorted(years), row.id
        if row.status == "operating":
            assert not np.isnan(row.start_year), row.id
        assert "BTC" in row.aliases if row.id == "btc" else True


def test_corridors(layers):
    corridors = layers["corridors"].set_index("id")
    assert set(corridors["mode"]) == {"rail", "sea", "road"}
    assert corridors.loc["mc_btk", "start_year"] == 2017
    assert any(c.startswith("Middle Corridor") for c in corridors["corridor"])
    for cid, row in corridors.iterrows():
        assert row["length_km"] == pytest.approx(geodesic_length_km(row["geometry"]), rel=1e-3), cid


def test_every_corridor_segment_is_dated(layers):
    """A segment without a start_year shows in every year, so only one not yet open may lack it."""
    for row in layers["corridors"].itertuples():
        assert row.status in ("operating", "construction", "proposed", "suspended"), row.id
        years = [
            y for y in (row.proposed_year, row.construction_year, row.start_year) if not np.isnan(y)
        ]
        assert years == sorted(years), row.id
        if row.status == "operating":
            assert not np.isnan(row.start_year), row.id
            assert f"{int(row.start_year)}" in row.source, row.id  # the year names its source


def test_sea_legs_stay_in_the_water(layers, sea):
    sea_legs = layers["corridors"][layers["corridors"]["mode"] == "sea"]
    assert len(sea_legs) >= 4
    for row in sea_legs.itertuples():
        # Only the approach to a port may cross land (Astrakhan lies up the Volga).
        on_water = geodesic_length_km(row.geometry.intersection(sea.buffer(0.02)))
        assert on_water > 0.9 * row.length_km, row.id


REQUIRED_PLACES = (
    "Sangachal",
    "Ceyhan",
    "Supsa",
    "Novorossiysk",
    "Aktau",
    "Kuryk",
    "Alat",
    "Turkmenbashi",
    "Makhachkala",
    "Astrakhan",
    "Olya",
    "Bandar Anzali",
    "Amirabad",
    "Shah Deniz",
    "Azeri–Chirag–Gunashli",
    "Kashagan",
    "Tengiz",
    "Karachaganak",
    "Galkynysh",
)


def test_places_present_and_near_their_country(layers, sea):
    places = layers["places"]
    names = set(places["name"]) | {a for aliases in places["aliases"] for a in aliases}
    assert all(any(n.startswith(req) for n in names) for req in REQUIRED_PLACES)
    states = layers["states"].set_index("id").geometry
    for row in places.itertuples():
        if row.country in states.index:
            # Offshore fields sit in the sea next to their state; everything else on land.
            near = (
                shapely.union_all([states[row.country], sea])
                if row.kind == "field"
                else states[row.country]
            )
            assert near.distance(row.geometry) < 0.1, row.id


# --- the loader on broken input --------------------------------------------------------


@pytest.mark.parametrize(
    "fixture, layer, message",
    [
        (None, "places", "file not found"),
        ("empty.geojson", "places", "file is empty"),
        ("no_features.geojson", "places", "no features"),
        ("not_a_collection.geojson", "places", "not a GeoJSON FeatureCollection"),
        ("invalid_json.geojson", "places", "invalid JSON"),
        ("wrong_crs.geojson", "places", "CRS must be EPSG:4326"),
        ("projected_coords.geojson", "places", "out of lon/lat range"),
        ("missing_property.geojson", "places", "missing property 'kind'"),
        ("wrong_type.geojson", "places", "'aliases' should be str_list"),
        ("duplicate_id.geojson", "places", "duplicate id 'aktau'"),
        ("wrong_geometry_type.geojson", "places", "geometry is LineString"),
        ("invalid_geometry.geojson", "caspian_sea", "invalid geometry"),
    ],
)
def test_loader_rejects_broken_files(tmp_path, fixture, layer, message):
    if fixture:
        shutil.copy(BROKEN / fixture, tmp_path / f"{layer}.geojson")
    with pytest.raises(GeodataError) as caught:
        load_layer(layer, tmp_path)
    text = str(caught.value)
    assert message in text
    assert text.startswith(f"{layer}.geojson")


@pytest.mark.parametrize(
    "fixture, feature",
    [("duplicate_id.geojson", "'aktau' (#1)"), ("wrong_type.geojson", "'aktau' (#0)")],
)
def test_loader_error_names_the_feature(tmp_path, fixture, feature):
    shutil.copy(BROKEN / fixture, tmp_path / "places.geojson")
    with pytest.raises(
        GeodataError, match="feature " + feature.replace("(", r"\(").replace(")", r"\)")
    ):
        load_layer("places", tmp_path)


def test_load_layers_keeps_the_good_ones(tmp_path):
    for name in LAYERS:
        shutil.copy(GEODATA_DIR / f"{name}.geojson", tmp_path / f"{name}.geojson")
    shutil.copy(BROKEN / "invalid_json.geojson", tmp_path / "pipelines.geojson")
    (tmp_path / "corridors.geojson").unlink()
    loaded, errors = load_layers(tmp_path)
    assert set(loaded) == set(LAYERS) - {"pipelines", "corridors"}
    assert sorted(e.path.name for e in errors) == ["corridors.geojson", "pipelines.geojson"]


def test_good_fixture_loads(tmp_path):
    shutil.copy(BROKEN / "good.geojson", tmp_path / "places.geojson")
    frame = load_layer("places", tmp_path)
    assert list(frame["id"]) == ["aktau", "baku"]
    assert list(frame.columns[:5]) == ["id", "name", "kind", "aliases", "source"]


def test_unknown_layer_is_an_error():
    with pytest.raises(GeodataError, match="unknown layer"):
        load_layer("volcanoes")


def test_feature_labels_name_every_feature_events_link_to():
    from caspian_dash.geodata import LABELS, feature_labels

    layers, _ = load_layers()
    labels = feature_labels(layers)
    sea = ("maritime_zones", "seabed_sectors")
    expected = sum(len(layers[name]) for name in (*LABELS, *sea) if name in layers)
    assert len(labels) == expected > 0
    assert labels["AZE"].endswith("(state)")
    assert any(label.endswith("(pipeline)") for label in labels.values())
    assert labels["common_space"] == "common maritime space (2018 zone)"
    assert labels["territorial_sea_KAZ"] == "KAZ territorial sea (2018 zone)"
    assert labels["sector_IRN"] == "IRN seabed sector"


def test_the_layers_fingerprint_changes_with_the_features():
    from caspian_dash.geodata import layers_fingerprint

    layers, _ = load_layers()
    fingerprint = layers_fingerprint(layers)
    assert hash(fingerprint) == hash(layers_fingerprint(dict(reversed(list(layers.items())))))
    fewer = {**layers, "places": layers["places"].iloc[1:]}
    assert layers_fingerprint(fewer) != fingerprint
