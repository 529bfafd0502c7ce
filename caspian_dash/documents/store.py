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
uploading at once both succeed). The default documents folder is created from ``seeds/``
on first use (``caspian_dash.documents.userdata``); ``seeds/`` itself is never written.
"""

from __future__ import annotations

import codecs
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

from anyascii import anyascii
from filelock import FileLock

from caspian_dash.daterange import published_problem
from caspian_dash.documents.convert import DocumentError, to_text
from caspian_dash.documents.ingest import MANIFEST, MANIFEST_COLUMNS, manifest_records
from caspian_dash.documents.userdata import prepare
from caspian_dash.settings import MAX_DOCUMENT_BYTES

ORIGINALS = "originals"
JOURNAL = ".journal.json"
LOCK = ".sources.lock"
_TMP_SUFFIX = ".tmp"
_MAX_STEM = 80
_NO_QUOTES = str.maketrans("", "", "'`")  # anyascii's marks for soft signs, apostrophes...
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
    # Letters and digits of any script become ASCII ones (Türkiye -> Turkiye, Каспий ->
    # Kaspiy); anything else that is not a letter or digit becomes _.
    ascii_ = "".join(
        anyascii(c).translate(_NO_QUOTES) if c.isalnum() or unicodedata.combining(c) else c
        for c in unicodedata.normalize("NFC", stem)
    )
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_).strip("_-")[:_MAX_STEM].rstrip("_-")
    return cleaned or "document"


# --- atomic files, the lock and the journal --------------------------------------------------


def _write_tmp(folder: Path, final_name: str, data: bytes) -> Path:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{final_name}.", suffix=_TMP_SUFFIX)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return Path(tmp)


def fsync_dir(folder: Path) -> None:
    """Make a folder's new entries (a rename, a new file) durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _commit(folder: Path, renames: list[tuple[Path, Path]], deletions: list[Path]) -> None:
    """Steps 2 and 3: journal (atomic), then apply it."""
    journal = {
        "renames": [[str(a), str(b)] for a, b in renames],
        "deletions": [str(p) for p in deletions],
    }
    tmp = _write_tmp(folder, JOURNAL, json.dumps(journal).encode())
    _crash_point("before_journal")
    os.replace(tmp, folder / JOURNAL)
    fsync_dir(folder)
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
    fsync_dir(folder)
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
    prepare(folder)  # the default folder starts as a copy of the seeds, not empty
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder / LOCK), timeout=60):
        _recover_locked(folder)
        yield


def recover(folder: Path) -> None:
    """Settle an interrupted change (for readers; cheap when there is none). The default
    documents folder is first created from the seeds if it does not exist yet."""
    folder = prepare(folder)
    if (folder / JOURNAL).exists() or any(folder.glob(f".*{_TMP_SUFFIX}")):
        with locked(folder):
            pass


# --- the manifest -------------------------------------------------------------------------------


