"""The build script: reproducibility, the pinned download, the writer and the geometry steps."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from shapely.geometry import Point, box

from caspian_dash.geobuild import cli, sources, zones
from caspian_dash.geobuild.gazetteer import point
from caspian_dash.geobuild.geo import GEOD, NAUTICAL_MILE_M
from caspian_dash.geobuild.pipelines import PIPELINES
from caspian_dash.geobuild.routes import geodesic_line
from caspian_dash.geobuild.write import dumps_layer, feature
from caspian_dash.geodata import LAYERS
from caspian_dash.settings import GEODATA_DIR

KM = 1000.0


def test_rebuild_reproduces_committed_files(tmp_path):
    # Uses the cached tarball, or fetches world-atlas from the npm registry (2 MB).
    sizes = cli.build(tmp_path)
    assert sorted(sizes) == sorted(f"{name}.geojson" for name in LAYERS)
    for name in sizes:
        assert (tmp_path / name).read_bytes() == (GEODATA_DIR / name).read_bytes(), name


def test_cli_main_writes_into_out(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        cli.layers, "build_all", lambda cache: {"places": [feature(Point(1, 2), {"id": "x"})]}
    )
    assert cli.main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "places.geojson").exists()
    assert "total" in capsys.readouterr().out


def test_fetch_rejects_a_tampered_tarball(tmp_path):
    (tmp_path / sources.WORLD_ATLAS.tarball_name).write_bytes(b"not the real tarball")
    with pytest.raises(RuntimeError, match="integrity"):
        sources.fetch(sources.WORLD_ATLAS, tmp_path)


def test_cached_tarball_matches_pinned_integrity():
    path = sources.fetch(sources.WORLD_ATLAS)
    assert sources.integrity_of(path) == sources.WORLD_ATLAS.integrity
    assert b"Natural Earth" in sources.read_member(path, "README.md")


@pytest.mark.parametrize(
    "value, written",
    [(51.123456, 51.1235), (-0.00001, 0.0), (49.99996, 50.0), (12.0, 12.0)],
)
def test_writer_rounds_coordinates(value, written):
    text = dumps_layer([feature(Point(value, 40.0), {"id": "p"})])
    assert json.loads(text)["features"][0]["geometry"]["coordinates"] == [written, 40.0]


def test_writer_is_stable_and_sorted():
    props = {"name": "b", "id": "a", "aliases": ("x", "y"), "area": float("nan")}
    first = dumps_layer([feature(Point(1, 2), props)])
    assert first == dumps_layer([feature(Point(1, 2), dict(reversed(props.items())))])
    parsed = json.loads(first)["features"][0]["properties"]
    assert list(parsed) == sorted(parsed)
    assert parsed["aliases"] == ["x", "y"] and parsed["area"] is None


def test_writer_orients_rings_counter_clockwise():
    cw = shapely.Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])
    ring = json.loads(dumps_layer([feature(cw, {"id": "p"})]))["features"][0]["geometry"][
        "coordinates"
    ][0]
    assert shapely.LinearRing(ring).is_ccw


def test_geodesic_line_keeps_waypoints_and_spacing():
    line = geodesic_line(("baku", "tbilisi", "kars"))
    coords = np.array(line.coords)
    for key in ("baku", "tbilisi", "kars"):
        assert any(np.allclose(c, point(key)[:2]) for c in coords)
    _, _, steps = GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    assert steps.max() <= 25 * KM + 1


def test_pipeline_table_rows_are_complete():
    assert len({p.id for p in PIPELINES}) == len(PIPELINES)
    for pipe in PIPELINES:
        assert pipe.length_km_published and pipe.source and len(pipe.route) >= 2
        for key in pipe.route:
            point(key)  # raises if a waypoint is unknown or ambiguous


# Two equal shores facing each other across a 100 km x 200 km strait.
SEA = box(0, 0, 100 * KM, 200 * KM)
SHORES = {
    "W": box(-50 * KM, -50 * KM, 0, 250 * KM),
    "E": box(100 * KM, -50 * KM, 150 * KM, 250 * KM),
}


def test_sectors_split_a_symmetric_sea_in_half():
    parts = zones.sectors(SEA, SHORES)
    assert sum(p.area for p in parts.values()) == pytest.approx(SEA.area, rel=1e-9)
    assert parts["W"].area == pytest.approx(SEA.area / 2, rel=0.01)
    line = zones.median_lines(parts)[("W", "E")]
    assert np.allclose(shapely.get_coordinates(line)[:, 0], 50 * KM, atol=1 * KM)


def test_belts_have_convention_widths():
    parts = zones.sectors(SEA, SHORES)
    belts = {(kind, state): geom for kind, state, geom in zones.belts(SEA, parts)}
    ts, fz = 15 * NAUTICAL_MILE_M, 25 * NAUTICAL_MILE_M

    def core(d):
        # Every edge of this sea is shore, so the core beyond d is a rectangle shrunk by d.
        return (100 * KM - 2 * d) * (200 * KM - 2 * d)

    ts_area = belts[("territorial_sea", "W")].area + belts[("territorial_sea", "E")].area
    fz_area = belts[("fishery_zone", "W")].area + belts[("fishery_zone", "E")].area
    assert ts_area == pytest.approx(SEA.area - core(ts), rel=0.005)
    assert fz_area == pytest.approx(core(ts) - core(fz), rel=0.005)
    assert belts[("common_space", None)].area == pytest.approx(core(fz), rel=0.005)
