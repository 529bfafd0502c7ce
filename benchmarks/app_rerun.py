"""Server-side time of one filter change: the app's script rerun (AppTest, no browser), for
the seeds and for N synthetic events (made as in benchmarks/map_browser.py).

    .venv/bin/python benchmarks/app_rerun.py [--events 10000] [--runs 8]

Each run moves the year slider's start by a year. Results: benchmarks/results/app_rerun_*.json.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=0, help="synthetic events (0: the seeds)")
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.events:
            from map_browser import make_events

            from caspian_dash.extract import events_to_geojson

            path = Path(tmp) / "events.geojson"
            path.write_text(json.dumps(events_to_geojson(make_events(args.events))))
            os.environ["CASPIAN_DASH_EVENTS"] = str(path)
            # settings read the variable when first imported (by make_events' imports)
            import caspian_dash.settings

            importlib.reload(caspian_dash.settings)
        from streamlit.testing.v1 import AppTest

        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
        assert not at.exception, at.exception
        total = int(at.metric[0].value)
        assert not args.events or total == args.events, f"the app shows {total} events"
        first, last = at.slider(key="years").value
        times = []
        for i in range(args.runs):
            start = time.perf_counter()
            at.slider(key="years").set_value((first + 1 + i % 2, last)).run()
            times.append(time.perf_counter() - start)
            assert not at.exception, at.exception
    label = f"{args.events}_events" if args.events else "seeds"
    result = {
        "corpus": label,
        "rerun_s": {"median": statistics.median(times), "runs": times},
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
    }
    out = ROOT / "benchmarks" / "results" / f"app_rerun_{label}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"{label}: filter change rerun {result['rerun_s']['median']:.3f} s (median) -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
