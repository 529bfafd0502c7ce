"""The sidebar panel that adds documents to the folder (and removes the ones added here)."""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path

import streamlit as st

from caspian_dash.daterange import FIRST_PUBLISHED_YEAR, last_published_year, published_problem
from caspian_dash.documents.convert import ACCEPTED, HTML_TYPES, DocumentError, is_blank, to_text
from caspian_dash.documents.store import add_document, remove_document
from caspian_dash.extract.context import HEADLINE_CHARS, publication_from_text
from caspian_dash.extract.layout import read_layout
from caspian_dash.settings import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB

ADDED_KEY = "added_docs"  # doc ids added in this session: marked new, removable
_MESSAGES = "upload_messages"  # (kind, text) shown once, after the rerun that follows a change
_GENERATION = "upload_generation"  # a new uploader key empties it after a successful add
_MARKDOWN_PUNCTUATION = {ord(c): "\\" + c for c in string.punctuation}
# Bare addresses ("https://...", "www....", "a@b.org") are made links after escapes are read,
# so an invisible word joiner (U+2060) goes where it breaks the pattern.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?i:(?<=\bwww))(?=\.)|(?<=@)")


def plain(text: object) -> str:
    """Text for an element that reads Markdown (st.warning, st.caption, st.error...), with
    every ASCII punctuation mark backslash-escaped and bare addresses broken by an invisible
    word joiner, so that it shows as itself: file names, manifest values and page-address
    text never become links, emphasis, HTML, directives or formulas."""
    return _AUTOLINK.sub("\u2060", str(text)).translate(_MARKDOWN_PUNCTUATION)


# Pre-filled values are the document's own words: plain text in input widgets, one line,
# no control or invisible format characters (bidi overrides...), and at most this long.
TITLE_CHARS = 200
# A first line holding a date after one of these words is a date line, not a headline
# (" date 2024-04-15 + 16 px").
_DATE_LABEL = re.compile(r"(?i)^\W*(?:date|dated|published|updated|posted|issued)\b")
# Heading marks around a headline: Markdown's "# Title", wiki text's "= Title =".
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
_WIKI_HEADING = re.compile(r"^\s*(=+)\s*(.*?)\s*\1\s*$")
_TOP_CHARS = 5000  # the headline and date line stand at the top: no need to read further


