"""``python -m caspian_dash review list|export|import|export-gold`` (the I/O edge)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from caspian_dash.review.decisions import ReviewError
from caspian_dash.settings import DOCS_DIR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m caspian_dash review",
        description="the analysts' review log of a documents folder (review.sqlite in it)",
    )
    parser.add_argument(
        "--folder", type=Path, default=DOCS_DIR, help=f"documents folder (default {DOCS_DIR})"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="the actions, newest first")
    listing.add_argument("--reviewer", help="only this reviewer's actions")
    listing.add_argument("--action", help="only this action (confirm, reject, edit, ...)")
    listing.add_argument(
        "--orphans", action="store_true", help="only decisions whose sentence is gone"
    )
    export = commands.add_parser(
        "export", help="the log as JSON Lines (to import elsewhere) or CSV"
    )
    export.add_argument("-o", "--output", default="-", help="file (default: standard output)")
    export.add_argument("--csv", action="store_true", help="CSV for a spreadsheet instead")
    imported = commands.add_parser(
        "import", help="add another analyst's log (JSON Lines or database)"
    )
    imported.add_argument("log", type=Path)
    gold = commands.add_parser("export-gold", help="the reviewed events as gold for `evaluate`")
    gold.add_argument("-o", "--output", default="-", help="file (default: standard output)")
    return parser


def _write(text: str, output: str) -> None:
    if output == "-":
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


def _reviewed(folder: Path):
    """The folder's events with the decisions applied (extraction is cached)."""
    from caspian_dash.documents.corpus import load_folder
    from caspian_dash.review.db import reviewed_events

    documents, events, problems = load_folder(folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    return reviewed_events(folder, documents, events)


def _read_log(path: Path):
    from caspian_dash.review.db import ReviewLog
    from caspian_dash.review.logfile import from_jsonl

    if not path.is_file():
        raise ReviewError(f"{path}: no such file")
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(b"SQLite format 3"):
        return ReviewLog(path.parent, path.name).actions()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ReviewError(
            f"{path.name} is neither a review database nor a JSON Lines log"
        ) from None
    return from_jsonl(text, path.name)


def main(argv: list[str] | None = None) -> int:
    from caspian_dash.review.db import ReviewLog
    from caspian_dash.review.logfile import to_csv, to_jsonl

    args = _parser().parse_args(argv)
    log = ReviewLog(args.folder)
    try:
        if args.command == "list":
            orphans = {a.uid for a in _reviewed(args.folder).orphans} if args.orphans else None
            for a in reversed(log.actions()):
                if (args.reviewer and a.reviewer != args.reviewer) or (
                    args.action and a.action != args.action
                ):
                    continue
                if orphans is not None and a.uid not in orphans:
                    continue
                title = a.after.get("title", "")
                extra = f" ({a.comment})" if a.comment else ""
                print(
                    f"{a.seq}\t{a.at[:19]}\t{a.reviewer}\t{a.action}\t{a.anchor.doc_id}\t{title}{extra}"
                )
        elif args.command == "export":
            actions = log.actions()
            _write(to_csv(actions) if args.csv else to_jsonl(actions), args.output)
        elif args.command == "import":
            added, conflicts = log.import_actions(_read_log(args.log))
            print(f"{added} action(s) added from {args.log.name}")
            for conflict in conflicts:
                print(f"conflict: {conflict}")
        elif args.command == "export-gold":
            from caspian_dash.review.gold import gold_lines

            reviewed = _reviewed(args.folder)
            lines = gold_lines(reviewed.events)
            head = (
                f"# Gold written from the review log of {args.folder.name}: the events analysts "
                "confirmed, edited or added.\n# Score against the documents they reviewed.\n"
            )
            _write(head + "".join(line + "\n" for line in lines), args.output)
            print(f"{len(lines)} reviewed events written", file=sys.stderr)
    except ReviewError as error:
        print(f"review: {error}", file=sys.stderr)
        return 2
    return 0
