"""Map speed in a real browser: page load to an idle map, and a filter change to an idle map.

    .venv/bin/python benchmarks/map_browser.py [--events N] [--runs R]

Without --events the app runs on the seeds. With --events N, N events are made from the
seeds' real extracted events (their sentences and sources kept) re-dated across 1995-2025
and re-placed around the geodata's ports, terminals, fields and cities (within 0.4 degrees),
with a fixed random seed, and the app shows them (CASPIAN_DASH_EVENTS). Chromium is Debian's, offline.

A first load uses a new browser profile (nothing cached); a reload is the same page loaded
again in that browser, its scripts and map layers in the browser's cache, as when an analyst
comes back to the app. A filter change is a keyboard move of the year slider's first handle (End, then Home,
alternately). "Idle" means the map shows the new event count, every geodata layer file has
arrived and been drawn, and two animation frames have passed with the markers drawn.
Medians over R runs go to benchmarks/results/map_browser_*.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caspian_dash import geodata
from caspian_dash.documents.events_io import write_geoparquet
from caspian_dash.documents.ingest import read_documents
from caspian_dash.extract import events_to_geojson, extract_events
from caspian_dash.settings import SEEDS_DIR
from tools.browser import LAYERS_DRAWN_JS, map_frame, offline_page, running_app

RESULTS = Path(__file__).resolve().parent / "results"
IDLE_JS = (
    "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"
)


def make_events(n: int, seed: int = 7) -> list:
    """``n`` events recombined from the seeds' real ones (reproducible)."""
    real = [e for e in extract_events(read_documents(SEEDS_DIR)[0]) if e.lat is not None]
    places = geodata.load_layer("places")
    spots = [(row.name, row.geometry.y, row.geometry.x) for row in places.itertuples()]
    rng = random.Random(seed)
    events = []
    for i in range(n):
        base, (name, lat, lon) = rng.choice(real), rng.choice(spots)
        year, month, day = rng.randint(1995, 2025), rng.randint(1, 12), rng.randint(1, 28)
        precision = rng.choice(("day", "day", "month", "year"))
        start = (
            f"{year}-{month:02d}-{day:02d}"
            if precision == "day"
            else (f"{year}-{month:02d}-01" if precision == "month" else f"{year}-01-01")
        )
        end = (
            start
            if precision == "day"
            else (f"{year}-{month:02d}-28" if precision == "month" else f"{year}-12-31")
        )
        events.append(
            replace(
                base,
                id=f"bench-{i:06d}",
                date_start=start,
                date_end=end,
                time_precision=precision,
                place=name,
                geo_precision="site",
                lat=lat + rng.uniform(-0.4, 0.4),
                lon=lon + rng.uniform(-0.4, 0.4),
            )
        )
    return events


def _events_on_map(frame) -> int:
    labels = " ".join(frame.locator(".leaflet-control-layers-overlays label").all_inner_texts())
    marker = "Events ("
    return int(labels.split(marker, 1)[1].split(")", 1)[0]) if marker in labels else -1


def _wait_idle(page, frame, not_count: int | None = None, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        count = _events_on_map(frame)
        if count >= 0 and count != not_count:
            break
        page.wait_for_timeout(20)
    for f in page.frames:
        if "map_component" in f.url:
            f.wait_for_function(LAYERS_DRAWN_JS, timeout=timeout_s * 1000)
            f.wait_for_function(IDLE_JS)


def measure(runs: int, events_file: str | None) -> dict:
    env = {"CASPIAN_DASH_EVENTS": events_file} if events_file else {}
    loads, reloads, changes = [], [], []
    with running_app(env=env, timeout=300) as url:
        with offline_page() as (page, _):  # warm the server's caches once
            page.goto(url)
            _wait_idle(page, map_frame(page, 300_000))
        for _ in range(runs):
            with offline_page() as (page, blocked):
                start = time.perf_counter()
                page.goto(url)
                frame = map_frame(page, 300_000)
                _wait_idle(page, frame)
                loads.append(time.perf_counter() - start)
                thumb = page.get_by_role("slider").first
                for key in ("End", "Home"):
                    before = _events_on_map(frame)
                    thumb.focus()
                    start = time.perf_counter()
                    thumb.press(key)
                    _wait_idle(page, frame, not_count=before)
                    changes.append(time.perf_counter() - start)
                start = time.perf_counter()
                page.reload()
                _wait_idle(page, map_frame(page, 300_000))
                reloads.append(time.perf_counter() - start)
                assert not blocked, blocked
    return {
        "first_load_to_idle_s": {"median": statistics.median(loads), "runs": loads},
        "reload_to_idle_s": {"median": statistics.median(reloads), "runs": reloads},
        "filter_change_to_idle_s": {"median": statistics.median(changes), "runs": changes},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=0, help="synthetic events (0: the seeds)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        events_file = None
        if args.events > 20_000:  # GeoParquet: quicker to write and to load than GeoJSON
            events_file = str(Path(tmp) / "events")
            write_geoparquet(make_events(args.events), events_file)
        elif args.events:
            events_file = str(Path(tmp) / "events.geojson")
            Path(events_file).write_text(json.dumps(events_to_geojson(make_events(args.events))))
        result = measure(args.runs, events_file)
    label = f"{args.events}_events" if args.events else "seeds"
    result.update(
        corpus=label,
        runs=args.runs,
        machine=f"{platform.machine()}, "
        f"{__import__('os').cpu_count()} cores, {platform.python_version()}",
    )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"map_browser_{label}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(
        f"{label}: first load {result['first_load_to_idle_s']['median']:.2f} s, reload "
        f"{result['reload_to_idle_s']['median']:.2f} s, "
        f"filter change {result['filter_change_to_idle_s']['median']:.2f} s (median) -> {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
