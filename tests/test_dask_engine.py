"""``extract --engine dask`` on a real local Dask cluster gives exactly ``extract_events``."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import asdict

import pandas as pd
import pytest

from caspian_dash.documents.events_io import load_events
from caspian_dash.documents.ingest import read_documents
from caspian_dash.extract import extract_events
from caspian_dash.extract.cli import main as extract_main
from caspian_dash.models import Document
from caspian_dash.settings import ROOT

distributed = pytest.importorskip("distributed", reason="needs the [scale] extra")

from caspian_dash.extract.dask_engine import (  # noqa: E402  (after the skip)
    documents_from_rows,
    extract_dask,
    is_parquet,
)

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seeds():
    documents = read_documents(SEEDS)[0]
    return documents, extract_events(documents)


@pytest.fixture(scope="module")
def seeds_parquet(tmp_path_factory, seeds):
    path = tmp_path_factory.mktemp("docs") / "seeds.parquet"
    # two row groups, so the file reads as two Dask partitions
    pd.DataFrame([asdict(d) for d in seeds[0]]).to_parquet(path, row_group_size=3)
    return path


@pytest.fixture(scope="module", params=[1, 2], ids=["1 worker", "2 workers"])
def client(request):
    # threads in this process keep the tests fast; the CLI test below uses processes
    with (
        distributed.LocalCluster(
            n_workers=request.param, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.mark.parametrize("partitions", [None, 1, 3, 5])
def test_same_events_as_local_engine_on_seeds(client, seeds, partitions):
    documents, expected = seeds
    events, used = extract_dask(documents, client, partitions)
    assert events == expected
    assert used == partitions or (partitions is None and used > 1)  # two per worker asked


def test_same_events_from_parquet(client, seeds, seeds_parquet):
    events, used = extract_dask(seeds_parquet, client)
    assert events == seeds[1]
    assert used == max(2, 2 * len(client.nthreads()))  # its row groups, or two per worker
    assert extract_dask(seeds_parquet, client, 4)[0] == seeds[1]


def test_cross_document_merge_sees_every_partition(client, seeds):
    # the 2018 Convention is reported by two seeds: one partition per document must still
    # give one event with both sources
    documents, expected = seeds
    multi = [e for e in expected if len({s.doc_id for s in e.sources}) > 1]
    assert multi
    events, _ = extract_dask(documents, client, len(documents))
    assert [e for e in events if len({s.doc_id for s in e.sources}) > 1] == multi


def test_documents_from_rows():
    rows = [
        {"doc_id": "a", "text": "Leaders met in Baku.", "published": dt.date(2020, 5, 1)},
        {"doc_id": 2, "text": "Text.", "title": float("nan"), "published": "May 2020"},
        {"doc_id": "blank", "text": "  \n"},
        {"doc_id": "none", "text": None},
    ]
    assert documents_from_rows(rows) == [
        Document("a", "Leaders met in Baku.", published="2020-05-01"),
        Document("2", "Text."),  # a date not in YYYY[-MM[-DD]] is dropped, as in a manifest
    ]


def test_is_parquet(tmp_path, seeds_parquet):
    assert is_parquet(seeds_parquet)
    assert is_parquet(seeds_parquet.parent)
    assert not is_parquet(SEEDS)
    assert is_parquet("s3://archive/news/")  # read by Dask through fsspec


def test_cli_on_a_local_cluster_of_processes(tmp_path, seeds):
    out = tmp_path / "events"
    run = subprocess.run(
        [sys.executable, "-m", "caspian_dash", "extract", str(SEEDS), "--engine", "dask",
         "--workers", "2", "--partitions", "2", "-o", str(out)],
        check=False, capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["part.00000.parquet", "part.00001.parquet"]
    assert load_events(out) == seeds[1]


def test_cli_with_scheduler_address_and_parquet(client, tmp_path, seeds, seeds_parquet, capsys):
    address = client.scheduler.address
    out = tmp_path / "events"
    argv = [str(seeds_parquet), "--engine", "dask", "--scheduler", address, "-o", str(out)]
    assert extract_main(argv) == 0
    assert load_events(out) == seeds[1]
    assert "GeoParquet partitions" in capsys.readouterr().err


def test_cli_refuses_parquet_without_text(client, tmp_path, capsys):
    bad = tmp_path / "bad.parquet"
    pd.DataFrame({"doc_id": ["a"], "body": ["b"]}).to_parquet(bad)
    argv = [str(bad), "--engine", "dask", "--scheduler", client.scheduler.address]
    assert extract_main([*argv, "-o", str(tmp_path / "out")]) == 1
    assert "needs columns doc_id and text" in capsys.readouterr().err
    assert extract_main([str(bad), "-o", str(tmp_path / "e.geojson")]) == 1  # local engine too
    assert "needs columns doc_id and text" in capsys.readouterr().err


def test_local_engine_reads_parquet_too(tmp_path, seeds, seeds_parquet):
    out = tmp_path / "events.geojson"
    assert extract_main([str(seeds_parquet), "-o", str(out)]) == 0
    assert load_events(out) == seeds[1]


def test_default_engine_does_not_import_dask(tmp_path):
    code = (
        "import sys; from caspian_dash.extract.cli import main; "
        f"assert main([{str(SEEDS)!r}, '-o', {str(tmp_path / 'e.geojson')!r}]) == 0; "
        "import caspian_dash.documents.corpus, caspian_dash.documents.events_io; "
        "assert not {'dask', 'distributed'} & {m.split('.')[0] for m in sys.modules}"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)


@pytest.mark.parametrize("client", [1], indirect=True)
def test_a_failing_document_is_named_and_skipped_on_the_cluster(client, monkeypatch):
    from caspian_dash.extract import parallel

    merged = parallel.document_merged

    def failing(document, gazetteer):
        if document.doc_id == "bad":
            raise RuntimeError("simulated extractor bug")
        return merged(document, gazetteer)

    monkeypatch.setattr(parallel, "document_merged", failing)  # the workers are threads here
    documents = [
        Document("good", "On 8 October 2025 the leaders met in Aktau."),
        Document("bad", "On 18 November 2010 the leaders met in Baku."),
    ]
    failures: list[str] = []
    events, _ = extract_dask(documents, client, 2, failures)
    assert events and {s.doc_id for e in events for s in e.sources} == {"good"}
    assert len(failures) == 1 and failures[0].startswith("bad: its events could not be extracted")
