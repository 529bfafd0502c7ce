"""The map as the app hands it to the browser: a base rendered once, layers as files, an
overlay of plain data per filter change (caspian_dash/ui/map_component.py,
mapping.publish_layers)."""

from __future__ import annotations

import gzip
import json

import pytest

from caspian_dash import geodata, mapping
from caspian_dash.mapping.layers import PreparedLayer, publish_layers
from caspian_dash.publish import bundle_scripts, bundle_styles
from caspian_dash.ui.map_component import base_args
from caspian_dash.view import make_view
from caspian_dash.view.filters import Filters


@pytest.fixture(scope="module")
def layers():
    loaded, errors = geodata.load_layers()
    assert not errors
    return loaded


def test_published_layers_are_files_named_by_content(layers, tmp_path):
    prepared = mapping.prepare_layers(layers)
    published = publish_layers(prepared, tmp_path, "/app/static/generated/")
    assert set(published) == set(prepared)
    for name, layer in published.items():
        assert layer.url.startswith("/app/static/generated/" + name + "-")
        path = tmp_path / layer.url.rsplit("/", 1)[1]
        # gzip data as the server sends it: it is not compressed again per request
        assert path.suffixes[-2:] == [".json", ".gz"]
        assert json.loads(gzip.decompress(path.read_bytes())) == json.loads(
            prepared[name].data_json
        )
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    again = publish_layers(prepared, tmp_path, "/app/static/generated")
    assert {n: la.url for n, la in again.items()} == {n: la.url for n, la in published.items()}
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before  # not rewritten
    assert not list(tmp_path.glob("*.tmp"))


def test_a_layer_that_cannot_be_written_stays_in_the_page(tmp_path):
    blocker = tmp_path / "generated"
    blocker.write_text("a file where the folder should be")
    layer = PreparedLayer({"type": "FeatureCollection", "features": []}, [[0, 0], [1, 1]], "{}")
    published = publish_layers({"states": layer}, blocker, "/x")
    assert published["states"].url is None


def test_base_page_fetches_the_layers_instead_of_holding_them(layers, tmp_path):
    prepared = publish_layers(mapping.prepare_layers(layers), tmp_path, "/app/static/generated")
    args = base_args(mapping.build_base_map(layers, prepared=prepared))
    page = args["page"]
    assert page.count("cd.fetchLayer(") == len(prepared)
    for layer in prepared.values():
        assert json.dumps(layer.url) in page
    assert len(page.encode()) < 120_000  # the coordinates (about 700 kB) are in the files
    assert '"coordinates"' not in page
    # The standalone export keeps every layer inside the page: it must work from a file.
    html = mapping.build_map(layers).get_root().render()
    assert "cd.fetchLayer(" not in html.split("fetchLayer: function")[-1]
    assert html.count('"coordinates"') == sum(len(la.data["features"]) for la in prepared.values())


def test_base_page_lists_its_scripts_and_styles_for_the_component(layers):
    args = base_args(mapping.build_base_map(layers))
    assert args["js"][0].endswith("/leaflet.js") and any("markercluster" in u for u in args["js"])
    assert any(u.endswith("/leaflet.css") for u in args["css"])
    assert set(args["bundled"]) == {*args["js"], *args["css"]}
    for url in args["js"]:
        assert f'src="{url}"' in args["page"]  # the page's own links, which a bundle replaces
    assert base_args(mapping.build_base_map(layers), key="k1")["key"] == "map-k1"


def test_overlay_is_data_per_view_named_for_the_layer_control(layers, events):
    args = base_args(mapping.build_base_map(layers))
    view = make_view(layers, events, [], Filters())
    overlay = mapping.view_overlay(view)
    located = sum(e.lat is not None for e in view.shown)
    assert overlay["name"] == f"Events ({located})" and overlay["located"] == located
    assert [m["id"] for m in overlay["markers"]] == [e.id for e in view.shown if e.lat is not None]
    assert overlay["state"]["bounds"] == overlay["bounds"]
    json.dumps(overlay)  # plain data: it travels as the component's JSON argument
    one_year = make_view(layers, events, [], Filters(year_min=2018, year_max=2018))
    second = mapping.view_overlay(one_year)
    assert second["name"] == f"Events ({sum(e.lat is not None for e in one_year.shown)})"
    assert second != overlay
    assert "cd.overlay(" not in args["page"].split("cd.overlay = function")[-1]  # no events


