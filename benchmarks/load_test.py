"""Several users at once: concurrent browser sessions against one locally started app.

    .venv/bin/python benchmarks/load_test.py [--sessions 20] [--duration 60] [--out PATH]

Starts the app on a loopback port (``tools.browser.running_app``) on a temporary copy of the
seeds, then opens ``--sessions`` sessions one after another in one headless Chromium (one browser
context, so one Streamlit session, each) and keeps them all open. Every session but one changes
a filter over and over for ``--duration`` seconds: the first handle of the year slider, by
keyboard, End (to the second handle) when it is at the first year, Home (to the first year)
otherwise. The remaining session uploads a document through the "Add documents" panel while the
others work, then changes filters too. All the while the server process's resident memory (RSS)
and CPU, the whole machine's CPU and the load generator's own CPU (this script and its Chromium)
are sampled.

When a change counts as answered. Each page's Streamlit connection is watched (the protocol
messages on its websocket): a key press must send a rerun request, the server must then start a
run and finish it (``script_finished``), and the page must then hold no stale element and show
the "Events shown" count. The time from the key press to that point is the change's latency
(``change_to_count_s``); the time to the first new count on the page, when the count changes,
is reported beside it (``change_to_new_count_s``). A session presses the next key only once its
previous change has been answered, so runs are not cut short by the next press.

The count itself need not change. Once the upload adds a year to the corpus, the slider's range
grows and each session's next change comes back with the whole new span instead of the window
it asked for (seen: End asked for 2025-2025, the page came back with 1828-2026 and the same
count as after the next Home). A script that waited for a *different* count timed out there
(and its next Home press was a no-op: the first handle was already at the first year). Such a
change was answered: it is listed under ``changes_reset_by_app`` (the window asked for and the
one shown), not counted as an error. A key press that sends no rerun request, a change with no
finished run within 30 s, a page not redrawn 10 s later or an exception box is an error.

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
import subprocess
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
# The year slider's two handles (react-aria range inputs), the count, stale elements (an
# element from before the current run, not yet redrawn) and any exception box.
STATE_JS = """() => {
  const inputs = [...(document.querySelector('[data-testid=stSlider]')
                      ?.querySelectorAll('input[type=range]') ?? [])];
  const metric = document.querySelector('[data-testid=stMetricValue]');
  const exception = document.querySelector('[data-testid=stException]');
  return {count: metric ? metric.textContent : null,
          years: inputs.length === 2 ? inputs.map(i => Number(i.value)) : null,
          span: inputs.length === 2 ? [Number(inputs[0].min), Number(inputs[1].max)] : null,
          stale: document.querySelectorAll('[data-stale=true]').length,
          exception: exception ? exception.innerText.slice(0, 1500) : null};
}"""
SETTLED_JS = """() => document.querySelector('[data-testid=stMetricValue]') !== null
                   && document.querySelectorAll('[data-stale=true]').length === 0"""
STALE_JS = """() => [...document.querySelectorAll('[data-stale=true]')].slice(0, 8).map(e =>
  (e.getAttribute('data-testid') || e.tagName) + ':' +
  [...e.querySelectorAll('[data-testid]')].slice(0, 3).map(c => c.getAttribute('data-testid'))
  .join(',') + ':' + e.textContent.slice(0, 60))"""
# Notes, in the page's own clock, when the count first shows a new value after a key press.
WATCH_COUNT_JS = """
window.__loadTest = {armed: false, before: null, t0: 0, at: null};
new MutationObserver(() => {
  const s = window.__loadTest;
  if (!s.armed || s.at !== null) return;
  const m = document.querySelector('[data-testid=stMetricValue]');
  if (m && m.textContent !== s.before) s.at = performance.now();
}).observe(document, {subtree: true, childList: true, characterData: true});
"""
ARM_JS = """() => { const s = window.__loadTest;
  s.before = document.querySelector('[data-testid=stMetricValue]')?.textContent ?? null;
  s.at = null; s.armed = true; s.t0 = performance.now(); }"""
NEW_COUNT_MS_JS = (
    "() => { const s = window.__loadTest; s.armed = false;"
    " return s.at === null ? null : s.at - s.t0; }"
)
UPLOAD_TEXT = (
    "Aktau, 3 March 2026 - Kazakhstan and Azerbaijan held a joint naval exercise near Aktau.\n"
    "Officials said the drill tested search and rescue at sea.\n"
)
ANSWER_S = 30  # a change not answered within this many seconds is an error
SENT_S = 10  # a key press that sends no rerun request within this many seconds is an error


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
    """Every ``every`` seconds: (t s, server RSS MB, server CPU %, machine CPU %, load CPU %,
    driver CPU %).

    CPU figures are in percent of one core over the interval (200 = both cores of a 2-core
    machine busy), for the server process (all its threads), the whole machine, the load
    generator (this process and its children but the server: Playwright's driver and the
    headless Chromium) and, within it, this Python process alone (the script driving the
    pages)."""

    def __init__(self, pid: int, every: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.every, self.samples = pid, every, []
        self.t0 = time.monotonic()
        self._halt = threading.Event()
        self.cpus = os.cpu_count() or 1

    def _load_times(self, psutil, own, server) -> dict[int, float]:
        times = {}
        try:
            skip = {self.pid, *(p.pid for p in server.children(recursive=True))}
        except psutil.Error:
            skip = {self.pid}
        for proc in [own, *own.children(recursive=True)]:
            try:
                if proc.pid in skip:
                    continue
                t = proc.cpu_times()
                times[proc.pid] = t.user + t.system
            except psutil.Error:
                continue
        return times

    def run(self):
        try:
            import psutil
        except ImportError:  # RSS only, from /proc
            psutil = None
        server = own = None
        if psutil is not None:
            try:
                server, own = psutil.Process(self.pid), psutil.Process()
                server.cpu_percent(None)
                psutil.cpu_percent(None)
                load_before = self._load_times(psutil, own, server)
            except psutil.Error:
                server = None
        last = time.monotonic()
        while not self._halt.is_set():
            rss = _rss_mb(self.pid)
            if rss is None:
                break
            server_cpu = machine_cpu = load_cpu = own_cpu = None
            if server is not None:
                now = time.monotonic()
                try:
                    server_cpu = round(server.cpu_percent(None), 1)
                except psutil.Error:
                    break
                machine_cpu = round(psutil.cpu_percent(None) * self.cpus, 1)
                load_now = self._load_times(psutil, own, server)
                spent = sum(v - load_before.get(k, 0.0) for k, v in load_now.items())
                load_cpu = round(100 * spent / max(now - last, 1e-3), 1)
                own_cpu = round(
                    100
                    * (load_now.get(own.pid, 0.0) - load_before.get(own.pid, 0.0))
                    / max(now - last, 1e-3),
                    1,
                )
                # (a process missing from one listing keeps its last figure: not counted twice)
                load_before, last = {**load_before, **load_now}, now
            self.samples.append(
                (
                    round(time.monotonic() - self.t0, 2),
                    round(rss, 1),
                    server_cpu,
                    machine_cpu,
                    load_cpu,
                    own_cpu,
                )
            )
            self._halt.wait(self.every)

    def stop(self):
        self._halt.set()
        self.join(5)


class Wire:
    """What a page's Streamlit connection says: rerun requests sent, runs started and finished.

    Streamlit starts every script run with a ``new_session`` message and ends it with
    ``script_finished`` (cut short by a newer request: ``FINISHED_EARLY_FOR_RERUN``, and a
    new run follows). The session is idle once a run started after its last request has
    finished."""

    def __init__(self, page, name: str, errors: list):
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._back, self._forward = BackMsg, ForwardMsg
        self.name, self.errors = name, errors
        self.requests = 0  # rerun requests the page sent
        self.runs = 0  # runs the server started
        self.run_at_request = 0  # ``runs`` when the last request was sent
        self.running = False
        self.requested_at = self.finished_at = 0.0  # perf_counter of the last of each
        self.interrupted = 0  # runs cut short by a newer request
        self.closing = False
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        if "_stcore/stream" not in ws.url:
            return
        ws.on("framesent", self._sent)
        ws.on("framereceived", self._received)
        ws.on("close", self._closed)

    def _sent(self, payload) -> None:
        if isinstance(payload, bytes):
            try:
                kind = self._back.FromString(payload).WhichOneof("type")
            except Exception:  # noqa: BLE001 - not a message this script needs
                return
            if kind == "rerun_script":
                self.requests += 1
                self.run_at_request = self.runs
                self.requested_at = time.perf_counter()

    def _received(self, payload) -> None:
        if not isinstance(payload, bytes):
            return
        try:
            message = self._forward.FromString(payload)
        except Exception:  # noqa: BLE001
            return
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.runs += 1
            self.running = True
        elif kind == "script_finished":
            status = message.script_finished
            if status == self._forward.FINISHED_EARLY_FOR_RERUN:
                self.interrupted += 1
            elif status != self._forward.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                self.running = False
                self.finished_at = time.perf_counter()
                if status == self._forward.FINISHED_WITH_COMPILE_ERROR:
                    self.errors.append(f"{self.name}: the script failed to compile")

    def _closed(self, _ws=None) -> None:
        if not self.closing:
            self.errors.append(f"{self.name}: the connection to the server closed")

    @property
    def idle(self) -> bool:
        return not self.running and self.runs > self.run_at_request

    async def wait(self, condition, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.02)
        return True


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def _count(page) -> str | None:
    return await page.evaluate(COUNT_JS)


async def _settle(page, wire: Wire, name: str, errors: list, what: str) -> bool:
    """Wait until the session's runs are done and the page shows their result."""
    if not await wire.wait(lambda: wire.idle, ANSWER_S):
        errors.append(f"{name}: no finished run within {ANSWER_S} s {what}")
        return False
    try:
        await page.wait_for_function(SETTLED_JS, timeout=10_000)
    except Exception as error:  # noqa: BLE001
        stale = await page.evaluate(STALE_JS)
        errors.append(
            f"{name}: the page still not redrawn 10 s after its run finished {what} "
            f"({type(error).__name__}; runs {wire.runs}, running {wire.running}, "
            f"stale elements: {stale})"
        )
        return False
    return True


