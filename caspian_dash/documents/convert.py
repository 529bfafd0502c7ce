"""An uploaded file's bytes -> the document's canonical text, with what the file says of
itself (title, date) to pre-fill the form. Refuses what is not a text document (pure)."""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
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
# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 (little-endian)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 (big-endian)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 (little-endian)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 (big-endian)"),
)
# Invisible characters are whitespace, format characters (Unicode category Cf: zero-width
# spaces and joiners, word joiner, BOM, soft hyphen, direction marks) and these blank
# fillers (grapheme joiner, Hangul and Khmer fillers, braille blank, variation selectors).
_FILLERS = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0" + "".join(map(chr, range(0xFE00, 0xFE10)))
)
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
# Elements that end a paragraph or line of text; inline ones (a, b, span...) do not.
_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "title",
)


class DocumentError(ValueError):
    """A file that cannot become a document; the message names the file and the reason.

    ``kind`` is "empty", "binary" or "encoding" when the bytes were refused as text.
    """

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Converted:
    text: str
    notices: list[str] = field(default_factory=list)  # e.g. "decoded as Windows-1252"
    title: str = ""  # from the file itself, to pre-fill the form
    published: str = ""


def _is_binary(text: str) -> bool:
    return "\x00" in text or len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * max(len(text), 1)


def is_blank(text: str) -> bool:
    """True when nothing of ``text`` would show: only whitespace and invisible characters.

    >>> is_blank(" \\u200b\\ufeff\\n"), is_blank("\\u200bBaku")
    (True, False)
    """
    return all(c.isspace() or c in _FILLERS or unicodedata.category(c) == "Cf" for c in text)


def _reads_as_cyrillic(text: str) -> bool:
    """Whether a Windows-1251 reading of the bytes is Cyrillic text.

    True when most letters of the words that hold non-ASCII letters (one-letter words
    aside) are in all-Cyrillic words. Western accents read as Windows-1251 land inside
    Latin words ("Türkiye" becomes "Tьrkiye"), which do not count.
    """
    words = [w for w in _WORD.findall(text) if len(w) > 1 and not w.isascii()]
    cyrillic = sum(len(w) for w in words if _CYRILLIC_WORD.fullmatch(w))
    return cyrillic * 2 > sum(map(len, words))


def _legacy_decode(name: str, data: bytes) -> tuple[str, str]:
    """Text and notice for bytes that are not UTF-8: Cyrillic or Western Windows text."""
    try:
        cyrillic = data.decode("cp1251")
    except UnicodeDecodeError:
        pass
    else:
        # cp1252 decodes nearly any byte too, so the Cyrillic reading must win on its words
        if _reads_as_cyrillic(cyrillic):
            return cyrillic, f"{name}: not UTF-8; decoded as Windows-1251 (Cyrillic)."
    for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Latin-1 decodes any byte; C1 control characters mean it guessed wrong.
        if encoding == "latin-1" and _C1.search(text):
            continue
        return text, f"{name}: not UTF-8; decoded as {label}. Check accented letters."
    raise DocumentError(
        f"{name}: the text is not UTF-8, Windows-1251, Windows-1252 or Latin-1 "
        "and cannot be decoded",
        "encoding",
    )


def decode_text(name: str, data: bytes, *, legacy: bool = True) -> Converted:
    """UTF-8 (with or without BOM), or UTF-16/UTF-32 with a BOM; with ``legacy``, else
    Windows-1251 (when it reads as Cyrillic words), Windows-1252 or Latin-1. Encodings other
    than UTF-8 are said in a notice. Binary data and text that shows nothing are refused.

    One set of rules for uploads and for the documents folder (``legacy=False``: a folder
    file that is not Unicode is refused rather than guessed).
    """
    text, notices, bom_error = None, [], ""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                # e.g. UTF-16 whose first character is U+0000 is not UTF-32: try the next
                bom_error = (
                    f"{name}: has a {label} byte-order mark but is not valid "
                    f"{label} ({error.reason})"
                )
                continue
            notices = [f"{name}: decoded as {label}, as its byte-order mark says."]
            break
    if text is None:
        if bom_error:
            raise DocumentError(bom_error, "encoding")
        if b"\x00" in data:  # NUL bytes are binary data unless a BOM said UTF-16/32
            raise DocumentError(f"{name}: looks binary (contains NUL bytes)", "binary")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            if not legacy:
                raise DocumentError(
                    f"{name}: not valid UTF-8 (byte {error.start})", "encoding"
                ) from None
            text, notice = _legacy_decode(name, data)
            notices = [notice]
    if _is_binary(text):
        what = "NUL bytes" if "\x00" in text else "control characters"
        raise DocumentError(f"{name}: looks binary (contains {what})", "binary")
    if is_blank(text):
        raise DocumentError(
            f"{name}: empty file"
            if not text.strip()
            else f"{name}: empty file after removing invisible characters "
            "(zero-width spaces, byte-order marks...)",
            "empty",
        )
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
        "meta", attrs={"name": "date"}
    )
    if meta and meta.get("content"):
        published = _first_date(str(meta["content"]))
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
        raise DocumentError(f"{name}: empty file", "empty")
    if suffix in HTML_TYPES:
        converted = html_text(name, data)
    elif suffix in PDF_TYPES:
        converted = pdf_text(name, data)
    else:
        converted = decode_text(name, data)
    if is_blank(converted.text):
        raise DocumentError(f"{name}: no text in the file", "empty")
    return converted
