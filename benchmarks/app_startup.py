"""App start-up time: from `streamlit run` to the map drawn in a browser, on the seeds and on
a folder of 1,000 documents, with the extraction cache cold and warm.

    .venv/bin/python benchmarks/app_startup.py [--docs 1000] [--runs 3]

The 1,000 documents are written to a temporary folder (with a manifest) by the throughput
benchmark's reproducible generator. "Cold" starts with an empty extraction cache; "warm"
starts a new server process on the same folder after a first run filled the cache.
Results go to benchmarks/results/app_startup.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract_throughput import make_corpus

from tools.browser import offline_page, running_app, wait_for_events

RESULTS = ROOT / "benchmarks" / "results"


def write_folder(folder: Path, n_docs: int) -> None:
    folder.mkdir(parents=True)
    with (folder / "sources.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "title", "publisher", "published", "url"])
        for doc in make_corpus(n_docs):
            (folder / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
            writer.writerow([f"{doc.doc_id}.txt", doc.title, doc.publisher, doc.published, doc.url])


def start_to_map(folder: Path, cache: Path) -> float:
    """Seconds from starting the server to the map drawn with its events."""
    start = time.perf_counter()
    with (
        running_app(
            env={"CASPIAN_DASH_DOCS": str(folder), "CASPIAN_DASH_CACHE": str(cache)}, timeout=600
        ) as url,
        offline_page() as (page, _),
    ):
        page.goto(url)
        wait_for_events(page, 600_000)
        return time.perf_counter() - start


def measure(folder: Path, runs: int, tmp: Path) -> dict:
    cold, warm = [], []
    for i in range(runs):
        cache = tmp / f"cache{i}"
        cold.append(start_to_map(folder, cache))
        warm.append(start_to_map(folder, cache))
    return {
        "cold_s": {"median": statistics.median(cold), "runs": cold},
        "warm_s": {"median": statistics.median(warm), "runs": warm},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "docs"
        write_folder(big, args.docs)
        result = {
            "seeds": measure(ROOT / "seeds", args.runs, tmp / "seeds"),
            f"{args.docs}_documents": measure(big, args.runs, tmp / "big"),
            "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores, "
            f"Python {platform.python_version()}",
        }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "app_startup.json").write_text(json.dumps(result, indent=2) + "\n")
    for corpus, r in result.items():
        if corpus != "machine":
            print(
                f"{corpus}: cold {r['cold_s']['median']:.1f} s, warm {r['warm_s']['median']:.1f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