async def _filter_loop(
    page, wire: Wire, name: str, until: float, results: dict, errors: list
) -> int:
    """Move the year window's start (End / Home on the first handle) until ``until``."""
    changes = 0
    handle = page.locator("[data-testid=stSlider]").first.locator("input[type=range]").first
    if not await _settle(page, wire, name, errors, "before the first filter change"):
        return changes
    while time.monotonic() < until:
        state = await page.evaluate(STATE_JS)
        if state["years"] is None:
            errors.append(f"{name}: no year slider on the page ({state})")
            break
        (lo, hi), (first, _last) = state["years"], state["span"]
        key, wanted = ("End", hi) if lo == first else ("Home", first)
        if wanted == lo:
            errors.append(f"{name}: the year slider cannot move ({state})")
            break
        await handle.focus()
        await page.evaluate(ARM_JS)
        requests = wire.requests
        t0 = time.perf_counter()
        await handle.press(key)
        if not await wire.wait(lambda n=requests: wire.requests > n, SENT_S):
            errors.append(f"{name}: {key} on the year slider sent no rerun request in {SENT_S} s")
            break
        if not await _settle(page, wire, name, errors, f"after a filter change ({key})"):
            break
        took = time.perf_counter() - t0
        new_count_ms = await page.evaluate(NEW_COUNT_MS_JS)
        after = await page.evaluate(STATE_JS)
        if after["exception"]:
            errors.append(f"{name}: the page shows an exception: {after['exception']}")
            break
        changes += 1
        results["latencies"].append(took)
        results["request_to_finished"].append(wire.finished_at - wire.requested_at)
        results["finished_to_page"].append(t0 + took - wire.finished_at)
        if new_count_ms is not None:
            results["new_count_latencies"].append(new_count_ms / 1000)
        if after["years"] != [wanted, hi]:
            results["reset_by_app"].append(
                {
                    "session": name,
                    "key": key,
                    "asked": [wanted, hi],
                    "shown": after["years"],
                    "span_before": state["span"],
                    "span_after": after["span"],
                    "count_before": state["count"],
                    "count_after": after["count"],
                }
            )
    return changes


