"""Adding and removing documents in a documents folder, safely (the I/O edge of issue 6).

A document is ``<doc_id>.txt`` (its canonical text), its original file in ``originals/``
and a row of ``sources.csv``. Every change is all-or-nothing even if the process is killed:

1. every new file is written under a temporary name (``.*.tmp``, which readers ignore);
2. a journal (``.journal.json``) naming the renames and deletions is written atomically:
   this is the commit point;
3. the renames and deletions are carried out and the journal is removed.

``recover`` (run under the lock before every change and before the app reads the folder)
finishes a committed change or throws away an uncommitted one, so the folder is always
exactly as before or exactly as after. A file lock serialises writers (two sessions
uploading at once both succeed).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from caspian_dash.convert import DocumentError, to_text
from caspian_dash.ingest import MANIFEST, MANIFEST_COLUMNS
from caspian_dash.settings import MAX_DOCUMENT_BYTES

ORIGINALS = "originals"
JOURNAL = ".journal.json"
LOCK = ".sources.lock"
_TMP_SUFFIX = ".tmp"
_MAX_STEM = 80
_PUBLISHED = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

# For the crash tests: the named step kills the process with SIGKILL (never set in use).
_CRASH_AT = os.environ.get("CASPIAN_DASH_CRASH_AT", "")


def _crash_point(step: str) -> None:
    if _CRASH_AT == step:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


@dataclass
class Added:
    doc_id: str
    notices: list[str] = field(default_factory=list)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def safe_stem(name: str) -> str:
    """A file name reduced to letters, digits, ``-`` and ``_`` (no paths, no dots)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]  # no folders, whatever the OS
    stem = base.rsplit(".", 1)[0] if "." in base else base
    # Accents go (Türkiye -> Turkiye); anything else that is not a letter or digit becomes _.
    unaccented = "".join(c for c in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(c))
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", unaccented).strip("_-")[:_MAX_STEM]
    return cleaned or "document"


# --- atomic files, the lock and the journal --------------------------------------------------

def _write_tmp(folder: Path, final_name: str, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{final_name}.", suffix=_TMP_SUFFIX)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return Path(tmp)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _commit(folder: Path, renames: list[tuple[Path, Path]], deletions: list[Path]) -> None:
    """Steps 2 and 3: journal (atomic), then apply it."""
    journal = {"renames": [[str(a), str(b)] for a, b in renames],
               "deletions": [str(p) for p in deletions]}
    tmp = _write_tmp(folder, JOURNAL, json.dumps(journal).encode())
    _crash_point("before_journal")
    os.replace(tmp, folder / JOURNAL)
    _fsync_dir(folder)
    _crash_point("after_journal")
    _apply(folder, journal)


def _apply(folder: Path, journal: dict) -> None:
    for i, (tmp, final) in enumerate(journal["renames"]):
        if Path(tmp).exists():
            Path(final).parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)
        if i == 0:
            _crash_point("mid_apply")
    for path in journal["deletions"]:
        Path(path).unlink(missing_ok=True)
    _fsync_dir(folder)
    (folder / JOURNAL).unlink(missing_ok=True)


def _recover_locked(folder: Path) -> None:
    journal_path = folder / JOURNAL
    if journal_path.exists():
        _apply(folder, json.loads(journal_path.read_text()))  # committed: finish it
    for stray in [*folder.glob(f".*{_TMP_SUFFIX}"), *folder.glob(f"{ORIGINALS}/.*{_TMP_SUFFIX}")]:
        stray.unlink(missing_ok=True)  # uncommitted: throw it away


@contextmanager
def locked(folder: Path):
    """Hold the folder's write lock, with any interrupted change settled first."""
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder / LOCK), timeout=60):
        _recover_locked(folder)
        yield


def recover(folder: Path) -> None:
    """Settle an interrupted change (for readers; cheap when there is none)."""
    folder = Path(folder)
    if (folder / JOURNAL).exists() or any(folder.glob(f".*{_TMP_SUFFIX}")):
        with locked(folder):
            pass