@dataclass
class _Manifest:
    """``sources.csv`` as it is: every column (unknown ones too, in their order), every row,
    its byte-order mark and line ending, so that a change rewrites nothing but its own row."""

    header: list[str] = field(default_factory=lambda: list(MANIFEST_COLUMNS))
    rows: list[list[str]] = field(default_factory=list)
    bom: bool = False
    newline: str = "\n"

    def without(self, file: str) -> None:
        i = [name.strip() for name in self.header].index("file")
        self.rows = [row for row in self.rows if row[i].strip() != file]

    def with_row(self, values: Mapping[str, str]) -> None:
        names = [name.strip() for name in self.header]
        for missing in [k for k in values if k not in names]:  # e.g. a manifest without url
            self.header.append(missing)
            names.append(missing)
            self.rows = [[*row, ""] for row in self.rows]
        self.rows.append([values.get(name, "") for name in names])

    def to_bytes(self) -> bytes:
        text = "".join(_csv_line(fields, self.newline) for fields in [self.header, *self.rows])
        return (codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8")


def _csv_line(fields: list[str], newline: str) -> str:
    out = io.StringIO()
    # the writer quotes only the characters of its own line ending: "\r\n" has both
    csv.writer(out, lineterminator="\r\n").writerow(fields)
    return out.getvalue()[:-2] + newline


def _read_manifest(folder: Path) -> _Manifest:
    """The manifest to change; ``DocumentError`` (naming the line) for one that does not
    parse cleanly, since rewriting it would lose what it holds."""
    path = folder / MANIFEST
    if not path.exists():
        return _Manifest()
    data = path.read_bytes()

    def refuse(line: int, what: str) -> DocumentError:
        return DocumentError(
            f"{MANIFEST} line {line}: {what}; nothing was changed "
            "(fix the manifest, then try again)"
        )

    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(
            data[: error.start].count(b"\n") + 1,
            f"byte {data[error.start]:#04x} is not UTF-8 (save it as UTF-8)",
        ) from None
    manifest = _Manifest(
        bom=data.startswith(codecs.BOM_UTF8),
        newline="\r\n" if content.partition("\n")[0].endswith("\r") else "\n",
    )
    records: list[tuple[int, list[str]]] = []
    for line, fields in manifest_records(content):
        if isinstance(fields, str):
            raise refuse(line, fields)  # a row that is no CSV: its problem, named
        records.append((line, fields))
    if not records:
        return manifest
    (line, header), *rows = records
    names = [name.strip() for name in header]
    if "file" not in names:
        raise refuse(line, f"no 'file' column (columns: {', '.join(MANIFEST_COLUMNS)})")
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise refuse(line, f"column {twice[0]!r} appears twice")
    for line, fields in rows:
        if len(fields) != len(header):
            raise refuse(line, f"{len(fields)} fields where the header has {len(header)}")
    manifest.header, manifest.rows = header, [fields for _, fields in rows]
    return manifest


def _clean_meta(meta: Mapping[str, str], name: str) -> dict[str, str]:
    cleaned = {k: " ".join(str(meta.get(k) or "").split()) for k in MANIFEST_COLUMNS if k != "file"}
    if cleaned["published"] and not _PUBLISHED.match(cleaned["published"]):
        raise DocumentError(
            f"{name}: publication date {cleaned['published']!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
        )
    problem = published_problem(cleaned["published"])
    if problem:
        raise DocumentError(f"{name}: {problem}")
    return cleaned


# --- adding and removing ----------------------------------------------------------------------


def _known_hashes(folder: Path) -> dict[str, str]:
    return {
        content_hash(p.read_text(encoding="utf-8", errors="replace")): p.stem
        for p in sorted(folder.glob("*.txt"))
    }


def _free_stem(folder: Path, stem: str) -> str:
    taken = {p.stem for p in folder.glob("*.txt")} | {
        p.stem for p in (folder / ORIGINALS).glob("*")
    }
    candidate, n = stem, 1
    while candidate in taken:  # never overwrite another document
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def add_document(
    folder: Path,
    name: str,
    data: bytes,
    meta: Mapping[str, str] | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Added:
    """Store one file as a document; raises ``DocumentError`` (storing nothing) when it can't."""
    folder = Path(folder)
    if len(data) > max_bytes:
        raise DocumentError(
            f"{name}: {len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit"
        )
    converted = to_text(name, data)
    fields = _clean_meta(meta or {}, name)
    fields["title"] = fields["title"] or converted.title
    # the file's own date line is a guess, not the user's word: dropped when out of range
    if not fields["published"] and not published_problem(converted.published):
        fields["published"] = converted.published
    _read_manifest(folder)  # refuse a broken manifest before even the lock file appears
    with locked(folder):
        manifest = _read_manifest(folder)
        duplicate = _known_hashes(folder).get(content_hash(converted.text))
        if duplicate:
            raise DocumentError(f"{name}: already stored as {duplicate} (same text); not added")
        doc_id = _free_stem(folder, safe_stem(name))
        original = folder / ORIGINALS / f"{doc_id}{Path(name).suffix.lower()}"
        original.parent.mkdir(exist_ok=True)
        manifest.without(f"{doc_id}.txt")  # a stale row naming no file
        manifest.with_row({"file": f"{doc_id}.txt", **fields})
        renames = [
            (_write_tmp(original.parent, original.name, data), original),
            (
                _write_tmp(folder, f"{doc_id}.txt", converted.text.encode("utf-8")),
                folder / f"{doc_id}.txt",
            ),
            (_write_tmp(folder, MANIFEST, manifest.to_bytes()), folder / MANIFEST),
        ]
        _crash_point("files_written")
        _commit(folder, renames, [])
    return Added(doc_id, converted.notices)


def remove_document(folder: Path, doc_id: str) -> None:
    """Remove a document, its original and its manifest row (all or nothing)."""
    folder = Path(folder)
    if safe_stem(doc_id) != doc_id:
        raise DocumentError(f"{doc_id}: not a document id")
    _read_manifest(folder)  # refuse a broken manifest before even the lock file appears
    with locked(folder):
        text = folder / f"{doc_id}.txt"
        if not text.exists():
            raise DocumentError(f"{doc_id}: no such document in {folder}")
        manifest = _read_manifest(folder)
        manifest.without(f"{doc_id}.txt")
        originals = sorted((folder / ORIGINALS).glob(f"{doc_id}.*"))
        tmp = _write_tmp(folder, MANIFEST, manifest.to_bytes())
        _commit(folder, [(tmp, folder / MANIFEST)], [text, *originals])
