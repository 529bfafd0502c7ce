"""A documents folder, ready for the app: settled, read, and its events extracted with a
per-document cache, so a restart on 1,000 unchanged documents extracts nothing again.

Each document's extraction is cached under its content key: the hash of its text, its
manifest fields and the extractor's own version (the hash of the extraction code and its
lexicons, the layers' names among them), so changing a rule or a document recomputes
exactly what it must, and editing a map layer recomputes nothing (the join with the layers
the app loads is ``caspian_dash/join.py``'s).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from caspian_dash.documents.ingest import read_documents
from caspian_dash.documents.store import recover
from caspian_dash.extract import default_gazetteer, document_merged, merge_documents
from caspian_dash.extract.parallel import failure_message
from caspian_dash.models import Document, Event
from caspian_dash.settings import CACHE_DIR, ROOT

_PACKAGE = ROOT / "caspian_dash"


def extractor_inputs() -> list[Path]:
    """Every file extraction results depend on besides the document itself: the code, the
    lexicons (the layers' names among them), the years it keeps; no map layer."""
    return [
        *sorted((_PACKAGE / "extract").glob("*.py")),
        *sorted((_PACKAGE / "lexicons").glob("*")),
        _PACKAGE / "models.py",
        _PACKAGE / "daterange.py",
    ]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Hash of ``extractor_inputs``."""
    digest = hashlib.sha256()
    for path in extractor_inputs():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def document_key(document: Document) -> str:
    parts = (
        extractor_version(),
        document.doc_id,
        document.text,
        document.title,
        document.publisher,
        document.published,
        document.url,
    )
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def folder_fingerprint(folder: Path) -> str:
    """Changes whenever a document or the manifest changes (by content, not by date)."""
    digest = hashlib.sha256()
    for path in sorted([*Path(folder).glob("*.txt"), Path(folder) / "sources.csv"]):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _cached(document: Document, gazetteer, cache: Path):
    path = cache / f"{document_key(document)}.pkl"
    if path.exists():
        try:
            return pickle.loads(path.read_bytes())  # our own cache folder, our own objects
        except Exception:  # a truncated or stale file is just a miss
            pass
    found = document_merged(document, gazetteer)
    fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        pickle.dump(found, f)
    os.replace(tmp, path)
    return found


def extract_cached(
    documents: list[Document], cache_dir: Path = CACHE_DIR, problems: list[str] | None = None
) -> list[Event]:
    """``extract_events``, with each document's part cached on disk. Given ``problems``, a
    document whose extraction raises is left out with a message naming it appended there
    (one bad document must not keep the app from starting); without, the error is raised."""
    cache = Path(cache_dir) / "extract"
    cache.mkdir(parents=True, exist_ok=True)
    gazetteer = default_gazetteer()
    per_document = []
    for document in documents:
        try:
            per_document.append(_cached(document, gazetteer, cache))
        except Exception as error:  # any error at all: it is reported, with its type
            if problems is None:
                raise
            problems.append(failure_message(f"{document.doc_id}.txt", error))
    return merge_documents(per_document, gazetteer)


def load_folder(
    folder: Path, cache_dir: Path = CACHE_DIR
) -> tuple[list[Document], list[Event], list[str]]:
    """Settle any interrupted change, read the documents, extract (cached) their events."""
    recover(Path(folder))
    documents, problems = read_documents(folder)
    return documents, extract_cached(documents, cache_dir, problems), problems
