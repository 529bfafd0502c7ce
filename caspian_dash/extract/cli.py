"""``python -m caspian_dash extract`` and ``evaluate``: the thin I/O edge of extraction."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..documents.ingest import read_documents
from ..models import Event
from . import default_gazetteer, events_to_geojson, merge_documents
from .parallel import candidates_each


def main(argv: list[str] | None = None) -> int:
    """Extract events from a folder (or Parquet file) of documents and write them.

    Examples: ``python -m caspian_dash extract seeds -o events.geojson --jobs 2``;
    ``python -m caspian_dash extract docs.parquet --engine dask --workers 2 -o events/``
    (GeoParquet partitions); ``--scheduler tcp://host:8786`` uses a running Dask cluster.
    """
    parser = argparse.ArgumentParser(
        prog="python -m caspian_dash extract",
        description="extract events from a folder of documents or a Parquet file of them",
    )
    parser.add_argument(
        "docs",  # a str: an s3:// or gs:// address would not survive Path
        help="folder of *.txt (+ optional sources.csv), or a Parquet file/folder/address with "
        "columns doc_id, text (+ optional title, publisher, published, url)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="local engine: GeoJSON file (default events.geojson; '-' for stdout); "
        "dask engine: folder of GeoParquet partitions (default events_parquet)",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine, --jobs processes (default); dask: a Dask cluster "
        "(pip install caspian_dash[scale])",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="local engine: worker processes (default 1)"
    )
    parser.add_argument(
        "--scheduler", help="dask engine: address of a running scheduler, e.g. tcp://host:8786"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="dask engine without --scheduler: worker processes of a local cluster (default 2)",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        default=None,
        help="dask engine: partitions to read the documents in (and files to write); default: "
        "one per Parquet row group, or about 100 documents each, and two per worker at least",
    )
    args = parser.parse_args(argv)
    if args.engine == "dask":
        return _main_dask(args)
    documents = _read(args.docs)
    if not documents:
        return 1
    started = time.perf_counter()
    events, failed = _extract(documents, max(1, args.jobs))
    elapsed = time.perf_counter() - started
    output = args.output or Path("events.geojson")
    text = json.dumps(events_to_geojson(events), ensure_ascii=False, indent=1)
    if str(output) == "-":
        print(text)
    else:
        output.write_text(text + "\n", encoding="utf-8")
    print(
        f"{len(events)} events from {len(documents)} documents in {elapsed:.2f}s -> {output}",
        file=sys.stderr,
    )
    return 1 if failed else 0  # the others are written, but the output is incomplete


def _extract(documents: list, jobs: int = 1) -> tuple[list[Event], int]:
    """``extract_events``, but a document whose extraction raises is named on stderr and
    left out (no traceback, the others still extracted); also returns how many failed."""
    per_document, failures = candidates_each(documents, jobs)  # workers build their own
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return merge_documents(per_document, default_gazetteer()), len(failures)


def _read(path: str) -> list:
    """Documents of a folder or a Parquet file (read here, on this machine)."""
    from .dask_engine import documents_from_rows, is_parquet

    if is_parquet(path):
        import pandas as pd

        try:
            frame = pd.read_parquet(path)
        except (OSError, ValueError) as error:
            print(f"error: cannot read {path}: {error}", file=sys.stderr)
            return []
        if not {"doc_id", "text"} <= set(frame.columns):
            print(
                f"error: {path}: a documents Parquet file needs columns doc_id and text",
                file=sys.stderr,
            )
            return []
        documents = documents_from_rows(frame.to_dict("records"))
    else:
        documents, problems = read_documents(Path(path))
        for problem in problems:
            print(f"warning: {problem}", file=sys.stderr)
    if not documents:
        print(f"error: no readable documents in {path}", file=sys.stderr)
    return documents


def _main_dask(args: argparse.Namespace) -> int:
    try:
        import distributed  # noqa: F401  (only to say what to install)
    except ImportError:
        print("error: --engine dask needs Dask: pip install 'caspian_dash[scale]'", file=sys.stderr)
        return 1
    from ..documents.events_io import write_geoparquet
    from .dask_engine import connect, extract_dask, is_parquet

    output = args.output or Path("events_parquet")
    if str(output) == "-":
        print(
            "error: the dask engine writes a folder of GeoParquet files, not stdout",
            file=sys.stderr,
        )
        return 1
    if is_parquet(args.docs):
        source = args.docs  # read by the workers, partition by partition
    else:
        source = _read(args.docs)  # a folder is read here and sent to the workers
        if not source:
            return 1
    started = time.perf_counter()
    failures: list[str] = []
    try:
        with connect(args.scheduler, max(1, args.workers)) as client:
            events, partitions = extract_dask(source, client, args.partitions, failures)
    except (OSError, ValueError) as error:  # unreadable Parquet, wrong columns, no scheduler
        print(f"error: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    write_geoparquet(events, output, partitions)
    print(
        f"{len(events)} events from {args.docs} in {elapsed:.2f}s "
        f"-> {output}/ ({partitions} GeoParquet partitions)",
        file=sys.stderr,
    )
    return 0


def evaluate_main(argv: list[str] | None = None) -> int:
    """Score extracted events against a gold JSONL file (or several, pooled).

    Example: ``python -m caspian_dash evaluate tests/gold/seeds.jsonl seeds``; with more
    than one ``GOLD DOCS`` pair, each folder is extracted on its own and the counts are
    added up into one report.
    """
    from .evaluate import format_report, read_gold, score

    parser = argparse.ArgumentParser(
        prog="python -m caspian_dash evaluate",
        description="score extracted events against gold events",
    )
    parser.add_argument(
        "pairs", nargs="+", type=Path, metavar="GOLD DOCS",
        help="a gold file (one JSON object per line) and the folder of documents it annotates",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    if len(args.pairs) % 2:
        parser.error("give a documents folder after each gold file")
    gold, events = [], []
    for gold_path, docs_dir in zip(args.pairs[::2], args.pairs[1::2]):
        try:
            gold += read_gold(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"error: cannot read gold file {gold_path}: {error}", file=sys.stderr)
            return 1
        documents, problems = read_documents(docs_dir)
        for problem in problems:
            print(f"warning: {problem}", file=sys.stderr)
        events += _extract(documents)[0]
    report = score(gold, events)
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print(format_report(report, verbose=args.verbose))
    return 0
