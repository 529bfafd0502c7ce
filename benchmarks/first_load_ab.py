"""Compare the first load of two copies of the app (two commits), in alternating runs.

    git worktree add /tmp/before <commit>
    .venv/bin/python benchmarks/first_load_ab.py /tmp/before . [--events 10000] [--rounds 5]

Both copies run side by side, each its own `streamlit run`, on the same synthetic events
(made as in benchmarks/map_browser.py); each round loads one, then the other (which goes
first swaps each round), in a new browser profile, to an idle map (as map_browser.py
defines it). Alternating the two keeps a busy spell of the machine from favouring either.
Prints the median and every run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from map_browser import _wait_idle, make_events

from caspian_dash.extract import events_to_geojson
from tools import browser


def first_load(url: str) -> float:
    with browser.offline_page() as (page, _):
        start = time.perf_counter()
        page.goto(url)
        _wait_idle(page, browser.map_frame(page, 300_000))
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs=2, help="two checkouts of the app")
    parser.add_argument("--events", type=int, default=10_000, help="synthetic events (0: seeds)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        env = {}
        if args.events:
            path = Path(tmp) / "events.geojson"
            path.write_text(json.dumps(events_to_geojson(make_events(args.events))))
            env = {"CASPIAN_DASH_EVENTS": str(path)}
        urls = []
        for tree in args.trees:
            browser.ROOT = Path(tree).resolve()  # running_app starts that copy's app.py
            urls.append(stack.enter_context(browser.running_app(env=env, timeout=300)))
        for url in urls:
            first_load(url)  # warm each server's caches
        times: dict[str, list[float]] = {tree: [] for tree in args.trees}
        pairs = list(zip(args.trees, urls))
        for round_ in range(args.rounds):
            # a, b then b, a: neither copy always goes first
            for tree, url in pairs if round_ % 2 == 0 else pairs[::-1]:
                times[tree].append(first_load(url))
    for tree, runs in times.items():
        print(
            f"{tree}: median {statistics.median(runs):.2f} s, runs "
            f"{', '.join(f'{t:.2f}' for t in runs)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
