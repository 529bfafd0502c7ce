"""Read a folder of documents (``*.txt``) and its manifest (``sources.csv``).

Bad input never raises: an unreadable file or a malformed manifest row becomes a message
naming it, returned next to the documents that could be read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from itertools import zip_longest
from pathlib import Path

from caspian_dash.daterange import published_problem
from caspian_dash.models import Document

from .convert import DocumentError, decode_text

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
    records = manifest_records(content)
    line, header = next(records, (1, []))
    if isinstance(header, str):
        problems.append(f"{path.name} line {line}: {header}; manifest ignored")
        return {}
    if "file" not in [name.strip() for name in header]:
        problems.append(f"{path.name}: no 'file' column (columns: {', '.join(MANIFEST_COLUMNS)})")
        return {}
    rows: dict[str, dict[str, str]] = {}
    for number, fields in records:
        if isinstance(fields, str):
            problems.append(f"{path.name} line {number}: {fields}; row skipped")
            continue
        # as from csv.DictReader: a short row gets None values, a long one a None key
        clean = _manifest_row(dict(zip_longest(header, fields)), number, path.name, problems)
        if clean is None:
            continue
        if clean["file"] in rows:
            problems.append(
                f"{path.name} line {number}: {clean['file']!r} listed twice; first row kept"
            )
            continue
        rows[clean["file"]] = clean
    return rows


def manifest_records(content: str) -> Iterator[tuple[int, list[str] | str]]:
    """``(line, fields)`` for each record of a manifest's text, parsed strictly (blank lines
    give none), or ``(line, problem)`` for one that does not parse. Reading then resumes on
    the next line, so that an unclosed quote cannot swallow the rows after it."""
    lines = list(io.StringIO(content, newline=""))  # ends kept: quoted fields may span lines
    first = 0  # the line (from 0) the current reader started on
    while first < len(lines):
        reader = csv.reader(lines[first:], strict=True)
        line = first + 1
        try:
            for fields in reader:
                if fields:
                    yield line, fields
                line = first + reader.line_num + 1
            return
        except csv.Error as error:
            unclosed = "end of data" in str(error)  # EOF inside quotes: strict mode's words
            yield line, "unclosed quote" if unclosed else f"not valid CSV ({error})"
            first = line


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
    elif published and (problem := published_problem(published)):
        problems.append(f"{name} line {number}: {problem}; date ignored")
        clean["published"] = ""
    return clean


def _read_text(path: Path, problems: list[str]) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(f"{path.name}: cannot be read ({error.strerror}); skipped")
        return None
    # The uploads' rules (UTF-16/32 by BOM, NUL bytes binary, invisible-only text empty),
    # without guessing legacy encodings.
    try:
        return decode_text(path.name, data, legacy=False).text
    except DocumentError as error:
        # "empty file, skipped" and "looks binary (...), skipped" read as one phrase
        joint = ", " if error.kind in ("empty", "binary") else "; "
        problems.append(f"{error}{joint}skipped")
        return None
