"""The map's own scripts and styles, served by the app so the map works with no internet.

folium and its plugins point at public CDNs. ``VENDORED`` says which npm package and file
stands in for each CDN address; ``build`` copies those files from the npm registry into
``static/vendor/`` (run once by a developer: ``python -m caspian_dash build-assets``; the
result is committed) and ``localize`` rewrites a map's links to the local copies before it
is rendered. An address missing from the table is an error, so a new plugin cannot
quietly bring back a CDN dependency.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from caspian_dash.settings import STATIC_URL, VENDOR_DIR


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    licence: str  # the package's licence file, copied beside its files
    files: tuple[str, ...]  # paths inside the package (folders end with "/")

    @property
    def folder(self) -> str:
        return self.name.replace("@", "").replace("/", "-")


PACKAGES = (
    NpmPackage(
        "leaflet", "1.9.3", "LICENSE", ("dist/leaflet.js", "dist/leaflet.css", "dist/images/")
    ),
    NpmPackage(
        "@fortawesome/fontawesome-free", "6.2.0", "LICENSE.txt", ("css/all.min.css", "webfonts/")
    ),
    NpmPackage(
        "leaflet.markercluster",
        "1.1.0",
        "MIT-LICENCE.txt",
        (
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
        ),
    ),
    NpmPackage(
        "leaflet.fullscreen",
        "3.0.0",
        "LICENSE",
        ("Control.FullScreen.js", "Control.FullScreen.css", "icon-fullscreen.svg"),
    ),
)

_CDN_JSDELIVR = "https://cdn.jsdelivr.net/npm"
_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"

# CDN address -> local path under static/vendor/, or None where the map does not need the
# file: Bootstrap, glyphicons and awesome-markers serve folium.Icon and page widgets, which
# this map does not use (its markers are drawn by Leaflet; icons come from Font Awesome);
# jQuery only serves folium's non-embedded GeoJSON, and it was one more script to load
# (one after another) before the map could start.
VENDORED: dict[str, str | None] = {
    f"{_CDN_JSDELIVR}/leaflet@1.9.3/dist/leaflet.js": "leaflet/dist/leaflet.js",
    f"{_CDN_JSDELIVR}/leaflet@1.9.3/dist/leaflet.css": "leaflet/dist/leaflet.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": None,
    f"{_CDN_JSDELIVR}/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js": None,
    f"{_CDN_JSDELIVR}/bootstrap@5.2.2/dist/css/bootstrap.min.css": None,
    f"{_CDN_JSDELIVR}/@fortawesome/fontawesome-free@6.2.0/css/all.min.css": "fortawesome-fontawesome-free/css/all.min.css",
    f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js": None,
    f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css": None,
    f"{_CDNJS}/leaflet.markercluster/1.1.0/leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    f"{_CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    f"{_CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    f"{_CDN_JSDELIVR}/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js": "leaflet.fullscreen/Control.FullScreen.js",
    f"{_CDN_JSDELIVR}/leaflet.fullscreen@3.0.0/Control.FullScreen.css": "leaflet.fullscreen/Control.FullScreen.css",
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": None,
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
    "leaflet.awesome.rotate.min.css": None,
}


class UnknownAssetError(ValueError):
    """A map element links to an address that is not vendored."""


def local_url(cdn_url: str, base_url: str = STATIC_URL) -> str | None:
    """The app's own address for a CDN file (None: the file is deliberately left out)."""
    if cdn_url.startswith(base_url):
        return cdn_url
    if cdn_url not in VENDORED:
        raise UnknownAssetError(
            f"{cdn_url} is not vendored: add it to caspian_dash.assets.VENDORED and run "
            "`python -m caspian_dash build-assets`"
        )
    path = VENDORED[cdn_url]
    return None if path is None else f"{base_url}/vendor/{path}"


def _localized(links, base_url: str) -> list[tuple[str, str]]:
    out = []
    for name, url in links:
        new = local_url(url, base_url)
        if new is not None:
            out.append((name, new))
    return out


def localize(root, base_url: str = STATIC_URL) -> None:
    """Point every element under ``root`` (a folium Map or element) at the local copies.

    Works on the element tree by duck typing (``default_js``, ``default_css``,
    ``_children``) so this module does not import folium.
    """
    stack = [root]
    while stack:
        element = stack.pop()
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if links:
                setattr(element, attr, _localized(links, base_url))
        stack.extend(getattr(element, "_children", {}).values())


# --- build time: fetch from the npm registry -------------------------------------------


def _npm_pack(spec: str, dest: Path) -> tuple[Path, str]:
    """Download one package tarball with npm; returns its path and npm's integrity hash."""
    result = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(dest)],
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(result.stdout)[0]
    return dest / info["filename"], info["integrity"]


def _extract(tarball: Path, package: NpmPackage, dest: Path) -> list[str]:
    wanted = (*package.files, package.licence)
    written = []
    with tarfile.open(tarball) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            inner = member.name.removeprefix("package/")
            if not member.isfile() or not any(
                inner == w or (w.endswith("/") and inner.startswith(w)) for w in wanted
            ):
                continue
            target = dest / package.folder / inner
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tar.extractfile(member).read())
            written.append(f"{package.folder}/{inner}")
    missing = [w for w in wanted if not any(f.startswith(f"{package.folder}/{w}") for f in written)]
    if missing:
        raise FileNotFoundError(f"{package.name}@{package.version} has no {missing}")
    return written


def build(dest: Path = VENDOR_DIR) -> dict:
    """Fetch every package in ``PACKAGES`` and write its files and a manifest to ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    manifest = {"generated_by": "python -m caspian_dash build-assets", "packages": []}
    with tempfile.TemporaryDirectory() as tmp:
        for package in PACKAGES:
            tarball, integrity = _npm_pack(f"{package.name}@{package.version}", Path(tmp))
            files = _extract(tarball, package, dest)
            manifest["packages"].append(
                {
                    "name": package.name,
                    "version": package.version,
                    "integrity": integrity,
                    "licence_file": f"{package.folder}/{package.licence}",
                    "files": {
                        f: hashlib.sha256((dest / f).read_bytes()).hexdigest() for f in files
                    },
                }
            )
    (dest / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def main(argv: list[str]) -> int:
    if argv:
        print("usage: python -m caspian_dash build-assets", file=sys.stderr)
        return 2
    manifest = build()
    count = sum(len(p["files"]) for p in manifest["packages"])
    print(f"vendored {count} files from {len(manifest['packages'])} npm packages into {VENDOR_DIR}")
    return 0
