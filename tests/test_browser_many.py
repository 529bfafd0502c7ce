"""Many events in headless Chromium (offline): above ICON_LIMIT the events are one canvas
layer, merged into numbered bubbles where they crowd. Hovering explains a bubble, a click
zooms into it, and a click on a single dot opens that event's source in the app. The map
layers come from files the app serves, not from the page."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from caspian_dash.extract import events_to_geojson
from caspian_dash.mapping.events import ICON_LIMIT
from tools.browser import (
    ROOT,
    chromium_path,
    map_frame,
    offline_page,
    running_app,
    wait_for_layers,
)

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "browser"
N_EVENTS = 3000

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (make browser)", allow_module_level=True)

# The drawn dots and bubbles of the events layer, in map-container pixels, biggest first.
CELLS_JS = """(single) => {
  const layer = Object.values(cd.map._layers).find(l => l instanceof cd.PointLayer);
  if (!layer || !layer._cells) return null;
  const size = cd.map.getSize(), out = [];
  layer._cells.forEach(c => {
    const x = c.x - layer._f.off.x, y = c.y - layer._f.off.y;
    // away from the edges and the legend (bottom left) and layer list (top right)
    if (x < 320 || y < 60 || x > size.x - 80 || y > size.y - 40) return;
    if ((c.n === 1) === single) out.push({x, y, n: c.n});
  });
  return out.sort((a, b) => b.n - a.n);
}"""

# The events layer was last drawn for the view the map shows now: no zoom or flight under
# way (a fixed pause is not enough on a busy machine, and stale cells point at nothing).
DRAWN_JS = """(zoom) => {
  const layer = Object.values(cd.map._layers).find(l => l instanceof cd.PointLayer);
  if (!layer || !layer._f || cd.map.getZoom() <= zoom) return false;
  const now = layer._frame();
  return now.scale === layer._f.scale && now.origin.equals(layer._f.origin);
}"""


def _zoom_in_at(page, frame, x: float, y: float) -> None:
    """Click a bubble and wait until the map has zoomed in and redrawn its events."""
    zoom = frame.evaluate("() => cd.map.getZoom()")
    page.mouse.click(x, y)
    frame.wait_for_function(DRAWN_JS, arg=zoom, timeout=15_000)


@pytest.fixture(scope="module")
def many_events(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from map_browser import make_events  # real seed events re-dated and re-placed

    path = tmp_path_factory.mktemp("many") / "events.geojson"
    path.write_text(json.dumps(events_to_geojson(make_events(N_EVENTS))))
    return path


def _frame(page):
    return next(f for f in page.frames if "map_component" in f.url)


def test_many_events_are_bubbles_that_zoom_in_and_dots_that_select(many_events):
    assert N_EVENTS > ICON_LIMIT
    with (
        running_app(env={"CASPIAN_DASH_EVENTS": str(many_events)}, timeout=180) as url,
        offline_page() as (page, blocked),
    ):
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        fetched: list[str] = []
        page.on("requestfinished", lambda r: fetched.append(r.url))
        page.goto(url)
        locator = map_frame(page, 120_000)
        wait_for_layers(page, 60_000)
        frame = _frame(page)
        frame.wait_for_function(f"() => (({CELLS_JS})(false) || []).length > 0", timeout=60_000)
        # The states and the other layers arrived as files, not inside the map's script.
        assert sum("/app/static/generated/" in u for u in fetched) >= 5, fetched
        assert frame.locator(".cd-ev-wrap").count() == 0  # no icon markers at this size

        box = page.locator("iframe[title*='map_component']").bounding_box()
        bubble = frame.evaluate(CELLS_JS, False)[0]
        assert bubble["n"] > 1
        page.mouse.move(box["x"] + bubble["x"], box["y"] + bubble["y"])
        tip = locator.locator(".leaflet-tooltip-top")  # ours opens above the bubble
        tip.wait_for(timeout=5_000)
        # a port or field under the bubble had its tooltip open for a moment: it is closed
        frame.wait_for_function(
            "() => document.querySelectorAll('.leaflet-tooltip').length === 1", timeout=5_000
        )
        assert f"{bubble['n']} events" in tip.inner_text()
        assert "click to zoom in" in tip.inner_text()

        _zoom_in_at(page, frame, box["x"] + bubble["x"], box["y"] + bubble["y"])

        # Zoom in until single dots show, then hover and click one.
        for _ in range(6):
            dots = frame.evaluate(CELLS_JS, True)
            if dots:
                break
            bubble = frame.evaluate(CELLS_JS, False)[0]
            _zoom_in_at(page, frame, box["x"] + bubble["x"], box["y"] + bubble["y"])
        assert dots, "no single event dot after zooming in"
        dot = dots[0]
        # A step beside it first: the last click may have left the pointer right where the
        # dot is drawn now, and a move to where the pointer already is fires no hover.
        page.mouse.move(box["x"] + dot["x"] + 4, box["y"] + dot["y"] + 4)
        page.mouse.move(box["x"] + dot["x"], box["y"] + dot["y"])
        tip.wait_for(timeout=5_000)
        assert "click for its source" in tip.inner_text()
        page.mouse.click(box["x"] + dot["x"], box["y"] + dot["y"])
        page.get_by_text("source sentence(s)").first.wait_for(timeout=30_000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "many_events_selected.png"))
        assert not errors, errors
        assert not blocked, blocked


def test_standalone_export_of_many_events_draws_offline(many_events):
    """The exported map opened from disk (no app, no network): layers inline, events as
    bubbles and dots, a click on a dot shows what it is."""
    from caspian_dash import geodata
    from caspian_dash.documents.events_io import load_events
    from caspian_dash.mapping import full_map
    from caspian_dash.view import make_view
    from caspian_dash.view.exports import standalone_html
    from caspian_dash.view.filters import Filters

    layers, _ = geodata.load_layers()
    view = make_view(layers, load_events(many_events), [], Filters())
    html = standalone_html(full_map(layers, view).get_root().render())
    with offline_page() as (page, blocked):
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_content(html)
        wait_for_layers(page)
        page.wait_for_function(
            f"() => (({CELLS_JS})(false) || []).length > 0",
            timeout=30_000,
        )
        assert not page.evaluate("() => cd.inApp()")
        for _ in range(6):  # zoom in on the biggest bubble until single dots show
            bubbles = page.evaluate(CELLS_JS, False) or []
            page.evaluate(
                """(b) => { b ? cd.map.setZoomAround(L.point(b.x, b.y),
                                                            cd.map.getZoom() + 2, {animate: false})
                                       : cd.map.setZoom(cd.map.getZoom() + 2, {animate: false}); }""",
                bubbles[0] if bubbles else None,
            )
            page.wait_for_timeout(300)
            dots = page.evaluate(CELLS_JS, True)
            if dots:
                break
        assert dots
        page.mouse.click(dots[0]["x"], dots[0]["y"])
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(timeout=5_000)
        assert " · " in popup.inner_text() and "source" not in popup.inner_text()
        assert not errors, errors
        assert not blocked, blocked
