"""``python -m caspian_dash export-briefing STORY -o pack.html [--pdf pack.pdf]``: a story
of the documents folder as an offline briefing pack (the I/O edge)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from caspian_dash.settings import DOCS_DIR


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m caspian_dash export-briefing", description=__doc__)
    p.add_argument("story", help="the story's name (a file in the folder's stories/)")
    p.add_argument(
        "--docs", type=Path, default=DOCS_DIR, help=f"documents folder (default {DOCS_DIR})"
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="the HTML pack to write")
    p.add_argument("--pdf", type=Path, help="also print it to this PDF (needs Chromium)")
    return p


def build_pack(docs: Path, name: str) -> tuple[str, list[str]]:
    """The pack's HTML for story ``name`` of ``docs``, and notices (what it lacks)."""
    from caspian_dash import geodata
    from caspian_dash.briefing.pack import pack_html, slide_for
    from caspian_dash.briefing.store import load_story
    from caspian_dash.briefing.story import missing
    from caspian_dash.documents.corpus import load_folder
    from caspian_dash.documents.userdata import prepare
    from caspian_dash.join import layer_join, sea_join
    from caspian_dash.review.db import reviewed_events
    from caspian_dash.review.decisions import ReviewError
    from caspian_dash.view import make_view
    from caspian_dash.view.filters import clamp_years, from_query, year_span

    folder = prepare(docs)
    story = load_story(folder, name)
    documents, events, notices = load_folder(folder)
    try:  # as the app shows them: the analysts' decisions applied
        events = reviewed_events(folder, documents, events).events
    except ReviewError as error:
        notices.append(f"review is off: {error}")
    layers, errors = geodata.load_layers()
    notices += [str(e) for e in errors]
    notices += missing(story, {e.id for e in events}, {d.doc_id for d in documents})
    sea, links = sea_join(events, layers), layer_join(events, layers)
    by_id = {d.doc_id: d for d in documents}
    span = year_span(events)
    slides = []
    for step in story.steps:
        filters = clamp_years(from_query(step.query), span)
        view = make_view(layers, events, documents, filters, sea, None, links)
        slides.append(slide_for(step, view.shown, view.state, by_id))
    return pack_html(story, slides, layers), notices


def main(argv: list[str]) -> int:
    from caspian_dash.briefing.pdf import PdfError, print_pdf
    from caspian_dash.briefing.story import StoryError

    args = _parser().parse_args(argv)
    try:
        page, notices = build_pack(args.docs, args.story)
    except StoryError as error:
        print(f"export-briefing: {error}", file=sys.stderr)
        return 2
    for notice in notices:
        print(f"warning: {notice}", file=sys.stderr)
    args.output.write_text(page, encoding="utf-8")
    slides = page.count('<section class="pk-slide"')
    print(f"wrote {args.output}: {slides} slides, {len(page) / 1e6:.1f} MB")
    if args.pdf:
        try:
            print_pdf(args.output, args.pdf)
        except PdfError as error:
            print(f"export-briefing: no PDF: {error}", file=sys.stderr)
            return 3
        print(f"wrote {args.pdf}")
    return 0