# --- the manifest -------------------------------------------------------------------------------

def _read_rows(folder: Path) -> list[dict[str, str]]:
    path = folder / MANIFEST
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return [{c: (row.get(c) or "") for c in MANIFEST_COLUMNS} for row in csv.DictReader(f)]


def _rows_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _clean_meta(meta: Mapping[str, str], name: str) -> dict[str, str]:
    cleaned = {k: " ".join(str(meta.get(k) or "").split()) for k in MANIFEST_COLUMNS if k != "file"}
    if cleaned["published"] and not _PUBLISHED.match(cleaned["published"]):
        raise DocumentError(f"{name}: publication date {cleaned['published']!r} is not "
                            "YYYY, YYYY-MM or YYYY-MM-DD")
    return cleaned


# --- adding and removing ----------------------------------------------------------------------

def _known_hashes(folder: Path) -> dict[str, str]:
    return {content_hash(p.read_text(encoding="utf-8", errors="replace")): p.stem
            for p in sorted(folder.glob("*.txt"))}


def _free_stem(folder: Path, stem: str) -> str:
    taken = {p.stem for p in folder.glob("*.txt")} | {p.stem for p in (folder / ORIGINALS).glob("*")}
    candidate, n = stem, 1
    while candidate in taken:  # never overwrite another document
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def add_document(folder: Path, name: str, data: bytes, meta: Mapping[str, str] | None = None,
                 max_bytes: int = MAX_DOCUMENT_BYTES) -> Added:
    """Store one file as a document; raises ``DocumentError`` (storing nothing) when it can't."""
    folder = Path(folder)
    if len(data) > max_bytes:
        raise DocumentError(f"{name}: {len(data) / 1e6:.1f} MB is over the "
                            f"{max_bytes / 1e6:.0f} MB limit")
    converted = to_text(name, data)
    fields = _clean_meta(meta or {}, name)
    fields["title"] = fields["title"] or converted.title
    fields["published"] = fields["published"] or converted.published
    with locked(folder):
        duplicate = _known_hashes(folder).get(content_hash(converted.text))
        if duplicate:
            raise DocumentError(f"{name}: already stored as {duplicate} (same text); not added")
        doc_id = _free_stem(folder, safe_stem(name))
        original = folder / ORIGINALS / f"{doc_id}{Path(name).suffix.lower()}"
        original.parent.mkdir(exist_ok=True)
        rows = [r for r in _read_rows(folder) if r["file"] != f"{doc_id}.txt"]
        rows.append({"file": f"{doc_id}.txt", **fields})
        renames = [
            (_write_tmp(original.parent, original.name, data), original),
            (_write_tmp(folder, f"{doc_id}.txt", converted.text.encode("utf-8")),
             folder / f"{doc_id}.txt"),
            (_write_tmp(folder, MANIFEST, _rows_bytes(rows)), folder / MANIFEST),
        ]
        _crash_point("files_written")
        _commit(folder, renames, [])
    return Added(doc_id, converted.notices)


def remove_document(folder: Path, doc_id: str) -> None:
    """Remove a document, its original and its manifest row (all or nothing)."""
    folder = Path(folder)
    if safe_stem(doc_id) != doc_id:
        raise DocumentError(f"{doc_id}: not a document id")
    with locked(folder):
        text = folder / f"{doc_id}.txt"
        if not text.exists():
            raise DocumentError(f"{doc_id}: no such document in {folder}")
        rows = [r for r in _read_rows(folder) if r["file"] != f"{doc_id}.txt"]
        originals = sorted((folder / ORIGINALS).glob(f"{doc_id}.*"))
        manifest = _write_tmp(folder, MANIFEST, _rows_bytes(rows))
        _commit(folder, [(manifest, folder / MANIFEST)], [text, *originals])
