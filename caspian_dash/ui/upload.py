"""The sidebar panel that adds documents to the folder (and removes the ones added here)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import streamlit as st

from caspian_dash.convert import ACCEPTED, DocumentError, to_text
from caspian_dash.daterange import FIRST_PUBLISHED_YEAR, last_published_year, published_problem
from caspian_dash.settings import MAX_DOCUMENT_BYTES, MAX_DOCUMENT_MB
from caspian_dash.store import add_document, remove_document

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


def _prefill(upload) -> tuple[dict, list[str]]:
    """What the file says of itself, for the form; problems found while reading it."""
    data = upload.getvalue()
    if len(data) > MAX_DOCUMENT_BYTES:
        return {}, [f"{upload.name}: {len(data) / 1e6:.1f} MB is over the "
                    f"{MAX_DOCUMENT_MB:g} MB limit"]
    try:
        converted = to_text(upload.name, data)
    except DocumentError as error:
        return {}, [str(error)]
    published, notices = converted.published, converted.notices
    problem = published_problem(published)
    if problem:  # a date the form would refuse is not offered
        published, notices = "", [*notices, f"{upload.name}: {problem}; not filled in"]
    return {"title": converted.title, "published": published}, notices


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
            type=[s.lstrip(".") for s in ACCEPTED], accept_multiple_files=True,
            key=f"uploads_{generation}")
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
                            f"to {last_published_year()})", prefill.get("published", ""),
                            max_chars=10, key=f"d{i}"),
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