def test_the_maps_scripts_are_one_file_in_their_order(tmp_path):
    static = tmp_path / "static"
    (static / "vendor").mkdir(parents=True)
    (static / "vendor" / "a.js").write_text("var a = 1")  # no final ";" or line break
    (static / "vendor" / "b.js").write_text("var b = a + 1;\n")
    links = ["/app/static/vendor/a.js", "/app/static/vendor/b.js"]
    (bundled,) = bundle_scripts(links, static, "/app/static", tmp_path / "gen", "/app/gen")
    assert bundled.startswith("/app/gen/map-scripts-") and bundled.endswith(".js")
    text = (tmp_path / "gen" / bundled.rsplit("/", 1)[1]).read_text()
    assert text.index("var a = 1") < text.index("var b") and "var a = 1\n;" in text
    # the same scripts, the same file
    assert bundle_scripts(links, static, "/app/static", tmp_path / "gen", "/app/gen") == [bundled]


def test_scripts_stay_separate_when_they_cannot_be_bundled(tmp_path):
    static = tmp_path / "static"
    (static / "vendor").mkdir(parents=True)
    (static / "vendor" / "a.js").write_text("var a;")
    (static / "vendor" / "b.js").write_text("var b;")
    local = ["/app/static/vendor/a.js", "/app/static/vendor/b.js"]
    blocker = tmp_path / "file"
    blocker.write_text("")  # a file where the folder should be: it cannot be created
    assert bundle_scripts(local, static, "/app/static", blocker / "gen", "/g") == local
    missing = [*local, "/app/static/vendor/gone.js"]
    assert bundle_scripts(missing, static, "/app/static", tmp_path / "gen", "/g") == missing
    elsewhere = [local[0], "https://example.org/x.js"]
    assert bundle_scripts(elsewhere, static, "/app/static", tmp_path / "gen", "/g") == elsewhere


def test_the_maps_styles_are_one_file_whose_fonts_and_images_still_resolve(tmp_path):
    static = tmp_path / "static"
    (static / "vendor" / "fa" / "css").mkdir(parents=True)
    (static / "vendor" / "leaflet").mkdir(parents=True)
    (static / "vendor" / "fa" / "css" / "all.css").write_text(
        "@font-face{src:url(../webfonts/fa.woff2) format('woff2')}"
    )
    (static / "vendor" / "leaflet" / "l.css").write_text(
        '.a{background:url("images/layers.png")} .b{behavior:url(#default#VML)} '
        ".c{background:url(data:image/png;base64,AAAA)}"
    )
    links = ["/app/static/vendor/fa/css/all.css", "/app/static/vendor/leaflet/l.css"]
    (bundled,) = bundle_styles(links, static, "/app/static", tmp_path / "gen", "/app/gen")
    text = (tmp_path / "gen" / bundled.rsplit("/", 1)[1]).read_text()
    assert "url(/app/static/vendor/fa/webfonts/fa.woff2)" in text
    assert 'url("/app/static/vendor/leaflet/images/layers.png")' in text
    assert "url(#default#VML)" in text and "url(data:image/png;base64,AAAA)" in text
    assert text.index("@font-face") < text.index(".a{")


def test_the_apps_bundled_styles_point_at_files_that_exist():
    import re

    from caspian_dash.settings import STATIC_DIR, STATIC_URL

    base = mapping.build_base_map({}, "none")
    args = base_args(base)
    (bundled,) = bundle_styles(
        args["css"],
        STATIC_DIR,
        STATIC_URL,
        STATIC_DIR / "generated",
        f"{STATIC_URL}/generated",
    )
    text = (STATIC_DIR / "generated" / bundled.rsplit("/", 1)[1]).read_text()
    refs = {m.group(2) for m in re.finditer(r"""url\((['"]?)([^'")]+)\1\)""", text)}
    local = {r.split("?")[0].split("#")[0] for r in refs if r.startswith(STATIC_URL)}
    assert local, "the bundle references no fonts or images"
    for ref in local:
        assert (STATIC_DIR / ref[len(STATIC_URL) + 1 :]).is_file(), ref
