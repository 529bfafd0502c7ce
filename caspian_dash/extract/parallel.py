"""Read documents in worker processes (``--jobs N``); merging stays in the parent."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from ..models import Document
from .candidate import Candidate
from .dedupe import merge_candidates
from .document import document_candidates
from .gazetteer import Gazetteer, default_gazetteer

_WORKER_GAZETTEER: Gazetteer | None = None


def document_merged(document: Document, gazetteer: Gazetteer) -> list[Candidate]:
    """One document's candidates, with its own repeats already folded together."""
    return merge_candidates(document_candidates(document, gazetteer))


def parallel_candidates(
    documents: list[Document], jobs: int, gazetteer: Gazetteer | None = None
) -> list[list[Candidate]]:
    """Per-document candidates computed by ``jobs`` processes, in input order."""
    chunk = max(1, len(documents) // (jobs * 32))  # small chunks: workers finish together
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(gazetteer,)) as pool:
        return list(pool.map(_work, documents, chunksize=chunk))


def _init(gazetteer: Gazetteer | None) -> None:
    global _WORKER_GAZETTEER
    _WORKER_GAZETTEER = gazetteer or default_gazetteer()


def _work(document: Document) -> list[Candidate]:
    return document_merged(document, _WORKER_GAZETTEER)
