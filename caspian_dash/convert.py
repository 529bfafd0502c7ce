"""An uploaded file's bytes -> the document's canonical text, with what the file says of
itself (title, date) to pre-fill the form. Refuses what is not a text document (pure)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

TEXT_TYPES = (".txt", ".md")
HTML_TYPES = (".html", ".htm")
PDF_TYPES = (".pdf",)
ACCEPTED = TEXT_TYPES + HTML_TYPES + PDF_TYPES

# Share of control characters (other than tab, newlines, form feed) beyond which the
# "text" is really binary data.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_C1 = re.compile(r"[\x80-\x9f]")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
# Elements that end a paragraph or line of text; inline ones (a, b, span...) do not.
_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
           "article", "header", "footer", "blockquote", "pre", "dd", "dt", "figcaption", "title")


class DocumentError(ValueError):
    """A file that cannot become a document; the message names the file and the reason."""


@dataclass
class Converted:
    text: str
    notices: list[str] = field(default_factory=list)  # e.g. "decoded as Windows-1252"
    title: str = ""  # from the file itself, to pre-fill the form
    published: str = ""


def _is_binary(text: str) -> bool:
    return "\x00" in text or len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * max(len(text), 1)


def decode_text(name: str, data: bytes) -> Converted:
    """UTF-8 (with or without BOM); else Windows-1252 or Latin-1, said in a notice."""
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{name}: this is a binary file, not text")
    try:
        text, notices = data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            # Latin-1 decodes any byte; C1 control characters mean it guessed wrong.
            if encoding == "latin-1" and _C1.search(text):
                continue
            notices = [f"{name}: not UTF-8; decoded as {label}. Check accented letters."]
            break
        else:
            raise DocumentError(f"{name}: the text is not UTF-8, Windows-1252 or Latin-1 and "
                                "cannot be decoded")
    if _is_binary(text):
        raise DocumentError(f"{name}: this is a binary file, not text")
    return Converted(text, notices, published=_first_date(text))


def _first_date(text: str) -> str:
    match = _ISO_DATE.search(text[:2000])  # a date line near the top ("date 2024-04-15")
    return match.group(0) if match else ""


def html_text(name: str, data: bytes) -> Converted:
    """The visible text of an HTML page (scripts, styles and hidden parts dropped)."""
    from bs4 import BeautifulSoup

    decoded = decode_text(name, data)
    soup = BeautifulSoup(decoded.text, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    published = ""
    meta = soup.find("meta", attrs={"property": "article:published_time"}) or soup.find(
        "meta", attrs={"name": "date"})
    if meta and meta.get("content"):
        published = _first_date(meta["content"])
    for hidden in soup(["script", "style", "noscript", "template", "head", "svg", "iframe"]):
        hidden.decompose()
    for block in soup.find_all(_BLOCKS):
        block.insert_after("\n\n")
    lines = (" ".join(line.split()) for line in soup.get_text().splitlines())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    return Converted(text, decoded.notices, title, published or _first_date(text))


def pdf_text(name: str, data: bytes) -> Converted:
    """The text layer of a PDF; a scan without one is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(f"{name}: the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata and reader.metadata.title else "") or ""
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        if isinstance(error, DocumentError):
            raise
        raise DocumentError(f"{name}: not a readable PDF ({error})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise DocumentError(f"{name}: the PDF has no text layer (a scan?); run OCR first")
    return Converted(text + "\n", [], str(title), _first_date(text))


def to_text(name: str, data: bytes) -> Converted:
    """Convert by file type; empty or unsupported files are refused with a clear message."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise DocumentError(f"{name}: unsupported file type; use {', '.join(ACCEPTED)}")
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty")
    if suffix in HTML_TYPES:
        converted = html_text(name, data)
    elif suffix in PDF_TYPES:
        converted = pdf_text(name, data)
    else:
        converted = decode_text(name, data)
    if not converted.text.strip():
        raise DocumentError(f"{name}: no text in the file")
    return converted
