"""The browser's decoder of the packed event columns (``cd.unpack`` in mapping/runtime.js), run
by Node.js on what Python's ``pack`` writes: the same numbers come back as went in, in CI
(which installs Node) and not only where Chromium is."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from caspian_dash.mapping.events import pack

RUNTIME = Path(__file__).resolve().parent.parent / "caspian_dash" / "mapping" / "runtime.js"
NODE = shutil.which("node") or shutil.which("nodejs")

# runtime.js expects a page: a window to hang `cd` on, and Leaflet's L.Layer to extend
_HARNESS = """
const vm = require("vm"), fs = require("fs");
const context = {window: {}, L: {Layer: {extend: (o) => function () {}}}, atob: atob};
context.window = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), context);
const payload = JSON.parse(fs.readFileSync(0, "utf8"));
const out = context.cd.unpack(payload);
const plain = {};
for (const key of ["lat", "lon", "y", "t", "p", "m", "r"]) plain[key] = Array.from(out[key]);
plain.types = out.types;
process.stdout.write(JSON.stringify(plain));
"""

DATA = {
    "types": ["summit", "agreement", "military_action"],
    # the sea's corners, the antimeridian, a 1,000th of a degree, and the far south-west
    "lat": [40.377, 47.123, -33.869, 0.001, 89.999, -89.999],
    "lon": [49.892, -179.999, 151.209, 0.0, 180.0, -0.001],
    "y": [2018, 1071, 2100, 1700, -1, 32767],
    "t": [0, 1, 2, 127, 0, 1],
    "p": [1, 0, 1, 0, 1, 0],
    "m": [8, 12, 0, 1, 15, 6],  # a month, in the low four bits of its byte
    "r": [0, 1, 2, 3, 15, 0],  # a review status, in the high four
    "reviews": [{"label": "confirmed", "colour": "#0a7d2c"}],
}


@pytest.mark.skipif(NODE is None, reason="needs Node.js (CI installs it)")
def test_the_browser_decodes_what_python_packs():
    payload = pack(DATA)
    done = subprocess.run(
        [NODE, "-e", _HARNESS, str(RUNTIME)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    decoded = json.loads(done.stdout)
    assert decoded["types"] == DATA["types"]
    for key in ("y", "t", "p", "m", "r"):
        assert decoded[key] == DATA[key], key
    for key in ("lat", "lon"):
        assert decoded[key] == pytest.approx(DATA[key], abs=5e-4), key
