import csv
import io
import json
import re

import pytest

from caspian_dash.__main__ import main as cli
from caspian_dash.exports import CSV_COLUMNS, events_csv, events_geojson, spreadsheet_safe, standalone_html
from caspian_dash.mapping import build_map
from caspian_dash.models import Source
from tests.conftest import make_event


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
     ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("Aktau", "Aktau"), (42.5, 42.5), ("", "")],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_csv_lists_every_source_and_neutralises_formulas(events):
    evil = make_event(id="evil", title="=cmd|' /C calc'!A0",
                      sources=(Source("a", "First.", 0, 6), Source("b", "@Second.", 0, 8)))
    rows = list(csv.reader(io.StringIO(events_csv([*events, evil]))))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 1 + len(events) + 1
    last = dict(zip(CSV_COLUMNS, rows[-1]))
    assert last["title"].startswith("'=")
    assert last["documents"] == "a; b" and last["sentences"] == "First. | @Second."


def test_geojson_export_round_trips_through_the_extractors_format(events):
    data = json.loads(events_geojson(events))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == len(events)
    located = [f for f in data["features"] if f["geometry"]]
    assert len(located) == 3


def test_standalone_map_inlines_every_asset_and_escapes_the_title(events):
    page = standalone_html(build_map(events=events).get_root().render(), "Caspian <2018>")
    assert "/app/static" not in page
    assert not re.search(r'<(script|link)[^>]+(src|href)="(?!data:|#)', page)
    assert "L.map(" in page and "markerClusterGroup" in page
    assert "<title>Caspian &lt;2018&gt;</title>" in page
    assert "font/woff2;base64," in page  # icons work without the app's server


def test_export_map_command_writes_a_filtered_standalone_map(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert cli(["export-map", "--from-year", "2018", "--to-year", "2025", "--country", "KAZ",
                "-o", str(out)]) == 0
    page = out.read_text()
    assert "Kazakhstan" in page and "<title>Caspian events: 2018–2025 · Kazakhstan</title>" in page
    shown = int(re.search(r"wrote .*: (\d+) events", capsys.readouterr().out).group(1))
    assert shown > 0
    assert f'"Events ({shown})"' in page
