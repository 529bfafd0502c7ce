"""Map build time on the server and size of what the browser receives, for 1,000 / 10,000 /
100,000 events with every geodata layer on.

    .venv/bin/python benchmarks/map_build.py [--sizes 1000 10000 100000] [--runs 5]

Measures what the app does on a filter change: filter + join + view state, the overlay
(events) as streamlit-folium's feature-group script, and the base map script (its layers
prepared once, as the app caches them). Sizes are the bytes of those scripts, i.e. the map's
HTML/JS as sent to the browser. The events are made as in benchmarks/map_browser.py.
Results: benchmarks/results/map_build.json.
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
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from map_browser import make_events  # noqa: E402
from streamlit_folium import _get_feature_group_string, _get_map_string  # noqa: E402

from caspian_dash import geodata  # noqa: E402
from caspian_dash.filters import Filters  # noqa: E402
from caspian_dash.mapping import build_base_map, prepare_layers  # noqa: E402
from caspian_dash.view import make_view  # noqa: E402


def one_build(layers, prepared, events) -> tuple[float, int, int]:
    start = time.perf_counter()
    view = make_view(layers, events, [], Filters())
    base = build_base_map(layers, prepared=prepared)
    base_js = _get_map_string(base)
    overlay_js = _get_feature_group_string(view.overlay(), base)
    return time.perf_counter() - start, len(base_js.encode()), len(overlay_js.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    layers, errors = geodata.load_layers()
    assert not errors, errors
    start = time.perf_counter()
    prepared = prepare_layers(layers)
    prepare_s = time.perf_counter() - start
    results = {"prepare_layers_once_s": prepare_s, "sizes": {},
               "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores, "
                          f"Python {platform.python_version()}"}
    for n in args.sizes:
        events = make_events(n)
        runs = [one_build(layers, prepared, events) for _ in range(args.runs)]
        seconds = [r[0] for r in runs]
        results["sizes"][str(n)] = {
            "build_s": {"median": statistics.median(seconds), "runs": seconds},
            "base_bytes": runs[0][1], "overlay_bytes": runs[0][2],
            "total_mb": (runs[0][1] + runs[0][2]) / 1e6,
        }
        r = results["sizes"][str(n)]
        print(f"{n:>7} events: build {r['build_s']['median']:.3f} s, map {r['total_mb']:.2f} MB "
              f"(base {r['base_bytes'] / 1e6:.2f} + overlay {r['overlay_bytes'] / 1e6:.2f})")
    out = ROOT / "benchmarks" / "results" / "map_build.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"-> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
