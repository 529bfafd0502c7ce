"""Broken data never stops the app: a broken geodata layer, manifest row or document becomes
a readable notice naming the file (and the feature), and everything else is still shown."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from caspian_dash.geodata import LAYERS, load_layers
from caspian_dash.settings import GEODATA_DIR
from tests.test_app import APP, map_js, run, shown
from tests.test_security_app import unescaped_markdown, unmarkdown

ROOT = Path(APP).parent


def _first_feature(data: dict) -> dict:
    return data["features"][0]


def _missing(path: Path) -> None:
    path.unlink()


def _empty(path: Path) -> None:
    path.write_text("  \n", encoding="utf-8")


def _invalid_json(path: Path) -> None:
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _bow_tie(path: Path) -> None:  # a self-intersecting polygon
    def change(data):
        _first_feature(data)["geometry"] = {
            "type": "Polygon",
            "coordinates": [[[50, 40], [52, 42], [52, 40], [50, 42], [50, 40]]],
        }

    _edit(path, change)


def _crs_member(path: Path) -> None:  # says it is Web Mercator
    _edit(
        path,
        lambda data: data.update(
            crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
        ),
    )


def _projected_coordinates(path: Path) -> None:  # metres, with no crs member to say so
    def change(data):
        def scale(c):
            return (
                [x * 111_000 for x in c]
                if isinstance(c[0], (int, float))
                else [scale(x) for x in c]
            )

        for feature in data["features"]:
            feature["geometry"]["coordinates"] = scale(feature["geometry"]["coordinates"])

    _edit(path, change)


def _first_id(layer: str) -> str:
    data = json.loads((GEODATA_DIR / f"{layer}.geojson").read_text(encoding="utf-8"))
    return _first_feature(data)["properties"]["id"]


# layer, how it is broken, what the notice must say (file, feature where there is one, problem)
BREAKS = [
    ("pipelines", _missing, "pipelines.geojson: file not found"),
    ("places", _empty, "places.geojson: file is empty"),
    ("corridors", _invalid_json, "corridors.geojson: invalid JSON: "),
    (
        "states",
        _bow_tie,
        (
            f"states.geojson: feature {_first_id('states')!r} (#0): "
            "invalid geometry: Self-intersection"
        ),
    ),
    (
        "median_lines",
        _crs_member,
        (
            "median_lines.geojson: CRS must be EPSG:4326 (lon/lat), "
            "found 'urn:ogc:def:crs:EPSG::3857'"
        ),
    ),
    (
        "seabed_sectors",
        _projected_coordinates,
        (
            f"seabed_sectors.geojson: feature {_first_id('seabed_sectors')!r} (#0): coordinates out "
            "of lon/lat range; CRS must be EPSG:4326"
        ),
    ),
]


def broken_geodata(folder: Path, breaks=BREAKS) -> Path:
    shutil.copytree(GEODATA_DIR, folder)
    for layer, breaker, _ in breaks:
        breaker(folder / f"{layer}.geojson")
    return folder


@pytest.mark.parametrize(("layer", "breaker", "message"), BREAKS, ids=[b[0] for b in BREAKS])
def test_each_broken_layer_is_named_and_the_others_load(tmp_path, layer, breaker, message):
    folder = broken_geodata(tmp_path / "geodata", [(layer, breaker, message)])
    layers, errors = load_layers(folder)
    assert len(errors) == 1 and str(errors[0]).startswith(message)
    assert list(layers) == [name for name in LAYERS if name != layer]


def test_app_with_broken_layers_shows_notices_and_the_rest(tmp_path, monkeypatch):
    from caspian_dash import settings

    monkeypatch.setattr(settings, "MAP_GEODATA_DIR", broken_geodata(tmp_path / "geodata"))
    at = run(AppTest.from_file(APP, default_timeout=120))  # run() fails on any exception
    notices = [unmarkdown(w.value) for w in at.warning]
    for _, _, message in BREAKS:
        assert sum(n.startswith(message) for n in notices) == 1, message
    assert all(unescaped_markdown(w.value) == [] for w in at.warning)
    js = map_js(at)
    for kept in ("Caspian Sea", "Maritime zones (2018 Convention)"):  # the layers still good
        assert f'"{kept}"' in js, kept
    for lost in ("Pipelines", "Trade corridors", "Ports, terminals and fields", "Median lines"):
        assert f'"{lost}"' not in js, lost
    assert shown(at) >= 10  # the events are all there
    assert not at.exception and not at.error


def test_app_with_no_geodata_at_all_still_shows_the_events(tmp_path, monkeypatch):
    from caspian_dash import settings

    monkeypatch.setattr(settings, "MAP_GEODATA_DIR", tmp_path / "nowhere")
    at = run(AppTest.from_file(APP, default_timeout=120))
    notices = [unmarkdown(w.value) for w in at.warning]
    assert notices[: len(LAYERS)] == [f"{name}.geojson: file not found" for name in LAYERS]
    # and what that costs: the events' links to those layers count nowhere on the map
    (links,) = notices[len(LAYERS) :]
    assert "features the loaded layers lack" in links and "caspian_sea (" in links
    assert shown(at) >= 10
    total = shown(at)
    run(at.multiselect(key="countries").select("KAZ"))  # filters still work
    assert 0 < shown(at) < total


def test_app_with_broken_manifest_rows_and_unreadable_documents(tmp_path, monkeypatch):
    from caspian_dash import settings

    folder = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", folder)
    with open(folder / "sources.csv", "a", encoding="utf-8") as manifest:
        manifest.write("extra.txt,Title,Publisher,2020,https://example.org,ONE TOO MANY\n")
        manifest.write(',"no file name",x,2020,\n')
        manifest.write("dated.txt,Dated,x,13/2020,\n")
        manifest.write('quoted.txt,"an unclosed quote\n')
    (folder / "dated.txt").write_text("Leaders met in Baku on 3 May 2021.\n", encoding="utf-8")
    (folder / "latin.txt").write_bytes(b"Leaders met in Baku \xff\xfe\xfd on 3 May 2021.\n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "folder.txt").mkdir()  # cannot be read as a file
    monkeypatch.setattr(settings, "DOCS_DIR", folder)
    monkeypatch.setattr(settings, "CACHE_DIR", tmp_path / "cache")
    at = run(AppTest.from_file(APP, default_timeout=120))
    notices = [unmarkdown(w.value) for w in at.warning]
    expected = [
        "sources.csv line 7: wrong number of fields; row skipped",
        "sources.csv line 8: empty 'file'; row skipped",
        "sources.csv line 9: published '13/2020' is not YYYY-MM-DD, YYYY-MM or YYYY; date ignored",
        "latin.txt: not valid UTF-8 (byte 20); skipped",
        "binary.txt: looks binary (contains NUL bytes), skipped",
        "empty.txt: empty file, skipped",
        "folder.txt: cannot be read (Is a directory); skipped",
    ]
    for message in expected:
        assert message in notices, (message, notices)
    assert all(unescaped_markdown(w.value) == [] for w in at.warning)
    # the rest: every seed and the good new document are read and shown
    docs = at.multiselect(key="docs").options
    assert "dated" in " ".join(docs) or any("Dated" in d for d in docs)
    assert sum(1 for d in docs if not d.startswith(("latin", "binary", "empty"))) >= 6
    assert shown(at) >= 11
