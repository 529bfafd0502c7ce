"""Where the browser spends a first load and a filter change: a CPU profile from Chromium.

    .venv/bin/python benchmarks/map_profile.py [--events N]

Same app and synthetic events as map_browser.py. Prints the wall time of each step, the
large websocket messages the page received, the scripts the map frame loaded, and the
functions with the most self time (Chrome DevTools Protocol sampling profiler), grouped
by script. Nothing is written: this is for finding what to optimise, map_browser.py is
for the figures.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from map_browser import _events_on_map, _wait_idle, make_events

from caspian_dash.extract import events_to_geojson
from tools.browser import map_frame, offline_page, running_app


def summarise(profile: dict, label: str, top: int = 20) -> None:
    nodes = {n["id"]: n["callFrame"] for n in profile["nodes"]}
    by_function: collections.Counter = collections.Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
        frame = nodes[sample]
        script = frame["url"].rsplit("/", 1)[-1][:40] or "(inline or eval)"
        by_function[(frame["functionName"] or "(anonymous)", script)] += delta
    print(f"== {label}: {sum(profile['timeDeltas']) / 1e3:.0f} ms profiled")
    for (function, script), us in by_function.most_common(top):
        print(f"  {us / 1e3:8.1f} ms  {function[:40]:40s} {script}")
    by_script: collections.Counter = collections.Counter()
    for (_, script), us in by_function.items():
        by_script[script] += us
    print("  -- by script")
    for script, us in by_script.most_common(10):
        print(f"  {us / 1e3:8.1f} ms  {script}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=0, help="synthetic events (0: the seeds)")
    args = parser.parse_args(argv)
    env = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.events:
            path = Path(tmp) / "events.geojson"
            path.write_text(json.dumps(events_to_geojson(make_events(args.events))))
            env = {"CASPIAN_DASH_EVENTS": str(path)}
        with running_app(env=env, timeout=300) as url:
            with offline_page() as (page, _):  # warm the server's caches
                page.goto(url)
                _wait_idle(page, map_frame(page, 300_000))
            with offline_page() as (page, _):
                messages: list[tuple[float, int]] = []
                opened: list[float] = []

                def on_websocket(ws):
                    opened.append(time.perf_counter())
                    ws.on(
                        "framereceived",
                        lambda p: messages.append((time.perf_counter(), len(p or ""))),
                    )

                page.on("websocket", on_websocket)
                cdp = page.context.new_cdp_session(page)
                cdp.send("Profiler.enable")
                cdp.send("Profiler.setSamplingInterval", {"interval": 200})
                cdp.send("Profiler.start")
                start = time.perf_counter()
                page.goto(url)
                page_loaded = time.perf_counter() - start  # Streamlit's page and its scripts
                page.wait_for_selector("iframe[title*='map_component']", timeout=300_000)
                iframe_at = time.perf_counter() - start
                frame = map_frame(page, 300_000)
                container = time.perf_counter() - start
                _wait_idle(page, frame)
                print(
                    f"first load: {time.perf_counter() - start:.2f} s "
                    f"(page loaded at {page_loaded:.2f} s, websocket open at "
                    f"{opened[0] - start:.2f} s, map iframe in the page at {iframe_at:.2f} s, "
                    f"Leaflet container at {container:.2f} s)"
                )
                for t, size in messages:
                    if size > 10_000:
                        print(f"   websocket message {size / 1e6:.2f} MB at {t - start:.2f} s")
                summarise(cdp.send("Profiler.stop")["profile"], "first load")
                for f in page.frames:
                    if "map_component" in f.url:
                        offset = f.evaluate(
                            "() => performance.timeOrigin - window.parent.performance.timeOrigin"
                        )
                        print(
                            f"map frame created {offset:.0f} ms after the page; its requests"
                            " (name, start ms, duration ms):"
                        )
                        for entry in f.evaluate(
                            "() => performance.getEntriesByType('resource')"
                            ".map(e => [e.name.split('/').pop(),"
                            " Math.round(e.startTime), Math.round(e.duration)])"
                        ):
                            print("   ", entry)
                thumb = page.get_by_role("slider").first
                for key in ("End", "Home"):
                    messages.clear()
                    before = _events_on_map(frame)
                    cdp.send("Profiler.start")
                    thumb.focus()
                    start = time.perf_counter()
                    thumb.press(key)
                    _wait_idle(page, frame, not_count=before)
                    print(f"filter change ({key}): {time.perf_counter() - start:.2f} s")
                    for t, size in messages:
                        if size > 1_000:
                            print(f"   websocket message {size / 1e6:.3f} MB at {t - start:.2f} s")
                    summarise(cdp.send("Profiler.stop")["profile"], f"filter change ({key})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
