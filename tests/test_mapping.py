import pytest

from caspian_dash.mapping import BASEMAPS, build_map, escape, event_popup_html, format_date
from caspian_dash.models import Source
from tests.conftest import make_event


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Baku", "Baku"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
        ("`${alert(1)}`", "&#96;&#36;{alert(1)}&#96;"),  # would break out of folium's JS strings
        ("C:\\path", "C:&#92;path"),
        ("Türkiye ‏‎", "Türkiye ‏‎"),
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


def test_map_has_one_marker_per_located_event_and_rings_for_imprecise_places(events):
    html = build_map(events=events).get_root().render()
    assert html.count("L.circleMarker(") == 3  # ev3 has no place: not drawn
    assert html.count('"dashArray": "4 3"') == 1  # ev2 is region-level: drawn as a ring


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