async def _upload(page, wire: Wire, folder: Path, name: str, errors: list) -> float | None:
    path = folder.parent / "load test upload.txt"
    path.write_text(UPLOAD_TEXT, encoding="utf-8")
    t0 = time.perf_counter()
    try:
        await page.get_by_text("Add documents").click()
        await page.locator("[data-testid=stFileUploaderDropzone] input[type=file]").set_input_files(
            str(path)
        )
        await page.get_by_label("Title", exact=True).fill("Load test upload")
        await page.get_by_role("button", name="Add to the documents").click()
        await page.get_by_text("Added load test upload.txt as").wait_for(timeout=60_000)
    except Exception as error:  # noqa: BLE001
        errors.append(f"{name}: upload failed ({type(error).__name__}: {str(error)[:200]})")
        return None
    took = time.perf_counter() - t0
    await _settle(page, wire, name, errors, "after the upload")
    return took


async def _session(browser, url, index, folder, clock, results, errors, blocked, upload):
    name = f"session {index}"
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    draws_map = index == 0

    async def only_local(route):
        host = urlparse(route.request.url).hostname or ""
        if not draws_map and "map_component" in route.request.url:
            await route.abort()  # this session's browser does not draw the map (see above)
        elif route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            await route.continue_()
        else:
            blocked.append(route.request.url)
            await route.abort("internetdisconnected")

    await context.route("**/*", only_local)
    await context.add_init_script(WATCH_COUNT_JS)
    page = await context.new_page()
    wire = Wire(page, name, errors)
    page.on("dialog", lambda d: errors.append(f"{name}: a dialog opened: {d.message}"))
    try:
        t0 = time.perf_counter()
        await page.goto(url, timeout=120_000)
        await page.get_by_role("slider").first.wait_for(timeout=120_000)
        await page.wait_for_function(COUNT_JS, timeout=120_000)
        results["page_loads"].append(time.perf_counter() - t0)
        results["sessions_opened"] += 1
    except Exception as error:  # noqa: BLE001
        errors.append(f"{name}: page load: {type(error).__name__}: {str(error)[:200]}")
        wire.closing = True
        await context.close()
        clock["loaded"] += 1
        return
    clock["loaded"] += 1
    await clock["go"].wait()  # every session loaded: the concurrent part starts together
    changes = 0
    try:
        if upload:
            took = await _upload(page, wire, folder, name, errors)
            if took is not None:
                results["upload_s"] = took
        changes = await _filter_loop(page, wire, name, clock["until"], results, errors)
    except Exception as error:  # noqa: BLE001
        errors.append(f"{name}: {type(error).__name__}: {str(error)[:200]}")
    finally:
        results["changes"] += changes  # (after the await: sessions run concurrently)
        results["per_session"][name] = changes
        results["runs_interrupted"] += wire.interrupted
        wire.closing = True
        await context.close()


