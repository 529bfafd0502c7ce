"""Extraction speed on real text: the development corpus (tests/data/corpus/, every batch).

    .venv/bin/python benchmarks/extract_corpus.py [--repeat 5] [--code DIR --out FILE]

Reads every batch as the app reads a folder, builds the gazetteer once (timed apart), then
extracts each batch ``--repeat`` times in one process and reports KB of text per second of
CPU time (one core) for the best and the median round, with the events found. Writes
benchmarks/results/extract_corpus.json (or ``--out``).

``--code DIR`` times the extractor of another checkout (``git worktree add DIR COMMIT``) on
this checkout's corpus, so two commits can be compared on the same documents, runs
interleaved.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose extractor runs")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks" / "results" / "extract_corpus.json"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    from caspian_dash.documents.ingest import read_documents
    from caspian_dash.extract import default_gazetteer, extract_events

    batches = [read_documents(folder)[0] for folder in sorted(CORPUS.glob("batch*"))]
    size = sum(len(d.text.encode("utf-8")) for docs in batches for d in docs)
    started = time.process_time()
    gazetteer = default_gazetteer()
    gazetteer_s = time.process_time() - started
    rounds, events = [], 0
    for _ in range(args.repeat):
        started = time.process_time()
        events = sum(len(extract_events(docs, gazetteer)) for docs in batches)
        rounds.append(time.process_time() - started)
    result = {
        "documents": sum(len(docs) for docs in batches),
        "kilobytes": round(size / 1000, 1),
        "events": events,
        "gazetteer_cpu_s": round(gazetteer_s, 2),
        "best_kb_per_cpu_s": round(size / 1000 / min(rounds), 1),
        "median_kb_per_cpu_s": round(size / 1000 / statistics.median(rounds), 1),
        "rounds_cpu_s": [round(r, 3) for r in rounds],
        "code": str(args.code.resolve()),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(json.dumps(result, indent=1))
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
