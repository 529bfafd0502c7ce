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


def failure_message(name: str, error: BaseException) -> str:
    """What to tell when extracting the document ``name`` raised ``error``."""
    return (
        f"{name}: its events could not be extracted ({type(error).__name__}: {error}); "
        "the document is skipped, the others are not"
    )


def document_merged_or_failure(
    document: Document, gazetteer: Gazetteer
) -> tuple[list[Candidate], str | None]:
    """``document_merged``, or no candidates and a message naming the document when it
    raises: a bug met in one document must not stop the others."""
    try:
        return document_merged(document, gazetteer), None
    except Exception as error:  # noqa: BLE001 - any error at all is reported, with its type
        return [], failure_message(document.doc_id, error)


def parallel_candidates(
    documents: list[Document], jobs: int, gazetteer: Gazetteer | None = None
) -> list[list[Candidate]]:
    """Per-document candidates computed by ``jobs`` processes, in input order."""
    with _pool(jobs, gazetteer) as pool:
        return list(pool.map(_work, documents, chunksize=_chunk(documents, jobs)))


def candidates_each(
    documents: list[Document], jobs: int = 1, gazetteer: Gazetteer | None = None
) -> tuple[list[list[Candidate]], list[str]]:
    """Per-document candidates (in ``jobs`` processes when more than one), and a message for
    each document whose extraction failed (its candidates are left out)."""
    if jobs > 1 and len(documents) > 1:
        with _pool(jobs, gazetteer) as pool:
            results = list(pool.map(_work_or_failure, documents, chunksize=_chunk(documents, jobs)))
    else:
        gazetteer = gazetteer or default_gazetteer()
        results = [document_merged_or_failure(d, gazetteer) for d in documents]
    return [found for found, _ in results], [failure for _, failure in results if failure]


def _pool(jobs: int, gazetteer: Gazetteer | None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(gazetteer,))


def _chunk(documents: list[Document], jobs: int) -> int:
    return max(1, len(documents) // (jobs * 32))  # small chunks: workers finish together


def _init(gazetteer: Gazetteer | None) -> None:
    global _WORKER_GAZETTEER
    _WORKER_GAZETTEER = gazetteer or default_gazetteer()


def _work(document: Document) -> list[Candidate]:
    assert _WORKER_GAZETTEER is not None, "a worker reads only after _init"
    return document_merged(document, _WORKER_GAZETTEER)


def _work_or_failure(document: Document) -> tuple[list[Candidate], str | None]:
    assert _WORKER_GAZETTEER is not None, "a worker reads only after _init"
    return document_merged_or_failure(document, _WORKER_GAZETTEER)
