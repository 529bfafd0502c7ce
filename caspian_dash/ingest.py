"""Read a folder of documents (``*.txt``) and its manifest (``sources.csv``).

Bad input never raises: an unreadable file or a malformed manifest row becomes a message
naming it, returned next to the documents that could be read.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .models import Document

MANIFEST = "sources.csv"
MANIFEST_COLUMNS = ("file", "title", "publisher", "published", "url")
_PUBLISHED = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def read_documents(folder: str | Path) -> tuple[list[Document], list[str]]:
    """Read every ``*.txt`` in ``folder`` (sorted by name) with its manifest row.

    Returns
    -------
    (documents, problems) : the documents read, and one message per file or manifest row
        that could not be used as is.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Leaders met in Baku.", encoding="utf-8")
    >>> _ = (folder / "b.txt").write_bytes(b"")
    >>> docs, problems = read_documents(folder)
    >>> [d.doc_id for d in docs], problems
    (['a'], ['b.txt: empty file, skipped'])
    """
    folder = Path(folder)
    problems: list[str] = []
    if not folder.is_dir():
        return [], [f"{folder}: not a folder"]
    manifest = read_manifest(folder / MANIFEST, problems)
    documents = []
    for path in sorted(folder.glob("*.txt")):
        text = _read_text(path, problems)
        if text is None:
            continue
        row = manifest.pop(path.name, {})
        documents.append(
            Document(
                doc_id=path.stem,
                text=text,
                title=row.get("title", ""),
                publisher=row.get("publisher", ""),
                published=row.get("published", ""),
                url=row.get("url", ""),
            )
        )
    for name in sorted(manifest):
        problems.append(f"{MANIFEST}: row for {name!r} names no .txt file in the folder")
    return documents, problems


def read_manifest(path: Path, problems: list[str]) -> dict[str, dict[str, str]]:
    """Manifest rows by file name; problems are appended to ``problems``."""
    if not path.exists():
        return {}
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path.name}: cannot be read as UTF-8 text ({error}); manifest ignored")
        return {}
    reader = csv.DictReader(io.StringIO(content))
    missing = [c for c in ("file",) if c not in (reader.fieldnames or [])]
    if missing:
        problems.append(f"{path.name}: no 'file' column (columns: {', '.join(MANIFEST_COLUMNS)})")
        return {}
    rows: dict[str, dict[str, str]] = {}
    for number, row in enumerate(reader, start=2):  # line 1 is the header
        clean = _manifest_row(row, number, path.name, problems)
        if clean is None:
            continue
        if clean["file"] in rows:
            problems.append(
                f"{path.name} line {number}: {clean['file']!r} listed twice; first row kept"
            )
            continue
        rows[clean["file"]] = clean
    return rows


def _manifest_row(row: dict, number: int, name: str, problems: list[str]) -> dict | None:
    if None in row or any(v is None for v in row.values()):
        problems.append(f"{name} line {number}: wrong number of fields; row skipped")
        return None
    clean = {k.strip(): (v or "").strip() for k, v in row.items() if k}
    if not clean.get("file"):
        problems.append(f"{name} line {number}: empty 'file'; row skipped")
        return None
    published = clean.get("published", "")
    if published and not _PUBLISHED.fullmatch(published):
        problems.append(
            f"{name} line {number}: published {published!r} is not YYYY-MM-DD, "
            "YYYY-MM or YYYY; date ignored"
        )
        clean["published"] = ""
    return clean


def _read_text(path: Path, problems: list[str]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(f"{path.name}: cannot be read ({error.strerror}); skipped")
        return None
    if not data.strip():
        problems.append(f"{path.name}: empty file, skipped")
        return None
    if b"\x00" in data:
        problems.append(f"{path.name}: looks binary (contains NUL bytes), skipped")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(f"{path.name}: not valid UTF-8 (byte {error.start}); skipped")
        return None
