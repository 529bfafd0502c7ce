"""``python -m caspian_dash extract`` and ``evaluate``: the thin I/O edge of extraction."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..ingest import read_documents
from . import events_to_geojson, extract_events


def main(argv: list[str] | None = None) -> int:
    """Extract events from DOCS_DIR and write them as GeoJSON.

    Example: ``python -m caspian_dash extract seeds -o events.geojson --jobs 2``
    """
    parser = argparse.ArgumentParser(
        prog="python -m caspian_dash extract",
        description="extract events from a folder of documents",
    )
    parser.add_argument("docs_dir", type=Path, help="folder of *.txt (+ optional sources.csv)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("events.geojson"),
        help="GeoJSON file to write (default: events.geojson; '-' for stdout)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    args = parser.parse_args(argv)
    documents, problems = read_documents(args.docs_dir)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not documents:
        print(f"error: no readable documents in {args.docs_dir}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    events = extract_events(documents, jobs=max(1, args.jobs))
    elapsed = time.perf_counter() - started
    text = json.dumps(events_to_geojson(events), ensure_ascii=False, indent=1)
    if str(args.output) == "-":
        print(text)
    else:
        args.output.write_text(text + "\n", encoding="utf-8")
    print(
        f"{len(events)} events from {len(documents)} documents in {elapsed:.2f}s -> {args.output}",
        file=sys.stderr,
    )
    return 0


def evaluate_main(argv: list[str] | None = None) -> int:
    """Score extracted events against a gold JSONL file.

    Example: ``python -m caspian_dash evaluate tests/gold/seeds.jsonl seeds``
    """
    from .evaluate import format_report, read_gold, score

    parser = argparse.ArgumentParser(
        prog="python -m caspian_dash evaluate",
        description="score extracted events against gold events",
    )
    parser.add_argument("gold", type=Path, help="gold events, one JSON object per line")
    parser.add_argument("docs_dir", type=Path, help="the documents the gold file annotates")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    try:
        gold = read_gold(args.gold.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"error: cannot read gold file {args.gold}: {error}", file=sys.stderr)
        return 1
    documents, problems = read_documents(args.docs_dir)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    report = score(gold, extract_events(documents))
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print(format_report(report, verbose=args.verbose))
    return 0
