"""Events on disk: GeoParquet partitions and the events GeoJSON read back as equal Events."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas
import pandas as pd
import pytest

from caspian_dash.documents.events_io import load_events, write_geoparquet
from caspian_dash.documents.ingest import read_documents
from caspian_dash.extract import events_to_geojson, extract_events
from caspian_dash.models import Source
from caspian_dash.settings import ROOT
from tests.conftest import make_event


@pytest.fixture(scope="module")
def seed_events():
    return extract_events(read_documents(ROOT / "seeds")[0])


@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_geoparquet_round_trip(tmp_path, events, partitions):
    written = write_geoparquet(events, tmp_path / "out", partitions)
    assert [p.name for p in written] == [f"part.{i:05d}.parquet" for i in range(partitions)]
    assert load_events(tmp_path / "out") == events  # order kept, empty parts included


def test_round_trip_of_extracted_events(tmp_path, seed_events):
    write_geoparquet(seed_events, tmp_path, 4)
    assert load_events(tmp_path) == seed_events
    assert load_events(tmp_path / "part.00000.parquet") == seed_events[:4]  # ceil(14 / 4)


def test_awkward_values_survive(tmp_path):
    tricky = [
        make_event(
            id="q1",
            title='Quotes " and \\ and ünïcödé, 中文',
            actors=(),
            linked_features=("BTC", "CPC"),
            flags=("date_conflict",),
            sources=(Source("a", "One.", 0, 4), Source("b", "Two [x] {y}.", 10, 22)),
        ),
        make_event(id="q2", place=None, lon=None, lat=None, geo_precision=None, sources=()),
    ]
    write_geoparquet(tricky, tmp_path, 2)  # part 1 holds only the event without a place
    assert load_events(tmp_path) == tricky


def test_files_are_geoparquet_any_tool_reads(tmp_path, events):
    write_geoparquet(events, tmp_path, 2)
    frame = geopandas.read_parquet(tmp_path / "part.00000.parquet")
    assert frame.crs.to_epsg() == 4326
    assert set(frame.geom_type) == {"Point"}
    assert frame.loc[0, "id"] == events[0].id
    assert json.loads(frame.loc[0, "actors"]) == list(events[0].actors)
    # plain pandas reads every part as one table
    whole = pd.read_parquet(tmp_path)
    assert sorted(whole["id"]) == sorted(e.id for e in events)


def test_rewrite_with_fewer_partitions_leaves_no_stale_part(tmp_path, events):
    write_geoparquet(events, tmp_path, 4)
    write_geoparquet(events[:1], tmp_path, 1)
    assert [p.name for p in tmp_path.iterdir()] == ["part.00000.parquet"]
    assert load_events(tmp_path) == events[:1]


def test_no_events(tmp_path):
    write_geoparquet([], tmp_path, 2)
    assert load_events(tmp_path) == []


def test_loads_events_geojson(tmp_path, seed_events):
    path = tmp_path / "events.geojson"
    path.write_text(json.dumps(events_to_geojson(seed_events)), encoding="utf-8")
    assert load_events(path) == seed_events


def test_refuses_what_is_not_events(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="no \\*.parquet"):
        load_events(tmp_path / "empty")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(ValueError, match="neither"):
        load_events(tmp_path / "notes.txt")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValueError, match="FeatureCollection"):
        load_events(tmp_path / "list.json")
    pd.DataFrame({"doc_id": ["a"], "text": ["b"]}).to_parquet(tmp_path / "docs.parquet")
    with pytest.raises(ValueError, match="not (GeoParquet )?events"):
        load_events(tmp_path / "docs.parquet")
    with pytest.raises(FileNotFoundError):
        load_events(tmp_path / "missing.geojson")


def test_loading_needs_no_dask(tmp_path, events):
    write_geoparquet(events, tmp_path, 2)
    code = (
        "import sys; from caspian_dash.documents.events_io import load_events; "
        f"assert len(load_events({str(tmp_path)!r})) == {len(events)}; "
        "assert not {'dask', 'distributed'} & {m.split('.')[0] for m in sys.modules}"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
