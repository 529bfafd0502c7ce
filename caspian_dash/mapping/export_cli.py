"""``python -m caspian_dash export-map``: the dashboard's map for a filter, as one HTML file
that works offline (all scripts, styles and data inlined)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from caspian_dash import geodata
from caspian_dash.countries import country_name
from caspian_dash.documents.ingest import read_documents
from caspian_dash.documents.userdata import prepare
from caspian_dash.extract import extract_events
from caspian_dash.mapping import full_map
from caspian_dash.models import EVENT_TYPES
from caspian_dash.review.db import reviewed_events
from caspian_dash.review.decisions import ReviewError
from caspian_dash.settings import DOCS_DIR
from caspian_dash.view import make_view
from caspian_dash.view.exports import standalone_html
from caspian_dash.view.filters import Filters, describe


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m caspian_dash export-map", description=__doc__)
    p.add_argument(
        "--docs", type=Path, default=DOCS_DIR, help=f"documents folder (default: {DOCS_DIR})"
    )
    p.add_argument("--from-year", type=int)
    p.add_argument("--to-year", type=int)
    p.add_argument("--country", action="append", default=[], help="ISO3, repeatable")
    p.add_argument("--type", action="append", default=[], choices=EVENT_TYPES, help="repeatable")
    p.add_argument("--doc", action="append", default=[], help="document id, repeatable")
    p.add_argument("--search", default="", help="free text in titles and sentences")
    p.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    return p


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    documents, problems = read_documents(prepare(args.docs))
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    layers, errors = geodata.load_layers()
    for error in errors:
        print(f"warning: {error}", file=sys.stderr)
    filters = Filters(
        args.from_year,
        args.to_year,
        frozenset(c.upper() for c in args.country),
        frozenset(args.type),
        frozenset(args.doc),
        args.search.strip(),
    )
    try:  # as the app shows them: the analysts' decisions applied, rejected events left out
        events = reviewed_events(args.docs, documents, extract_events(documents)).events
    except ReviewError as error:
        print(f"warning: review is off: {error}", file=sys.stderr)
        events = extract_events(documents)
    view = make_view(layers, events, documents, filters)
    title = f"Caspian events: {describe(filters, {c: country_name(c) for c in filters.countries})}"
    page = standalone_html(full_map(layers, view, heading=title).get_root().render(), title=title)
    args.output.write_text(page, encoding="utf-8")
    print(f"wrote {args.output}: {len(view.shown)} events, {len(page) / 1e6:.1f} MB")
    return 0
