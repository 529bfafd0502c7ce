import re

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, box

from caspian_dash.formatting import escape, format_date
from caspian_dash.mapping import (
    BASEMAPS,
    build_map,
    event_popup_html,
    layer_features,
    legend_html,
)
from caspian_dash.mapping.events import event_markers
from caspian_dash.models import Source
from caspian_dash.view.state import layer_records, view_state
from tests.conftest import make_event


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Baku", "Baku"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
        (
            "`${alert(1)}`",
            "&#96;&#36;&#123;alert(1)&#125;&#96;",
        ),  # would break out of folium's JS strings
        ("C:\\path", "C:&#92;path"),
        ("Türkiye \u200f\u200e", "Türkiye \u200f\u200e"),
    ],
)
def test_escape(text, expected):
    assert escape(text) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("2025-10-08", "2025-10-08", "day", "8 Oct 2025"),
        ("2024-07-01", "2024-07-31", "month", "Jul 2024"),
        ("2018-01-01", "2018-12-31", "year", "2018"),
        ("2014-01-01", "2016-12-31", "year", "2014–2016"),
    ],
)
def test_format_date_at_its_precision(start, end, precision, expected):
    event = make_event(date_start=start, date_end=end, time_precision=precision)
    assert format_date(event) == expected


def test_popup_escapes_document_text_and_names_its_source():
    hostile = "Deal <script>alert('x')</script> signed"
    event = make_event(title=hostile, sources=(Source("doc7", hostile, 0, len(hostile)),))
    html = event_popup_html(event, {"doc7": "Kayhan <b>report</b>"})
    assert "<script>" not in html and "<b>report" not in html
    assert "&lt;script&gt;" in html and "Kayhan &lt;b&gt;report&lt;/b&gt;" in html
    assert "12 Aug 2018" in html and "Aktau" in html


def test_event_layer_has_located_events_with_type_icons_and_rings(events):
    markers = event_markers(events, {})
    assert [m["id"] for m in markers] == ["ev1", "ev2", "ev4"]  # ev3 has no place
    icons = {m["id"]: m["icon"] for m in markers}
    assert "fa-landmark" in icons["ev1"] and "cd-ev-ring" not in icons["ev1"]
    assert "cd-ev-ring" in icons["ev2"]  # region-level place: drawn as a ring
    assert "fa-person-military-rifle" in icons["ev2"]


def test_hostile_text_never_reaches_the_map_unescaped():
    evil = "<img src=x onerror=alert(1)>`${alert(2)}`"
    html = build_map(events=[make_event(title=evil, place=evil)]).get_root().render()
    assert "<img src=x" not in html and "${alert(2)}" not in html


@pytest.mark.parametrize("basemap", list(BASEMAPS))
def test_basemaps(basemap):
    html = build_map(basemap=basemap).get_root().render()
    assert ("L.tileLayer(" in html) == (basemap != "none")


def test_map_has_zoom_limits_without_tiles(events):
    # Leaflet.markercluster throws "Map has no maxZoom specified" on a map with no tile layer.
    html = build_map(events=events, basemap="none").get_root().render()
    assert '"maxZoom": 14' in html and '"minZoom": 3' in html


# --- layers joined with events, as they stood in the selected year --------------------------


def _pipelines():
    rows = [
        dict(
            id="old",
            name="Old line",
            status="operating",
            proposed_year=1990,
            construction_year=1995,
            start_year=1999,
            commodity="oil",
        ),
        dict(
            id="new",
            name="New line",
            status="proposed",
            proposed_year=2015,
            construction_year=None,
            start_year=None,
            commodity="gas",
        ),
    ]
    return gpd.GeoDataFrame(rows, geometry=[LineString([(45, 40), (50, 41)])] * 2, crs=4326)


def _states():
    return gpd.GeoDataFrame(
        [
            dict(id="KAZ", name="Kazakhstan", littoral=True),
            dict(id="TKM", name="Turkmenistan", littoral=True),
        ],
        geometry=[box(50, 42, 60, 50), box(52, 36, 60, 42)],
        crs=4326,
    )


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (None, {"old": "operating", "new": "proposed"}),
        (1980, {"old": "not_yet", "new": "not_yet"}),
        (1992, {"old": "proposed", "new": "not_yet"}),
        (1997, {"old": "construction", "new": "not_yet"}),
        (2010, {"old": "operating", "new": "not_yet"}),
        (2020, {"old": "operating", "new": "proposed"}),
    ],
)
def test_view_state_has_pipelines_as_they_stood(year, expected):
    records = layer_records({"pipelines": _pipelines()})
    assert view_state(records, {}, year)["pipelines"] == expected


def test_view_state_counts_and_choropleth():
    counts = {"KAZ": 4, "TKM": 1, "NATO": 2, "nowhere": 1}
    state = view_state(layer_records({"states": _states()}), counts, None)
    assert state["counts"] == {"KAZ": 4, "TKM": 1}  # only features on the map
    assert state["choropleth_max"] == 4
    assert (
        state["choropleth"]["KAZ"] == "#bd0026" and state["choropleth"]["TKM"] == "#fecc5c"
    )  # 1 of 4: second fifth


def test_layer_features_escape_text():
    states = _states()
    states.loc[0, "name"] = "<b>Kazakhstan</b>"
    props = [f["properties"] for f in layer_features(states)["features"]]
    assert (
        props[0]["name"] == "&lt;b&gt;Kazakhstan&lt;/b&gt;" and props[1]["name"] == "Turkmenistan"
    )


def test_map_with_layers_has_groups_runtime_and_state(events):
    places = gpd.GeoDataFrame(
        [dict(id="aktau", name="Aktau", kind="port", aliases=["Aqtau"])],
        geometry=[Point(51.2, 43.6)],
        crs=4326,
    )
    layers = {"states": _states(), "pipelines": _pipelines(), "places": places}
    html = build_map(layers, events, year=2020, counts={"KAZ": 2}).get_root().render()
    for label in (
        "States",
        "Pipelines",
        "Ports, terminals and fields",
        "Events per state (choropleth)",
        "Events (3)",
    ):
        assert f'"{label}"' in html, label
    assert 'cd.geoLayer("pipelines"' in html and "cd.wire(" in html
    assert '"counts":{"KAZ":2}' in html  # the view state reached the runtime
    assert "fa-anchor" in html  # ports have their own icon


def test_base_map_is_the_same_for_every_view(events):
    layers = {"states": _states(), "pipelines": _pipelines()}
    from caspian_dash.mapping import build_base_map
    from caspian_dash.ui.map_component import base_args

    def page():  # folium names each element with a random id
        return re.sub(r"_[0-9a-f]{32}", "_ID", base_args(build_base_map(layers))["page"])

    assert page() == page()


def test_legend_lists_only_the_event_types_shown(events):
    legend = legend_html({"summit"})
    assert "Summit" in legend and "Agreement" not in legend
    assert "Agreement" in legend_html(None)
    assert "cd-choro-max" in legend_html(None)  # filled in by the runtime


def test_an_event_popup_names_its_states():
    from caspian_dash.mapping import event_popup_html

    html_text = event_popup_html(make_event(actors=("RUS", "KAZ", "CSTO")), {})
    assert "Actors: Russia, Kazakhstan, CSTO" in html_text