async def _drive(
    url: str, sessions: int, duration: float, folder: Path, results, errors, blocked
) -> None:
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
                tasks.append(
                    asyncio.create_task(
                        _session(
                            browser,
                            url,
                            i,
                            folder,
                            clock,
                            results,
                            errors,
                            blocked,
                            upload=(i == 1 or sessions == 1),
                        )
                    )
                )
                while clock["loaded"] <= i:
                    await asyncio.sleep(0.1)
            results["concurrent_from"] = time.monotonic()
            clock["until"] = time.monotonic() + duration
            clock["go"].set()
            await asyncio.gather(*tasks)
            results["concurrent_until"] = time.monotonic()
        finally:
            await browser.close()


def _slope_per_min(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of (seconds, value) points, per minute."""
    if len(points) < 2:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return None if sxx == 0 else 60 * sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx


def _memory_and_cpu(samples: list[tuple], start: float | None, end: float | None) -> tuple:
    """The RSS summary and the CPU summary, over the concurrent part of the run."""
    rss = [s[1] for s in samples]
    third = max(1, len(rss) // 3)
    during = [s for s in samples if start is not None and start <= s[0] <= (end or s[0])]
    half = (
        [s for s in during if s[0] >= start + ((end or during[-1][0]) - start) / 2]
        if during
        else []
    )
    slope = _slope_per_min([(s[0], s[1]) for s in half])
    half_min = (half[-1][0] - half[0][0]) / 60 if len(half) > 1 else 0
    rise = slope * half_min if slope is not None else None
    memory = {
        "first": rss[0] if rss else None,
        "peak": max(rss) if rss else None,
        "last": rss[-1] if rss else None,
        "mean_first_third": _round(statistics.mean(rss[:third])) if rss else None,
        "mean_last_third": _round(statistics.mean(rss[-third:])) if rss else None,
        "concurrent_start": during[0][1] if during else None,
        "concurrent_peak": max(s[1] for s in during) if during else None,
        "slope_last_half_mb_per_min": _round(slope, 2),
        "rise_last_half_mb": _round(rise, 1),
        # Levelled off: the fitted rise over the second half of the concurrent part is
        # under 5 MB (or 2 % of the RSS, whichever is larger).
        "levelled_off": None if rise is None else abs(rise) < max(5.0, 0.02 * rss[-1]),
        "samples": [(t, mb) for t, mb, *_ in samples[:: max(1, len(samples) // 120)]],
    }

    def summary(column) -> dict:
        values = [v for v in map(column, during) if v is not None]
        if not values:
            return {"mean": None, "median": None, "p95": None, "max": None}
        return {
            "mean": _round(statistics.mean(values), 1),
            "median": _round(statistics.median(values), 1),
            "p95": _round(_percentile(values, 0.95), 1),
            "max": _round(max(values), 1),
        }

    def other(sample) -> float | None:  # the machine's CPU used by neither
        _, _, server, machine, load, _ = sample
        return None if None in (server, machine, load) else max(0.0, machine - server - load)

    cpu = {
        "unit": "percent of one core over 0.5 s samples, concurrent part only "
        f"({os.cpu_count()} cores = {100 * (os.cpu_count() or 1)} %)",
        "server": summary(lambda s: s[2]),
        "machine": summary(lambda s: s[3]),
        "load_generator": summary(lambda s: s[4]),
        "load_generator_python": summary(lambda s: s[5]),
        "other_processes": summary(other),
        "server_share_of_samples_at_or_over_90": _round(
            sum(1 for s in during if s[2] is not None and s[2] >= 90) / len(during), 2
        )
        if during
        else None,
        "samples_columns": ["t_s", "server", "machine", "load_generator"],
        "samples": [(t, c, m, g) for t, _, c, m, g, _ in during[:: max(1, len(during) // 120)]],
    }
    return memory, cpu


def _code_version() -> dict:
    """The commit the app ran from, and the files edited since (the run measures those too)."""

    def git(*args):
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=10
            ).stdout.rstrip()
        except (OSError, subprocess.SubprocessError):
            return ""

    edited = [
        line[3:]
        for line in git("status", "--porcelain").splitlines()
        if not line[3:].startswith("benchmarks/results/")
    ]
    return {"commit": git("rev-parse", "--short", "HEAD") or None, "edited_files": edited}


def run_load(sessions: int = 20, duration: float = 60, limit: float | None = None) -> dict:
    """Run the load test; return the figures (see the module docstring)."""
    if chromium_path() is None:
        raise RuntimeError("chromium not found: apt-get install chromium")
    limit = limit or duration + 10 * sessions + 240
    tmp = Path(tempfile.mkdtemp(prefix="caspian_load_"))
    folder = tmp / "docs"
    shutil.copytree(ROOT / "seeds", folder)
    results = {
        "latencies": [],
        "new_count_latencies": [],
        "request_to_finished": [],
        "finished_to_page": [],
        "page_loads": [],
        "changes": 0,
        "upload_s": None,
        "sessions_opened": 0,
        "per_session": {},
        "reset_by_app": [],
        "runs_interrupted": 0,
        "concurrent_from": None,
        "concurrent_until": None,
    }
    errors: list[str] = []
    blocked: list[str] = []
    sampler, uploaded = None, False
    started = time.monotonic()
    code = _code_version()
    # The usual extraction cache: a warm start. No file watcher: the run measures the code it
    # started with, even when the sources are edited meanwhile (an edit would mark every
    # session's script as changed in the middle of the run).
    env = {"CASPIAN_DASH_DOCS": str(folder), "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
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
                asyncio.run(
                    asyncio.wait_for(
                        _drive(url, sessions, duration, folder, results, errors, blocked), limit
                    )
                )
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
    t0 = sampler.t0 if sampler else started
    start = results["concurrent_from"] and results["concurrent_from"] - t0
    end = results["concurrent_until"] and results["concurrent_until"] - t0
    memory, cpu = _memory_and_cpu(samples, start, end)
    lat, new_lat = results["latencies"], results["new_count_latencies"]
    return {
        "sessions": sessions,
        "sessions_opened": results["sessions_opened"],
        "duration_s": duration,
        "wall_s": round(time.monotonic() - started, 1),
        "concurrent_s": _round(end - start if start is not None and end is not None else None, 1),
        "errors": errors,
        "filter_changes": results["changes"],
        "filter_changes_per_session": results["per_session"],
        "change_to_count_s": {  # key press -> run finished and page redrawn (see the docstring)
            "median": _round(statistics.median(lat)) if lat else None,
            "p95": _round(_percentile(lat, 0.95)),
            "max": _round(max(lat)) if lat else None,
        },
        "change_to_new_count_s": {  # key press -> first new count, for changes whose count changed
            "changes": len(new_lat),
            "median": _round(statistics.median(new_lat)) if new_lat else None,
            "p95": _round(_percentile(new_lat, 0.95)),
            "max": _round(max(new_lat)) if new_lat else None,
        },
        # Where the time goes, as this script sees the page's connection: from the page's
        # rerun request to the run's end (the server, and the wait for a CPU), then from the
        # run's end to the redrawn page (the browser, and this script's own polling).
        "change_breakdown_s": {
            "request_to_run_finished": _spread(results["request_to_finished"]),
            "run_finished_to_page_redrawn": _spread(results["finished_to_page"]),
        },
        "changes_reset_by_app": results["reset_by_app"],
        "runs_interrupted_by_a_newer_request": results["runs_interrupted"],
        "page_load_s": {
            "first": _round(results["page_loads"][0] if results["page_loads"] else None),
            "median": _round(statistics.median(results["page_loads"]))
            if results["page_loads"]
            else None,
            "max": _round(max(results["page_loads"], default=None)),
        },
        "upload_s": _round(results["upload_s"]),
        "upload_stored": uploaded,
        "server_rss_mb": memory,
        "cpu_pct": cpu,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "code": code,
    }


def _spread(values: list[float]) -> dict:
    return {
        "median": _round(statistics.median(values)) if values else None,
        "p95": _round(_percentile(values, 0.95)),
        "max": _round(max(values, default=None)),
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
    summary = {
        k: v
        for k, v in report.items()
        if k not in ("server_rss_mb", "cpu_pct", "machine", "changes_reset_by_app")
    }
    summary["changes_reset_by_app"] = len(report["changes_reset_by_app"])
    summary["server_rss_mb"] = {k: v for k, v in report["server_rss_mb"].items() if k != "samples"}
    summary["cpu_pct"] = {k: v for k, v in report["cpu_pct"].items() if k != "samples"}
    print(json.dumps(summary, indent=1))
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