def one_line(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` as one line of plain text for an input widget: control and format
    characters dropped, whitespace runs made one space, cut at a word if over ``limit``."""
    kept = "".join(
        " " if c.isspace() else c
        for c in str(text)
        if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf")
    )
    line = " ".join(kept.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[limit // 2 :] else cut).rstrip() + "…"


def _unmarked(line: str) -> str:
    match = _MD_HEADING.match(line) or _WIKI_HEADING.match(line)
    return match.group(match.lastindex) if match else line


def _is_date_line(line: str) -> bool:
    """A date line by the extractor's rules (read as the second line, under a dummy
    headline), or a labelled date ("Published 8 October 2025")."""
    if read_layout(f"Headline\n{line}").date_line is not None:
        return True
    return bool(_DATE_LABEL.match(line)) and publication_from_text(line) is not None


def text_prefill(text: str) -> dict[str, str]:
    """The headline and the date of the date line near the top of a document's text.

    The headline is the first line with text, unless it is a date line (then the next one),
    when more text follows it and it is no longer than a headline (a longer first line is
    a paragraph). The date is that of the date line under it ("June 29, 2022, Ashgabat"),
    else of a short line with a day date among the first lines after the headline.
    """
    top = text[:_TOP_CHARS]
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", top) if not is_blank(m.group())]
    title, published, body = "", "", 0
    for n, (start, line) in enumerate(lines[:2]):
        if _is_date_line(line):
            moment = publication_from_text(line)
            published = published or (moment.first.isoformat() if moment else "")
            body = start + len(line)
            continue
        if n + 1 < len(lines) and len(line.strip()) <= HEADLINE_CHARS:
            title = _unmarked(line)
            body = start + len(line)
        break
    if not published:
        layout = read_layout(top)
        moment = None
        if layout.date_line is not None:
            a, b = layout.date_line
            moment = publication_from_text(top[a:b])
        moment = moment or publication_from_text(top[body:])
        published = moment.first.isoformat() if moment else ""
    return {"title": one_line(title), "published": published}


def form_prefill(name: str, data: bytes) -> tuple[dict[str, str], list[str]]:
    """What a file says of itself, for the upload form (pure: bytes in, plain strings out),
    and the problems found while reading it. A text file gives its headline and the date
    of its date line; HTML its page title and date; a date the form would refuse is left out."""
    if len(data) > MAX_DOCUMENT_BYTES:
        return {}, [f"{name}: {len(data) / 1e6:.1f} MB is over the {MAX_DOCUMENT_MB:g} MB limit"]
    try:
        converted = to_text(name, data)
    except DocumentError as error:
        return {}, [str(error)]
    found = text_prefill(converted.text)
    title = one_line(converted.title) or found["title"]
    if Path(name).suffix.lower() in HTML_TYPES:  # the page's own date (meta) comes first
        published = converted.published or found["published"]
    else:
        published = found["published"] or converted.published
    notices = list(converted.notices)
    problem = published_problem(published)
    if problem:  # a date the form would refuse is not offered
        published, notices = "", [*notices, f"{name}: {problem}; not filled in"]
    return {"title": title, "published": published}, notices


def _prefill(upload) -> tuple[dict, list[str]]:
    return form_prefill(upload.name, upload.getvalue())


def upload_panel(folder: Path) -> None:
    messages = st.session_state.pop(_MESSAGES, [])
    panel = st.sidebar.expander("Add documents", key="upload_open", on_change="rerun")
    if not panel.open:  # the uploader (and its scripts) load only once the panel is opened
        return
    with panel:
        for kind, text in messages:
            getattr(st, kind)(plain(text))
        generation = st.session_state.setdefault(_GENERATION, 0)
        uploads = st.file_uploader(
            f"Text, Markdown, HTML or PDF, up to {MAX_DOCUMENT_MB:g} MB each",
            type=[s.lstrip(".") for s in ACCEPTED],
            accept_multiple_files=True,
            key=f"uploads_{generation}",
        )
        if uploads:
            with st.form("upload_form", clear_on_submit=True):
                forms = []
                for i, upload in enumerate(uploads):
                    prefill, problems = _prefill(upload)
                    st.markdown(f"**{i + 1}.** `{upload.name.replace('`', '')}`")
                    for problem in problems:
                        st.caption(plain(problem))
                    fields = {
                        "title": st.text_input("Title", prefill.get("title", ""), key=f"t{i}"),
                        "publisher": st.text_input("Publisher", key=f"p{i}"),
                        "published": st.text_input(
                            f"Published (YYYY, YYYY-MM or YYYY-MM-DD; {FIRST_PUBLISHED_YEAR} "
                            f"to {last_published_year()})",
                            prefill.get("published", ""),
                            max_chars=10,
                            key=f"d{i}",
                        ),
                        "url": st.text_input("Address (http or https)", key=f"u{i}"),
                    }
                    forms.append((upload, fields))
                if st.form_submit_button("Add to the documents"):
                    _store(folder, forms)
        _removal(folder)


def _store(folder: Path, forms) -> None:
    added = st.session_state.setdefault(ADDED_KEY, [])
    messages = []
    for upload, fields in forms:
        try:
            result = add_document(folder, upload.name, upload.getvalue(), fields)
        except DocumentError as error:
            messages.append(("error", str(error)))
            continue
        except (OSError, UnicodeError) as error:  # read-only folder, full disk, bad manifest
            messages.append(("error", f"{upload.name}: could not be stored: {error}"))
            continue
        added.append(result.doc_id)
        messages += [("warning", notice) for notice in result.notices]
        messages.append(("success", f"Added {upload.name} as {result.doc_id}"))
    st.session_state[_MESSAGES] = messages
    if any(kind == "success" for kind, _ in messages):
        st.session_state[_GENERATION] += 1  # empty the uploader
    st.rerun()


def _removal(folder: Path) -> None:
    added = [d for d in st.session_state.get(ADDED_KEY, []) if (folder / f"{d}.txt").exists()]
    if not added:
        return
    doc_id = st.selectbox("Remove a document added here", added, index=None, key="remove_doc")
    if doc_id and st.checkbox(f"Yes, remove {doc_id} and its events", key="remove_confirm"):
        if st.button("Remove", key="remove_button", type="primary"):
            try:
                remove_document(folder, doc_id)
            except (DocumentError, OSError, UnicodeError) as error:
                st.error(plain(error))
                return
            st.session_state[ADDED_KEY] = [d for d in added if d != doc_id]
            st.session_state[_MESSAGES] = [("success", f"Removed {doc_id}")]
            st.rerun()
