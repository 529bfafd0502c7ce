"""Run the app and look at it in a real browser (Debian's Chromium, driven by Playwright).

Used by the browser tests and by ``tools/screenshot.py``. The page is cut off from the
network: every request that does not go to this machine is aborted and recorded, so a
map that still needs a CDN or a tile server shows up as a failure, as in a briefing room.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(env: dict[str, str] | None = None, timeout: float = 90):
    """Start ``streamlit run app.py`` on a free loopback port; yield its base URL."""
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    log = (
        open(ROOT / ".pytest_cache" / f"streamlit-{port}.log", "w")
        if ((ROOT / ".pytest_cache").is_dir())
        else subprocess.DEVNULL
    )
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start on {url}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def offline_page(width: int = 1500, height: int = 1000):
    """A Chromium page that can reach only this machine; yields (page, blocked_urls)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("chromium not found: apt-get install chromium")
    blocked: list[str] = []

    def only_local(route):
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "file:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("internetdisconnected")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height})
        context.route("**/*", only_local)
        page = context.new_page()
        try:
            yield page, blocked
        finally:
            browser.close()


def map_frame(page, timeout_ms: int = 60_000):
    """The map component's iframe, once Leaflet has drawn the map inside it."""
    page.wait_for_selector("iframe[title*='map_component']", timeout=timeout_ms)
    frame = page.frame_locator("iframe[title*='map_component']")
    frame.locator(".leaflet-container").wait_for(timeout=timeout_ms)
    return frame


# True once the map shows its events: icon markers or clusters (few events), or the canvas
# layer of many events with something drawn (mapping/runtime.js cd.PointLayer).
EVENTS_DRAWN_JS = """() => !!document.querySelector('.cd-ev-wrap, .cd-cluster') ||
  !!(window.cd && cd.map && cd.PointLayer && Object.values(cd.map._layers).some(
      l => l instanceof cd.PointLayer && l._cells && l._cells.size > 0))"""


def wait_for_events(page, timeout_ms: int = 60_000) -> None:
    """Wait until the map in ``page`` has drawn its events (see EVENTS_DRAWN_JS)."""
    from playwright.sync_api import Error as PlaywrightError

    page.wait_for_selector("iframe[title*='map_component']", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "map_component" in frame.url:
                try:
                    if frame.evaluate(EVENTS_DRAWN_JS):
                        return
                except PlaywrightError:  # the frame is still loading, or reloading
                    continue
        page.wait_for_timeout(50)
    raise TimeoutError("the map drew no events")


# True once the geodata layers are drawn: no layer file still on its way (mapping/runtime.js)
# and features projected on the map (painted on a canvas: no element per feature to wait for).
LAYERS_DRAWN_JS = """() => !!(window.cd && cd.map && cd.pendingLayers === 0 &&
  Object.values(cd.map._layers).some(l => l.feature && l._pxBounds))"""


def wait_for_layers(page, timeout_ms: int = 30_000) -> None:
    """Wait until the map (in the app's map frame, or ``page`` itself for a standalone
    export) has drawn its geodata layers."""
    frame = next((f for f in page.frames if "map_component" in f.url), page)
    frame.wait_for_function(
        "() => !!(window.cd && cd.map && cd.pendingLayers === 0)", timeout=timeout_ms
    )
    failed = frame.locator(".cd-layer-error:not(.cd-tiles-missing)").all_inner_texts()
    assert not failed, failed  # a layer file that did not arrive or could not be read
    frame.wait_for_function(LAYERS_DRAWN_JS, timeout=timeout_ms)


# True once the script has finished its run and no element is left faded from the one before.
APP_IDLE_JS = """() => !document.querySelector(
  '[data-testid=stStatusWidgetRunningIcon], [data-testid=stStatusWidgetRunningManIcon], [data-stale=true]')"""


def app_idle(page, timeout_ms: int = 30_000) -> None:
    """Wait until the app is not running a script and shows nothing stale (Streamlit fades
    what the last run has not redrawn yet, which changes every pixel of the map)."""
    page.wait_for_function(APP_IDLE_JS, timeout=timeout_ms)


def settle(page, timeout_ms: int = 10_000) -> None:
    """Wait until the map's web fonts (the icons) have loaded, before a screenshot."""
    for frame in page.frames:
        if "map_component" in frame.url:
            frame.wait_for_function("() => document.fonts.status === 'loaded'", timeout=timeout_ms)
    page.wait_for_timeout(300)
