"""Extraction on a Dask cluster (``extract --engine dask``; ``pip install caspian_dash[scale]``).

The per-document work runs on the workers: ``document_merged`` (sentences, dates, places,
actors, types, and the folding of one document's repeats), partition by partition. A Parquet
file of documents is read by the workers themselves (it must be where they can reach it:
shared disk or object store); a folder is read by the client and sent to them.
The merge across documents (``merge_documents``) runs once, on the client, over every
document's candidates: one happening reported by several documents can only be found with
all of them in view. Candidates are small next to the text, so the client holds far less
than the corpus.

Dask is imported inside the functions that need it, so this module (and the default engine)
works without the extra installed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from ..models import Document, Event
from . import default_gazetteer, merge_documents
from .parallel import document_merged_or_failure

DOCUMENT_COLUMNS = ("doc_id", "text", "title", "publisher", "published", "url")
# the manifest's rule (ingest): YYYY, YYYY-MM or YYYY-MM-DD, anything else is dropped
_PUBLISHED = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int = 2) -> Iterator:
    """A Dask client: on the cluster at ``scheduler``, else on a new local cluster.

    Parameters
    ----------
    scheduler : address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``
    workers : worker processes of the local cluster (one thread each: extraction is pure
        Python, so threads would share one core)
    """
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def is_parquet(path: str | Path) -> bool:
    """Whether ``path`` is a Parquet file of documents, or a folder of them (and no ``*.txt``).

    An address such as ``s3://bucket/archive/`` counts as Parquet: Dask reads it through
    fsspec (with the filesystem's package, e.g. s3fs, installed on client and workers).
    """
    if "://" in str(path):
        return True
    path = Path(path)
    if path.is_dir():
        return any(path.glob("*.parquet")) and not any(path.glob("*.txt"))
    return path.suffix == ".parquet"


def documents_from_rows(rows: Iterable[dict]) -> list[Document]:
    """Documents from table rows (``doc_id``, ``text`` and optional manifest columns).

    Missing values become ``""``, a date or timestamp ``published`` its ISO day, and rows
    with blank text are skipped (as ``read_documents`` skips empty files).

    >>> documents_from_rows([{"doc_id": 7, "text": "Leaders met.", "published": None},
    ...                      {"doc_id": "b", "text": "  "}])
    [Document(doc_id='7', text='Leaders met.', title='', publisher='', published='', url='')]
    """
    documents = []
    for row in rows:
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        fields = {name: _plain(row.get(name)) for name in DOCUMENT_COLUMNS[2:]}
        if isinstance(row.get("published"), dt.date):
            fields["published"] = row["published"].isoformat()[:10]
        if not _PUBLISHED.fullmatch(fields["published"]):
            fields["published"] = ""
        documents.append(Document(doc_id=str(row["doc_id"]), text=text, **fields))
    return documents


def documents_bag(
    source: str | Path | list[Document], partitions: int | None = None, at_least: int = 1
):
    """The documents as a Dask bag of Documents.

    Parameters
    ----------
    source : a list of Documents (e.g. a folder read by ``read_documents``), or the path of
        a Parquet file or folder of Parquet files, read by the workers partition by partition
    partitions : Dask partitions; ``None``: one per row group of a Parquet file, or about
        100 documents each for a list, and never fewer than ``at_least``
    at_least : the fewest partitions when ``partitions`` is not given (one per worker at
        least, or workers would sit idle)
    """
    if isinstance(source, list):
        import dask.bag as db

        count = partitions or max(at_least, len(source) // 100)
        return db.from_sequence(source, npartitions=max(1, min(count, len(source))))
    import dask.dataframe as dd  # only for Parquet: it takes a second or two to import

    frame = dd.read_parquet(str(source), split_row_groups=True)
    if "doc_id" not in frame.columns or "text" not in frame.columns:
        raise ValueError(f"{source}: a documents Parquet file needs columns doc_id and text")
    frame = frame[[c for c in DOCUMENT_COLUMNS if c in frame.columns]]
    if partitions or frame.npartitions < at_least:
        # a file written in one row group would otherwise be read by one worker
        frame = frame.repartition(npartitions=partitions or at_least)
    return frame.to_bag(format="dict").map_partitions(documents_from_rows)


def extract_dask(
    source: str | Path | list[Document],
    client,
    partitions: int | None = None,
    failures: list[str] | None = None,
) -> tuple[list[Event], int]:
    """Events of ``source`` extracted on the cluster behind ``client``; same as ``extract_events``.

    Parameters
    ----------
    source : documents, or the path of a Parquet file (or folder) of documents
    client : a ``dask.distributed.Client`` (see :func:`connect`)
    partitions : Dask partitions to read the documents in; ``None`` picks at least two
        per worker (see :func:`documents_bag`)
    failures : if given, gets a message naming each document whose extraction raised (it
        is skipped; the others are not)

    Returns
    -------
    (events, partitions) : the events, sorted as ``extract_events`` sorts them, and the
        number of Dask partitions the documents were read in
    """
    workers = len(client.scheduler_info().get("workers", {})) or 1
    bag = documents_bag(source, partitions, at_least=2 * workers)
    results = client.gather(client.compute(bag.map_partitions(_partition_candidates)))
    if failures is not None:
        failures += [failure for _, failure in results if failure]
    per_document = [found for found, _ in results]
    return merge_documents(per_document, default_gazetteer()), bag.npartitions


def _partition_candidates(documents: Iterable[Document]) -> list[tuple]:
    # runs on a worker: (candidates, failure or None) per document, in order (the gazetteer
    # is built once per worker process and cached); one document's bug skips it alone
    gazetteer = default_gazetteer()
    return [document_merged_or_failure(d, gazetteer) for d in documents]


def _plain(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # None, NaN, NA
        return ""
    return value if isinstance(value, str) else str(value)
