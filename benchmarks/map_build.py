"""Map build time on the server and size of what the browser receives, for 1,000 / 10,000 /
100,000 events with every geodata layer on.

    .venv/bin/python benchmarks/map_build.py [--sizes 1000 10000 100000] [--runs 5]

Measures what the app does on a filter change: filter + join (with the events' sea zones,
and the layer join, each once per corpus as the app caches them: ``sea_join_once_s``,
``layer_join_once_s``) + view state and the overlay
(the events) made into the map component's overlay argument; the base map is rendered once
per process, as the app caches it (caspian_dash/ui/map_component.py). Sizes, in bytes sent to
the browser: the base map page, the layer files it fetches once (static/generated), and the
overlay (as the JSON it travels as), which is what changes with a filter. The first load gets
all three. The events are made as in benchmarks/map_browser.py.
Results: benchmarks/results/map_build.json.
"""

from __future__ import annotations

import argparse
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

from map_browser import make_events

from caspian_dash import geodata
from caspian_dash.join import layer_join, sea_join
from caspian_dash.mapping import build_base_map, prepare_layers, publish_layers, view_overlay
from caspian_dash.ui.map_component import base_args
from caspian_dash.view import make_view
from caspian_dash.view.filters import Filters
from caspian_dash.view.state import layer_records


def one_build(
    layers, base, events, sea=None, records=None, rows=None, links=None
) -> tuple[float, int]:
    """``rows``: the events' compact rows built so far, kept per corpus as the app keeps them
    (app.compact_rows)."""
    start = time.perf_counter()
    view = make_view(layers, events, [], Filters(), sea, records, links)
    overlay = json.dumps(view_overlay(view, rows=rows))  # as Streamlit sends it
    seconds = time.perf_counter() - start
    return seconds, len(overlay.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    layers, errors = geodata.load_layers()
    assert not errors, errors
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        prepared = publish_layers(prepare_layers(layers), Path(tmp), "/app/static/generated")
        files_bytes = sum(p.stat().st_size for p in Path(tmp).iterdir())
        base = base_args(build_base_map(layers, prepared=prepared))
    prepare_s = time.perf_counter() - start
    base_bytes = len(base["page"].encode())
    results = {
        "base_map_once_s": prepare_s,
        "base_script_bytes": base_bytes,
        "layer_files_bytes": files_bytes,
        "sizes": {},
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    for n in args.sizes:
        events = make_events(n)
        start = time.perf_counter()
        sea = sea_join(events, layers)  # once per corpus and layers, as the app caches it
        sea_s = time.perf_counter() - start
        start = time.perf_counter()
        links = layer_join(events, layers)  # the same
        links_s = time.perf_counter() - start
        records = layer_records(layers)  # once per set of layers, as the app keeps them
        rows: dict = {}  # one per corpus, as the app keeps it
        runs = [
            one_build(layers, base, events, sea, records, rows, links) for _ in range(args.runs)
        ]
        seconds = [r[0] for r in runs]
        results["sizes"][str(n)] = {
            "build_s": {"median": statistics.median(seconds), "runs": seconds},
            "sea_join_once_s": sea_s,
            "layer_join_once_s": links_s,
            "overlay_bytes": runs[0][1],
            "first_load_mb": (base_bytes + files_bytes + runs[0][1]) / 1e6,
            "filter_change_mb": runs[0][1] / 1e6,
        }
        r = results["sizes"][str(n)]
        print(
            f"{n:>7} events: sea join once {sea_s:.3f} s, layer join once {links_s:.3f} s, build {r['build_s']['median']:.3f} s, first load "
            f"{r['first_load_mb']:.2f} MB (base {base_bytes / 1e6:.3f} + layer files "
            f"{files_bytes / 1e6:.3f} + overlay {r['overlay_bytes'] / 1e6:.3f}), "
            f"filter change {r['filter_change_mb']:.3f} MB"
        )
    out = ROOT / "benchmarks" / "results" / "map_build.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"-> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
