import hashlib
import json
import re

import pytest

from caspian_dash import assets
from caspian_dash.mapping import build_map
from caspian_dash.settings import STATIC_URL, VENDOR_DIR


def test_every_vendored_file_is_committed_with_its_licence():
    manifest = json.loads((VENDOR_DIR / "MANIFEST.json").read_text())
    names = {p["name"] for p in manifest["packages"]}
    assert names == {p.name for p in assets.PACKAGES}
    for package in manifest["packages"]:
        assert (VENDOR_DIR / package["licence_file"]).stat().st_size > 100
        for path, digest in package["files"].items():
            assert hashlib.sha256((VENDOR_DIR / path).read_bytes()).hexdigest() == digest, path


@pytest.mark.parametrize("cdn_url, local", [(u, p) for u, p in assets.VENDORED.items() if p])
def test_vendored_urls_point_at_files_that_exist(cdn_url, local):
    assert (VENDOR_DIR / local).is_file()
    assert assets.local_url(cdn_url) == f"{STATIC_URL}/vendor/{local}"


@pytest.mark.parametrize(
    "url",
    ["https://cdn.example.org/leaflet.js", "https://unpkg.com/leaflet@1.9.3/dist/leaflet.js", ""],
)
def test_unknown_cdn_address_is_an_error(url):
    with pytest.raises(assets.UnknownAssetError):
        assets.local_url(url)


def test_dropped_files_map_to_none_and_local_urls_pass_through():
    dropped = [u for u, p in assets.VENDORED.items() if p is None]
    assert dropped and all(assets.local_url(u) is None for u in dropped)
    assert assets.local_url(f"{STATIC_URL}/vendor/x.js") == f"{STATIC_URL}/vendor/x.js"


def test_rendered_map_links_only_to_the_apps_own_files(events):
    html = build_map(events=events, basemap="none").get_root().render()
    links = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert links, "the map should link Leaflet"
    assert all(link.startswith(f"{STATIC_URL}/vendor/") for link in links), links
    assert "leaflet.js" in " ".join(links)
    assert "https://" not in html  # no CDN, and no tile server with the offline basemap
