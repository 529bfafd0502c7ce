"""What the gazetteer costs at start-up, with and without the small-places table.

    python benchmarks/gazetteer_startup.py [--runs 5]

Builds the default gazetteer in fresh processes (the extractor builds it once per process)
and prints the median wall time and the memory it keeps (tracemalloc, a separate run, as
tracing slows the build), with ``lexicons/small_places.tsv`` read and with it skipped.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

CHILD = """
import sys, time, tracemalloc
from caspian_dash.extract import gazetteer as gz
from pathlib import Path
if sys.argv[1] == "without":
    gz.SMALL_PLACES = Path("/nonexistent/small_places.tsv")
if sys.argv[2] == "memory":
    tracemalloc.start()
started = time.perf_counter()
g = gz.build_gazetteer(gz.LAYER_NAMES)
elapsed = time.perf_counter() - started
kept = tracemalloc.get_traced_memory()[0] if sys.argv[2] == "memory" else 0
print(elapsed, kept, g.index.size())
"""


def run(variant: str, mode: str) -> tuple[float, int, int]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, variant, mode], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for variant in ("without", "with"):
        times = [run(variant, "time")[0] for _ in range(args.runs)]
        _, kept, names = run(variant, "memory")
        print(
            f"{variant:>7} small places: {statistics.median(times):.2f} s median of "
            f"{args.runs}, {kept / 1e6:.1f} MB kept, {names} names"
        )


if __name__ == "__main__":
    main()
