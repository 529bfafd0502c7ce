"""``python -m caspian_dash add FILE...`` and ``remove DOC_ID``: manage the documents folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from caspian_dash.documents.convert import DocumentError
from caspian_dash.documents.store import add_document, remove_document
from caspian_dash.settings import DOCS_DIR


def add_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(
        prog="python -m caspian_dash add",
        description="Add documents (.txt .md .html .pdf) to the folder.",
    )
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument(
        "--docs", type=Path, default=DOCS_DIR, help=f"documents folder (default: {DOCS_DIR})"
    )
    for name in ("title", "publisher", "published", "url"):
        p.add_argument(f"--{name}", default="", help="manifest field (applies to every file)")
    args = p.parse_args(argv)
    meta = {k: getattr(args, k) for k in ("title", "publisher", "published", "url")}
    failures = 0
    for path in args.files:
        try:
            added = add_document(args.docs, path.name, path.read_bytes(), meta)
        except (DocumentError, OSError) as error:
            print(f"not added: {error}", file=sys.stderr)
            failures += 1
            continue
        for notice in added.notices:
            print(f"notice: {notice}")
        print(f"added {path} as {added.doc_id}")
    return 1 if failures else 0


def remove_main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="python -m caspian_dash remove")
    p.add_argument("doc_id")
    p.add_argument(
        "--docs", type=Path, default=DOCS_DIR, help=f"documents folder (default: {DOCS_DIR})"
    )
    args = p.parse_args(argv)
    try:
        remove_document(args.docs, args.doc_id)
    except (DocumentError, OSError) as error:
        print(f"not removed: {error}", file=sys.stderr)
        return 1
    print(f"removed {args.doc_id}")
    return 0
