"""Text from documents and manifests never reaches a template engine as code.

folium and branca compile every rendered script again as a Jinja template, so a sentence
holding ``{{ ... }}`` used to run Python on the server. Here a corpus of template payloads
goes through every output that carries document or manifest text: the map as exported and
as the app sends it, the ``export-map`` command, the CSV and the GeoJSON. Each output must
show the payload as written, and a canary directory that one payload would create (through
``os.mkdir``) must never appear. The browser side is in tests/test_browser_hostile.py.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import folium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caspian_dash import geodata
from caspian_dash.formatting import escape
from caspian_dash.mapping import build_base_map, build_map, overlay_data
from caspian_dash.mapping.events import ICON_LIMIT
from caspian_dash.mapping.script_json import has_template_syntax, script_json
from caspian_dash.models import Source
from caspian_dash.ui.map_component import base_args
from caspian_dash.view.exports import events_csv, events_geojson, standalone_html
from caspian_dash.view.filters import Filters, describe
from tests.conftest import make_event

ROOT = Path(__file__).resolve().parents[1]
CANARY_VAR = "CD_TEMPLATE_CANARY"
# Creates the directory named by the environment variable, if it is ever evaluated. Written
# without quotes, which the HTML escaping would otherwise have broken.
CANARY = "{{ lipsum.__globals__.os.mkdir(lipsum.__globals__.os.environ.CD_TEMPLATE_CANARY) }}"
PAYLOADS = {
    "expression": "{{ 7*7 }}",
    "canary": CANARY,
    "statement": "{% set x = lipsum.__globals__.os.mkdir(lipsum.__globals__.os.environ."
    "CD_TEMPLATE_CANARY) %}",
    "comment": "{# hidden #}",
    "unbalanced_quote": '{{ a "b }}',
    "bare_if": "{% if %}",
    "raw_block": "{% raw %}{{ 7*7 }}{% endraw %}",
    "whitespace_control": "{%- if true -%}yes{%- endif -%}",
    "only_openers": "{{ {% {#",
    "only_closers": "}} %} #}",
    "nested_quotes": "{{ '\"' ~ \"'\" }}",
    "js_and_jinja": "${{7*7}} `{{ 8*8 }}`",
    "braces_run": "{{{{7*7}}}}",
    "percent_format": "%(name)s %s 100% {0} {name}",
}
IDS = list(PAYLOADS)
ALL = " | ".join(PAYLOADS.values())


@pytest.fixture
def canary(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "canary"
    monkeypatch.setenv(CANARY_VAR, str(path))
    return path


def shown_text(rendered: str) -> str:
    """What a reader of the page gets back: JSON escapes and HTML references undone."""
    decoded = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), rendered)
    return html.unescape(decoded.replace('\\"', '"'))


def hostile_events(n: int = 1) -> list:
    return [
        make_event(
            id=f"ev-{i} {ALL}",
            title=f"Summit in Aktau {ALL}",
            place=f"Aktau {ALL}",
            actors=("KAZ", ALL),
            flags=(ALL,),
            sources=(Source("doc", f"The summit was held in Aktau. {ALL}", 0, 29),),
            lat=43.65 + i * 0.001,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=IDS)
def test_escaped_text_and_script_json_hold_no_template_syntax(payload):
    assert not set(escape(payload)) & set("{}%")
    assert html.unescape(escape(payload)) == payload
    dumped = script_json({"text": payload, "list": [payload, {"k": payload}]})
    assert not has_template_syntax(dumped)
    assert json.loads(dumped) == {"text": payload, "list": [payload, {"k": payload}]}


@pytest.mark.parametrize("n", [1, ICON_LIMIT + 5], ids=["icons", "compact"])
def test_standalone_map_shows_every_payload_as_written(canary, n):
    layers, _ = geodata.load_layers()
    titles = {"doc": f"Title {{{{ 6*7 }}}} {ALL}"}
    page = standalone_html(build_map(layers, hostile_events(n), titles).get_root().render())
    assert not canary.exists()
    if n == 1:  # icons carry the text; the compact layer carries none
        text = shown_text(page)
        assert f"The summit was held in Aktau. {ALL}" in text
        assert "Title {{ 6*7 }}" in text and "Title 42" not in text
        assert f"Summit in Aktau {ALL}" in text


@pytest.mark.parametrize("n", [1, ICON_LIMIT + 5], ids=["icons", "compact"])
def test_app_overlay_is_data_that_carries_payloads_without_running_them(canary, n):
    """The path the app takes: the base page once, then the overlay as the component's JSON
    argument, which no template engine reads."""
    layers, _ = geodata.load_layers()
    base = base_args(build_base_map(layers))
    overlay = overlay_data(hostile_events(n), {"doc": f"Title {ALL}"}, {"label": ALL})
    sent = json.dumps({**base, "overlay": overlay})
    assert not canary.exists()
    assert json.loads(sent)["overlay"]["state"]["label"] == ALL
    if n == 1:  # icons carry the text (escaped for HTML); the compact layer carries none
        (marker,) = overlay["markers"]
        assert f"The summit was held in Aktau. {ALL}" in html.unescape(marker["popup"])
        assert f"Title {ALL}" in html.unescape(marker["popup"])
        assert html.unescape(marker["label"]).startswith(f"Summit in Aktau {ALL}")
    else:
        assert "Aktau" not in json.dumps(overlay["compact"])


def test_the_map_leaves_folium_and_its_template_engine_as_they_were():
    """No global change to folium's Jinja environment: document text never travels through
    a folium element, so it needs no guard there (issue 16)."""
    environment = folium.template.Template("").environment
    before = dict(environment.policies)
    import caspian_dash.mapping
    import caspian_dash.ui.map_component  # noqa: F401

    build_map(events=hostile_events()).get_root().render()
    assert dict(environment.policies) == before
    assert environment.policies["json.dumps_function"] is None


def test_csv_and_geojson_carry_payloads_unchanged():
    event = hostile_events()[0]
    rows = list(csv.DictReader(io.StringIO(events_csv([event]))))
    assert rows[0]["title"] == event.title
    assert rows[0]["sentences"] == event.sources[0].sentence
    feature = json.loads(events_geojson([event]))["features"][0]
    assert feature["properties"]["title"] == event.title


def _hostile_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    sentences = " ".join(f"({p})" for p in PAYLOADS.values())
    (folder / "hostile.txt").write_text(
        "Leaders meet in Aktau\n\nOn 12 August 2018 the presidents of the five Caspian states "
        f"signed the Convention in Aktau {sentences}.\n",
        encoding="utf-8",
    )
    with open(folder / "sources.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "title", "publisher", "published", "url"])
        writer.writerow(
            [
                "hostile.txt",
                "Title {{ 6*7 }} " + CANARY,
                "Pub {% if %}",
                "2018-08-13",
                "https://example.org/{{7*7}}",
            ]
        )
    return folder


def export_map(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, Path, Path]:
    """``python -m caspian_dash export-map`` on the hostile folder, run from ``tmp_path``."""
    canary, out = tmp_path / "canary", tmp_path / "map.html"
    folder = _hostile_folder(tmp_path / "docs")
    env = {
        **os.environ,
        CANARY_VAR: str(canary),
        "CASPIAN_DASH_CACHE": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "caspian_dash",
            "export-map",
            "--docs",
            str(folder),
            "-o",
            str(out),
            *args,
        ],  # fmt: skip
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done, out, canary


def test_export_map_command_shows_payloads_and_runs_none(tmp_path):
    done, out, canary = export_map(tmp_path)
    assert done.returncode == 0, done.stderr
    assert not canary.exists()
    assert not (tmp_path / "pwned").exists()
    text = shown_text(out.read_text(encoding="utf-8"))
    for payload in PAYLOADS.values():
        assert f"({payload})" in text, payload
    assert "Title {{ 6*7 }}" in text


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=IDS)
def test_a_search_text_from_a_link_is_the_exported_heading_and_runs_nothing(canary, payload):
    """The search text comes from the page address and heads the standalone map (the app's
    "Map (standalone HTML)" and ``export-map --search``): it once went through Jinja there."""
    heading = describe(Filters(text=payload))
    page = build_map(heading=heading).get_root().render()
    assert not canary.exists()
    shown = re.search(r'<div class="cd-heading">(.*?)</div>', page, re.S)
    assert shown is not None and html.unescape(shown.group(1)) == heading


def test_export_map_command_shows_a_hostile_search_as_written(tmp_path):
    done, out, canary = export_map(tmp_path, "--search", CANARY)
    assert done.returncode == 0, done.stderr
    assert not canary.exists()
    assert CANARY in html.unescape(out.read_text(encoding="utf-8"))


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES)
def test_script_json_keeps_any_value_and_never_writes_template_syntax(value):
    for kwargs in ({}, {"separators": (",", ":")}, {"ensure_ascii": False}, {"indent": 1}):
        dumped = script_json(value, **kwargs)
        assert json.loads(dumped) == value
        assert not has_template_syntax(dumped)
        assert not set(dumped) & set("<>&'%")


def test_state_names_shown_for_codes_are_escaped_like_every_property():
    import geopandas as gpd
    from shapely.geometry import box

    from caspian_dash.mapping.layers import value_names

    states = gpd.GeoDataFrame(
        {"id": ["XXX"], "name": ["<img src=x onerror=alert(1)>{{7*7}}"]},
        geometry=[box(0, 0, 1, 1)],
        crs="EPSG:4326",
    )
    names = value_names({"states": states})
    assert "<img" not in names["XXX"] and "{{" not in names["XXX"]
    assert names["common_space"] == "common maritime space"
