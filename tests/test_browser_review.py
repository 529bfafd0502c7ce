"""Review, as seen in headless Chromium (network cut off): a place edited by a click on the
map moves the event's icon there, with the edited badge; a rejected event leaves the map
and the count."""

from __future__ import annotations

import os
import shutil

import pytest

from caspian_dash.documents.corpus import load_folder
from tools.browser import (
    ROOT,
    chromium_path,
    map_frame,
    offline_page,
    running_app,
    settle,
    wait_for_layers,
)

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "browser"
EDITED = "rgb(217, 122, 0)"  # styles.REVIEW_MARK["edited"]

if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed (make browser)", allow_module_level=True)


@pytest.fixture
def app(tmp_path):
    """The app on a copy of the seeds (its review database starts empty), and the events."""
    folder = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", folder)
    env = {"CASPIAN_DASH_DOCS": str(folder), "CASPIAN_DASH_CACHE": str(tmp_path / "cache")}
    events = load_folder(folder, tmp_path / "cache")[1]
    with running_app(env) as url:
        yield url, events


def _open(page, url):
    page.goto(url)
    map_frame(page)
    wait_for_layers(page)
    settle(page)
    return next(f for f in page.frames if "map_component" in f.url)


def _shown(page) -> int:
    return int(page.get_by_test_id("stMetricValue").first.inner_text())


def _markers(frame) -> int:
    singles = frame.locator(".cd-ev-wrap").count()
    bubbles = frame.locator(".cd-cluster div").all_inner_texts()
    return singles + sum(int(t) for t in bubbles if t.strip())


def test_a_place_picked_on_the_map_moves_the_event_there(app):
    url, events = app
    event = next(e for e in events if e.place == "Baku" and e.geo_precision == "site")
    with offline_page(1600, 1000) as (page, _):
        frame = _open(page, f"{url}/?event={event.id}")
        page.get_by_role("radio", name="Edit", exact=True).click()
        page.get_by_text("Pick the place on the map").click()
        frame.wait_for_function(
            "() => cd.map.getContainer().style.cursor === 'crosshair'", timeout=30_000
        )
        # a point of the Absheron coast north-west of Baku, empty of events at this zoom
        target = (40.95, 48.6)
        x, y = frame.evaluate(
            "([lat, lon]) => { var p = cd.map.latLngToContainerPoint([lat, lon]); "
            "return [p.x, p.y]; }",
            list(target),
        )
        before = frame.locator(".cd-ev-wrap").count()
        map_frame(page).locator(".leaflet-container").click(position={"x": x, "y": y})
        latitude = page.get_by_label("Latitude")
        page.wait_for_function(
            "(el) => Math.abs(parseFloat(el.value) - 40.95) < 0.05",
            arg=latitude.element_handle(),
            timeout=30_000,
        )
        assert page.get_by_label("Place", exact=True).input_value().startswith("near ")
        page.get_by_role("button", name="Save the changes").click()
        # the edited badge is painted where the click was
        badge = frame.locator(".cd-rv")
        badge.first.wait_for(timeout=30_000)
        settle(page)
        box = frame.locator(".cd-ev-wrap", has=frame.locator(".cd-rv")).first.bounding_box()
        frame_box = map_frame(page).locator(".leaflet-container").bounding_box()
        assert box is not None and frame_box is not None
        # the icon's centre, in the map's pixels, on the clicked point (the map did not move
        # on a save: the event stays the one in view)
        cx, cy = frame.evaluate(
            "([lat, lon]) => { var p = cd.map.latLngToContainerPoint([lat, lon]); "
            "return [p.x, p.y]; }",
            list(target),
        )
        icon = frame.evaluate(
            "() => { var el = document.querySelector('.cd-rv').parentElement; "
            "var r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }"
        )
        assert abs(icon[0] - cx) < 4 and abs(icon[1] - cy) < 4
        colour = frame.evaluate(
            "() => getComputedStyle(document.querySelector('.cd-rv')).backgroundColor"
        )
        assert colour == EDITED
        assert frame.locator(".cd-ev-wrap").count() >= before
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "review_place_picked.png"))


def test_a_rejected_event_leaves_the_map_and_the_count(app):
    url, events = app
    event = next(e for e in events if e.lat is not None)
    with offline_page(1600, 1000) as (page, _):
        frame = _open(page, f"{url}/?event={event.id}")
        count, drawn = _shown(page), _markers(frame)
        page.get_by_role("radio", name="Reject", exact=True).click()
        page.get_by_label("Why is it wrong? (required)").fill("a plan, not an event")
        page.get_by_role("button", name="Reject this event").click()
        for _ in range(120):
            if _shown(page) == count - 1 and _markers(frame) == drawn - 1:
                break
            page.wait_for_timeout(250)
        assert _shown(page) == count - 1
        assert _markers(frame) == drawn - 1
        page.get_by_text("Show rejected").click()
        for _ in range(120):
            if _shown(page) == count and _markers(frame) == drawn:
                break
            page.wait_for_timeout(250)
        assert (_shown(page), _markers(frame)) == (count, drawn)
