import csv
import io
import json
import re

import pytest

from caspian_dash.__main__ import main as cli
from caspian_dash.extract import events_from_geojson
from caspian_dash.mapping import build_map
from caspian_dash.models import Document, Source
from caspian_dash.view.exports import (
    CSV_COLUMNS,
    events_csv,
    events_geojson,
    spreadsheet_safe,
    standalone_html,
)
from tests.conftest import make_event


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Aktau", "Aktau"),
        (42.5, 42.5),
        ("", ""),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_csv_lists_every_source_and_neutralises_formulas(events):
    evil = make_event(
        id="evil",
        title="=cmd|' /C calc'!A0",
        sources=(Source("a", "First.", 0, 6), Source("b", "@Second.", 0, 8)),
    )
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


CITED = make_event(id="cited", sources=(Source("a", "First.", 0, 6), Source("b", "Second.", 0, 7)))
CITED_DOCS = [
    Document(
        "a",
        "First.",
        title='=HYPERLINK("http://evil.example","click")',
        publisher="+Agency",
        published="2018-08-12",
        url=" https://example.org/a ",
    ),
    Document(
        "b",
        "Second.",
        title="Second report",
        publisher="Tass",
        published="2019-01",
        url="javascript:alert(1)",
    ),
]


@pytest.mark.parametrize(
    "documents", [CITED_DOCS, {d.doc_id: d for d in CITED_DOCS}], ids=["list", "mapping"]
)
def test_csv_cites_each_source_and_stays_spreadsheet_safe(documents):
    header, row = list(csv.reader(io.StringIO(events_csv([CITED], documents))))
    cells = dict(zip(header, row))
    assert cells["documents"] == "a; b" and cells["sentences"] == "First. | Second."
    # the hostile title and publisher start their cells: neutralised, not run as formulas
    assert cells["source_titles"] == "'" + CITED_DOCS[0].title + " | Second report"
    assert cells["source_publishers"] == "'+Agency | Tass"
    assert cells["source_dates"] == "2018-08-12 | 2019-01"
    # only web addresses are kept, in the sentences' order: the javascript: one is dropped
    assert cells["source_urls"] == "https://example.org/a | "
    assert not any("javascript" in cell for cell in row)


def test_csv_without_documents_keeps_its_columns_empty():
    header, row = list(csv.reader(io.StringIO(events_csv([CITED]))))
    assert header == CSV_COLUMNS
    assert dict(zip(header, row))["source_publishers"] == " | "


def test_geojson_sources_carry_title_publisher_date_and_address():
    data = json.loads(events_geojson([CITED], {d.doc_id: d for d in CITED_DOCS}))
    first, second = data["features"][0]["properties"]["sources"]
    assert first == {
        "doc_id": "a",
        "sentence": "First.",
        "char_start": 0,
        "char_end": 6,
        "title": '=HYPERLINK("http://evil.example","click")',
        "publisher": "+Agency",
        "published": "2018-08-12",
        "url": "https://example.org/a",
    }
    assert second["title"] == "Second report" and second["url"] == ""  # javascript: dropped
    assert events_from_geojson(data) == [CITED]  # still the extractor's format


def test_standalone_map_inlines_every_asset_and_escapes_the_title(events):
    page = standalone_html(build_map(events=events).get_root().render(), "Caspian <2018>")
    assert "/app/static" not in page
    assert not re.search(r'<(script|link)[^>]+(src|href)="(?!data:|#)', page)
    assert "L.map(" in page and "markerClusterGroup" in page
    assert "<title>Caspian &lt;2018&gt;</title>" in page
    assert "font/woff2;base64," in page  # icons work without the app's server


def test_export_map_command_writes_a_filtered_standalone_map(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert (
        cli(
            [
                "export-map",
                "--from-year",
                "2018",
                "--to-year",
                "2025",
                "--country",
                "KAZ",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    page = out.read_text()
    assert "Kazakhstan" in page and "<title>Caspian events: 2018–2025 · Kazakhstan</title>" in page
    shown = int(re.search(r"wrote .*: (\d+) events", capsys.readouterr().out).group(1))
    assert shown > 0
    assert f'"Events ({shown})"' in page
