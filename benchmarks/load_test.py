"""Several users at once: concurrent browser sessions against one locally started app.

    .venv/bin/python benchmarks/load_test.py [--sessions 20] [--duration 60] [--out PATH]

Starts the app on a loopback port (``tools.browser.running_app``) on a temporary copy of the
seeds, then opens ``--sessions`` sessions one after another in one headless Chromium (one browser
context, so one Streamlit session, each) and keeps them all open. Every session but one changes a filter over and over for
``--duration`` seconds (the year slider's first handle, End then Home, by keyboard) and times
each change from the key press to the new "Events shown" count. The remaining session
uploads a document through the "Add documents" panel while the others work, then changes
filters too. All the while the server process's resident memory (RSS) is sampled.

Only the first session's browser draws the map: the others block the map component's
page, so twenty Leaflet maps redrawn in one Chromium on the server's own small machine do
not drown the figures (in use each person's browser runs on their own computer). The server
does the same work for every session: it builds each session's map and sends it.

Everything stays on this machine: the server listens on 127.0.0.1 and the browser aborts any
request to another host (counted as an error). The run is bounded: page loads, each change
and the whole run have time limits. Errors (time-outs, Streamlit exception boxes, a lost
connection, requests off the machine, the server exiting) are listed in the result.
Writes JSON to ``benchmarks/results/load_test.json`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.browser import CHROMIUM_ARGS, LOCAL_HOSTS, chromium_path, running_app

RESULTS = ROOT / "benchmarks" / "results"
COUNT_JS = "() => document.querySelector('[data-testid=stMetricValue]')?.innerText ?? null"
UPLOAD_TEXT = (
    "Aktau, 3 March 2026 - Kazakhstan and Azerbaijan held a joint naval exercise near Aktau.\n"
    "Officials said the drill tested search and rescue at sea.\n"
)


def _server_process(port: int):
    """The process listening on ``port`` (the Streamlit server), via psutil or /proc."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            for conn in psutil.net_connections(kind="tcp"):
                if conn.laddr and conn.laddr.port == port and conn.status == psutil.CONN_LISTEN:
                    return conn.pid
        except (psutil.Error, OSError):  # not allowed to list sockets: use /proc below
            pass
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"streamlit" in b" ".join(cmd) and str(port).encode() in cmd:
                return int(proc.name)
    return None


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class MemorySampler(threading.Thread):
    def __init__(self, pid: int, every: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.every, self.samples = pid, every, []
        self.t0 = time.monotonic()
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            rss = _rss_mb(self.pid)
            if rss is None:
                break
            self.samples.append((round(time.monotonic() - self.t0, 2), round(rss, 1)))
            self._halt.wait(self.every)

    def stop(self):
        self._halt.set()
        self.join(5)


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def _count(page) -> str | None:
    return await page.evaluate(COUNT_JS)


async def _filter_loop(page, name: str, until: float, latencies: list, errors: list) -> int:
    """Alternate the year window (End / Home on the first handle) until ``until``."""
    changes = 0
    slider = page.get_by_role("slider").first
    keys = ("End", "Home")
    while time.monotonic() < until:
        before = await _count(page)
        await slider.focus()
        t0 = time.perf_counter()
        await slider.press(keys[changes % 2])
        try:
            await page.wait_for_function(
                "(before) => { const v = document.querySelector('[data-testid=stMetricValue]');"
                " return v && v.innerText !== before; }", arg=before, timeout=30_000)
        except Exception as error:  # noqa: BLE001 - every failure is a reported error
            errors.append(f"{name}: no new count 30 s after a filter change ({type(error).__name__})")
            break
        latencies.append(time.perf_counter() - t0)
        changes += 1
        if await page.locator("[data-testid=stException]").count():
            errors.append(f"{name}: the page shows an exception")
            break
    return changes


async def _upload(page, folder: Path, name: str, errors: list) -> float | None:
    path = folder.parent / "load test upload.txt"
    path.write_text(UPLOAD_TEXT, encoding="utf-8")
    t0 = time.perf_counter()
    try:
        await page.get_by_text("Add documents").click()
        await page.locator("[data-testid=stFileUploaderDropzone] input[type=file]").set_input_files(
            str(path))
        await page.get_by_label("Title", exact=True).fill("Load test upload")
        await page.get_by_role("button", name="Add to the documents").click()
        await page.get_by_text("Added load test upload.txt as").wait_for(timeout=60_000)
    except Exception as error:  # noqa: BLE001
        errors.append(f"{name}: upload failed ({type(error).__name__}: {str(error)[:200]})")
        return None
    return time.perf_counter() - t0


async def _session(browser, url, index, folder, clock, results, errors, blocked, upload):
    name = f"session {index}"
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    draws_map = index == 0

    async def only_local(route):
        host = urlparse(route.request.url).hostname or ""
        if not draws_map and "/component/streamlit_folium" in route.request.url:
            await route.abort()  # this session's browser does not draw the map (see above)
        elif route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort("internetdisconnected")

    await context.route("**/*", only_local)
    page = await context.new_page()
    page.on("dialog", lambda d: errors.append(f"{name}: a dialog opened: {d.message}"))
    try:
        t0 = time.perf_counter()
        await page.goto(url, timeout=120_000)
        await page.get_by_role("slider").first.wait_for(timeout=120_000)
        await page.wait_for_function(COUNT_JS, timeout=120_000)
        results["page_loads"].append(time.perf_counter() - t0)
    except Exception as error:  # noqa: BLE001
        errors.append(f"{name}: page load: {type(error).__name__}: {str(error)[:200]}")
        await context.close()
        clock["loaded"] += 1
        return
    clock["loaded"] += 1
    await clock["go"].wait()  # every session loaded: the concurrent part starts together
    try:
        if upload:
            took = await _upload(page, folder, name, errors)
            if took is not None:
                results["upload_s"] = took
        changes = await _filter_loop(page, name, clock["until"], results["latencies"], errors)
        results["changes"] += changes  # (after the await: sessions run concurrently)
    except Exception as error:  # noqa: BLE001
        errors.append(f"{name}: {type(error).__name__}: {str(error)[:200]}")
    finally:
        await context.close()


async def _drive(url: str, sessions: int, duration: float, folder: Path, results, errors,
                 blocked) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            # Sessions open one after the other (as people arrive: twenty pages drawing the
            # map at the same instant on a small machine measure the browser, not the app);
            # once all are open they change filters together for ``duration`` seconds, one of
            # them uploading a document meanwhile.
            clock = {"loaded": 0, "go": asyncio.Event(), "until": 0.0}
            tasks = []
            for i in range(sessions):
                tasks.append(asyncio.create_task(_session(
                    browser, url, i, folder, clock, results, errors, blocked,
                    upload=(i == 1 or sessions == 1))))
                while clock["loaded"] <= i:
                    await asyncio.sleep(0.1)
            results["concurrent_from_s"] = time.monotonic()
            clock["until"] = time.monotonic() + duration
            clock["go"].set()
            await asyncio.gather(*tasks)
        finally:
            await browser.close()


def run_load(sessions: int = 20, duration: float = 60, limit: float | None = None) -> dict:
    """Run the load test; return the figures (see the module docstring)."""
    if chromium_path() is None:
        raise RuntimeError("chromium not found: apt-get install chromium")
    limit = limit or duration + 10 * sessions + 240
    tmp = Path(tempfile.mkdtemp(prefix="caspian_load_"))
    folder = tmp / "docs"
    shutil.copytree(ROOT / "seeds", folder)
    results = {"latencies": [], "page_loads": [], "changes": 0, "upload_s": None}
    errors: list[str] = []
    blocked: list[str] = []
    sampler, uploaded = None, False
    started = time.monotonic()
    env = {"CASPIAN_DASH_DOCS": str(folder)}  # the usual extraction cache: a warm start
    try:
        with running_app(env=env) as url:
            port = urlparse(url).port
            pid = _server_process(port)
            sampler = MemorySampler(pid) if pid else None
            if sampler:
                sampler.start()
            else:
                errors.append("server process not found: memory not sampled")
            try:
                asyncio.run(asyncio.wait_for(
                    _drive(url, sessions, duration, folder, results, errors, blocked), limit))
            except TimeoutError:
                errors.append(f"the run passed its {limit:.0f} s limit")
            finally:
                if sampler:
                    sampler.stop()
            if pid and _rss_mb(pid) is None:
                errors.append("the server exited during the run")
        uploaded = (folder / "load_test_upload.txt").is_file()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    errors += [f"request off this machine: {u}" for u in blocked]
    samples = sampler.samples if sampler else []
    rss = [mb for _, mb in samples]
    third = max(1, len(rss) // 3)
    lat = results["latencies"]
    return {
        "sessions": sessions,
        "duration_s": duration,
        "wall_s": round(time.monotonic() - started, 1),
        "errors": errors,
        "filter_changes": results["changes"],
        "change_to_count_s": {
            "median": _round(statistics.median(lat)) if lat else None,
            "p95": _round(_percentile(lat, 0.95)),
            "max": _round(max(lat)) if lat else None,
        },
        "page_load_s": {"first": _round(results["page_loads"][0] if results["page_loads"] else None),
                        "median": _round(statistics.median(results["page_loads"]))
                        if results["page_loads"] else None,
                        "max": _round(max(results["page_loads"], default=None))},
        "upload_s": _round(results["upload_s"]),
        "upload_stored": uploaded,
        "server_rss_mb": {
            "first": rss[0] if rss else None,
            "peak": max(rss) if rss else None,
            "last": rss[-1] if rss else None,
            "mean_first_third": _round(statistics.mean(rss[:third])) if rss else None,
            "mean_last_third": _round(statistics.mean(rss[-third:])) if rss else None,
            "samples": samples[:: max(1, len(samples) // 120)],  # about 120 points
        },
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "platform": platform.platform()},
    }


def _round(value, digits: int = 3):
    return None if value is None else round(value, digits)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60, help="seconds of filter changes")
    parser.add_argument("--out", type=Path, default=RESULTS / "load_test.json")
    args = parser.parse_args(argv)
    report = run_load(args.sessions, args.duration)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    summary = {k: v for k, v in report.items() if k not in ("server_rss_mb", "machine")}
    summary["server_rss_mb"] = {k: v for k, v in report["server_rss_mb"].items() if k != "samples"}
    print(json.dumps(summary, indent=1))
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
